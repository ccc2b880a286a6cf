"""The benchmark catalogue generator: deterministic, schema-valid, mappable, with day-2 changes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from benchmarks.catalogue import DAY1, DAY2, Spec, generate
from benchmarks.stages import changed_objects, map_plan, read_provider

from edudex_rio.edudex.folder import FolderSource
from edudex_rio.sandbox.seed import Seed

SPEC = Spec(providers=4, programmes=120, seed=7, change_share=0.25)


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "cat"
    generate(out, SPEC)
    return out


def test_same_seed_same_bytes_other_seed_other_bytes(catalogue: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again", SPEC)
    assert _digest(tmp_path / "again") == _digest(catalogue)
    generate(tmp_path / "other", Spec(providers=4, programmes=120, seed=8, change_share=0.25))
    assert _digest(tmp_path / "other") != _digest(catalogue)


def test_every_programme_is_valid_and_maps_without_problems(catalogue: Path) -> None:
    manifest = json.loads((catalogue / "manifest.json").read_text())
    providers = json.loads((catalogue / "providers.json").read_text())
    assert manifest["providers"] == 4
    assert manifest["programme_documents"] >= 120
    kinds: set[str] = set()
    changed = 0
    for day in ("day1", "day2"):
        source = FolderSource(catalogue / day)
        assert sorted(source.list_providers()) == sorted(p["org_unit_id"] for p in providers)
    source1, source2 = FolderSource(catalogue / "day1"), FolderSource(catalogue / "day2")
    for p in providers:
        read1 = read_provider(source1, p["org_unit_id"])
        assert read1.failed == [], [f.issues for f in read1.failed]
        stand1, problems, plan1 = map_plan(read1.programs, p["onderwijsaanbiedercode"], DAY1)
        assert problems == ()
        assert plan1.operations
        kinds |= {ao.kind for ao in stand1.aangeboden.values()}
        read2 = read_provider(source2, p["org_unit_id"])
        assert read2.failed == []
        stand2, problems2, _ = map_plan(read2.programs, p["onderwijsaanbiedercode"], DAY2, stand1)
        assert problems2 == ()
        changed += sum(changed_objects(stand1, stand2).values())
    assert {"particulier", "crebo"} <= kinds
    assert manifest["changes"] > 0
    assert changed >= manifest["changes"] // 2


def test_seed_names_every_provider_and_loads(catalogue: Path) -> None:
    seed = Seed.model_validate(json.loads((catalogue / "seed.json").read_text()))
    providers = json.loads((catalogue / "providers.json").read_text())
    assert {a.code for a in seed.aanbieders} == {p["onderwijsaanbiedercode"] for p in providers}
    assert all(b.oins == [f"00000003{b.kvk}0000"] for b in seed.besturen)
    assert seed.bag_sample
