"""The typed operations of a plan, each with its reason in Dutch and English.

    Operation
    ├── RegisterLocation              opvragen_rioIdentificatiecode (address), else
    │                                 aanleveren_onderwijslocatiegebruik
    ├── UpsertOpleidingseenheid       aanleveren_opleidingseenheid (create when code is None)
    ├── UpsertAangebodenOpleiding     aanleveren_aangebodenOpleiding (the full stand)
    ├── DeleteAangebodenOpleiding     verwijderen_aangebodenOpleiding
    ├── DeleteOpleidingseenheid       verwijderen_opleidingseenheid
    └── Await                         wait until RIO shows earlier writes (RIO is asynchronous)

``Await`` is a barrier: the executor must not run later operations before RIO shows the writes
it names (resolve the eigen sleutel, read the offering back, or see it gone).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from edudex_rio.mapping.stand import AangebodenOpleiding, Onderwijslocatie, Opleidingseenheid

__all__ = [
    "Await",
    "AwaitTarget",
    "DeleteAangebodenOpleiding",
    "DeleteOpleidingseenheid",
    "Operation",
    "Phase",
    "Plan",
    "Reason",
    "RegisterLocation",
    "UpsertAangebodenOpleiding",
    "UpsertOpleidingseenheid",
]

#: Where an operation sits in the order RIO accepts.
Phase = Literal[
    "locaties",
    "opleidingseenheden",
    "vertrek",  # cohorts leave the offerings they move away from
    "aangeboden",
    "sluiten_aangeboden",
    "sluiten_opleidingseenheden",
    "verwijderen",
]


@dataclass(frozen=True, kw_only=True, slots=True)
class Reason:
    """Why an operation is needed, in words a provider understands."""

    nl: str
    en: str


@dataclass(frozen=True, kw_only=True, slots=True)
class RegisterLocation:
    """Find the location's RIO code by address, else register its ``onderwijslocatiegebruik``."""

    locatie: Onderwijslocatie
    reason: Reason
    phase: Phase = "locaties"


@dataclass(frozen=True, kw_only=True, slots=True)
class UpsertOpleidingseenheid:
    """Send an opleidingseenheid (create when ``opleidingseenheid.code`` is ``None``)."""

    opleidingseenheid: Opleidingseenheid
    reason: Reason
    phase: Phase = "opleidingseenheden"

    @property
    def create(self) -> bool:
        return self.opleidingseenheid.code is None


@dataclass(frozen=True, kw_only=True, slots=True)
class UpsertAangebodenOpleiding:
    """Send an offering's full stand (periods and cohorts); a cohort left out is deleted."""

    aangeboden: AangebodenOpleiding
    reason: Reason
    phase: Phase = "aangeboden"


@dataclass(frozen=True, kw_only=True, slots=True)
class DeleteAangebodenOpleiding:
    """Delete an offering with its cohorts (explicit deletion instruction only)."""

    code: str
    programma: str
    reason: Reason
    phase: Phase = "verwijderen"


@dataclass(frozen=True, kw_only=True, slots=True)
class DeleteOpleidingseenheid:
    """Delete an opleidingseenheid we created, once RIO shows its offerings gone (P01810)."""

    eigen_sleutel: str
    code: str | None
    programma: str
    reason: Reason
    phase: Phase = "verwijderen"


AwaitTarget = Literal[
    "opleidingseenheid_zichtbaar",  # the created OE resolves by eigen sleutel (O-code known)
    "aangeboden_verwerkt",  # RIO shows the offerings' new stand
    "aangeboden_verwijderd",  # the offerings no longer resolve
]


@dataclass(frozen=True, kw_only=True, slots=True)
class Await:
    """Barrier: wait until RIO shows the writes to ``keys`` (eigen sleutels or AO codes)."""

    target: AwaitTarget
    keys: tuple[str, ...]
    reason: Reason
    phase: Phase


Operation = (
    RegisterLocation
    | UpsertOpleidingseenheid
    | UpsertAangebodenOpleiding
    | DeleteAangebodenOpleiding
    | DeleteOpleidingseenheid
    | Await
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Plan:
    """Operations in an order RIO accepts. Empty when nothing changed."""

    operations: tuple[Operation, ...] = ()

    def __iter__(self) -> Iterator[Operation]:
        return iter(self.operations)

    def __len__(self) -> int:
        return len(self.operations)

    def __bool__(self) -> bool:
        return bool(self.operations)
