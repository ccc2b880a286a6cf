"""A dry run's plan as the XML payloads it would send (``edudex-rio sync --dry-run --xml DIR``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from edudex_rio.mapping.stand import RioStand
from edudex_rio.mapping.wire import (
    UnresolvedCode,
    render_aangeboden,
    render_adres,
    render_opleidingseenheid,
)
from edudex_rio.planning import (
    Await,
    DeleteAangebodenOpleiding,
    DeleteOpleidingseenheid,
    Operation,
    Plan,
    RegisterLocation,
    UpsertAangebodenOpleiding,
    UpsertOpleidingseenheid,
    apply,
)
from edudex_rio.rio import model as m
from edudex_rio.settings import ProviderSettings
from edudex_rio.sync.rio import write_request

__all__ = ["dump_plan", "request_of"]


def request_of(op: Operation, stand: RioStand, provider: ProviderSettings) -> m.Request | None:
    """The request a write sends, or ``None`` when it needs a code RIO has not assigned yet."""
    match op:
        case RegisterLocation(locatie=loc):
            return m.AanleverenOnderwijslocatiegebruik(
                onderwijslocatiegebruik=m.Onderwijslocatiegebruik(
                    onderwijsbestuurcode=provider.onderwijsbestuurcode,
                    in_bedrijfdatum=dt.date.today(),
                    aanduiding=render_adres(loc),
                )
            )
        case UpsertOpleidingseenheid(opleidingseenheid=oe):
            return m.AanleverenOpleidingseenheid(opleidingseenheid=render_opleidingseenheid(oe))
        case UpsertAangebodenOpleiding(aangeboden=ao):
            try:
                return m.AanleverenAangebodenOpleiding(
                    aangeboden_opleiding=render_aangeboden(ao, stand)
                )
            except UnresolvedCode:
                return None
        case DeleteAangebodenOpleiding(code=code):
            return m.VerwijderenAangebodenOpleiding(aangeboden_opleiding_code=code)
        case DeleteOpleidingseenheid(code=code):
            return (
                None if code is None else m.VerwijderenOpleidingseenheid(opleidingseenheidcode=code)
            )
    return None


def dump_plan(plan: Plan, folder: Path, provider: ProviderSettings, stand: RioStand) -> list[Path]:
    """Write the payload of each write the plan would send, starting from the last-sent
    ``stand`` (writes that need a code RIO has yet to assign are named in ``UNRESOLVED.txt``)."""
    written: list[Path] = []
    unresolved: list[str] = []
    for op in plan:
        if isinstance(op, Await):
            continue
        request = request_of(op, stand, provider)
        stand = apply(stand, [op])
        if request is None:
            unresolved.append(op.reason.en)
            continue
        written.append(write_request(request, folder, sender_oin=provider.oin))
    if unresolved:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "UNRESOLVED.txt").write_text(
            "Needs a code RIO assigns on creation:\n" + "\n".join(unresolved) + "\n",
            encoding="utf-8",
        )
    return written
