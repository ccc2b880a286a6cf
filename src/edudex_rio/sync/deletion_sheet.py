"""Importing deletion instructions from an Excel sheet, validated row by row with clear errors.

The sheet's first row names the columns (Dutch or English, any case, any order):

============================  =========================================================
``soort`` / ``kind``          ``aanbod`` (an aangeboden opleiding) or ``opleiding``
                              (an opleidingseenheid); English ``offering``/``programme``
``code``                      aangebodenOpleidingCode (UUID) or opleidingseenheidcode
                              (``1234O5678``)
``programId`` (optional)      the EDU-DEX programme, for the report
``reden`` / ``reason`` (opt.) why, for the report
============================  =========================================================

Every row is checked; a bad row becomes a :class:`SheetProblem` (row number + Dutch and English
text) and the good rows still come through, so one typo never blocks the rest. Files that are not
XLSX, too large, or without the required columns are refused as a whole.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from edudex_rio.errors import TerminalError
from edudex_rio.store.records import DeletionTarget, NewDeletionInstruction

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "DeletionSheet",
    "SheetError",
    "SheetProblem",
    "read_deletion_sheet",
]

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000

_O_CODE = re.compile(r"^\d{4}O\d{4}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

_KINDS = {
    "aanbod": DeletionTarget.AANGEBODEN_OPLEIDING,
    "aangebodenopleiding": DeletionTarget.AANGEBODEN_OPLEIDING,
    "aangeboden opleiding": DeletionTarget.AANGEBODEN_OPLEIDING,
    "offering": DeletionTarget.AANGEBODEN_OPLEIDING,
    "opleiding": DeletionTarget.OPLEIDINGSEENHEID,
    "opleidingseenheid": DeletionTarget.OPLEIDINGSEENHEID,
    "programme": DeletionTarget.OPLEIDINGSEENHEID,
    "program": DeletionTarget.OPLEIDINGSEENHEID,
}
_COLUMNS = {
    "soort": "kind",
    "kind": "kind",
    "code": "code",
    "programid": "program_id",
    "reden": "reason",
    "reason": "reason",
}


class SheetError(TerminalError):
    """The file as a whole cannot be read as a deletion sheet."""


@dataclass(frozen=True, kw_only=True, slots=True)
class SheetProblem:
    row: int
    nl: str
    en: str


@dataclass(frozen=True, kw_only=True, slots=True)
class DeletionSheet:
    instructions: tuple[NewDeletionInstruction, ...]
    problems: tuple[SheetProblem, ...]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _check_row(
    number: int, values: dict[str, str], seen: dict[str, int], source: str
) -> NewDeletionInstruction | SheetProblem:
    raw_kind, code = values.get("kind", ""), values.get("code", "")
    kind = _KINDS.get(raw_kind.lower())
    if kind is None:
        return SheetProblem(
            row=number,
            nl=f"soort '{raw_kind}' onbekend; gebruik 'aanbod' of 'opleiding'",
            en=f"unknown kind '{raw_kind}'; use 'offering' or 'programme'",
        )
    if not code:
        return SheetProblem(row=number, nl="code ontbreekt", en="code is missing")
    if kind is DeletionTarget.AANGEBODEN_OPLEIDING:
        code = code.lower()
        if not _UUID.match(code):
            return SheetProblem(
                row=number,
                nl=f"'{code}' is geen aangebodenOpleidingCode (een UUID)",
                en=f"'{code}' is not an aangebodenOpleidingCode (a UUID)",
            )
    elif not _O_CODE.match(code):
        return SheetProblem(
            row=number,
            nl=f"'{code}' is geen opleidingseenheidcode (zoals 1234O5678)",
            en=f"'{code}' is not an opleidingseenheidcode (like 1234O5678)",
        )
    if code in seen:
        return SheetProblem(
            row=number,
            nl=f"code {code} staat al in rij {seen[code]}",
            en=f"code {code} already appears in row {seen[code]}",
        )
    seen[code] = number
    return NewDeletionInstruction(
        target=kind,
        code=code,
        program_id=values.get("program_id") or None,
        reason=values.get("reason", ""),
        source=source,
    )


def read_deletion_sheet(path: Path) -> DeletionSheet:
    """Read and validate the first worksheet of ``path``."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SheetError(f"cannot read {path}: {exc}") from exc
    if size > MAX_BYTES:
        raise SheetError(f"{path.name} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if not zipfile.is_zipfile(path):
        raise SheetError(f"{path.name} is not an Excel (.xlsx) file")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise SheetError(f"{path.name} cannot be opened as an Excel file: {exc}") from exc
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise SheetError(f"{path.name} is empty")
        columns = {
            i: _COLUMNS[_text(h).lower()]
            for i, h in enumerate(header)
            if _text(h).lower() in _COLUMNS
        }
        missing = {"kind", "code"} - set(columns.values())
        if missing:
            raise SheetError(
                f"{path.name}: first row must name the columns 'soort' and 'code' "
                f"(missing: {', '.join(sorted(missing))})"
            )
        instructions: list[NewDeletionInstruction] = []
        problems: list[SheetProblem] = []
        seen: dict[str, int] = {}
        for number, row in enumerate(rows, start=2):
            if number - 1 > MAX_ROWS:
                raise SheetError(f"{path.name} has more than {MAX_ROWS} rows")
            values = {name: _text(row[i]) for i, name in columns.items() if i < len(row)}
            if not any(values.values()):
                continue
            checked = _check_row(number, values, seen, path.name)
            if isinstance(checked, SheetProblem):
                problems.append(checked)
            else:
                instructions.append(checked)
        return DeletionSheet(instructions=tuple(instructions), problems=tuple(problems))
    finally:
        wb.close()
