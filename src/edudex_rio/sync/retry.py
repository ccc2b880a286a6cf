"""The retry policy: a pure object that says "retry at …" or "give up" for a failed attempt.

The decision is taken from the error's class only (``TransientError`` vs anything else), never
from message text: the wire layer classifies SOAP faults, HTTP failures and RIO foutcodes.
Backoff is exponential and capped; there is no jitter, because providers are sent strictly in
order and never hammer RIO in lockstep.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from edudex_rio.errors import TransientError
from edudex_rio.settings import RetrySettings

__all__ = ["GiveUp", "RetryAt", "RetryDecision", "RetryPolicy"]


@dataclass(frozen=True, kw_only=True, slots=True)
class RetryAt:
    at: dt.datetime
    """When to send again."""
    delay: dt.timedelta


@dataclass(frozen=True, kw_only=True, slots=True)
class GiveUp:
    reason: str
    """Why not retry: ``terminal`` (retrying gives the same answer) or ``exhausted``."""


RetryDecision = RetryAt | GiveUp


@dataclass(frozen=True, kw_only=True, slots=True)
class RetryPolicy:
    max_attempts: int = 5
    """Attempts in all, the first included."""
    base_delay: dt.timedelta = dt.timedelta(seconds=2)
    """Delay after the first failed attempt."""
    multiplier: float = 2.0
    max_delay: dt.timedelta = dt.timedelta(minutes=5)

    @classmethod
    def from_settings(cls, settings: RetrySettings) -> RetryPolicy:
        return cls(
            max_attempts=settings.max_attempts,
            base_delay=dt.timedelta(seconds=settings.base_delay_seconds),
            max_delay=dt.timedelta(seconds=settings.max_delay_seconds),
        )

    def delay(self, attempts: int) -> dt.timedelta:
        """Wait after the ``attempts``-th failed attempt (1-based)."""
        seconds = self.base_delay.total_seconds() * self.multiplier ** max(attempts - 1, 0)
        return min(dt.timedelta(seconds=seconds), self.max_delay)

    def decide(self, *, error: BaseException, attempts: int, now: dt.datetime) -> RetryDecision:
        """``attempts`` is how many attempts were made, the failed one included."""
        if not isinstance(error, TransientError):
            return GiveUp(reason="terminal")
        if attempts >= self.max_attempts:
            return GiveUp(reason="exhausted")
        wait = self.delay(attempts)
        return RetryAt(at=now + wait, delay=wait)
