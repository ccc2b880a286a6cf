"""``edudex-rio reconcile``: what RIO holds for a provider compared with what edudex-rio sent.

Read-only and batched: the paged listing of the bestuur's opleidingseenheden and of the
aanbieder's offerings. It names drift — objects edudex-rio sent that RIO no longer shows,
offerings whose cohorts or end date differ from the last-sent stand (edits in the RIO portal),
and records from other channels. Records that carry our keys are adopted by the next sync
(:func:`edudex_rio.sync.engine._adopt`), which then updates them instead of creating duplicates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from edudex_rio.rio import model as m
from edudex_rio.settings import ProviderSettings
from edudex_rio.store import Store
from edudex_rio.store import records as r
from edudex_rio.sync.execute import KIND_AO, KIND_OE
from edudex_rio.sync.rio import RioPort, call, opleidingseenheden

__all__ = ["Drift", "offerings", "reconcile"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Drift:
    kind: str
    """``missing`` (sent, not in RIO), ``changed`` (differs from what was sent) or ``foreign``
    (in RIO, not sent by edudex-rio)."""
    subject: str
    """``opleidingseenheid`` or ``aangeboden_opleiding``."""
    code: str
    nl: str
    en: str


def offerings(port: RioPort, aanbieder: str) -> Iterator[m.AangebodenOpleidingRead]:
    """Every offering of ``aanbieder`` RIO shows, page by page."""
    pagina = 0
    while True:
        response = call(
            port,
            m.OpvragenAangebodenOpleidingenVanOrganisatie(
                onderwijsaanbiedercode=aanbieder, pagina=pagina
            ),
        )
        assert isinstance(response, m.OpvragenAangebodenOpleidingenVanOrganisatieResponse)
        yield from response.aangeboden_opleidingen
        pagina += 1
        if response.paginering is None or pagina >= response.paginering.aantal_paginas:
            return


def reconcile(store: Store, provider: ProviderSettings, port: RioPort) -> list[Drift]:
    """Drift between the store's last-sent stand of ``provider`` and what RIO shows."""
    row = store.provider(provider.org_unit_id)
    live = (r.ObjectState.ACCEPTED, r.ObjectState.CONFIRMED)
    sent = [o for o in (store.rio_objects(row.id) if row else []) if o.state in live]
    sent_oes = {o.code: o for o in sent if o.kind == KIND_OE and o.code}
    sent_aos = {o.key: o for o in sent if o.kind == KIND_AO}
    out: list[Drift] = []
    shown_oes = {
        oe.opleidingseenheidcode: oe
        for oe in opleidingseenheden(port, provider.onderwijsbestuurcode)
    }
    for code in sorted(set(sent_oes) - set(shown_oes)):
        out.append(_drift("missing", KIND_OE, code, "opleiding", "programme"))
    for code, oe in sorted(shown_oes.items()):
        if code not in sent_oes and oe.herkomst_opleiding != "DUO":
            out.append(_drift("foreign", KIND_OE, code, "opleiding", "programme"))
    shown_aos = {
        ao.aangeboden_opleiding_code.lower(): ao
        for ao in offerings(port, provider.onderwijsaanbiedercode)
    }
    for code in sorted(set(sent_aos) - set(shown_aos)):
        out.append(_drift("missing", KIND_AO, code, "aanbod", "offering"))
    for code, ao in sorted(shown_aos.items()):
        obj = sent_aos.get(code)
        if obj is None:
            out.append(_drift("foreign", KIND_AO, code, "aanbod", "offering"))
            continue
        ours = {c["cohortcode"] for c in obj.stand.get("cohorten", [])}
        theirs = {c.cohortcode for c in ao.cohorten}
        end = ao.einddatum.isoformat() if ao.einddatum else None
        if ours != theirs or end != obj.stand.get("einddatum"):
            extra, lost = sorted(theirs - ours), sorted(ours - theirs)
            out.append(
                Drift(
                    kind="changed",
                    subject=KIND_AO,
                    code=code,
                    nl=f"aanbod {code} wijkt af van wat edudex-rio stuurde "
                    f"(extra startmomenten {extra}, ontbrekend {lost}, einddatum {end})",
                    en=f"offering {code} differs from what edudex-rio sent "
                    f"(extra start moments {extra}, missing {lost}, end date {end})",
                )
            )
    return out


def _drift(kind: str, subject: str, code: str, nl: str, en: str) -> Drift:
    text = {
        "missing": (
            f"{nl} {code} is door edudex-rio gestuurd maar staat niet (meer) in RIO",
            f"{en} {code} was sent by edudex-rio but RIO does not show it (any more)",
        ),
        "foreign": (
            f"{nl} {code} staat in RIO maar komt niet van edudex-rio (RIO-portaal of ander kanaal)",
            f"{en} {code} is in RIO but was not sent by edudex-rio (RIO portal or another channel)",
        ),
    }[kind]
    return Drift(kind=kind, subject=subject, code=code, nl=text[0], en=text[1])
