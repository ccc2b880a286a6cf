"""Pure planning: desired vs last-sent RIO stand → ordered, explained operations."""

from __future__ import annotations

from edudex_rio.planning.apply import apply
from edudex_rio.planning.operations import (
    Await,
    AwaitTarget,
    DeleteAangebodenOpleiding,
    DeleteOpleidingseenheid,
    Operation,
    Phase,
    Plan,
    Reason,
    RegisterLocation,
    UpsertAangebodenOpleiding,
    UpsertOpleidingseenheid,
)
from edudex_rio.planning.plan import plan

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
    "apply",
    "plan",
]
