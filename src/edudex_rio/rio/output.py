"""Typed RIO responses as JSON-ready data or as a plain two-column table (for the CLI).

Pure functions: ``to_data(response)`` gives dicts/lists/strings/numbers only; ``table(data)``
flattens it into ``path  value`` rows (``opleidingseenheden[0].naam_lang  Kok``). Foutmeldingen
get their meaning and advice from the catalogue in the chosen language.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from edudex_rio.rio import foutcodes
from edudex_rio.rio import model as m

__all__ = ["Language", "rows", "table", "to_data"]

Language = Literal["nl", "en"]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) not in (None, ())
        }
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    return value


def to_data(response: m.Response, language: Language = "nl") -> dict[str, Any]:
    """The response as JSON-ready data: operation, goedgekeurd, foutmeldingen (explained), the
    returned objects; empty fields left out."""
    data = _plain(response)
    assert isinstance(data, dict)
    data.pop("foutmeldingen", None)
    explained = []
    for melding in response.foutmeldingen:
        entry = foutcodes.describe(melding.code)
        item = _plain(melding)
        item["uitleg" if language == "nl" else "explanation"] = (
            entry.meaning_nl if language == "nl" else entry.meaning_en
        )
        item["advies" if language == "nl" else "advice"] = (
            entry.advice_nl if language == "nl" else entry.advice_en
        )
        item["herhaalbaar" if language == "nl" else "retryable"] = entry.retryable
        explained.append(item)
    head = {"operation": response.operation, "goedgekeurd": response.goedgekeurd}
    return {**head, "foutmeldingen": explained, **data} if explained else {**head, **data}


def rows(data: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """``(path, value)`` for every leaf of ``data``."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from rows(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list):
        for number, value in enumerate(data):
            yield from rows(value, f"{prefix}[{number}]")
    else:
        text = "ja/yes" if data is True else "nee/no" if data is False else str(data)
        yield prefix, text


def table(data: Any) -> str:
    """A two-column text table of ``rows(data)``."""
    items = list(rows(data))
    width = max((len(path) for path, _ in items), default=0)
    return "\n".join(f"{path.ljust(width)}  {value}" for path, value in items)
