"""The outbox state machine: one status enum, its allowed transitions, changed in one function.

Every RIO write is recorded as an operation *before* it is sent (``planned``) and its outcome
after. A crash leaves at most one operation per provider in ``sending``: the executor cannot know
whether RIO received it, so on resume it is sent again — harmless for every write, because each
is a full-state upsert or delete under a deterministic code — except the creation of an
opleidingseenheid, whose code RIO assigns: that one is first resolved by its eigen sleutel.

::

    planned ──▶ sending ──▶ accepted ──▶ confirmed
       │          │  ▲          │
       │          │  └── retry_wait ◀──┐ (transient error, retry at)
       │          ├──────────────────────┘
       │          ├──▶ rejected        (RIO said no: terminal)
       │          └──▶ failed          (gave up after retries)
       └──▶ cancelled                  (superseded, or an earlier step failed)

``accepted`` means ``requestGoedgekeurd=true``; RIO applies writes asynchronously, so the
operation only becomes ``confirmed`` once a read shows the object. An ``accepted`` operation that
could not be confirmed within the run stays ``accepted``; the next run confirms it.
"""

from __future__ import annotations

import enum

from edudex_rio.errors import TerminalError

__all__ = [
    "ACTIVE",
    "TERMINAL",
    "IllegalTransition",
    "OperationStatus",
    "check_transition",
]


class OperationStatus(enum.StrEnum):
    PLANNED = "planned"
    SENDING = "sending"
    RETRY_WAIT = "retry_wait"
    ACCEPTED = "accepted"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    FAILED = "failed"
    CANCELLED = "cancelled"


_ALLOWED: dict[OperationStatus, frozenset[OperationStatus]] = {
    OperationStatus.PLANNED: frozenset({OperationStatus.SENDING, OperationStatus.CANCELLED}),
    OperationStatus.SENDING: frozenset(
        {
            OperationStatus.SENDING,  # resumed after a crash: sent again (idempotent)
            OperationStatus.ACCEPTED,
            OperationStatus.REJECTED,
            OperationStatus.RETRY_WAIT,
            OperationStatus.FAILED,
        }
    ),
    OperationStatus.RETRY_WAIT: frozenset(
        {OperationStatus.SENDING, OperationStatus.FAILED, OperationStatus.CANCELLED}
    ),
    OperationStatus.ACCEPTED: frozenset({OperationStatus.CONFIRMED}),
    OperationStatus.CONFIRMED: frozenset(),
    OperationStatus.REJECTED: frozenset(),
    OperationStatus.FAILED: frozenset(),
    OperationStatus.CANCELLED: frozenset(),
}

#: Statuses from which nothing follows.
TERMINAL = frozenset(s for s, targets in _ALLOWED.items() if not targets)
#: Statuses of operations the executor still has to send (after a crash: resume these).
ACTIVE = frozenset({OperationStatus.PLANNED, OperationStatus.SENDING, OperationStatus.RETRY_WAIT})


class IllegalTransition(TerminalError):
    """A status change the state machine does not allow (a bug, never retried)."""

    def __init__(self, current: OperationStatus, target: OperationStatus) -> None:
        super().__init__(f"operation cannot go from {current.value} to {target.value}")
        self.current = current
        self.target = target


def check_transition(current: OperationStatus, target: OperationStatus) -> OperationStatus:
    """Return ``target`` if ``current → target`` is allowed, else raise IllegalTransition."""
    if target not in _ALLOWED[current]:
        raise IllegalTransition(current, target)
    return target
