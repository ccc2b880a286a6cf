"""Outbox part of the repository: record intents, then outcomes, through one transition point."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from edudex_rio.store import models, records
from edudex_rio.store._base import RepositoryBase, stand_hash, to_operation
from edudex_rio.store.outbox import ACTIVE, OperationStatus, check_transition

__all__ = ["OutboxRepository"]


def _transition(row: models.OperationRow, target: OperationStatus, now: dt.datetime) -> None:
    """The one place an operation's status changes."""
    row.status = check_transition(OperationStatus(row.status), target).value
    row.updated_at = now


class OutboxRepository(RepositoryBase):
    def enqueue(
        self,
        provider_id: int,
        sync_run_id: int | None,
        operations: Sequence[records.NewOperation],
        *,
        now: dt.datetime,
    ) -> list[records.Operation]:
        """Record intents (status ``planned``) in order, in one transaction."""
        with self._tx() as s:
            last = s.scalar(
                select(func.max(models.OperationRow.seq)).where(
                    models.OperationRow.provider_id == provider_id
                )
            )
            seq = (last or 0) + 1
            rows = []
            for op in operations:
                row = models.OperationRow(
                    provider_id=provider_id,
                    sync_run_id=sync_run_id,
                    seq=seq,
                    operation=op.operation,
                    object_kind=op.object_kind,
                    object_key=op.object_key,
                    program_id=op.program_id,
                    payload=op.payload,
                    reason=op.reason,
                    status=OperationStatus.PLANNED.value,
                    attempts=0,
                    result={},
                    created_at=now,
                    updated_at=now,
                )
                s.add(row)
                rows.append(row)
                seq += 1
            s.flush()
            return [to_operation(r) for r in rows]

    def operation(self, operation_id: int) -> records.Operation:
        with self._tx() as s:
            return to_operation(s.get_one(models.OperationRow, operation_id))

    def operations(
        self,
        provider_id: int,
        *,
        sync_run_id: int | None = None,
        statuses: Sequence[OperationStatus] | None = None,
    ) -> list[records.Operation]:
        """Operations of a provider in sending order, optionally of one run / some statuses."""
        q = select(models.OperationRow).where(models.OperationRow.provider_id == provider_id)
        if sync_run_id is not None:
            q = q.where(models.OperationRow.sync_run_id == sync_run_id)
        if statuses is not None:
            q = q.where(models.OperationRow.status.in_([st.value for st in statuses]))
        with self._tx() as s:
            return [to_operation(r) for r in s.scalars(q.order_by(models.OperationRow.seq))]

    def latest_outcomes(
        self, provider_id: int, statuses: Sequence[OperationStatus]
    ) -> dict[tuple[str, str], records.Operation]:
        """Per object (kind, key): its newest operation among those with ``statuses``."""
        op = models.OperationRow
        newest = (
            select(func.max(op.id))
            .where(op.provider_id == provider_id, op.status.in_([st.value for st in statuses]))
            .group_by(op.object_kind, op.object_key)
        )
        with self._tx() as s:
            rows = s.scalars(select(op).where(op.id.in_(newest)))
            return {(r.object_kind, r.object_key): to_operation(r) for r in rows}

    def active_operations(self, provider_id: int) -> list[records.Operation]:
        """Operations still to send (planned, sending, retry_wait): what a resume picks up."""
        return self.operations(provider_id, statuses=sorted(ACTIVE))

    def unconfirmed_operations(self, provider_id: int) -> list[records.Operation]:
        return self.operations(provider_id, statuses=[OperationStatus.ACCEPTED])

    def _row(self, s: Session, operation_id: int) -> models.OperationRow:
        return s.get_one(models.OperationRow, operation_id, with_for_update=True)

    def begin_attempt(self, operation_id: int, *, now: dt.datetime) -> records.Operation:
        """``→ sending``, attempts + 1. Committed before the request leaves."""
        with self._tx() as s:
            row = self._row(s, operation_id)
            _transition(row, OperationStatus.SENDING, now)
            row.attempts += 1
            row.next_attempt_at = None
            return to_operation(row)

    def record_accepted(
        self,
        operation_id: int,
        *,
        now: dt.datetime,
        code: str | None = None,
        stand: dict[str, Any] | None = None,
        parent_key: str | None = None,
        deleted: bool = False,
        result: dict[str, Any] | None = None,
    ) -> records.Operation:
        """``→ accepted`` and, in the same transaction, the object's new last-sent stand
        (or its deletion). ``code`` is RIO's code (e.g. the O-code RIO returned)."""
        with self._tx() as s:
            row = self._row(s, operation_id)
            _transition(row, OperationStatus.ACCEPTED, now)
            row.result = dict(result or {}) | ({"code": code} if code else {})
            row.error_code = row.error_text = None
            obj = s.scalar(
                select(models.RioObjectRow).where(
                    models.RioObjectRow.provider_id == row.provider_id,
                    models.RioObjectRow.kind == row.object_kind,
                    models.RioObjectRow.key == row.object_key,
                )
            )
            if obj is None:
                obj = models.RioObjectRow(
                    provider_id=row.provider_id,
                    kind=row.object_kind,
                    key=row.object_key,
                    stand={},
                    stand_hash=stand_hash({}),
                )
                s.add(obj)
            if deleted:
                obj.state = records.ObjectState.DELETE_ACCEPTED.value
            else:
                obj.state = records.ObjectState.ACCEPTED.value
                new_stand = stand if stand is not None else dict(row.payload.get("stand", {}))
                obj.stand = new_stand
                obj.stand_hash = stand_hash(new_stand)
            obj.code = code or obj.code
            obj.program_id = row.program_id or obj.program_id
            obj.parent_key = parent_key or obj.parent_key
            obj.sent_at = now
            obj.confirmed_at = None
            obj.updated_at = now
            return to_operation(row)

    def record_retry(
        self,
        operation_id: int,
        *,
        now: dt.datetime,
        retry_at: dt.datetime,
        error_code: str | None,
        error_text: str,
    ) -> records.Operation:
        with self._tx() as s:
            row = self._row(s, operation_id)
            _transition(row, OperationStatus.RETRY_WAIT, now)
            row.next_attempt_at = retry_at
            row.error_code, row.error_text = error_code, error_text
            return to_operation(row)

    def record_failure(
        self,
        operation_id: int,
        *,
        now: dt.datetime,
        status: OperationStatus,
        error_code: str | None,
        error_text: str,
    ) -> records.Operation:
        """``→ rejected`` (RIO said no) or ``→ failed`` (gave up)."""
        if status not in (OperationStatus.REJECTED, OperationStatus.FAILED):
            raise ValueError(f"not a failure status: {status}")
        with self._tx() as s:
            row = self._row(s, operation_id)
            _transition(row, status, now)
            row.error_code, row.error_text = error_code, error_text
            return to_operation(row)

    def cancel(
        self, operation_ids: Sequence[int], *, now: dt.datetime, reason: str
    ) -> list[records.Operation]:
        with self._tx() as s:
            out = []
            for operation_id in operation_ids:
                row = self._row(s, operation_id)
                _transition(row, OperationStatus.CANCELLED, now)
                row.error_text = reason
                out.append(to_operation(row))
            return out

    def confirm(self, operation_id: int, *, now: dt.datetime) -> records.Operation:
        """``accepted → confirmed``: a read showed the write applied; the object follows."""
        with self._tx() as s:
            row = self._row(s, operation_id)
            _transition(row, OperationStatus.CONFIRMED, now)
            obj = s.scalar(
                select(models.RioObjectRow).where(
                    models.RioObjectRow.provider_id == row.provider_id,
                    models.RioObjectRow.kind == row.object_kind,
                    models.RioObjectRow.key == row.object_key,
                )
            )
            if obj is not None:
                if obj.state == records.ObjectState.DELETE_ACCEPTED.value:
                    obj.state = records.ObjectState.DELETED.value
                elif obj.state == records.ObjectState.ACCEPTED.value:
                    obj.state = records.ObjectState.CONFIRMED.value
                obj.confirmed_at = now
                obj.updated_at = now
            return to_operation(row)
