"""The mapping table: one place for every EDU-DEX value → RIO value mapping.

The defaults ship as ``data/mapping-table.json`` (degree, theme, programForm, instructionMode,
language, durationUnit, costType, nlqfLevel, eqfLevel, runStatus, learningPath). A provider's
settings override single entries per table (``{"theme": {"coaching": "ONDERWIJS"}}``). Every
RIO value, default or override, must be in DUO's code list for its target, so a typo in a
provider's settings is caught when the table is built, not by RIO.

A value that is not in the table raises :class:`UnmappedValue`: an error for that programme,
never a guess. Its message names the value and where to map it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

from edudex_rio.errors import TerminalError

__all__ = [
    "TABLES",
    "InvalidMapping",
    "MappingTable",
    "UnmappedValue",
    "codelist",
    "default_table",
]

#: Target list of the costType table: whether a cost type counts for the STAP-eligible total.
_STAP_TARGET: Final = ("STAP", "NIET_STAP")


@functools.cache
def _codelists() -> dict[str, tuple[str, ...]]:
    raw = resources.files("edudex_rio.mapping").joinpath("data/rio-codelists.json").read_text()
    data: dict[str, Any] = json.loads(raw)["codelists"]
    lists = {name: tuple(values) for name, values in data.items()}
    lists["_stap"] = _STAP_TARGET
    return lists


def codelist(name: str) -> tuple[str, ...]:
    """The values of one RIO code list (LOD v2.13.0 names, e.g. ``"Taalcode"``)."""
    return _codelists()[name]


class UnmappedValue(TerminalError):
    """An EDU-DEX value that the mapping table does not know; the programme is left out."""

    def __init__(self, *, table: str, field: str, value: str) -> None:
        self.table = table
        self.field = field
        self.value = value
        super().__init__(self.en)

    @property
    def nl(self) -> str:
        return (
            f"de waarde {self.value!r} van {self.field} heeft geen RIO-waarde; voeg hem toe aan "
            f"tabel {self.table!r} van de mappingtabel in de instellingen van de aanbieder "
            f"(mapping.{self.table})"
        )

    @property
    def en(self) -> str:
        return (
            f"value {self.value!r} of {self.field} has no RIO value; add it to table "
            f"{self.table!r} of the mapping table in the provider's settings "
            f"(mapping.{self.table})"
        )


class InvalidMapping(TerminalError):
    """A mapping (default or a provider's override) names a value outside RIO's code list."""


@dataclass(frozen=True, kw_only=True, slots=True)
class _Table:
    field: str
    target: str
    values: Mapping[str, str | None]


@dataclass(frozen=True, kw_only=True, slots=True)
class MappingTable:
    """All value mappings, defaults merged with one provider's overrides."""

    tables: Mapping[str, _Table]

    def lookup(self, table: str, value: str) -> str | None:
        """The RIO value for ``value``; ``None`` when it maps to nothing; raises when unmapped."""
        entry = self.tables[table]
        try:
            return entry.values[value]
        except KeyError:
            raise UnmappedValue(table=table, field=entry.field, value=value) from None

    def with_overrides(self, overrides: Mapping[str, Mapping[str, str | None]]) -> MappingTable:
        """A new table with a provider's overrides applied (and checked against RIO's lists)."""
        if not overrides:
            return self
        tables = dict(self.tables)
        for name, entries in overrides.items():
            if name not in tables:
                raise InvalidMapping(f"unknown mapping table {name!r}; known: {sorted(tables)}")
            base = tables[name]
            merged = {**base.values, **entries}
            tables[name] = _Table(field=base.field, target=base.target, values=merged)
            _check(name, tables[name])
        return MappingTable(tables=tables)


def _check(name: str, table: _Table) -> None:
    allowed = set(codelist(table.target))
    for source, target in table.values.items():
        if target is not None and target not in allowed:
            raise InvalidMapping(
                f"mapping.{name}: {source!r} → {target!r} is not in RIO code list {table.target}"
            )


@functools.cache
def default_table() -> MappingTable:
    """The shipped defaults (checked against RIO's code lists)."""
    raw = resources.files("edudex_rio.mapping").joinpath("data/mapping-table.json").read_text()
    data: dict[str, Any] = json.loads(raw)["tables"]
    tables = {
        name: _Table(field=spec["field"], target=spec["target"], values=dict(spec["values"]))
        for name, spec in data.items()
    }
    for name, table in tables.items():
        _check(name, table)
    return MappingTable(tables=tables)


#: Names of the tables a provider may override.
TABLES: Final = (
    "degree",
    "theme",
    "programForm",
    "instructionMode",
    "language",
    "durationUnit",
    "costType",
    "nlqfLevel",
    "eqfLevel",
    "runStatus",
    "learningPath",
)
