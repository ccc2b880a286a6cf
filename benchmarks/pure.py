"""Pure-stage scenario: read+normalise and map+plan of the first ``fraction`` of a catalogue.

    .venv/bin/python -m benchmarks.pure CATALOGUE --fraction 0.25

Runs in its own process (the caller starts one per fraction) so that the peak resident memory
it prints belongs to that fraction alone. It processes providers the way the sync engine does —
one provider at a time: list, read, normalise, validate, map, plan — and keeps each provider's
plan, as the engine's result does. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from benchmarks.catalogue import DAY1, DAY2
from benchmarks.stages import changed_objects, load_providers, map_plan, read_provider
from edudex_rio.edudex.folder import FolderSource
from edudex_rio.planning import Plan

__all__ = ["main", "run"]


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(catalogue: Path, fraction: float, *, day2: bool = False) -> dict[str, object]:
    providers = load_providers(catalogue)
    chosen = providers[: max(1, round(len(providers) * fraction))]
    baseline = _rss_mib()
    source = FolderSource(catalogue / "day1")
    source2 = FolderSource(catalogue / "day2") if day2 else None
    read_s = map_s = map2_s = 0.0
    documents = programmes = runs = operations = failed = problems = 0
    changed = operations2 = 0
    plans: list[Plan] = []
    for p in chosen:
        t0 = time.perf_counter()
        read = read_provider(source, p["org_unit_id"])
        t1 = time.perf_counter()
        stand, probs, plan = map_plan(read.programs, p["onderwijsaanbiedercode"], DAY1)
        t2 = time.perf_counter()
        read_s += t1 - t0
        map_s += t2 - t1
        documents += read.documents
        failed += len(read.failed)
        programmes += len(read.programs)
        runs += sum(len(prog.runs) for prog in read.programs)
        problems += len(probs)
        operations += len(plan.operations)
        plans.append(plan)
        if source2 is not None:
            read2 = read_provider(source2, p["org_unit_id"])
            t3 = time.perf_counter()
            stand2, _, plan2 = map_plan(read2.programs, p["onderwijsaanbiedercode"], DAY2, stand)
            map2_s += time.perf_counter() - t3
            changed += sum(changed_objects(stand, stand2).values())
            operations2 += len(plan2.operations)
    out: dict[str, object] = {
        "fraction": fraction,
        "providers": len(chosen),
        "documents": documents,
        "programmes": programmes,
        "runs": runs,
        "failed_documents": failed,
        "mapping_problems": problems,
        "operations": operations,
        "read_seconds": round(read_s, 2),
        "map_plan_seconds": round(map_s, 2),
        "read_per_second": round(documents / read_s, 1) if read_s else None,
        "map_plan_per_second": round(programmes / map_s, 1) if map_s else None,
        "baseline_rss_mib": round(baseline, 1),
        "peak_rss_mib": round(_rss_mib(), 1),
    }
    if source2 is not None:
        out.update(
            day2_changed_objects=changed,
            day2_operations=operations2,
            day2_map_plan_seconds=round(map2_s, 2),
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("catalogue", type=Path)
    parser.add_argument("--fraction", type=float, default=1.0)
    parser.add_argument("--day2", action="store_true")
    args = parser.parse_args(argv)
    json.dump(run(args.catalogue, args.fraction, day2=args.day2), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
