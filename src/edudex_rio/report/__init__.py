"""The processing report (verwerkingsverslag) for providers: signals, texts, CSV/XLSX/HTML, mail."""

from __future__ import annotations

from edudex_rio.report.model import Level, Report, Signal, Subject

__all__ = ["Level", "Report", "Signal", "Subject"]
