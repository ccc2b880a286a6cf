"""The job queue: a daily schedule and scale-out over several workers (procrastinate on
PostgreSQL).

One job syncs one provider. A provider's jobs share a ``lock`` (never two runs of one provider
at once, whichever worker takes them) and a ``queueing_lock`` (at most one waiting job per
provider: a second enqueue is refused). A periodic task queues one job per enabled provider on
the configured cron. A run that itself failed (catalogue or RIO unreachable) is retried; a
provider's rejected programmes are not failures and are in its report.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy.engine import make_url

from edudex_rio.edudex.source import EdudexSource
from edudex_rio.errors import EdudexRioError
from edudex_rio.settings import ConfigError, Settings
from edudex_rio.store import Store
from edudex_rio.sync.engine import PortFactory, SyncOptions, sync

__all__ = [
    "QUEUE",
    "RunFailed",
    "Worker",
    "build_worker",
    "ensure_schema",
    "queue_conninfo",
    "run_worker",
]

QUEUE = "sync"
log = logging.getLogger(__name__)


class RunFailed(Exception):
    """A provider's run itself failed; the job is retried."""


def queue_conninfo(settings: Settings) -> str:
    """The libpq URL of the job queue: ``[worker] queue_url``, else ``[database] url`` when
    that is PostgreSQL."""
    raw = settings.worker.queue_url or settings.database.url
    url = make_url(raw)
    if url.get_backend_name() != "postgresql":
        raise ConfigError(
            "the worker needs PostgreSQL: set [worker] queue_url or a PostgreSQL [database] url"
        )
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def lock_name(org_unit_id: str) -> str:
    return f"edudex-rio-sync:{org_unit_id}"


@dataclass
class Worker:
    """The procrastinate app with its two tasks, bound to one configuration."""

    app: procrastinate.App
    settings: Settings
    conninfo: str
    sync_task: procrastinate.tasks.Task  # type: ignore[type-arg]

    def enqueue(self, org_unit_id: str) -> int | None:
        """Queue a sync of one provider; ``None`` when one is already waiting."""
        lock = lock_name(org_unit_id)
        try:
            job_id: int = self.sync_task.configure(lock=lock, queueing_lock=lock).defer(
                org_unit_id=org_unit_id
            )
        except AlreadyEnqueued:
            return None
        return job_id

    async def enqueue_async(self, org_unit_id: str) -> int | None:
        lock = lock_name(org_unit_id)
        try:
            job_id: int = await self.sync_task.configure(lock=lock, queueing_lock=lock).defer_async(
                org_unit_id=org_unit_id
            )
        except AlreadyEnqueued:
            return None
        return job_id


def _open_source(settings: Settings) -> EdudexSource:
    from edudex_rio.sync.cli import open_catalogue

    return open_catalogue(settings)


def build_worker(
    settings: Settings,
    *,
    source_factory: Callable[[], EdudexSource] | None = None,
    port_factory: PortFactory | None = None,
    today: dt.date | None = None,
) -> Worker:
    """The app for ``settings``. The factories and ``today`` default to the configured
    catalogue, the configured RIO and the current day (tests pass their own)."""
    from edudex_rio.sync.rio import client_factory

    w = settings.worker
    conninfo = queue_conninfo(settings)
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo))
    retry = procrastinate.RetryStrategy(
        max_attempts=w.retry_attempts, wait=w.retry_wait_seconds, retry_exceptions={RunFailed}
    )

    @app.task(name="edudex_rio.sync_provider", queue=QUEUE, retry=retry)
    def sync_provider(org_unit_id: str) -> str:
        try:
            source = (source_factory or (lambda: _open_source(settings)))()
        except (EdudexRioError, OSError) as exc:
            raise RunFailed(f"{org_unit_id}: catalogue unreadable: {exc}") from exc
        store = Store.open(settings.database.url)
        try:
            result = sync(
                settings,
                store=store,
                source=source,
                port_factory=port_factory or client_factory(settings),
                options=SyncOptions(only=(org_unit_id,), today=today, report_files=True),
            )
        finally:
            source.close()
            store.close()
        failed = [p for p in result.providers if p.status != "succeeded"]
        if failed:
            raise RunFailed(f"{org_unit_id}: {failed[0].error}")
        log.info("synced %s: %d write(s)", org_unit_id, result.writes)
        return "succeeded"

    worker = Worker(app=app, settings=settings, conninfo=conninfo, sync_task=sync_provider)

    @app.periodic(cron=w.cron, periodic_id="daily")
    @app.task(name="edudex_rio.daily", queue=QUEUE)
    async def daily(timestamp: int) -> None:
        for p in settings.providers(()):
            job = await worker.enqueue_async(p.org_unit_id)
            log.info("daily run %s: %s", p.org_unit_id, "queued" if job else "already queued")

    return worker


def ensure_schema(worker: Worker) -> None:
    """Create procrastinate's tables unless they exist (needs an open app)."""
    import psycopg

    with psycopg.connect(worker.conninfo) as conn:
        row = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
    if row is None or row[0] is None:
        worker.app.schema_manager.apply_schema()


def run_worker(worker: Worker, *, concurrency: int, wait: bool = True) -> None:
    """Run jobs until stopped (or, with ``wait=False``, until the queue is empty)."""
    from edudex_rio.rio import xsd

    for service in ("beheren", "raadplegen"):  # compile the XSDs once, before the jobs race
        xsd.schema(service)
    with worker.app.open():
        ensure_schema(worker)
    worker.app.run_worker(
        queues=[QUEUE], concurrency=concurrency, wait=wait, install_signal_handlers=wait
    )
