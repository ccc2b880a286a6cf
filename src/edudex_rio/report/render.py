"""Rendering a report as CSV, XLSX (openpyxl) and HTML.

Every value comes from EDU-DEX or RIO and is untrusted: HTML is escaped, and CSV/XLSX cells that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``) are prefixed with
an apostrophe.
"""

from __future__ import annotations

import csv
import html
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from edudex_rio.report.model import Level, Report, Signal
from edudex_rio.report.texts import HEADERS, Language, explain, level_label, subject_label

__all__ = ["report_rows", "to_csv", "to_html", "to_xlsx"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _row(signal: Signal, language: Language) -> tuple[str, ...]:
    explanation, action = explain(signal, language)
    return (
        level_label(signal.level, language),
        subject_label(signal.subject, language),
        signal.program_id or "",
        signal.aangeboden_opleiding_code or "",
        signal.run_id or "",
        signal.location or "",
        signal.rio_code or "",
        explanation,
        action,
    )


def report_rows(report: Report, language: Language = "nl") -> list[tuple[str, ...]]:
    """The table of the report: header row first, errors before warnings before info."""
    order = {Level.FOUT: 0, Level.WAARSCHUWING: 1, Level.INFO: 2}
    signals = sorted(report.signals, key=lambda s: order[s.level])  # stable within a level
    return [HEADERS[language], *(_row(s, language) for s in signals)]


def to_csv(report: Report, language: Language = "nl", *, delimiter: str = ";") -> str:
    """CSV with a header row (``;``-separated by default, as Dutch spreadsheets expect)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in report_rows(report, language):
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


_FILLS = {
    "FOUT": "F8D7DA",
    "ERROR": "F8D7DA",
    "WAARSCHUWING": "FFF3CD",
    "WARNING": "FFF3CD",
}


def to_xlsx(report: Report, language: Language = "nl") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Verwerkingsverslag" if language == "nl" else "Processing report"
    rows = report_rows(report, language)
    for row in rows:
        ws.append([_cell(v) for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for index, row in enumerate(rows[1:], start=2):
        colour = _FILLS.get(row[0])
        if colour:
            for cell in ws[index]:
                cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
        for cell in ws[index][7:9]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = (14, 14, 24, 38, 24, 24, 12, 80, 60)
    for column, width in zip("ABCDEFGHI", widths, strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_html(report: Report, language: Language = "nl") -> str:
    """A self-contained HTML page (inline style, no scripts, everything escaped)."""
    e = html.escape
    nl = language == "nl"
    title = ("Verwerkingsverslag" if nl else "Processing report") + f" — {report.provider}"
    when = report.created_at.strftime("%Y-%m-%d %H:%M UTC")
    counts = (
        f"{report.count(Level.FOUT)} {'fouten' if nl else 'errors'}, "
        f"{report.count(Level.WAARSCHUWING)} {'waarschuwingen' if nl else 'warnings'}, "
        f"{report.count(Level.INFO)} {'meldingen' if nl else 'notices'}"
    )
    dry = ""
    if report.dry_run:
        dry = (
            "<p><strong>"
            + (
                "Proefdraaien: er is niets naar RIO gestuurd."
                if nl
                else "Dry run: nothing was sent to RIO."
            )
            + "</strong></p>"
        )
    rows = report_rows(report, language)
    head = "".join(f"<th>{e(h)}</th>" for h in rows[0])
    body = "\n".join(
        f'<tr class="{e(r[0].lower())}">' + "".join(f"<td>{e(v)}</td>" for v in r) + "</tr>"
        for r in rows[1:]
    )
    return f"""<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<title>{e(title)}</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }}
th {{ background: #eee; }}
tr.fout td, tr.error td {{ background: #f8d7da; }}
tr.waarschuwing td, tr.warning td {{ background: #fff3cd; }}
</style>
</head>
<body>
<h1>{e(title)}</h1>
<p>{e(report.org_unit_id)} · {"verwerking" if nl else "run"} {report.sync_run_id} · {e(when)}</p>
<p>{e(counts)}</p>
{dry}
<table>
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody>
</table>
</body>
</html>
"""
