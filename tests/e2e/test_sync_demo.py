"""The README's first quick-start command: ``edudex-rio demo`` runs the main job end to end."""

from __future__ import annotations

from pathlib import Path

from edudex_rio.sync.demo import run_demo


def test_demo_runs_day_one_and_day_two_and_tells_each_provider(tmp_path: Path) -> None:
    lines: list[str] = []
    assert run_demo(tmp_path / "demo", out=lines.append, language="en") == 0
    text = "\n".join(lines)
    assert "RIO sandbox listening at http://127.0.0.1:" in text
    assert "Day 1: 32 writes to RIO" in text
    assert "Day 2: 20 writes to RIO" in text
    for provider in (
        "Kompas Academie",
        "Zorgcollege Noord",
        "Digitaal Leren",
        "Taalinstituut Oost",
    ):
        assert f"Processing report: {provider}" in text
    assert "Start moment KA-PM-2027-02-AMS moved from Amsterdam to Rotterdam" in text
    assert "not in the Dutch address register" in text
    assert sorted(p.suffix for p in (tmp_path / "demo" / "reports").iterdir()).count(".xlsx") == 8
