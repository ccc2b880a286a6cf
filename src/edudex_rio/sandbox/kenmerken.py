"""Kenmerk checks (K01010–K01060) and code lists.

Which kenmerken an object may carry, how often and of which type is read from DUO's own
XSD: the ``Kenmerkwaardenbereik_<Type>`` complex types (maxOccurs=0 documentation blocks)
list them per specialisation, inheriting along ``xsd:extension``. Values of enumerated
kenmerken are checked against the bundled RIO code lists (LOD v2.13.0).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from edudex_rio.sandbox.model import Kenmerk
from edudex_rio.sandbox.schema import schema_tree

__all__ = ["KenmerkRegel", "check_kenmerken", "codelist", "in_codelist", "regels_voor"]

_XS = "{http://www.w3.org/2001/XMLSchema}"


@dataclass(frozen=True, kw_only=True)
class KenmerkRegel:
    """One allowed kenmerk: name, value kind, cardinality and (for enums) its code list."""

    naam: str
    soort: str
    minimum: int
    maximum: int
    lijst: str | None = None
    geldig_tot: date | None = None


#: Kenmerken DUO accepted in the past and later dropped from the XSD (RIO-NOTES §3.7).
#: ``toestemmingDeelnameSTAP`` was required on offerings until the 2025 XSDs removed it.
_RETIRED = KenmerkRegel(
    naam="toestemmingDeelnameSTAP",
    soort="Enumeratiewaarde",
    minimum=0,
    maximum=1,
    geldig_tot=date(2025, 7, 1),
)


@cache
def _codelists() -> dict[str, tuple[str, ...]]:
    ref = resources.files("edudex_rio.sandbox").joinpath("data", "codelists.json")
    raw = json.loads(ref.read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in raw["codelists"].items()}


def codelist(name: str) -> tuple[str, ...] | None:
    """Values of a code list (name without version suffix), or None when not bundled."""
    return _codelists().get(name.rsplit("-v", 1)[0])


def in_codelist(name: str, value: str) -> bool:
    values = codelist(name)
    return values is None or value in values


@cache
def _simple_bases() -> dict[str, str]:
    root = schema_tree("beheren").getroot()
    out: dict[str, str] = {}
    for st in root.iter(f"{_XS}simpleType"):
        restriction = st.find(f"{_XS}restriction")
        if st.get("name") and restriction is not None:
            out[st.get("name") or ""] = restriction.get("base") or ""
    return out


def _kind(type_name: str) -> tuple[str, str | None]:
    base = _simple_bases().get(type_name, type_name)
    if base == "WaardenlijstType-v01":
        return "Enumeratiewaarde", type_name
    if base == "DatumType":
        return "Datum", None
    if base == "NummerKortType":
        return "Getal", None
    return "Tekst", None


@cache
def regels_voor(type_name: str) -> tuple[KenmerkRegel, ...]:
    """Allowed kenmerken of an object of XSD type ``type_name`` (``ParticuliereOpleiding``)."""
    root = schema_tree("beheren").getroot()
    types = {ct.get("name"): ct for ct in root.iter(f"{_XS}complexType") if ct.get("name")}
    rules: list[KenmerkRegel] = []
    name: str | None = f"Kenmerkwaardenbereik_{type_name}"
    while name and name in types:
        ct = types[name]
        for el in ct.iter(f"{_XS}element"):
            soort, lijst = _kind(el.get("type") or "")
            rules.append(
                KenmerkRegel(
                    naam=el.get("name") or "",
                    soort=soort,
                    minimum=int(el.get("minOccurs") or 1),
                    maximum=int(el.get("maxOccurs") or 1),
                    lijst=lijst,
                )
            )
        ext = ct.find(f".//{_XS}extension")
        name = ext.get("base") if ext is not None else None
    if type_name.startswith("Aangeboden") and not type_name.endswith(("Periode", "Cohort")):
        rules.append(_RETIRED)
    return tuple(rules)


def type_of(element_name: str) -> str:
    """XSD type of a substitution element: its name with a capital."""
    return element_name[0].upper() + element_name[1:]


def check_kenmerken(
    kenmerken: Iterable[Kenmerk], *, element: str, today: date
) -> list[tuple[str, str, str]]:
    """Check the kenmerken of one object; returns (foutcode, kenmerknaam, waarde) triples."""
    rules = {r.naam: r for r in regels_voor(type_of(element))}
    given = list(kenmerken)
    errors: list[tuple[str, str, str]] = []
    counts: dict[str, list[str]] = {}
    for k in given:
        rule = rules.get(k.naam)
        if rule is None or (rule.geldig_tot is not None and today >= rule.geldig_tot):
            errors.append(("K01030", k.naam, k.waarde))
            continue
        seen = counts.setdefault(k.naam, [])
        if k.soort != rule.soort:
            # present, but of the wrong type: K01060 only (it still counts as given)
            errors.append(("K01060", k.naam, k.waarde))
            seen.append(k.waarde)
            continue
        if k.waarde in seen:
            errors.append(("K01040", k.naam, k.waarde))
        seen.append(k.waarde)
        if rule.lijst is not None and not in_codelist(rule.lijst, k.waarde):
            errors.append(("K01050", k.naam, k.waarde))
        if k.naam == "laatsteInstroomdatum" and not _within(k.waarde):
            errors.append(("K01051", k.naam, k.waarde))
    for naam, rule in rules.items():
        n = len(counts.get(naam, []))
        if n > rule.maximum:
            errors.append(("K01020", naam, str(n)))
        if n < rule.minimum:
            errors.append(("K01010", naam, "-"))
    return errors


def _within(value: str) -> bool:
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return False
    return date(2025, 1, 1) <= day <= date(2100, 1, 1)
