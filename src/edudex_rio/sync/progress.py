"""How a run shows progress: rich bars on a terminal, plain structured log lines otherwise."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

__all__ = ["LogProgress", "RichProgress", "progress_for"]

log = logging.getLogger("edudex_rio.sync")


class LogProgress:
    """One log line per provider start and finish (``key=value`` pairs)."""

    def start(self, provider: str, total: int) -> None:
        log.info("sync provider=%s operations=%d", provider, total)

    def advance(self, provider: str) -> None:
        pass

    def finish(self, provider: str, summary: str) -> None:
        log.info("done provider=%s %s", provider, summary)


class RichProgress:
    """A bar per provider."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._tasks: dict[str, TaskID] = {}
        self._lock = threading.Lock()

    def _task(self, provider: str) -> TaskID:
        with self._lock:
            if provider not in self._tasks:
                self._tasks[provider] = self._progress.add_task(provider, total=None)
            return self._tasks[provider]

    def start(self, provider: str, total: int) -> None:
        self._progress.update(self._task(provider), total=total)

    def advance(self, provider: str) -> None:
        self._progress.advance(self._task(provider))

    def finish(self, provider: str, summary: str) -> None:
        task = self._task(provider)
        total = self._progress.tasks[task].total or 0
        self._progress.update(
            task, completed=total, total=total, description=f"{provider}: {summary}"
        )


@contextmanager
def progress_for(console: Console) -> Iterator[RichProgress | LogProgress]:
    """Rich bars when ``console`` is a terminal, log lines otherwise."""
    if not console.is_terminal:
        yield LogProgress()
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=False,
    ) as progress:
        yield RichProgress(progress)
