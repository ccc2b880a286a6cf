from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from edudex_rio.store.records import DeletionTarget
from edudex_rio.sync.deletion_sheet import SheetError, read_deletion_sheet

AO = "0b4c6a8e-1c1d-5d2e-9f00-3a1b2c3d4e5f"


def _sheet(tmp_path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    path = tmp_path / "verwijderen.xlsx"
    wb.save(path)
    return path


def test_valid_rows_become_instructions_in_order(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        [
            ["Reden", "Soort", "Code", "programId"],
            ["dubbel", "aanbod", AO.upper(), "p1"],
            [None, None, None, None],  # empty rows are skipped
            ["", "Opleiding", "1234O5678", ""],
        ],
    )
    sheet = read_deletion_sheet(path)
    assert sheet.problems == ()
    first, second = sheet.instructions
    assert first.target is DeletionTarget.AANGEBODEN_OPLEIDING
    assert first.code == AO  # UUIDs are lower-cased
    assert first.program_id == "p1"
    assert first.reason == "dubbel"
    assert first.source == "verwijderen.xlsx"
    assert second.target is DeletionTarget.OPLEIDINGSEENHEID
    assert second.program_id is None


def test_bad_rows_are_reported_with_row_numbers_and_good_rows_still_pass(
    tmp_path: Path,
) -> None:
    path = _sheet(
        tmp_path,
        [
            ["kind", "code"],
            ["offering", "not-a-uuid"],
            ["programme", "12O34"],
            ["cursus", "1234O5678"],
            ["programme", ""],
            ["programme", "1234O5678"],
            ["opleiding", "1234O5678"],
        ],
    )
    sheet = read_deletion_sheet(path)
    assert [i.code for i in sheet.instructions] == ["1234O5678"]
    assert [(p.row, p.nl) for p in sheet.problems] == [
        (2, "'not-a-uuid' is geen aangebodenOpleidingCode (een UUID)"),
        (3, "'12O34' is geen opleidingseenheidcode (zoals 1234O5678)"),
        (4, "soort 'cursus' onbekend; gebruik 'aanbod' of 'opleiding'"),
        (5, "code ontbreekt"),
        (7, "code 1234O5678 staat al in rij 6"),
    ]
    assert sheet.problems[0].en == "'not-a-uuid' is not an aangebodenOpleidingCode (a UUID)"


def test_missing_columns_refuse_the_sheet(tmp_path: Path) -> None:
    path = _sheet(tmp_path, [["code", "wat"], [AO, "x"]])
    with pytest.raises(SheetError, match=r"'soort' and 'code'.*missing: kind"):
        read_deletion_sheet(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"kind;code\n", "not an Excel"), (b"PK\x03\x04broken", "not an Excel|cannot be opened")],
    ids=["csv", "broken-zip"],
)
def test_non_xlsx_files_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    with pytest.raises(SheetError, match=message):
        read_deletion_sheet(path)


def test_empty_workbook_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SheetError, match="empty"):
        read_deletion_sheet(_sheet(tmp_path, []))
    with pytest.raises(SheetError, match="cannot read"):
        read_deletion_sheet(tmp_path / "absent.xlsx")
