"""DUO's current RIO V4 XSDs, loaded once, and validation of payload elements against them.

The XSDs bundled in ``rio/schemas/`` (Beheren and Raadplegen, commit-versie 7858) are parsed with
the hardened parser on first use and cached for the life of the process; validation of one
payload element costs no schema loading. A failure raises :class:`XsdValidationError` naming the
payload element and every rule libxml2 reported (path, line, message).

The XSDs also document which kenmerken each RIO object may carry (the ``Kenmerkwaardenbereik_*``
types, which never occur in messages). :func:`kenmerk_rules` reads them, so builders order
kenmerken the way DUO lists them and checks (ours, the sandbox's) need no hand-made table.

``Teksttype`` (names such as ``naamLang``) is an ``xsd:token`` whose documented conditions (no line
feeds, carriage returns, tabs, leading/trailing or double spaces) the XSD itself cannot enforce:
token's whitespace collapsing accepts them. :func:`validate` checks them too, for every element
name the XSD declares only with a Teksttype-derived type.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from lxml import etree

from edudex_rio.errors import TerminalError
from edudex_rio.rio.model_common import KenmerkSoort, Service
from edudex_rio.rio.xml import localname, safe_parser

__all__ = [
    "BEHEREN_NS",
    "RAADPLEGEN_NS",
    "SCHEMA_DIR",
    "KenmerkRule",
    "XsdIssue",
    "XsdValidationError",
    "kenmerk_rules",
    "schema",
    "service_of_namespace",
    "teksttype_elements",
    "validate",
]

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
BEHEREN_NS = "http://duo.nl/schema/DUO_RIO_Beheren_OnderwijsOrganisatie_V4"
RAADPLEGEN_NS = "http://duo.nl/schema/DUO_RIO_Raadplegen_OnderwijsOrganisatie_V4"
_XS = "{http://www.w3.org/2001/XMLSchema}"
_FILES: dict[Service, str] = {
    "beheren": "DUO_RIO_Beheren_OnderwijsOrganisatie_V4.xsd",
    "raadplegen": "DUO_RIO_Raadplegen_OnderwijsOrganisatie_V4.xsd",
}
_NAMESPACES: dict[str, Service] = {BEHEREN_NS: "beheren", RAADPLEGEN_NS: "raadplegen"}
# libxml2 keeps one error log per schema object: serialise validations on the same schema.
_LOCKS: dict[Service, threading.Lock] = {
    "beheren": threading.Lock(),
    "raadplegen": threading.Lock(),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class XsdIssue:
    """One rule the payload broke, as libxml2 reports it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path} (line {self.line}): {self.message}"


class XsdValidationError(TerminalError):
    """A payload does not conform to DUO's XSD; ``issues`` names each broken rule."""

    def __init__(self, element: str, issues: tuple[XsdIssue, ...]) -> None:
        shown = "; ".join(str(issue) for issue in issues[:5])
        more = f" (and {len(issues) - 5} more)" if len(issues) > 5 else ""
        super().__init__(f"{element} does not conform to the RIO XSD: {shown}{more}")
        self.element = element
        self.issues = issues


@dataclass(frozen=True, slots=True, kw_only=True)
class KenmerkRule:
    """A kenmerk an object may carry: its name, value kind, XSD type and cardinality."""

    naam: str
    soort: KenmerkSoort
    xsd_type: str
    min_occurs: int
    max_occurs: int


def service_of_namespace(namespace: str | None) -> Service:
    """``beheren`` or ``raadplegen`` for a RIO schema namespace; ValueError otherwise."""
    try:
        return _NAMESPACES[namespace or ""]
    except KeyError:
        raise ValueError(f"not a RIO V4 namespace: {namespace!r}") from None


@functools.cache
def _schema_document(service: Service) -> etree._ElementTree:
    return etree.parse(str(SCHEMA_DIR / _FILES[service]), safe_parser())


@functools.cache
def schema(service: Service) -> etree.XMLSchema:
    """The compiled XSD of one service, loaded once per process."""
    return etree.XMLSchema(_schema_document(service))


def validate(element: etree._Element) -> None:
    """Validate a payload element (``<operation>_request``/``_response``) against its XSD.

    The service follows from the element's namespace. Raises :class:`XsdValidationError`.
    """
    service = service_of_namespace(etree.QName(element).namespace)
    compiled = schema(service)
    with _LOCKS[service]:
        valid = compiled.validate(element)
        issues = tuple(
            XsdIssue(path=entry.path or "", line=entry.line, message=entry.message)
            for entry in cast("Iterable[etree._LogEntry]", compiled.error_log)
        )
    issues = issues if not valid else tuple(_teksttype_issues(element, service))
    if issues:
        raise XsdValidationError(localname(element), issues)


_TEKSTTYPE_FORBIDDEN = re.compile(r"[\t\r\n]|^ | $|  ")


def _teksttype_issues(element: etree._Element, service: Service) -> Iterable[XsdIssue]:
    names = teksttype_elements(service)
    tree = element.getroottree()
    for node in element.iter():
        if not isinstance(node.tag, str) or localname(node) not in names or len(node):
            continue
        if _TEKSTTYPE_FORBIDDEN.search(node.text or ""):
            yield XsdIssue(
                path=tree.getpath(node),
                line=int(getattr(node, "sourceline", None) or 0),
                message=(
                    f"Element '{localname(node)}': Teksttype allows no line feeds, carriage "
                    "returns, tabs, leading/trailing or double spaces"
                ),
            )


@functools.cache
def teksttype_elements(service: Service) -> frozenset[str]:
    """Element names the XSD declares only with a type derived from ``Teksttype``."""
    index = _index(service)

    def is_teksttype(name: str) -> bool:
        seen: set[str] = set()
        while name and name not in seen:
            seen.add(name)
            if name == "Teksttype":
                return True
            name = index.simple_bases.get(name, "")
        return False

    kinds: dict[str, set[bool]] = {}
    for item in _schema_document(service).getroot().iter(f"{_XS}element"):
        if item.get("name"):
            kinds.setdefault(item.get("name", ""), set()).add(is_teksttype(item.get("type", "")))
    return frozenset(name for name, found in kinds.items() if found == {True})


def kenmerk_rules(element: str, service: Service = "beheren") -> tuple[KenmerkRule, ...]:
    """The kenmerken the XSD lists for a RIO object element (e.g. ``aangebodenParticuliere
    OpleidingCohort``), in DUO's order: inherited ones first. Empty for unknown elements."""
    return _kenmerk_rules(element, service)


@functools.cache
def _kenmerk_rules(element: str, service: Service) -> tuple[KenmerkRule, ...]:
    index = _index(service)
    type_name = index.element_types.get(element)
    if type_name is None:
        return ()
    chain: list[etree._Element] = []
    current = index.complex_types.get(f"Kenmerkwaardenbereik_{type_name}")
    while current is not None:
        chain.append(current)
        extension = current.find(f"{_XS}complexContent/{_XS}extension")
        current = None if extension is None else index.complex_types.get(extension.get("base", ""))
    rules: list[KenmerkRule] = []
    for complex_type in reversed(chain):
        for item in complex_type.iter(f"{_XS}element"):
            xsd_type = item.get("type", "")
            max_occurs = item.get("maxOccurs", "1")
            rules.append(
                KenmerkRule(
                    naam=item.get("name", ""),
                    soort=_value_kind(index, xsd_type),
                    xsd_type=xsd_type,
                    min_occurs=int(item.get("minOccurs", "1")),
                    max_occurs=10**6 if max_occurs == "unbounded" else int(max_occurs),
                )
            )
    return tuple(rules)


@dataclass(frozen=True, slots=True)
class _Index:
    element_types: dict[str, str]
    complex_types: dict[str, etree._Element]
    simple_bases: dict[str, str]


@functools.cache
def _index(service: Service) -> _Index:
    root = _schema_document(service).getroot()
    element_types = {e.get("name", ""): e.get("type", "") for e in root.findall(f"{_XS}element")}
    complex_types = {c.get("name", ""): c for c in root.findall(f"{_XS}complexType")}
    simple_bases: dict[str, str] = {}
    for simple in root.findall(f"{_XS}simpleType"):
        restriction = simple.find(f"{_XS}restriction")
        if restriction is not None:
            simple_bases[simple.get("name", "")] = restriction.get("base", "")
    return _Index(element_types, complex_types, simple_bases)


_PRIMITIVE_KINDS: dict[str, KenmerkSoort] = {
    "date": "datum",
    "boolean": "boolean",
    "decimal": "getal",
    "integer": "getal",
    "int": "getal",
    "long": "getal",
    "short": "getal",
    "nonNegativeInteger": "getal",
    "positiveInteger": "getal",
}


def _value_kind(index: _Index, xsd_type: str) -> KenmerkSoort:
    seen: set[str] = set()
    name = xsd_type
    while name and name not in seen:
        seen.add(name)
        if name == "WaardenlijstType-v01":
            return "enumeratiewaarde"
        if ":" in name:
            return _PRIMITIVE_KINDS.get(name.partition(":")[2], "tekst")
        name = index.simple_bases.get(name, "")
    return "tekst"
