"""Validation of EDU-DEX documents against the official JSON schemas, in words a provider reads.

The schemas (Data API v1.0.2: program, institute, discounts) are bundled in
``edudex_rio/edudex/schemas/``. Each failure becomes an :class:`Issue` naming the path
(``programSchedule.programRun[1].status``), what is wrong and what is allowed, in Dutch
and English.

Two modes:

* ``strict`` — every deviation from the schema is an error (tests, ``edudex validate``);
* ``production`` — unknown fields and unknown enumeration values are warnings, because
  EDU-DEX changes its schema up to twice a year; everything else stays an error.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from jsonschema import (  # type: ignore[import-untyped, unused-ignore]
    Draft7Validator,
    Draft202012Validator,
    FormatChecker,
)
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "Issue",
    "Kind",
    "Level",
    "Mode",
    "format_path",
    "schema",
    "validate_document",
]

Level = Literal["error", "warning"]
Mode = Literal["strict", "production"]
Kind = Literal["program", "institute", "discounts"]

_MAX_SHOWN = 60


@dataclass(frozen=True, kw_only=True)
class Issue:
    """One finding about one place in a document."""

    path: str
    """Dotted path with indexes, e.g. ``programSchedule.programRun[0].status``; ``""``: root."""
    level: Level
    code: str
    """What kind of rule: ``required``, ``unknown-field``, ``enum``, ``type``, ``pattern``, …"""
    message_nl: str
    message_en: str
    found: str | None = None
    """The offending value, shortened."""
    allowed: str | None = None
    """What the standard allows here."""

    def text(self, language: str = "nl") -> str:
        """One line for a provider: ``path: what is wrong (allowed: …)``."""
        where = self.path or "(document)"
        message = self.message_en if language == "en" else self.message_nl
        return f"{where}: {message}"

    def __str__(self) -> str:
        return self.text("en")


_PLAIN_NAME = re.compile(r'^[^.\[\]"\s]+$')


def format_path(parts: Iterable[str | int]) -> str:
    """``["a", 0, "b"]`` → ``a[0].b``. A name that is empty or holds ``.``, ``[``, ``]``,
    ``"`` or white space is quoted, ``a["x.y"]``, so every path reads back unambiguously."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out = _join(out, part)
    return out


def _join(path: str, name: str) -> str:
    if not _PLAIN_NAME.match(name):
        return f"{path}[{json.dumps(name, ensure_ascii=False)}]"
    return f"{path}.{name}" if path else name


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


# --- formats ---------------------------------------------------------------------------

_format_checker = FormatChecker(formats=())
_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")


def _is_date(value: object) -> bool:
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return False
        dt.date.fromisoformat(value)
    return True


def _is_datetime(value: object) -> bool:
    if isinstance(value, str):
        if not re.fullmatch(
            r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", value
        ):
            return False
        dt.datetime.fromisoformat(value.replace("z", "Z").replace("t", "T"))
    return True


def _is_time(value: object) -> bool:
    if isinstance(value, str):
        if not _TIME.match(value):
            return False
        dt.time.fromisoformat(value)  # hour 25 or minute 61: ValueError, a format issue
    return True


def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI.match(value))


for _name, _check in {
    "date": _is_date,
    "date-time": _is_datetime,
    "time": _is_time,
    "uri": _is_uri,
}.items():
    _format_checker.checks(_name, raises=ValueError)(_check)

# --- schemas ---------------------------------------------------------------------------

_FILES: dict[Kind, str] = {
    "program": "edudex-program.schema.json",
    "institute": "edudex-institute.schema.json",
    "discounts": "edudex-discounts.schema.json",
}


@cache
def schema(kind: Kind) -> Mapping[str, Any]:
    """The bundled official JSON schema for ``kind``."""
    text = resources.files("edudex_rio.edudex").joinpath("schemas", _FILES[kind]).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator(kind: Kind) -> Any:
    sch = schema(kind)
    cls = Draft202012Validator if "$defs" in sch else Draft7Validator
    return cls(sch, format_checker=_format_checker)


def validate_document(
    document: object, *, kind: Kind = "program", mode: Mode = "strict"
) -> tuple[Issue, ...]:
    """All issues of ``document`` (JSON shape) against the official schema, errors first."""
    issues: list[Issue] = []
    seen: set[tuple[str, str]] = set()
    for error in _validator(kind).iter_errors(document):
        for issue in _issues_for(error, mode, schema(kind)):
            if (issue.path, issue.code) not in seen:
                seen.add((issue.path, issue.code))
                issues.append(issue)
    issues.sort(key=lambda i: (i.level != "error", i.path))
    return tuple(issues)


# --- translation of jsonschema errors ---------------------------------------------------


def _describe(sub: Mapping[str, Any], root: Mapping[str, Any]) -> str:
    """A short, human description of what a (sub)schema accepts."""
    if "$ref" in sub:
        ref = str(sub["$ref"]).rsplit("/", 1)[-1]
        defs = root.get("$defs") or root.get("definitions") or {}
        if ref in defs:
            return _describe(defs[ref], root)
    if "enum" in sub:
        return _one_of_values(sub["enum"])
    if "oneOf" in sub:
        return " | ".join(_describe(alt, root) for alt in sub["oneOf"])
    kind = sub.get("type")
    if kind == "object" and sub.get("required") and len(sub.get("properties", {})) == 1:
        (name,) = sub["properties"]
        return f"{{{name}: {_describe(sub['properties'][name], root)}}}"
    if kind == "null":
        return "null"
    text = {
        "string": "text",
        "integer": "whole number",
        "number": "number",
        "boolean": "true/false",
        "array": "list",
        "object": "object",
    }.get(str(kind), str(kind))
    if "format" in sub:
        text = {
            "date": "date YYYY-MM-DD",
            "date-time": "date-time YYYY-MM-DDThh:mm:ssZ",
            "time": "time hh:mm:ss",
            "uri": "URL",
        }.get(str(sub["format"]), text)
    if "pattern" in sub:
        text = _PATTERNS.get(str(sub["pattern"]), f"{text} matching {sub['pattern']}")
    if "minimum" in sub:
        text += f" ≥ {sub['minimum']}"
    if "maximum" in sub:
        text += f" ≤ {sub['maximum']}"
    return text


_PATTERNS = {
    r"^[-+]?[0-9]+(\.[0-9]{2})?$": "amount like 2450.00 (point, two decimals)",
    r"^[A-Z]{3}$": "three capital letters, e.g. EUR",
    r"^(\d{4}O\d{4})$": "O-code: 4 digits, capital O, 4 digits, e.g. 1234O5678",
    r"^\d{8}$": "8 digits (KvK number)",
    r"^\d{2,3}-\d{2,3}$": "NLQF register code like 12-345",
    r"^([A-Z]|\d){1}[\d]{4}$": "CREBO code: 5 digits, e.g. 25180",
    r"^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$": "UUID",
    r"^[a-z][a-z]$": "two lower-case letters (language code), e.g. nl",
}


def _one_of_values(values: Sequence[object]) -> str:
    shown = ", ".join(json.dumps(v, ensure_ascii=False) for v in values[:40])
    return shown + (f" … ({len(values)})" if len(values) > 40 else "")


_TYPE_NL = {
    "string": "tekst",
    "integer": "geheel getal",
    "number": "getal",
    "boolean": "true/false",
    "array": "lijst",
    "object": "object",
    "null": "null",
}


def _issues_for(error: ValidationError, mode: Mode, root: Mapping[str, Any]) -> list[Issue]:
    path = format_path(error.absolute_path)
    validator = str(error.validator)
    value: Any = error.validator_value
    inst: Any = error.instance
    found = _short(inst)

    def issue(
        code: str, nl: str, en: str, *, at: str = path, level: Level = "error", **kw: Any
    ) -> Issue:
        allowed = kw.get("allowed")
        suffix_nl = f" (toegestaan: {allowed})" if allowed else ""
        suffix_en = f" (allowed: {allowed})" if allowed else ""
        return Issue(
            path=at,
            level=level,
            code=code,
            message_nl=nl + suffix_nl,
            message_en=en + suffix_en,
            found=kw.get("found", found),
            allowed=allowed,
        )

    if validator == "required":
        missing = [name for name in value if isinstance(inst, dict) and name not in inst]
        return [
            issue(
                "required",
                "verplicht veld ontbreekt",
                "required field is missing",
                at=_join(path, name),
                found=None,
            )
            for name in missing
        ]
    if validator == "additionalProperties" and isinstance(inst, dict):
        props = set(error.schema.get("properties", {}))
        patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
        extras = [k for k in inst if k not in props and not any(p.search(k) for p in patterns)]
        allowed = ", ".join(sorted(props))
        if patterns:
            allowed += (", " if allowed else "") + " or ".join(
                f"names matching {p.pattern}" for p in patterns
            )
        level: Level = "warning" if mode == "production" else "error"
        return [
            issue(
                "unknown-field",
                "onbekend veld",
                "unknown field",
                at=_join(path, k),
                level=level,
                found=_short(k),
                allowed=allowed,
            )
            for k in extras
        ]
    if validator == "enum":
        level = "warning" if mode == "production" else "error"
        return [
            issue(
                "enum",
                f"onbekende waarde {found}",
                f"unknown value {found}",
                level=level,
                allowed=_one_of_values(value),
            )
        ]
    if validator == "type":
        wanted = value if isinstance(value, str) else " or ".join(value)
        wanted_nl = _TYPE_NL.get(wanted, wanted) if isinstance(value, str) else wanted
        return [
            issue(
                "type",
                f"verkeerd soort waarde {found}, verwacht {wanted_nl}",
                f"wrong kind of value {found}, expected {wanted}",
                allowed=wanted,
            )
        ]
    if validator == "oneOf":
        allowed = " | ".join(_describe(alt, root) for alt in value)
        return [
            issue(
                "one-of",
                f"waarde {found} past niet",
                f"value {found} does not fit",
                allowed=allowed,
            )
        ]
    simple: dict[str, tuple[str, str, str]] = {
        "pattern": (
            "heeft niet de juiste vorm",
            "has the wrong form",
            _PATTERNS.get(str(value), f"text matching {value}"),
        ),
        "format": ("is geen geldige {v}", "is not a valid {v}", _describe({"format": value}, root)),
        "minLength": ("is te kort", "is too short", f"at least {value} characters"),
        "maxLength": ("is te lang", "is too long", f"at most {value} characters"),
        "minimum": ("is te klein", "is too small", f"≥ {value}"),
        "maximum": ("is te groot", "is too large", f"≤ {value}"),
        "minItems": ("lijst is te kort", "list is too short", f"at least {value} item(s)"),
        "maxItems": ("lijst is te lang", "list is too long", f"at most {value} item(s)"),
        "minProperties": ("mag niet leeg zijn", "must not be empty", f"at least {value} field(s)"),
    }
    if validator in simple:
        nl, en, allowed = simple[validator]
        nl, en = nl.replace("{v}", str(value)), en.replace("{v}", str(value))
        return [issue(validator, f"{found} {nl}", f"{found} {en}", allowed=allowed)]
    return [issue(validator, f"ongeldig: {error.message}", f"invalid: {error.message}")]
