from __future__ import annotations

import itertools

import pytest

from edudex_rio.errors import TerminalError
from edudex_rio.store.outbox import (
    ACTIVE,
    TERMINAL,
    IllegalTransition,
    OperationStatus,
    check_transition,
)

S = OperationStatus
ALLOWED = {
    (S.PLANNED, S.SENDING),
    (S.PLANNED, S.CANCELLED),
    (S.SENDING, S.SENDING),
    (S.SENDING, S.ACCEPTED),
    (S.SENDING, S.REJECTED),
    (S.SENDING, S.RETRY_WAIT),
    (S.SENDING, S.FAILED),
    (S.RETRY_WAIT, S.SENDING),
    (S.RETRY_WAIT, S.FAILED),
    (S.RETRY_WAIT, S.CANCELLED),
    (S.ACCEPTED, S.CONFIRMED),
}
PAIRS = list(itertools.product(S, S))


@pytest.mark.parametrize(
    ("current", "target"), PAIRS, ids=[f"{a.value}->{b.value}" for a, b in PAIRS]
)
def test_every_transition_against_the_table(current: S, target: S) -> None:
    if (current, target) in ALLOWED:
        assert check_transition(current, target) is target
    else:
        with pytest.raises(IllegalTransition) as info:
            check_transition(current, target)
        assert isinstance(info.value, TerminalError)
        assert (info.value.current, info.value.target) == (current, target)


def test_terminal_and_active_sets() -> None:
    assert {S.CONFIRMED, S.REJECTED, S.FAILED, S.CANCELLED} == TERMINAL
    assert {S.PLANNED, S.SENDING, S.RETRY_WAIT} == ACTIVE
    assert not (TERMINAL & ACTIVE)
    # accepted is neither: sent, waiting for a read to confirm it
    assert S.ACCEPTED not in TERMINAL | ACTIVE
