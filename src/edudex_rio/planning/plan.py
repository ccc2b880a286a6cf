"""``plan``: the desired stand vs the last-sent stand → operations in an order RIO accepts.

Pure and deterministic. The order (one phase after the other):

1. ``locaties``: new teaching locations (code by address, else register the use);
2. ``opleidingseenheden``: new and changed opleidingseenheden, then an :class:`Await` until RIO
   shows the new ones (A01070: an OE exists before its offerings);
3. ``vertrek``: offerings that cohorts move away from, sent without them (and without cohorts
   that join them from elsewhere), then an ``Await``: the removal is confirmed before the
   cohort joins its new offering (N11421);
4. ``aangeboden``: new and changed offerings (incl. the ones cohorts join, reopenings);
5. ``sluiten_aangeboden``: offerings that close, then an ``Await``;
6. ``sluiten_opleidingseenheden``: opleidingseenheden that close (P01410: after their offerings);
7. ``verwijderen``: deletion instructions: offerings, an ``Await`` until they are gone, then
   opleidingseenheden (P01810).

Nothing changed → an empty plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from edudex_rio.mapping.stand import AangebodenOpleiding, Opleidingseenheid, RioStand
from edudex_rio.planning.operations import (
    Await,
    DeleteAangebodenOpleiding,
    DeleteOpleidingseenheid,
    Operation,
    Plan,
    Reason,
    RegisterLocation,
    UpsertAangebodenOpleiding,
    UpsertOpleidingseenheid,
)
from edudex_rio.planning.reasons import (
    aangeboden_reason,
    location_reason,
    opleidingseenheid_reason,
)

__all__ = ["closes", "plan"]


def closes(
    desired: AangebodenOpleiding | Opleidingseenheid,
    last: AangebodenOpleiding | Opleidingseenheid | None,
) -> bool:
    """The write sets or brings forward an ``einddatum`` (so it must wait for what it contains)."""
    if desired.einddatum is None:
        return False
    return last is None or last.einddatum is None or desired.einddatum < last.einddatum


def _where(ao: AangebodenOpleiding) -> str:
    return f"{ao.location_label} ({ao.leertraject})" if ao.leertraject else ao.location_label


def _other(other: AangebodenOpleiding, ao: AangebodenOpleiding) -> str:
    """Where a moving cohort comes from or goes to, as seen from ``ao``: the location, plus the
    programme type when that is what differs (a type change at the same location)."""
    where = _where(other)
    return f"{where} [{other.kind}]" if where == _where(ao) else where


def _locations(
    stand: RioStand,
) -> dict[str, str]:
    return {c: ao.code for ao in stand.aangeboden.values() for c in ao.cohortcodes}


def _order(ao: AangebodenOpleiding) -> tuple[str, str]:
    return ao.programma, ao.code


def plan(desired: RioStand, last_sent: RioStand, now: dt.datetime) -> Plan:
    """The operations that bring RIO from ``last_sent`` to ``desired``.

    ``now`` is the moment of planning (never read from a clock); a removed cohort that already
    started by then is called out in its reason (only a deletion instruction removes one).
    """
    ops: list[Operation] = []
    for key, locatie in desired.locaties.items():
        if last_sent.locaties.get(key) != locatie:
            ops.append(RegisterLocation(locatie=locatie, reason=location_reason(locatie)))

    waits: list[str] = []
    oe_closings: list[UpsertOpleidingseenheid] = []
    for sleutel, oe in desired.opleidingseenheden.items():
        last_oe = last_sent.opleidingseenheden.get(sleutel)
        if last_oe == oe:
            continue
        reason = opleidingseenheid_reason(oe, last_oe)
        if closes(oe, last_oe):
            oe_closings.append(
                UpsertOpleidingseenheid(
                    opleidingseenheid=oe, reason=reason, phase="sluiten_opleidingseenheden"
                )
            )
            continue
        ops.append(UpsertOpleidingseenheid(opleidingseenheid=oe, reason=reason))
        if (
            last_oe is None
            or oe.code is None
            or oe.begindatum != last_oe.begindatum
            or (oe.einddatum != last_oe.einddatum)
        ):
            waits.append(sleutel)
    if waits:
        ops.append(
            Await(
                target="opleidingseenheid_zichtbaar",
                keys=tuple(waits),
                reason=Reason(
                    nl="wachten tot RIO de opleiding toont (RIO verwerkt asynchroon)",
                    en="waiting until RIO shows the programme (RIO processes asynchronously)",
                ),
                phase="opleidingseenheden",
            )
        )

    desired_at = _locations(desired)
    last_at = _locations(last_sent)
    moving = {c for c, code in desired_at.items() if c in last_at and last_at[c] != code}
    leaving = {last_at[c] for c in moving}
    changed = sorted(
        (ao for code, ao in desired.aangeboden.items() if last_sent.aangeboden.get(code) != ao),
        key=_order,
    )

    def reason_for(ao: AangebodenOpleiding) -> Reason:
        last_ao = last_sent.aangeboden.get(ao.code)
        elsewhere: dict[str, str] = {}
        for c in ao.cohortcodes & moving:
            elsewhere[c] = _other(last_sent.aangeboden[last_at[c]], ao)
        if last_ao is not None:
            for c in last_ao.cohortcodes & moving:
                elsewhere[c] = _other(desired.aangeboden[desired_at[c]], ao)
        return aangeboden_reason(
            ao, last_ao, elsewhere=elsewhere, previous_kind=_previous_kind(ao, last_sent)
        )

    vertrek = [ao for ao in changed if ao.code in leaving]
    joined_later: set[str] = set()
    for ao in vertrek:
        # An offering that cohorts leave may also be joined by others (two runs swap places):
        # it is first sent without the joining ones, which follow once their removal elsewhere
        # is confirmed (N11421).
        joining = {c for c in ao.cohortcodes & moving if last_at[c] != ao.code}
        first = ao
        if joining:
            kept = tuple(c for c in ao.cohorten if c.cohortcode not in joining)
            first = replace(
                ao,
                cohorten=kept,
                eerste_instroomdatum=min((c.instroommoment for c in kept), default=None),
            )
            joined_later.add(ao.code)
        ops.append(
            UpsertAangebodenOpleiding(aangeboden=first, reason=reason_for(first), phase="vertrek")
        )
    if vertrek:
        ops.append(
            Await(
                target="aangeboden_verwerkt",
                keys=tuple(ao.code for ao in vertrek),
                reason=Reason(
                    nl="wachten tot RIO de verhuisde runs uit het oude aanbod heeft gehaald",
                    en="waiting until RIO has taken the moved runs out of their old offering",
                ),
                phase="vertrek",
            )
        )
    closing: list[AangebodenOpleiding] = []
    for ao in changed:
        if ao.code in leaving and ao.code not in joined_later:
            continue
        if closes(ao, last_sent.aangeboden.get(ao.code)):
            closing.append(ao)
        else:
            ops.append(UpsertAangebodenOpleiding(aangeboden=ao, reason=reason_for(ao)))
    for ao in closing:
        ops.append(
            UpsertAangebodenOpleiding(
                aangeboden=ao, reason=reason_for(ao), phase="sluiten_aangeboden"
            )
        )
    if oe_closings and (closing or vertrek):
        ops.append(
            Await(
                target="aangeboden_verwerkt",
                keys=tuple(ao.code for ao in [*vertrek, *closing]),
                reason=Reason(
                    nl="wachten tot RIO het aanbod heeft gesloten, dan pas de opleiding",
                    en="waiting until RIO has closed the offerings before the programme",
                ),
                phase="sluiten_aangeboden",
            )
        )
    ops += oe_closings
    ops += _deletions(desired, last_sent)
    return Plan(operations=tuple(ops))


def _previous_kind(ao: AangebodenOpleiding, last_sent: RioStand) -> str | None:
    if ao.code in last_sent.aangeboden:
        return None
    for other in last_sent.aangeboden.values():
        if other.programma == ao.programma and other.kind != ao.kind:
            return other.kind
    return None


def _deletions(desired: RioStand, last_sent: RioStand) -> list[Operation]:
    ops: list[Operation] = []
    gone = sorted(
        (ao for code, ao in last_sent.aangeboden.items() if code not in desired.aangeboden),
        key=_order,
    )
    for ao in gone:
        ops.append(
            DeleteAangebodenOpleiding(
                code=ao.code,
                programma=ao.programma,
                reason=Reason(
                    nl=f"verwijderinstructie: aanbod in {_where(ao)} wordt uit RIO verwijderd",
                    en=f"deletion instruction: offering in {_where(ao)} is deleted from RIO",
                ),
            )
        )
    oes: Mapping[str, Opleidingseenheid] = last_sent.opleidingseenheden
    gone_oes = [oe for s, oe in sorted(oes.items()) if s not in desired.opleidingseenheden]
    if gone and gone_oes:
        ops.append(
            Await(
                target="aangeboden_verwijderd",
                keys=tuple(ao.code for ao in gone),
                reason=Reason(
                    nl="wachten tot RIO het aanbod niet meer toont, dan pas de opleiding",
                    en="waiting until RIO no longer shows the offerings before the programme",
                ),
                phase="verwijderen",
            )
        )
    for oe in gone_oes:
        ops.append(
            DeleteOpleidingseenheid(
                eigen_sleutel=oe.eigen_sleutel,
                code=oe.code,
                programma=oe.programma,
                reason=Reason(
                    nl=f"verwijderinstructie: opleiding {oe.naam!r} wordt uit RIO verwijderd",
                    en=f"deletion instruction: programme {oe.naam!r} is deleted from RIO",
                ),
            )
        )
    return ops
