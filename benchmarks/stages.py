"""The pure stages, as the sync engine runs them, without RIO: read+normalise, map+plan.

Used by the benchmark scenarios (:mod:`benchmarks.run`) and by the catalogue's validity test.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edudex_rio.edudex.folder import FolderSource
from edudex_rio.edudex.model import Program
from edudex_rio.edudex.reader import ReadResult
from edudex_rio.mapping import History, MappingSettings, RioStand, map_provider
from edudex_rio.mapping.problems import Problem
from edudex_rio.planning import Plan, plan

__all__ = [
    "ProviderRead",
    "changed_objects",
    "load_providers",
    "map_plan",
    "read_provider",
    "strip_codes",
]


@dataclass(frozen=True)
class ProviderRead:
    org_unit_id: str
    programs: list[Program]
    failed: list[ReadResult]
    documents: int


def load_providers(catalogue: Path) -> list[dict[str, Any]]:
    """The generated providers (``providers.json`` beside ``day1/``)."""
    data: list[dict[str, Any]] = json.loads((catalogue / "providers.json").read_text())
    return data


def read_provider(source: FolderSource, org_unit_id: str) -> ProviderRead:
    """List and read one provider's public programmes, as the engine does."""
    source.fetch_provider(org_unit_id)
    listing = source.list_programs(org_unit_id)
    keys = [p.key for p in listing if p.key.is_public]
    results = list(source.fetch_programs(keys))
    return ProviderRead(
        org_unit_id=org_unit_id,
        programs=[r.program for r in results if r.program is not None],
        failed=[r for r in results if not r.ok],
        documents=len(listing),
    )


def map_plan(
    programs: list[Program],
    aanbiedercode: str,
    today: dt.date,
    last_sent: RioStand | None = None,
) -> tuple[RioStand, tuple[Problem, ...], Plan]:
    """Desired stand of one provider and the plan from ``last_sent`` (empty: first sync)."""
    previous = last_sent or RioStand()
    result = map_provider(
        programs,
        settings=MappingSettings(onderwijsaanbiedercode=aanbiedercode),
        today=today,
        history=History(stand=previous),
    )
    now = dt.datetime.combine(today, dt.time(6), tzinfo=dt.UTC)
    return result.stand, result.problems, plan(result.stand, previous, now)


def strip_codes(stand: RioStand) -> RioStand:
    """``stand`` without the codes RIO assigns, so two desired stands compare by content."""
    from dataclasses import replace

    return RioStand(
        locaties={k: replace(v, code=None) for k, v in stand.locaties.items()},
        opleidingseenheden={k: replace(v, code=None) for k, v in stand.opleidingseenheden.items()},
        aangeboden=dict(stand.aangeboden),
    )


def changed_objects(before: RioStand, after: RioStand) -> dict[str, int]:
    """RIO objects whose desired content differs between two stands: OEs and AOs new, changed
    or gone, and locations new (each needs a lookup or a registration). The physical minimum
    of writes for the change."""
    a, b = strip_codes(before), strip_codes(after)
    oes = {k for k in a.opleidingseenheden.keys() | b.opleidingseenheden.keys()}
    aos = {k for k in a.aangeboden.keys() | b.aangeboden.keys()}
    return {
        "locaties": len(b.locaties.keys() - a.locaties.keys()),
        "opleidingseenheden": sum(
            1 for k in oes if a.opleidingseenheden.get(k) != b.opleidingseenheden.get(k)
        ),
        "aangeboden_opleidingen": sum(1 for k in aos if a.aangeboden.get(k) != b.aangeboden.get(k)),
    }
