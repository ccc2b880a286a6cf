"""Benchmark: read + validate + normalise throughput of the EDU-DEX sources.

    .venv/bin/python benchmarks/edudex_read.py [--programmes 10000] [--providers 20]
        [--mode production|strict] [--keep DIR]

Scales the example catalogue (``examples/catalog/day1/json``) up to ``--programmes``
programme documents spread over ``--providers`` providers (every copy gets its own
``programId``, run ids and UUID), writes it as a JSON folder and as an XML folder with
feed ``directory.xml`` files, then times, per form, listing every provider's programmes
and fetching all of them (parse, schema validation, normalisation) through the same
source classes the product uses: ``FolderSource`` (JSON), ``FolderSource`` (XML) and
``FeedSource`` (XML feed from local files). Prints programmes per second. Not a test.
"""

from __future__ import annotations

import argparse
import copy
import json
import platform
import shutil
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from lxml import etree

from edudex_rio.edudex import FeedSource, FolderSource
from edudex_rio.edudex.source import EdudexSource
from edudex_rio.edudex.xmlformat import DIRECTORY_NS, document_to_xml

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "examples" / "catalog" / "day1" / "json"


def _templates() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    programs = [
        json.loads(p.read_text("utf-8"))
        for p in sorted(TEMPLATES.glob("*/programs/*.json"))
        if "--" not in p.stem  # public variants only
    ]
    meta = json.loads((TEMPLATES / "kompasacademie" / "metadata.json").read_text("utf-8"))
    return programs, meta


def _scaled(template: dict[str, Any], org: str, n: int) -> dict[str, Any]:
    doc = copy.deepcopy(template)
    cls = doc["programClassification"]
    cls["orgUnitId"] = org
    cls["programId"] = f"P{n:06d}-{cls['programId']}"[:64]
    if "programUUID" in cls:
        cls["programUUID"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{org}/{n}"))
    for run in doc["programSchedule"].get("programRun", []):
        run["id"] = f"{run['id']}-{n}"[:64]
    return doc


def _directory(org: str, names: list[tuple[str, str]]) -> bytes:
    root = etree.Element(f"{{{DIRECTORY_NS}}}edudexDirectory", nsmap={None: DIRECTORY_NS})  # type: ignore[dict-item]
    for name, text in (
        ("editor", "bench@example.invalid"),
        ("generator", "bench"),
        ("version", "1.8"),
    ):
        etree.SubElement(root, f"{{{DIRECTORY_NS}}}{name}").text = text
    inst = etree.SubElement(root, f"{{{DIRECTORY_NS}}}instituteDataResource")
    etree.SubElement(inst, f"{{{DIRECTORY_NS}}}resourceUrl").text = "institute.xml"
    etree.SubElement(root, f"{{{DIRECTORY_NS}}}orgUnitId").text = org
    for program_id, file in names:
        res = etree.SubElement(root, f"{{{DIRECTORY_NS}}}programResource")
        etree.SubElement(res, f"{{{DIRECTORY_NS}}}programId").text = program_id
        etree.SubElement(res, f"{{{DIRECTORY_NS}}}resourceUrl").text = f"programs/{file}"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def generate(base: Path, total: int, providers: int) -> None:
    programs, meta = _templates()
    root_dir = etree.Element(f"{{{DIRECTORY_NS}}}edudexDirectory", nsmap={None: DIRECTORY_NS})  # type: ignore[dict-item]
    etree.SubElement(root_dir, f"{{{DIRECTORY_NS}}}orgUnitId").text = "bench"
    for p in range(providers):
        org = f"aanbieder-{p:03d}"
        jdir, xdir = base / "json" / org, base / "xml" / org
        (jdir / "programs").mkdir(parents=True)
        (xdir / "programs").mkdir(parents=True)
        m = {**meta, "orgUnitId": org}
        (jdir / "metadata.json").write_text(json.dumps(m, ensure_ascii=False))
        (xdir / "institute.xml").write_bytes(document_to_xml(m, kind="institute"))
        listed: list[tuple[str, str]] = []
        for n in range(p, total, providers):
            doc = _scaled(programs[n % len(programs)], org, n)
            (jdir / "programs" / f"{n}.json").write_text(json.dumps(doc, ensure_ascii=False))
            (xdir / "programs" / f"{n}.xml").write_bytes(
                document_to_xml(doc, booleans="digit" if n % 2 else "word", reverse=bool(n % 3))
            )
            listed.append((doc["programClassification"]["programId"], f"{n}.xml"))
        (xdir / "directory.xml").write_bytes(_directory(org, listed))
        sub = etree.SubElement(root_dir, f"{{{DIRECTORY_NS}}}subDirectory")
        etree.SubElement(sub, f"{{{DIRECTORY_NS}}}orgUnitId").text = org
        etree.SubElement(sub, f"{{{DIRECTORY_NS}}}directoryUrl").text = f"{org}/directory.xml"
    (base / "xml" / "directory.xml").write_bytes(
        etree.tostring(root_dir, xml_declaration=True, encoding="UTF-8")
    )


def measure(source: EdudexSource) -> tuple[int, int, float, float]:
    """(programmes read, failures, wall seconds, CPU seconds of this process) for listing
    and fetching everything. CPU time is the stable figure on a shared machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    ok = failed = 0
    for org in source.list_providers():
        source.fetch_provider(org)
        keys = [item.key for item in source.list_programs(org)]
        for result in source.fetch_programs(keys):
            ok += result.ok
            failed += not result.ok
    return ok, failed, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--programmes", type=int, default=10_000)
    parser.add_argument("--providers", type=int, default=20)
    parser.add_argument("--mode", choices=["production", "strict"], default="production")
    parser.add_argument("--keep", type=Path, help="write the catalogue here and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="edudex-bench-"))
    try:
        t0 = time.perf_counter()
        generate(base, args.programmes, args.providers)
        size = sum(f.stat().st_size for f in base.rglob("*") if f.is_file())
        print(
            f"generated {args.programmes} programmes / {args.providers} providers "
            f"({size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f}s at {base}"
        )
        print(f"python {platform.python_version()} on {platform.machine()}, mode {args.mode}")
        forms: list[tuple[str, EdudexSource]] = [
            ("folder JSON", FolderSource(base / "json", mode=args.mode)),
            ("folder XML", FolderSource(base / "xml", mode=args.mode)),
            ("XML feed (local files)", FeedSource(base / "xml" / "directory.xml", mode=args.mode)),
        ]
        for label, source in forms:
            ok, failed, seconds, cpu = measure(source)
            source.close()
            print(
                f"{label:24s} {ok:6d} read, {failed} failed, wall {seconds:6.1f}s "
                f"= {ok / seconds:5.0f}/s, CPU {cpu:6.1f}s = {ok / cpu:5.0f} programmes/CPU-s"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
