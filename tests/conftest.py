"""Fixtures shared by every tier of the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: DUO's schemas, recorded traffic and EDU-DEX material live beside the checkout.
SHARED = Path(os.environ.get("EDUDEX_RIO_SHARED", REPO.parent / "shared"))
CASES = REPO / "tests" / "cases"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared reference material not found at {SHARED}; set EDUDEX_RIO_SHARED")
    return SHARED
