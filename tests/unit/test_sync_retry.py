from __future__ import annotations

import datetime as dt

import pytest

from edudex_rio.errors import EdudexRioError, TerminalError, TransientError
from edudex_rio.settings import RetrySettings
from edudex_rio.sync.retry import GiveUp, RetryAt, RetryDecision, RetryPolicy

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
S = dt.timedelta(seconds=1)
POLICY = RetryPolicy(max_attempts=4, base_delay=2 * S, multiplier=3.0, max_delay=10 * S)


class Busy(TransientError):
    pass


class Rejected(TerminalError):
    pass


@pytest.mark.parametrize(
    ("error", "attempts", "expected"),
    [
        (Busy(), 1, RetryAt(at=NOW + 2 * S, delay=2 * S)),
        (Busy(), 2, RetryAt(at=NOW + 6 * S, delay=6 * S)),
        (Busy(), 3, RetryAt(at=NOW + 10 * S, delay=10 * S)),  # 18 s capped at 10
        (Busy(), 4, GiveUp(reason="exhausted")),
        (Busy(), 9, GiveUp(reason="exhausted")),
        (Rejected(), 1, GiveUp(reason="terminal")),
        (EdudexRioError(), 1, GiveUp(reason="terminal")),
        (ValueError("bug"), 1, GiveUp(reason="terminal")),
        (TransientError("any transient"), 1, RetryAt(at=NOW + 2 * S, delay=2 * S)),
    ],
    ids=[
        "first-failure",
        "second-failure",
        "capped",
        "last-attempt",
        "beyond-max",
        "terminal-class",
        "root-class-is-not-retryable",
        "unknown-exception",
        "base-transient",
    ],
)
def test_decision_table(error: BaseException, attempts: int, expected: RetryDecision) -> None:
    assert POLICY.decide(error=error, attempts=attempts, now=NOW) == expected


def test_single_attempt_policy_never_retries() -> None:
    assert RetryPolicy(max_attempts=1).decide(error=Busy(), attempts=1, now=NOW) == GiveUp(
        reason="exhausted"
    )


def test_from_settings() -> None:
    p = RetryPolicy.from_settings(
        RetrySettings(max_attempts=3, base_delay_seconds=0.5, max_delay_seconds=1)
    )
    assert p.max_attempts == 3
    assert [p.delay(n) for n in (1, 2, 3)] == [0.5 * S, 1 * S, 1 * S]
