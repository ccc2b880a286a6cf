"""A sync killed with SIGKILL at a random moment and started again ends in exactly the state of
an uninterrupted sync: no duplicate opleidingseenheid, no lost cohort.

The sandbox runs in this process over loopback HTTP; each sync is a real ``edudex-rio sync``
process with its own SQLite store. ``EDUDEX_RIO_SIGKILL_TRIALS`` sets the number of trials
(default 2 to keep the suite fast; ``EDUDEX_RIO_SIGKILL_TRIALS=20`` for the full check).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.engine_kit import rio_state, sandbox_with_config

TRIALS = int(os.environ.get("EDUDEX_RIO_SIGKILL_TRIALS", "2"))
KA = "kompasacademie"
CLI = [sys.executable, "-c", "from edudex_rio.cli import main; main()"]


def _sync(config: Path, day: str, *, kill_after: float | None = None) -> int | None:
    """Run ``edudex-rio sync`` for day 1 or 2; SIGKILL it after ``kill_after`` seconds."""
    today = "2026-11-28" if day == "1" else "2026-11-29"
    source = Path(__file__).resolve().parents[2] / "examples" / "catalog" / f"day{day}" / "json"
    command = [*CLI, "sync", "-c", str(config), "-p", KA, "--today", today, "--source", str(source)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if kill_after is None:
        return process.wait(timeout=120)
    try:
        return process.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        return None


def _final_state(tmp: Path, kills: list[float]) -> dict[str, object]:
    """Day 1 of the example catalogue: killed at the given moments, then run to completion."""
    with sandbox_with_config(tmp) as (rio, config):
        for after in kills:
            _sync(config, "1", kill_after=after)
        assert _sync(config, "1") == 0
        return rio_state(rio.sandbox.config.database_url).normalised()


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return _final_state(tmp_path_factory.mktemp("uninterrupted"), [])


@pytest.mark.slow
def test_sigkill_at_random_moments_ends_in_the_uninterrupted_state(
    tmp_path: Path, uninterrupted: dict[str, object]
) -> None:
    rng = random.Random(int(os.environ.get("EDUDEX_RIO_SIGKILL_SEED", "20261129")))
    started = time.monotonic()
    for trial in range(TRIALS):
        # the CLI needs ~1 s to start; the sync itself takes 1–3 s: kill anywhere in between
        kills = [rng.uniform(0.8, 3.5)]
        state = _final_state(tmp_path / f"trial-{trial}", kills)
        assert state == uninterrupted, f"trial {trial} killed at {kills}"
    assert time.monotonic() - started < 600
