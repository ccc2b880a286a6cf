"""The store seen as the mapping's inputs: the last-sent stand, rejected locations, deletions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from edudex_rio.mapping import DeletionInstruction, History, RioStand
from edudex_rio.store import Store
from edudex_rio.store import records as r
from edudex_rio.sync.codec import decode_aangeboden, decode_locatie, decode_opleidingseenheid
from edudex_rio.sync.execute import KIND_AO, KIND_LOCATIE, KIND_OE

__all__ = ["LOCATION_RECHECK", "deletion_instructions", "load_history"]

#: An address RIO could not place is tried again after this long (the BAG grows).
LOCATION_RECHECK = dt.timedelta(days=7)

_LIVE = (r.ObjectState.ACCEPTED, r.ObjectState.CONFIRMED)


def load_history(store: Store, provider_id: int, *, now: dt.datetime) -> History:
    """The stand as last sent (objects RIO accepted and that were not deleted since)."""
    locaties, oes, aos = {}, {}, {}
    for obj in store.rio_objects(provider_id):
        if obj.state not in _LIVE or not obj.stand:
            continue
        if obj.kind == KIND_LOCATIE:
            locaties[obj.key] = decode_locatie(obj.stand)
        elif obj.kind == KIND_OE:
            oes[obj.key] = decode_opleidingseenheid(obj.stand)
        elif obj.kind == KIND_AO:
            aos[obj.key] = decode_aangeboden(obj.stand)
    rejected = {
        key: loc.address.get("message", "A01010")
        for key, loc in store.locations(provider_id).items()
        if loc.status is r.LocationStatus.NOT_FOUND and now - loc.checked_at < LOCATION_RECHECK
    }
    stand = RioStand(
        locaties=dict(sorted(locaties.items())),
        opleidingseenheden=dict(sorted(oes.items())),
        aangeboden=dict(sorted(aos.items())),
    )
    return History(stand=stand, rejected_locations=rejected)


def deletion_instructions(
    store: Store,
    provider_id: int,
    org_unit_id: str,
    stand: RioStand,
    *,
    now: dt.datetime,
    fail: Callable[[r.DeletionInstruction, str], None] | None = None,
) -> tuple[list[DeletionInstruction], dict[int, r.DeletionInstruction]]:
    """Instructions in force, as the mapping takes them, and the records by id.

    An instruction stays in force once carried out (else the next sync would create the object
    again). One that names nothing edudex-rio sent is marked failed.
    """
    out: list[DeletionInstruction] = []
    records: dict[int, r.DeletionInstruction] = {}
    instructions = store.deletion_instructions(provider_id)
    known: dict[tuple[str, str], str] = {}  # (kind, key or code) → programma, deleted ones too
    if instructions:
        for obj in store.rio_objects(provider_id, include_deleted=True):
            if obj.program_id:
                known[(obj.kind, obj.key.lower())] = obj.program_id
                if obj.code:
                    known[(obj.kind, obj.code.lower())] = obj.program_id
    for ins in instructions:
        if ins.status is r.DeletionStatus.FAILED:
            continue
        programma: str | None = None
        aangeboden: str | None = None
        if ins.target is r.DeletionTarget.AANGEBODEN_OPLEIDING:
            code = ins.code.lower()
            ao = stand.aangeboden.get(code)
            if ao is not None:
                programma, aangeboden = ao.programma, code
            elif (KIND_AO, code) in known:
                programma, aangeboden = known[(KIND_AO, code)], code
        else:
            for sleutel, oe in stand.opleidingseenheden.items():
                if ins.code in (oe.code, sleutel):
                    programma = oe.programma
            if programma is None and ins.code:
                programma = known.get((KIND_OE, ins.code.lower()))
            if programma is None and ins.program_id:
                programma = f"{org_unit_id}/{ins.program_id}"
        if programma is None:
            problem = "edudex-rio heeft dit object niet in RIO gezet"
            store.set_deletion_status(ins.id, r.DeletionStatus.FAILED, now=now, error=problem)
            if fail is not None:
                fail(ins, problem)
            continue
        out.append(DeletionInstruction(programma=programma, aangeboden_code=aangeboden))
        records[ins.id] = ins
    return out, records
