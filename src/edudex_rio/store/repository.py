"""The store's repository API: every read and write the engine needs, as records in and out.

``Store.open(url)`` creates the engine and migrates the database; the core never sees a session.
Every method is one transaction. Pass ``now`` (aware UTC) in: the store never reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, select

from edudex_rio.store import migrate, models, records
from edudex_rio.store._base import (
    stand_hash,
    to_deletion,
    to_provider,
    to_rio_object,
    to_sync_run,
)
from edudex_rio.store._outbox_repo import OutboxRepository
from edudex_rio.store.engine import make_engine

__all__ = ["Store"]

_R = records


class Store(OutboxRepository):
    """The state store. Thread-safe: each call opens its own session."""

    @classmethod
    def open(cls, url: str, *, migrate_schema: bool = True) -> Store:
        engine = make_engine(url)
        if migrate_schema:
            migrate.upgrade(engine)
        return cls(engine)

    # -- providers -------------------------------------------------------------------------

    def upsert_provider(
        self,
        *,
        org_unit_id: str,
        name: str,
        enabled: bool,
        settings: dict[str, Any],
        now: dt.datetime,
    ) -> _R.Provider:
        with self._tx() as s:
            row = s.scalar(
                select(models.ProviderRow).where(models.ProviderRow.org_unit_id == org_unit_id)
            )
            if row is None:
                row = models.ProviderRow(org_unit_id=org_unit_id, created_at=now)
                s.add(row)
            row.name, row.enabled, row.settings, row.updated_at = name, enabled, settings, now
            s.flush()
            return to_provider(row)

    def provider(self, org_unit_id: str) -> _R.Provider | None:
        with self._tx() as s:
            row = s.scalar(
                select(models.ProviderRow).where(models.ProviderRow.org_unit_id == org_unit_id)
            )
            return None if row is None else to_provider(row)

    def providers(self) -> list[_R.Provider]:
        with self._tx() as s:
            q = select(models.ProviderRow).order_by(models.ProviderRow.org_unit_id)
            return [to_provider(r) for r in s.scalars(q)]

    # -- sync runs -------------------------------------------------------------------------

    def start_sync_run(
        self, provider_id: int, *, now: dt.datetime, kind: str = "sync", dry_run: bool = False
    ) -> _R.SyncRun:
        with self._tx() as s:
            row = models.SyncRunRow(
                provider_id=provider_id,
                kind=kind,
                dry_run=dry_run,
                status=_R.SyncRunStatus.RUNNING.value,
                started_at=now,
                summary={},
            )
            s.add(row)
            s.flush()
            return to_sync_run(row)

    def finish_sync_run(
        self,
        sync_run_id: int,
        *,
        status: _R.SyncRunStatus,
        now: dt.datetime,
        summary: dict[str, Any],
    ) -> _R.SyncRun:
        with self._tx() as s:
            row = s.get_one(models.SyncRunRow, sync_run_id)
            row.status, row.finished_at, row.summary = status.value, now, summary
            return to_sync_run(row)

    def sync_run(self, sync_run_id: int) -> _R.SyncRun:
        with self._tx() as s:
            return to_sync_run(s.get_one(models.SyncRunRow, sync_run_id))

    def sync_runs(self, provider_id: int, *, limit: int = 20) -> list[_R.SyncRun]:
        """Newest first."""
        q = (
            select(models.SyncRunRow)
            .where(models.SyncRunRow.provider_id == provider_id)
            .order_by(models.SyncRunRow.id.desc())
            .limit(limit)
        )
        with self._tx() as s:
            return [to_sync_run(r) for r in s.scalars(q)]

    # -- programme snapshots ---------------------------------------------------------------

    def snapshots(self, provider_id: int) -> dict[tuple[str, str], _R.ProgrammeSnapshot]:
        """Every programme ever seen, keyed by (programId, clientId); removed ones included."""
        q = select(models.ProgrammeRow).where(models.ProgrammeRow.provider_id == provider_id)
        with self._tx() as s:
            return {
                (r.program_id, r.client_id): _R.ProgrammeSnapshot(
                    program_id=r.program_id,
                    client_id=r.client_id,
                    content_hash=r.content_hash,
                    last_change=r.last_change,
                    first_seen_at=r.first_seen_at,
                    last_seen_at=r.last_seen_at,
                    removed_at=r.removed_at,
                )
                for r in s.scalars(q)
            }

    def record_snapshots(
        self,
        provider_id: int,
        seen: Iterable[tuple[str, str, str, dt.datetime | None]],
        *,
        now: dt.datetime,
        complete: bool = True,
    ) -> None:
        """Record (programId, clientId, hash, lastChange) of programmes in the catalogue. With
        ``complete`` the catalogue was read whole: programmes not in it are marked removed."""
        with self._tx() as s:
            rows = {
                (r.program_id, r.client_id): r
                for r in s.scalars(
                    select(models.ProgrammeRow).where(
                        models.ProgrammeRow.provider_id == provider_id
                    )
                )
            }
            present = set()
            for program_id, client_id, content_hash, last_change in seen:
                present.add((program_id, client_id))
                row = rows.get((program_id, client_id))
                if row is None:
                    row = models.ProgrammeRow(
                        provider_id=provider_id,
                        program_id=program_id,
                        client_id=client_id,
                        first_seen_at=now,
                    )
                    s.add(row)
                row.content_hash, row.last_change = content_hash, last_change
                row.last_seen_at, row.removed_at = now, None
            if complete:
                for key, row in rows.items():
                    if key not in present and row.removed_at is None:
                        row.removed_at = now

    # -- RIO objects -----------------------------------------------------------------------

    def rio_objects(
        self, provider_id: int, *, kind: str | None = None, include_deleted: bool = False
    ) -> list[_R.RioObject]:
        """Last-sent stands (what the planner compares the desired state with)."""
        q = select(models.RioObjectRow).where(models.RioObjectRow.provider_id == provider_id)
        if kind is not None:
            q = q.where(models.RioObjectRow.kind == kind)
        if not include_deleted:
            q = q.where(models.RioObjectRow.state != _R.ObjectState.DELETED.value)
        with self._tx() as s:
            return [to_rio_object(r) for r in s.scalars(q.order_by(models.RioObjectRow.id))]

    def rio_object(self, provider_id: int, kind: str, key: str) -> _R.RioObject | None:
        with self._tx() as s:
            row = self._object_row(s, provider_id, kind, key)
            return None if row is None else to_rio_object(row)

    @staticmethod
    def _object_row(s: Any, provider_id: int, kind: str, key: str) -> models.RioObjectRow | None:
        row: models.RioObjectRow | None = s.scalar(
            select(models.RioObjectRow).where(
                models.RioObjectRow.provider_id == provider_id,
                models.RioObjectRow.kind == kind,
                models.RioObjectRow.key == key,
            )
        )
        return row

    def adopt_object(
        self,
        provider_id: int,
        *,
        kind: str,
        key: str,
        code: str | None,
        stand: dict[str, Any],
        now: dt.datetime,
        program_id: str | None = None,
        parent_key: str | None = None,
    ) -> _R.RioObject:
        """Record an object as RIO shows it (reconcile; O-code recovered by eigen sleutel)."""
        with self._tx() as s:
            row = self._object_row(s, provider_id, kind, key)
            if row is None:
                row = models.RioObjectRow(provider_id=provider_id, kind=kind, key=key)
                s.add(row)
            row.code, row.stand, row.stand_hash = code, stand, stand_hash(stand)
            row.program_id = program_id or row.program_id
            row.parent_key = parent_key or row.parent_key
            row.state = _R.ObjectState.CONFIRMED.value
            row.sent_at = row.sent_at or now
            row.confirmed_at = row.updated_at = now
            s.flush()
            return to_rio_object(row)

    def set_object_state(
        self, provider_id: int, kind: str, key: str, state: _R.ObjectState, *, now: dt.datetime
    ) -> None:
        with self._tx() as s:
            row = self._object_row(s, provider_id, kind, key)
            if row is None:
                raise KeyError(f"no {kind} {key} for provider {provider_id}")
            row.state, row.updated_at = state.value, now
            if state in (_R.ObjectState.CONFIRMED, _R.ObjectState.DELETED):
                row.confirmed_at = now

    # -- locations -------------------------------------------------------------------------

    def locations(self, provider_id: int) -> dict[str, _R.Location]:
        q = select(models.LocationRow).where(models.LocationRow.provider_id == provider_id)
        with self._tx() as s:
            return {
                r.location_key: _R.Location(
                    location_key=r.location_key,
                    address=dict(r.address),
                    onderwijslocatiecode=r.onderwijslocatiecode,
                    status=_R.LocationStatus(r.status),
                    checked_at=r.checked_at,
                )
                for r in s.scalars(q)
            }

    def record_location(self, provider_id: int, location: _R.Location) -> None:
        with self._tx() as s:
            row = s.scalar(
                select(models.LocationRow).where(
                    models.LocationRow.provider_id == provider_id,
                    models.LocationRow.location_key == location.location_key,
                )
            )
            if row is None:
                row = models.LocationRow(
                    provider_id=provider_id, location_key=location.location_key
                )
                s.add(row)
            row.address, row.onderwijslocatiecode = location.address, location.onderwijslocatiecode
            row.status, row.checked_at = location.status.value, location.checked_at

    # -- programme runs (start moments) ----------------------------------------------------

    def program_runs(self, provider_id: int) -> dict[str, _R.ProgramRun]:
        q = select(models.ProgramRunRow).where(models.ProgramRunRow.provider_id == provider_id)
        with self._tx() as s:
            return {
                r.run_id: _R.ProgramRun(
                    run_id=r.run_id,
                    program_id=r.program_id,
                    cohortcode=r.cohortcode,
                    first_published=r.first_published,
                    aangeboden_opleiding_code=r.aangeboden_opleiding_code,
                )
                for r in s.scalars(q)
            }

    def record_program_runs(
        self, provider_id: int, runs: Iterable[_R.ProgramRun], *, now: dt.datetime
    ) -> None:
        """Upsert runs. ``first_published`` is set once and never moved (it feeds
        ``beginAanmeldperiode``, which must stay stable)."""
        with self._tx() as s:
            existing = {
                r.run_id: r
                for r in s.scalars(
                    select(models.ProgramRunRow).where(
                        models.ProgramRunRow.provider_id == provider_id
                    )
                )
            }
            for run in runs:
                row = existing.get(run.run_id)
                if row is None:
                    row = models.ProgramRunRow(
                        provider_id=provider_id,
                        run_id=run.run_id,
                        first_published=run.first_published,
                    )
                    s.add(row)
                    existing[run.run_id] = row
                row.program_id, row.cohortcode = run.program_id, run.cohortcode
                row.aangeboden_opleiding_code = run.aangeboden_opleiding_code
                row.updated_at = now

    def forget_program_runs(self, provider_id: int, run_ids: Iterable[str]) -> None:
        """Drop runs EDU-DEX no longer lists (after they were reported as kept)."""
        ids = list(run_ids)
        if not ids:
            return
        with self._tx() as s:
            s.execute(
                delete(models.ProgramRunRow).where(
                    models.ProgramRunRow.provider_id == provider_id,
                    models.ProgramRunRow.run_id.in_(ids),
                )
            )

    # -- reports ---------------------------------------------------------------------------

    def save_report(
        self,
        sync_run_id: int,
        provider_id: int,
        signals: Sequence[_R.StoredSignal],
        *,
        now: dt.datetime,
    ) -> _R.ReportHeader:
        """Store the report of a sync run (replacing an earlier one of the same run)."""
        with self._tx() as s:
            header = s.scalar(
                select(models.ReportRow).where(models.ReportRow.sync_run_id == sync_run_id)
            )
            if header is None:
                header = models.ReportRow(
                    sync_run_id=sync_run_id, provider_id=provider_id, created_at=now
                )
                s.add(header)
                s.flush()
            else:
                s.execute(
                    delete(models.ReportSignalRow).where(
                        models.ReportSignalRow.report_id == header.id
                    )
                )
            header.created_at, header.mailed_at = now, None
            for seq, sig in enumerate(signals):
                s.add(
                    models.ReportSignalRow(
                        report_id=header.id,
                        seq=seq,
                        level=sig.level,
                        subject=sig.subject,
                        code=sig.code,
                        program_id=sig.program_id,
                        aangeboden_opleiding_code=sig.aangeboden_opleiding_code,
                        run_id=sig.run_id,
                        location=sig.location,
                        rio_code=sig.rio_code,
                        params=sig.params,
                    )
                )
            s.flush()
            return self._header(header)

    @staticmethod
    def _header(row: models.ReportRow) -> _R.ReportHeader:
        return _R.ReportHeader(
            id=row.id,
            sync_run_id=row.sync_run_id,
            provider_id=row.provider_id,
            created_at=row.created_at,
            mailed_at=row.mailed_at,
        )

    def report_for_run(self, sync_run_id: int) -> _R.ReportHeader | None:
        with self._tx() as s:
            row = s.scalar(
                select(models.ReportRow).where(models.ReportRow.sync_run_id == sync_run_id)
            )
            return None if row is None else self._header(row)

    def latest_report(self, provider_id: int) -> _R.ReportHeader | None:
        q = (
            select(models.ReportRow)
            .where(models.ReportRow.provider_id == provider_id)
            .order_by(models.ReportRow.id.desc())
            .limit(1)
        )
        with self._tx() as s:
            row = s.scalar(q)
            return None if row is None else self._header(row)

    def report_signals(self, report_id: int) -> list[_R.StoredSignal]:
        q = (
            select(models.ReportSignalRow)
            .where(models.ReportSignalRow.report_id == report_id)
            .order_by(models.ReportSignalRow.seq)
        )
        with self._tx() as s:
            return [
                _R.StoredSignal(
                    level=r.level,
                    subject=r.subject,
                    code=r.code,
                    program_id=r.program_id,
                    aangeboden_opleiding_code=r.aangeboden_opleiding_code,
                    run_id=r.run_id,
                    location=r.location,
                    rio_code=r.rio_code,
                    params=dict(r.params),
                )
                for r in s.scalars(q)
            ]

    def mark_report_mailed(self, report_id: int, *, now: dt.datetime) -> None:
        with self._tx() as s:
            s.get_one(models.ReportRow, report_id).mailed_at = now

    # -- deletion instructions -------------------------------------------------------------

    def add_deletion_instructions(
        self,
        provider_id: int,
        instructions: Sequence[_R.NewDeletionInstruction],
        *,
        now: dt.datetime,
    ) -> list[_R.DeletionInstruction]:
        with self._tx() as s:
            rows = [
                models.DeletionInstructionRow(
                    provider_id=provider_id,
                    target=i.target.value,
                    code=i.code,
                    program_id=i.program_id,
                    reason=i.reason,
                    source=i.source,
                    status=_R.DeletionStatus.PENDING.value,
                    created_at=now,
                )
                for i in instructions
            ]
            s.add_all(rows)
            s.flush()
            return [to_deletion(r) for r in rows]

    def deletion_instructions(
        self, provider_id: int, *, status: _R.DeletionStatus | None = None
    ) -> list[_R.DeletionInstruction]:
        q = select(models.DeletionInstructionRow).where(
            models.DeletionInstructionRow.provider_id == provider_id
        )
        if status is not None:
            q = q.where(models.DeletionInstructionRow.status == status.value)
        with self._tx() as s:
            return [to_deletion(r) for r in s.scalars(q.order_by(models.DeletionInstructionRow.id))]

    def set_deletion_status(
        self,
        instruction_id: int,
        status: _R.DeletionStatus,
        *,
        now: dt.datetime,
        error: str | None = None,
    ) -> _R.DeletionInstruction:
        with self._tx() as s:
            row = s.get_one(models.DeletionInstructionRow, instruction_id)
            row.status, row.error = status.value, error
            if status in (_R.DeletionStatus.DONE, _R.DeletionStatus.FAILED):
                row.done_at = now
            return to_deletion(row)
