"""``edudex-rio demo``: the main job end to end on the embedded default, in well under a minute.

SQLite state store in a work folder, the bundled RIO sandbox over real loopback HTTP with the
bundled seed (``examples/sandbox-seed.yaml``), and the example catalogue: day 1, then day 2.
Prints each provider's verwerkingsverslag in plain words.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from edudex_rio.edudex import open_source
from edudex_rio.report import Level, Report
from edudex_rio.report.texts import Language, explain, level_label
from edudex_rio.sandbox.seed import load as load_seed
from edudex_rio.sandbox.server import running_sandbox
from edudex_rio.settings import Settings, load_settings
from edudex_rio.store import Store
from edudex_rio.sync.engine import SyncOptions, SyncResult, sync
from edudex_rio.sync.rio import client_factory

__all__ = ["DAY1", "DAY2", "examples_dir", "print_report", "run_demo"]

#: The days the example catalogue was published (its lastEdited stamps).
DAY1 = dt.date(2026, 11, 28)
DAY2 = dt.date(2026, 11, 29)


def examples_dir() -> Path:
    """``examples/`` of the checkout edudex-rio runs from."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "examples" / "edudex-rio.toml"
        if candidate.is_file():
            return candidate.parent
    raise FileNotFoundError("examples/edudex-rio.toml not found beside the installed package")


def print_report(report: Report, out: Callable[[str], None], language: Language = "nl") -> None:
    """A provider's report in plain words: errors first, then warnings, then what was done."""
    title = "Verwerkingsverslag" if language == "nl" else "Processing report"
    out(f"\n== {title}: {report.provider} ({report.org_unit_id}) ==")
    order = {Level.FOUT: 0, Level.WAARSCHUWING: 1, Level.INFO: 2}
    for signal in sorted(report.signals, key=lambda s: order[s.level]):
        text, action = explain(signal, language)
        where = " · ".join(v for v in (signal.program_id, signal.run_id, signal.rio_code) if v)
        line = f"  {level_label(signal.level, language):<12} {text}"
        if where:
            line += f"  [{where}]"
        out(line)
        if signal.level is not Level.INFO:
            out(f"  {'':<12} → {action}")


def _write_keys(folder: Path) -> tuple[Path, Path]:
    from edudex_rio.sandbox import wssec

    pair = wssec.generate_key_pair(common_name="edudex-rio-demo", oin="00000003000000000000")
    cert, key = folder / "client.pem", folder / "client.key"
    pair.write_pem(cert, key)
    return cert, key


def _summary(result: SyncResult, label: str, seconds: float) -> str:
    parts = [f"{p.org_unit_id}: {p.writes}" for p in result.providers]
    return f"{label}: {result.writes} writes to RIO in {seconds:.1f}s ({', '.join(parts)})"


def run_demo(
    workdir: Path | None = None,
    *,
    out: Callable[[str], None] = print,
    language: Language = "nl",
) -> int:
    """Run the demo; return the exit status (0 when both days ran without a failure)."""
    started = time.monotonic()
    examples = examples_dir()
    work = workdir or Path(tempfile.mkdtemp(prefix="edudex-rio-demo-"))
    work.mkdir(parents=True, exist_ok=True)
    base = load_settings(examples / "edudex-rio.toml", environ={})
    cert, key = _write_keys(work)
    seed = load_seed(examples / "sandbox-seed.yaml")
    out(f"edudex-rio demo — work folder {work}")
    with running_sandbox(work / "rio-sandbox.sqlite", seed=seed) as rio:
        out(f"RIO sandbox listening at {rio.url}")
        data = base.model_dump()
        data["database"] = {"url": f"sqlite:///{work / 'edudex-rio.sqlite'}"}
        data["report"] = {**data["report"], "directory": work / "reports", "language": language}
        data["rio"] = {
            **data["rio"],
            "beheren_url": rio.beheren_url,
            "raadplegen_url": rio.raadplegen_url,
            "certificate": cert,
            "private_key": key,
            "trust": rio.trust,
        }
        data["sync"] = {**data["sync"], "confirm_delays_seconds": (0.2, 0.5, 1.0, 2.0)}
        settings = Settings.model_validate(data)
        store = Store.open(settings.database.url)
        status = 0
        try:
            for day, today in ((1, DAY1), (2, DAY2)):
                catalogue = examples / "catalog" / f"day{day}" / "json"
                out(f"\n### Day {day} ({today}): syncing {catalogue.relative_to(examples.parent)}")
                t0 = time.monotonic()
                source = open_source(catalogue)
                try:
                    result = sync(
                        settings,
                        store=store,
                        source=source,
                        port_factory=client_factory(settings),
                        options=SyncOptions(today=today),
                    )
                finally:
                    source.close()
                for provider in result.providers:
                    print_report(provider.report, out, language)
                out("\n" + _summary(result, f"Day {day}", time.monotonic() - t0))
                if not result.ok:
                    status = 1
            out(f"\nReports (CSV, XLSX, HTML) in {settings.report.directory}")
        finally:
            store.close()
    out(f"Demo finished in {time.monotonic() - started:.1f}s.")
    return status
