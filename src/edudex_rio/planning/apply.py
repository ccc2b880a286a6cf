"""``apply``: what the last-sent stand becomes once a plan's operations are carried out.

Pure. ``apply(last_sent, plan(desired, last_sent, now)) == desired`` is the property that ties
mapping, planning and the store together; the executor uses it to know the stand to record
after each confirmed operation (plus the codes RIO assigned).
"""

from __future__ import annotations

from collections.abc import Iterable

from edudex_rio.mapping.stand import RioStand
from edudex_rio.planning.operations import (
    Await,
    DeleteAangebodenOpleiding,
    DeleteOpleidingseenheid,
    Operation,
    RegisterLocation,
    UpsertAangebodenOpleiding,
    UpsertOpleidingseenheid,
)

__all__ = ["apply"]


def apply(last_sent: RioStand, operations: Iterable[Operation]) -> RioStand:
    """The stand after ``operations`` (a :class:`~edudex_rio.planning.operations.Plan` or part)."""
    locaties = dict(last_sent.locaties)
    oes = dict(last_sent.opleidingseenheden)
    aos = dict(last_sent.aangeboden)
    for op in operations:
        match op:
            case RegisterLocation(locatie=locatie):
                locaties[locatie.key] = locatie
            case UpsertOpleidingseenheid(opleidingseenheid=oe):
                oes[oe.eigen_sleutel] = oe
            case UpsertAangebodenOpleiding(aangeboden=ao):
                aos[ao.code] = ao
            case DeleteAangebodenOpleiding(code=code):
                aos.pop(code, None)
            case DeleteOpleidingseenheid(eigen_sleutel=sleutel):
                oes.pop(sleutel, None)
            case Await():
                pass
    return RioStand(
        locaties=dict(sorted(locaties.items())),
        opleidingseenheden=dict(sorted(oes.items())),
        aangeboden=dict(sorted(aos.items())),
    )
