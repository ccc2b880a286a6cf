"""Shared plumbing of the repository: transactions and row → record conversion."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from edudex_rio.store import models, records
from edudex_rio.store.outbox import OperationStatus

__all__ = ["RepositoryBase", "stand_hash"]


def stand_hash(stand: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON form of a stand (key order does not matter)."""
    canonical = json.dumps(stand, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class RepositoryBase:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self._engine.dispose()


def to_provider(row: models.ProviderRow) -> records.Provider:
    return records.Provider(
        id=row.id,
        org_unit_id=row.org_unit_id,
        name=row.name,
        enabled=row.enabled,
        settings=dict(row.settings),
    )


def to_sync_run(row: models.SyncRunRow) -> records.SyncRun:
    return records.SyncRun(
        id=row.id,
        provider_id=row.provider_id,
        kind=row.kind,
        dry_run=row.dry_run,
        status=records.SyncRunStatus(row.status),
        started_at=row.started_at,
        finished_at=row.finished_at,
        summary=dict(row.summary),
    )


def to_rio_object(row: models.RioObjectRow) -> records.RioObject:
    return records.RioObject(
        kind=row.kind,
        key=row.key,
        code=row.code,
        program_id=row.program_id,
        parent_key=row.parent_key,
        state=records.ObjectState(row.state),
        stand=dict(row.stand),
        stand_hash=row.stand_hash,
        sent_at=row.sent_at,
        confirmed_at=row.confirmed_at,
    )


def to_operation(row: models.OperationRow) -> records.Operation:
    return records.Operation(
        id=row.id,
        provider_id=row.provider_id,
        sync_run_id=row.sync_run_id,
        seq=row.seq,
        operation=row.operation,
        object_kind=row.object_kind,
        object_key=row.object_key,
        program_id=row.program_id,
        payload=dict(row.payload),
        reason=row.reason,
        status=OperationStatus(row.status),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        error_code=row.error_code,
        error_text=row.error_text,
        result=dict(row.result),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def to_deletion(row: models.DeletionInstructionRow) -> records.DeletionInstruction:
    return records.DeletionInstruction(
        id=row.id,
        provider_id=row.provider_id,
        target=records.DeletionTarget(row.target),
        code=row.code,
        program_id=row.program_id,
        reason=row.reason,
        source=row.source,
        status=records.DeletionStatus(row.status),
        error=row.error,
        created_at=row.created_at,
        done_at=row.done_at,
    )
