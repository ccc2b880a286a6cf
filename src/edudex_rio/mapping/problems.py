"""What the mapping reports to a provider: a programme or a run left out, and why.

Each problem carries the RIO code the data would have been rejected with (``N11020``,
``K01010``, ``A01010``, …) or one of our own codes (``UNMAPPED``, ``ADRES``), and its message in
Dutch (what the provider reads) and English.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from edudex_rio.errors import TerminalError

__all__ = ["LeftOut", "Problem", "ProgrammeRejected"]

LeftOut = Literal["programme", "run"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Problem:
    """One reported problem. ``left_out`` says what was left out of RIO because of it."""

    programma: str
    """``orgUnitId/programId``."""
    code: str
    nl: str
    en: str
    left_out: LeftOut
    run_id: str | None = None


class ProgrammeRejected(TerminalError):
    """A programme breaks a rule; it is left out whole (its RIO objects stay as last sent)."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.code}: {p.en}" for p in problems))
