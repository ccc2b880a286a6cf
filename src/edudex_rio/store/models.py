"""SQLAlchemy 2 tables of the state store. Private to ``store/``: the core sees records only.

RIO objects are kept as JSON stands (exactly what was last sent), so the store does not need to
know every RIO field; only the keys and codes the engine looks things up by are columns.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "DeletionInstructionRow",
    "LocationRow",
    "OperationRow",
    "ProgramRunRow",
    "ProgrammeRow",
    "ProviderRow",
    "ReportRow",
    "ReportSignalRow",
    "RioObjectRow",
    "SyncRunRow",
]

_NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JsonType = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware UTC datetime")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=_NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JsonType,
        dt.datetime: UTCDateTime,
    }


class ProviderRow(Base):
    __tablename__ = "providers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_unit_id: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(255), default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class SyncRunRow(Base):
    """One sync of one provider (the unit a report belongs to)."""

    __tablename__ = "sync_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="sync")
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime | None]
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)


class ProgrammeRow(Base):
    """Snapshot of one EDU-DEX programme as last seen (hash + lastChange)."""

    __tablename__ = "programmes"
    __table_args__ = (UniqueConstraint("provider_id", "program_id", "client_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"))
    program_id: Mapped[str] = mapped_column(String(255))
    client_id: Mapped[str] = mapped_column(String(255), default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    last_change: Mapped[dt.datetime | None]
    first_seen_at: Mapped[dt.datetime]
    last_seen_at: Mapped[dt.datetime]
    removed_at: Mapped[dt.datetime | None]


class RioObjectRow(Base):
    """The last-sent stand of one RIO object, with its codes and confirmation state."""

    __tablename__ = "rio_objects"
    __table_args__ = (UniqueConstraint("provider_id", "kind", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"))
    kind: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(100))
    code: Mapped[str | None] = mapped_column(String(60), index=True)
    program_id: Mapped[str | None] = mapped_column(String(255))
    parent_key: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(20))
    stand: Mapped[dict[str, Any]] = mapped_column(default=dict)
    stand_hash: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[dt.datetime | None]
    confirmed_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime]


class LocationRow(Base):
    __tablename__ = "locations"
    __table_args__ = (UniqueConstraint("provider_id", "location_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"))
    location_key: Mapped[str] = mapped_column(String(100))
    address: Mapped[dict[str, Any]] = mapped_column(default=dict)
    onderwijslocatiecode: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    checked_at: Mapped[dt.datetime]


class ProgramRunRow(Base):
    """An EDU-DEX programRun (start moment) and the day it was first published to RIO."""

    __tablename__ = "program_runs"
    __table_args__ = (UniqueConstraint("provider_id", "run_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"))
    run_id: Mapped[str] = mapped_column(String(255))
    program_id: Mapped[str] = mapped_column(String(255))
    cohortcode: Mapped[str] = mapped_column(String(60))
    first_published: Mapped[dt.date] = mapped_column(Date)
    aangeboden_opleiding_code: Mapped[str | None] = mapped_column(String(60))
    updated_at: Mapped[dt.datetime]


class OperationRow(Base):
    """The outbox: one RIO write, recorded before it is sent, its outcome after."""

    __tablename__ = "operations"
    __table_args__ = (Index("ix_operations_provider_status", "provider_id", "status"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"))
    sync_run_id: Mapped[int | None] = mapped_column(ForeignKey("sync_runs.id"))
    seq: Mapped[int] = mapped_column(Integer)
    operation: Mapped[str] = mapped_column(String(60))
    object_kind: Mapped[str] = mapped_column(String(40))
    object_key: Mapped[str] = mapped_column(String(100))
    program_id: Mapped[str | None] = mapped_column(String(255))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None]
    error_code: Mapped[str | None] = mapped_column(String(60))
    error_text: Mapped[str | None] = mapped_column(Text)
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class ReportRow(Base):
    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sync_run_id: Mapped[int] = mapped_column(ForeignKey("sync_runs.id"), unique=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"), index=True)
    created_at: Mapped[dt.datetime]
    mailed_at: Mapped[dt.datetime | None]


class ReportSignalRow(Base):
    __tablename__ = "report_signals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(60))
    program_id: Mapped[str | None] = mapped_column(String(255))
    aangeboden_opleiding_code: Mapped[str | None] = mapped_column(String(60))
    run_id: Mapped[str | None] = mapped_column(String(255))
    location: Mapped[str | None] = mapped_column(String(255))
    rio_code: Mapped[str | None] = mapped_column(String(60))
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)


class DeletionInstructionRow(Base):
    __tablename__ = "deletion_instructions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"), index=True)
    target: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(60))
    program_id: Mapped[str | None] = mapped_column(String(255))
    reason: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(20))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime]
    done_at: Mapped[dt.datetime | None]
