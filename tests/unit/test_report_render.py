from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from edudex_rio.report import Level, Report, Signal, Subject
from edudex_rio.report.render import to_csv, to_html, to_xlsx
from edudex_rio.report.texts import HEADERS, explain, known_codes

WHEN = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC)

CREATED = Signal(
    level=Level.INFO,
    subject=Subject.OPLEIDING,
    code="programme.created",
    program_id="p1",
    params={"name": "Excel voor gevorderden", "code": "1234O5678"},
)
NOT_IN_BAG = Signal(
    level=Level.FOUT,
    subject=Subject.LOCATIE,
    code="location.not_found",
    program_id="p2",
    run_id="run-9",
    location="9999ZZ 1",
)
REJECTED = Signal(
    level=Level.FOUT,
    subject=Subject.STARTMOMENT,
    code="rio.rejected",
    program_id='=HYPERLINK("http://evil")',
    aangeboden_opleiding_code="0b4c6a8e-1c1d-5d2e-9f00-3a1b2c3d4e5f",
    run_id="r2",
    rio_code="N11410",
    params={"object": "startmoment r2", "text": "<script>alert(1)</script>"},
)
WAIT = Signal(
    level=Level.WAARSCHUWING,
    subject=Subject.OPLEIDING,
    code="rio.unconfirmed",
    params={"object": "opleiding p1"},
)


def _report(*signals: Signal) -> Report:
    return Report(
        provider="Acme Opleidingen",
        org_unit_id="acme",
        sync_run_id=7,
        created_at=WHEN,
        signals=signals,
    )


def test_explanations_are_dutch_by_default_with_english_available() -> None:
    nl, nl_do = explain(CREATED)
    en, en_do = explain(CREATED, "en")
    assert nl == "De opleiding 'Excel voor gevorderden' is in RIO aangemaakt met code 1234O5678."
    assert nl_do == "Niets."
    assert en == "The programme 'Excel voor gevorderden' was created in RIO with code 1234O5678."
    assert en_do == "Nothing."


@pytest.mark.parametrize("code", sorted(known_codes()))
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_explanation_renders_even_with_missing_params(code: str, language: str) -> None:
    text, action = explain(
        Signal(level=Level.INFO, subject=Subject.OPLEIDING, code=code),
        language,  # type: ignore[arg-type]
    )
    assert text
    assert action
    assert "{" not in text + action


def test_templates_cannot_reach_attributes_of_params() -> None:
    sig = Signal(
        level=Level.FOUT,
        subject=Subject.OPLEIDING,
        code="programme.invalid",
        params={"name": "{name.__class__}", "problem": "x"},
    )
    text, _ = explain(sig)
    assert "{name.__class__}" in text  # data is data, never a template


def test_unknown_code_falls_back_to_its_text() -> None:
    sig = Signal(
        level=Level.INFO, subject=Subject.OPLEIDER, code="new.thing", params={"text": "iets nieuws"}
    )
    assert explain(sig)[0] == "iets nieuws"


def test_csv_has_header_errors_first_and_defuses_formulas() -> None:
    text = to_csv(_report(CREATED, WAIT, NOT_IN_BAG, REJECTED))
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert tuple(rows[0]) == HEADERS["nl"]
    assert [r[0] for r in rows[1:]] == ["FOUT", "FOUT", "WAARSCHUWING", "INFO"]
    assert rows[1][1] == "locatie"
    assert rows[1][5] == "9999ZZ 1"
    assert "Basisregistratie Adressen" in rows[1][7]
    assert rows[2][2].startswith("'=HYPERLINK")
    assert rows[2][6] == "N11410"


def test_csv_in_english() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(_report(NOT_IN_BAG), "en")), delimiter=";"))
    assert tuple(rows[0]) == HEADERS["en"]
    assert rows[1][:2] == ["ERROR", "location"]
    assert "not in the Dutch address register" in rows[1][7]


def test_xlsx_reads_back() -> None:
    wb = load_workbook(io.BytesIO(to_xlsx(_report(CREATED, REJECTED))))
    ws = wb.active
    assert ws.title == "Verwerkingsverslag"
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert tuple(values[0]) == HEADERS["nl"]
    assert values[1][0] == "FOUT"
    assert values[1][2] == '\'=HYPERLINK("http://evil")'
    assert values[2][7].startswith("De opleiding 'Excel")
    assert ws.freeze_panes == "A2"


def test_html_escapes_everything_and_counts() -> None:
    page = to_html(_report(CREATED, WAIT, REJECTED))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "1 fouten, 1 waarschuwingen, 1 meldingen" in page
    assert page.count('<tr class="fout">') == 1
    assert re.search(r"<title>Verwerkingsverslag — Acme Opleidingen</title>", page)
    en = to_html(_report(CREATED), "en")
    assert 'lang="en"' in en
    assert "Processing report" in en


def test_html_of_a_dry_run_says_nothing_was_sent() -> None:
    report = Report(
        provider="A", org_unit_id="a", sync_run_id=1, created_at=WHEN, signals=(), dry_run=True
    )
    assert "er is niets naar RIO gestuurd" in to_html(report)
