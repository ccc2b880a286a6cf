"""The job queue on PostgreSQL: one job per example provider, a duplicate refused by the
queueing lock, a worker that runs them against the RIO sandbox over real HTTP; RIO ends up as a
plain ``sync`` leaves it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from edudex_rio.edudex import open_source
from edudex_rio.sync.worker import Worker, build_worker, ensure_schema, run_worker
from tests.engine_kit import DAY1, RioState, catalog, rig, rio_state
from tests.sync_support import postgres_database  # noqa: F401

pytestmark = pytest.mark.postgres


@dataclass
class Queued:
    worker: Worker
    jobs: dict[str, int | None]
    duplicate: int | None
    statuses: list[tuple[str, str, int]]
    state: RioState
    plain: RioState


@pytest.fixture(scope="module")
def queued(
    postgres_database: str,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Queued]:
    tmp = tmp_path_factory.mktemp("worker")
    with rig(tmp / "plain", f"sqlite:///{tmp / 'plain.sqlite'}") as plain_rig:
        plain_rig.sync(1, DAY1)
        plain = rio_state(plain_rig.sandbox_url)
    with rig(tmp / "queued", postgres_database, http=True) as the_rig:
        worker = build_worker(
            the_rig.settings,
            source_factory=lambda: open_source(catalog(1)),
            port_factory=the_rig.port_factory,
            today=DAY1,
        )
        orgs = [p.org_unit_id for p in the_rig.settings.providers(())]
        with worker.app.open():
            ensure_schema(worker)
            jobs = {org: worker.enqueue(org) for org in orgs}
            duplicate = worker.enqueue(orgs[0])
        run_worker(worker, concurrency=2, wait=False)
        conninfo = worker.conninfo
        with psycopg.connect(conninfo) as conn:
            statuses = [
                (str(args["org_unit_id"]), str(status), int(attempts))
                for args, status, attempts in conn.execute(
                    "SELECT args, status, attempts FROM procrastinate_jobs ORDER BY id"
                )
            ]
        yield Queued(worker, jobs, duplicate, statuses, rio_state(the_rig.sandbox_url), plain)


def test_one_job_per_provider_and_a_duplicate_is_refused(queued: Queued) -> None:
    assert len(queued.jobs) == 4
    assert all(isinstance(j, int) for j in queued.jobs.values())
    assert queued.duplicate is None


def test_every_job_succeeded_once(queued: Queued) -> None:
    assert sorted(queued.statuses) == sorted((org, "succeeded", 1) for org in queued.jobs), (
        queued.statuses
    )


def test_rio_matches_a_plain_sync(queued: Queued) -> None:
    assert queued.state.oes  # the run wrote something
    assert queued.state.normalised() == queued.plain.normalised()


def test_a_provider_can_be_queued_again_once_its_job_ran(queued: Queued) -> None:
    org = next(iter(queued.jobs))
    with queued.worker.app.open():
        again = queued.worker.enqueue(org)
    assert isinstance(again, int)


def test_the_queue_refuses_sqlite(tmp_path: Path) -> None:
    from edudex_rio.settings import ConfigError
    from tests.engine_kit import example_settings

    with pytest.raises(ConfigError, match="PostgreSQL"):
        build_worker(example_settings(tmp_path, f"sqlite:///{tmp_path / 's.sqlite'}"))


def test_a_run_that_failed_is_retried(queued: Queued, postgres_database: str) -> None:  # noqa: F811
    """Catalogue unreadable: the job fails, is retried once (``retry_attempts = 1``), then
    fails; nothing else happens to the provider."""
    from edudex_rio.settings import Settings

    data = queued.worker.settings.model_dump()
    data["worker"] = {"retry_attempts": 1, "retry_wait_seconds": 0}
    worker = build_worker(
        Settings.model_validate(data),
        source_factory=lambda: open_source("folder:/nonexistent/catalogue"),
        today=DAY1,
    )
    with worker.app.open():
        job = worker.enqueue("digitaal-leren")
    assert isinstance(job, int)
    run_worker(worker, concurrency=1, wait=False)
    with psycopg.connect(worker.conninfo) as conn:
        row = conn.execute(
            "SELECT status, attempts FROM procrastinate_jobs WHERE id = %s", (job,)
        ).fetchone()
    assert row == ("failed", 2)
