"""The verwerkingsverslag's data: one :class:`Signal` per thing a provider should know."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

from edudex_rio.store.records import StoredSignal

__all__ = ["Level", "Report", "Signal", "Subject"]


class Level(enum.StrEnum):
    INFO = "INFO"
    WAARSCHUWING = "WAARSCHUWING"
    FOUT = "FOUT"


class Subject(enum.StrEnum):
    OPLEIDER = "opleider"
    OPLEIDING = "opleiding"
    STARTMOMENT = "startmoment"
    LOCATIE = "locatie"


@dataclass(frozen=True, kw_only=True, slots=True)
class Signal:
    """One row of the report. ``code`` names the explanation in :mod:`report.texts`;
    ``params`` fill it in. ``rio_code`` is RIO's foutcode when RIO said something."""

    level: Level
    subject: Subject
    code: str
    program_id: str | None = None
    aangeboden_opleiding_code: str | None = None
    run_id: str | None = None
    location: str | None = None
    rio_code: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def stored(self) -> StoredSignal:
        return StoredSignal(
            level=self.level.value,
            subject=self.subject.value,
            code=self.code,
            program_id=self.program_id,
            aangeboden_opleiding_code=self.aangeboden_opleiding_code,
            run_id=self.run_id,
            location=self.location,
            rio_code=self.rio_code,
            params=dict(self.params),
        )

    @classmethod
    def from_stored(cls, stored: StoredSignal) -> Signal:
        return cls(
            level=Level(stored.level),
            subject=Subject(stored.subject),
            code=stored.code,
            program_id=stored.program_id,
            aangeboden_opleiding_code=stored.aangeboden_opleiding_code,
            run_id=stored.run_id,
            location=stored.location,
            rio_code=stored.rio_code,
            params=dict(stored.params),
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class Report:
    """The report of one provider for one sync run."""

    provider: str
    """The provider's display name (or org_unit_id)."""
    org_unit_id: str
    sync_run_id: int
    created_at: dt.datetime
    signals: tuple[Signal, ...]
    dry_run: bool = False

    def count(self, level: Level) -> int:
        return sum(1 for s in self.signals if s.level is level)
