"""Read one EDU-DEX document (JSON or feed XML): parse safely, validate, normalise.

:func:`read_program` never raises for bad input: whatever is wrong with a programme
comes back as :class:`ReadResult` issues, so one broken programme never stops the
others. :func:`read_provider` raises :class:`DocumentRejected` (a provider without
valid metadata cannot be synchronised at all).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from edudex_rio.edudex import normalise, xmlformat, xmlsafe
from edudex_rio.edudex.errors import DocumentRejected, UnsafeDocument
from edudex_rio.edudex.model import Program, ProgramKey, Provider
from edudex_rio.edudex.validation import Issue, Kind, Mode, validate_document

__all__ = [
    "Format",
    "ReadResult",
    "detect_format",
    "load_document",
    "read_program",
    "read_provider",
]

log = logging.getLogger(__name__)

Format = Literal["json", "xml"]


@dataclass(frozen=True, kw_only=True)
class ReadResult:
    """The outcome of reading one programme: a model, or the reasons there is none."""

    origin: str
    """Where it came from: a file path, URL or ``orgUnitId/programId/clientId``."""
    key: ProgramKey | None
    """The programme's identity, when it could be read from the document."""
    program: Program | None
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return self.program is not None

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.level == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.level == "warning")


def _issue(code: str, nl: str, en: str, path: str = "") -> Issue:
    return Issue(path=path, level="error", code=code, message_nl=nl, message_en=en)


def detect_format(data: bytes) -> Format:
    """``xml`` when the first non-blank character is ``<``, else ``json``."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "xml" if head == b"<" else "json"


def load_document(
    data: bytes | Mapping[str, Any],
    *,
    fmt: Format | None = None,
    max_bytes: int = xmlsafe.DEFAULT_MAX_BYTES,
    name: str = "document",
) -> tuple[Kind | None, Any]:
    """Parse bytes (or take a mapping) into the JSON document shape.

    Returns the kind when recognisable from an XML root. Raises
    :class:`UnsafeDocument` for hostile, oversized or malformed input.
    """
    if isinstance(data, Mapping):
        return None, data
    fmt = fmt or detect_format(data)
    if fmt == "xml":
        root = xmlsafe.parse_xml(data, max_bytes=max_bytes, name=name)
        kind = xmlformat.kind_of(root)
        if kind is None:
            raise UnsafeDocument(
                f"{name}: onbekend hoofdelement <{root.tag}> / unknown root element <{root.tag}>"
            )
        return kind, xmlformat.element_to_document(root, kind)
    if len(data) > max_bytes:
        raise UnsafeDocument(
            f"{name}: bestand te groot ({len(data)} bytes, maximaal {max_bytes}) / "
            f"file too large ({len(data)} bytes, at most {max_bytes})"
        )
    try:
        return None, json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError) as exc:
        raise UnsafeDocument(f"{name}: geen geldige JSON / not valid JSON: {exc}") from exc


def _key_of(doc: object, client_id: str | None) -> ProgramKey | None:
    if not isinstance(doc, Mapping):
        return None
    cls = doc.get("programClassification")
    if not isinstance(cls, Mapping):
        return None
    org, pid = cls.get("orgUnitId"), cls.get("programId")
    if not isinstance(org, str) or not isinstance(pid, str):
        return None
    client = doc.get("clientId")
    if (
        client_id is None
        and isinstance(client, Mapping)
        and isinstance(client.get("orgUnitId"), str)
    ):
        client_id = str(client["orgUnitId"])
    return ProgramKey(org_unit_id=org, program_id=pid, client_id=client_id or "public")


def read_program(
    data: bytes | Mapping[str, Any],
    *,
    fmt: Format | None = None,
    mode: Mode = "strict",
    origin: str = "",
    client_id: str | None = None,
    max_bytes: int = xmlsafe.DEFAULT_MAX_BYTES,
) -> ReadResult:
    """Read one programme document; never raises for bad input."""
    try:
        kind, doc = load_document(data, fmt=fmt, max_bytes=max_bytes, name=origin or "document")
    except UnsafeDocument as exc:
        return ReadResult(
            origin=origin,
            key=None,
            program=None,
            issues=(_issue("unreadable", str(exc), str(exc)),),
        )
    key = _key_of(doc, client_id)
    if kind not in (None, "program"):
        issue = _issue(
            "wrong-document", "dit is geen programma-document", "this is not a program document"
        )
        return ReadResult(origin=origin, key=key, program=None, issues=(issue,))
    issues = validate_document(doc, kind="program", mode=mode)
    if any(i.level == "error" for i in issues):
        return ReadResult(origin=origin, key=key, program=None, issues=issues)
    try:
        program = normalise.program_from_document(doc, client_id=client_id)
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:  # pragma: no cover
        log.warning("normalising %s failed: %r", origin, exc)
        issue = _issue(
            "normalise", f"kon niet worden verwerkt: {exc!r}", f"could not be processed: {exc!r}"
        )
        return ReadResult(origin=origin, key=key, program=None, issues=(*issues, issue))
    return ReadResult(origin=origin, key=program.key, program=program, issues=issues)


def read_provider(
    data: bytes | Mapping[str, Any],
    *,
    fmt: Format | None = None,
    mode: Mode = "strict",
    origin: str = "",
    max_bytes: int = xmlsafe.DEFAULT_MAX_BYTES,
) -> tuple[Provider, tuple[Issue, ...]]:
    """Read supplier metadata; raises :class:`DocumentRejected` when it does not validate."""
    kind, doc = load_document(data, fmt=fmt, max_bytes=max_bytes, name=origin or "metadata")
    if kind not in (None, "institute"):
        raise DocumentRejected(f"{origin}: not an institute document", issues=())
    issues = validate_document(doc, kind="institute", mode=mode)
    errors = tuple(i for i in issues if i.level == "error")
    if errors:
        lines = "; ".join(i.text("en") for i in errors[:5])
        raise DocumentRejected(f"{origin or 'metadata'}: {lines}", issues=issues)
    return normalise.provider_from_document(doc), issues
