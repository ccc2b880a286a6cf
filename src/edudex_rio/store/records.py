"""Records the store hands out and takes in: frozen, keyword-only dataclasses, no sessions."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

from edudex_rio.store.outbox import OperationStatus

__all__ = [
    "DeletionInstruction",
    "DeletionStatus",
    "DeletionTarget",
    "Location",
    "LocationStatus",
    "NewDeletionInstruction",
    "NewOperation",
    "ObjectState",
    "Operation",
    "ProgramRun",
    "ProgrammeSnapshot",
    "Provider",
    "ReportHeader",
    "RioObject",
    "StoredSignal",
    "SyncRun",
    "SyncRunStatus",
]


class ObjectState(enum.StrEnum):
    """Confirmation state of a RIO object's last-sent stand."""

    ACCEPTED = "accepted"
    """RIO accepted the write (requestGoedgekeurd); not yet seen in a read."""
    CONFIRMED = "confirmed"
    """A read showed the object as sent."""
    DELETE_ACCEPTED = "delete_accepted"
    """RIO accepted a verwijderen_*; not yet gone in a read."""
    DELETED = "deleted"
    """A read showed the object gone."""


class LocationStatus(enum.StrEnum):
    RESOLVED = "resolved"
    """RIO knew the address: onderwijslocatiecode found."""
    REGISTERED = "registered"
    """We registered its use (aanleveren_onderwijslocatiegebruik)."""
    NOT_FOUND = "not_found"
    """RIO cannot place the address (not in the BAG)."""


class SyncRunStatus(enum.StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class DeletionTarget(enum.StrEnum):
    AANGEBODEN_OPLEIDING = "aangebodenOpleiding"
    OPLEIDINGSEENHEID = "opleidingseenheid"


class DeletionStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, kw_only=True, slots=True)
class Provider:
    id: int
    org_unit_id: str
    name: str
    enabled: bool
    settings: dict[str, Any]


@dataclass(frozen=True, kw_only=True, slots=True)
class SyncRun:
    id: int
    provider_id: int
    kind: str
    dry_run: bool
    status: SyncRunStatus
    started_at: dt.datetime
    finished_at: dt.datetime | None
    summary: dict[str, Any]


@dataclass(frozen=True, kw_only=True, slots=True)
class ProgrammeSnapshot:
    program_id: str
    client_id: str
    content_hash: str
    last_change: dt.datetime | None
    first_seen_at: dt.datetime
    last_seen_at: dt.datetime
    removed_at: dt.datetime | None


@dataclass(frozen=True, kw_only=True, slots=True)
class RioObject:
    """Last-sent stand of one RIO object. ``key`` is our stable key (the eigen sleutel of an
    opleidingseenheid, the aangebodenOpleidingCode of an offering); ``code`` is RIO's code."""

    kind: str
    key: str
    code: str | None
    program_id: str | None
    parent_key: str | None
    state: ObjectState
    stand: dict[str, Any]
    stand_hash: str
    sent_at: dt.datetime | None
    confirmed_at: dt.datetime | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Location:
    location_key: str
    address: dict[str, Any]
    onderwijslocatiecode: str | None
    status: LocationStatus
    checked_at: dt.datetime


@dataclass(frozen=True, kw_only=True, slots=True)
class ProgramRun:
    run_id: str
    program_id: str
    cohortcode: str
    first_published: dt.date
    aangeboden_opleiding_code: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class NewOperation:
    """An intent to write to RIO, recorded before sending."""

    operation: str
    """The RIO operation, e.g. ``aanleveren_opleidingseenheid``."""
    object_kind: str
    object_key: str
    payload: dict[str, Any]
    """What to send (a stand, or the code to delete), JSON-serialisable."""
    program_id: str | None = None
    reason: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Operation:
    id: int
    provider_id: int
    sync_run_id: int | None
    seq: int
    operation: str
    object_kind: str
    object_key: str
    program_id: str | None
    payload: dict[str, Any]
    reason: str
    status: OperationStatus
    attempts: int
    next_attempt_at: dt.datetime | None
    error_code: str | None
    error_text: str | None
    result: dict[str, Any]
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, kw_only=True, slots=True)
class StoredSignal:
    """One row of a verwerkingsverslag as stored (texts are rendered from ``code`` + ``params``)."""

    level: str
    subject: str
    code: str
    program_id: str | None = None
    aangeboden_opleiding_code: str | None = None
    run_id: str | None = None
    location: str | None = None
    rio_code: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True, slots=True)
class ReportHeader:
    id: int
    sync_run_id: int
    provider_id: int
    created_at: dt.datetime
    mailed_at: dt.datetime | None


@dataclass(frozen=True, kw_only=True, slots=True)
class NewDeletionInstruction:
    target: DeletionTarget
    code: str
    program_id: str | None = None
    reason: str = ""
    source: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class DeletionInstruction:
    id: int
    provider_id: int
    target: DeletionTarget
    code: str
    program_id: str | None
    reason: str
    source: str
    status: DeletionStatus
    error: str | None
    created_at: dt.datetime
    done_at: dt.datetime | None
