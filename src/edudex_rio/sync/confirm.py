"""Confirming through batched reads: RIO applies accepted writes asynchronously.

Never object by object: opleidingseenheden are confirmed from the paged listing of the
provider's onderwijsbestuur, offerings from RIO's change feed of the aanbieder. A wait checks at
once, then again after each of the configured delays; what is still not visible after the last
one stays "accepted" and the next run confirms it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from edudex_rio.errors import TransientError
from edudex_rio.sync.retry import RetryPolicy
from edudex_rio.sync.rio import RioPort, changes_since, opleidingseenheden

T = TypeVar("T")

__all__ = ["Confirmer", "Visibility"]

#: ``soortWijziging`` of a deletion in RIO's change feed.
DELETED = "VERWIJDERING"


@dataclass(frozen=True, kw_only=True, slots=True)
class Visibility:
    """What RIO shows now: opleidingseenheden by eigen sleutel, offering changes by code."""

    oes: dict[str, tuple[str, dt.date | None]]
    """eigen sleutel → (O-code, einddatum)."""
    changes: dict[str, str]
    """offering code → latest soortWijziging since the moment asked for."""


@dataclass(kw_only=True)
class Confirmer:
    port: RioPort
    bestuur: str
    aanbieder: str
    delays: Sequence[float]
    sleep: Callable[[float], None]
    feed_margin: dt.timedelta = dt.timedelta(seconds=1)
    policy: RetryPolicy = field(default_factory=RetryPolicy)

    def retrying(self, read: Callable[[], T]) -> T:
        """A read, retried with backoff on retryable errors (a read is always safe to repeat)."""
        attempts = 0
        while True:
            attempts += 1
            try:
                return read()
            except TransientError:
                if attempts >= self.policy.max_attempts:
                    raise
                self.sleep(self.policy.delay(attempts).total_seconds())

    def oes(self) -> dict[str, tuple[str, dt.date | None]]:
        return self.retrying(
            lambda: {
                sleutel: (oe.opleidingseenheidcode, oe.einddatum)
                for oe in opleidingseenheden(self.port, self.bestuur)
                if (sleutel := oe.eigen_opleidingseenheid_sleutel)
            }
        )

    def changes(self, since: dt.datetime) -> dict[str, str]:
        return self.retrying(
            lambda: changes_since(self.port, self.aanbieder, since - self.feed_margin)
        )

    def wait(
        self,
        *,
        oes: Collection[str] = (),
        oes_gone: Collection[str] = (),
        aos: Collection[str] = (),
        aos_gone: Collection[str] = (),
        since: dt.datetime,
    ) -> set[str]:
        """Wait until RIO shows the given opleidingseenheden (by eigen sleutel) and offering
        writes (by code, in the change feed since ``since``); return the keys still missing."""
        missing: set[str] = set()
        for attempt in range(len(self.delays) + 1):
            if attempt:
                self.sleep(self.delays[attempt - 1])
            missing = set()
            if oes or oes_gone:
                seen = self.oes()
                missing |= {k for k in oes if k not in seen}
                missing |= {k for k in oes_gone if k in seen}
            if aos or aos_gone:
                feed = self.changes(since)
                missing |= {c for c in aos if c not in feed or feed[c] == DELETED}
                missing |= {c for c in aos_gone if feed.get(c) != DELETED}
            if not missing:
                return missing
        return missing
