"""Writing a report's files (CSV, XLSX, HTML) to a folder."""

from __future__ import annotations

from pathlib import Path

from edudex_rio.report.model import Report
from edudex_rio.report.render import to_csv, to_html, to_xlsx
from edudex_rio.report.texts import Language

__all__ = ["write_report"]


def write_report(report: Report, directory: Path, language: Language = "nl") -> dict[str, Path]:
    """Write ``verwerkingsverslag-<org>-<run>.{csv,xlsx,html}``; return the paths by format."""
    directory.mkdir(parents=True, exist_ok=True)
    safe_org = "".join(c if c.isalnum() or c in "-_." else "_" for c in report.org_unit_id)
    stem = directory / f"verwerkingsverslag-{safe_org}-{report.sync_run_id}"
    paths = {
        "csv": stem.with_suffix(".csv"),
        "xlsx": stem.with_suffix(".xlsx"),
        "html": stem.with_suffix(".html"),
    }
    paths["csv"].write_text(to_csv(report, language), encoding="utf-8-sig")
    paths["xlsx"].write_bytes(to_xlsx(report, language))
    paths["html"].write_text(to_html(report, language), encoding="utf-8")
    return paths
