"""Which kenmerken of an object have a typed field in :mod:`edudex_rio.rio.model`, and how values
move between the field and the kenmerk. One table serves the builders and the parsers.

A kenmerk becomes a typed field only when its name *and* value kind match the table (and, for
single-valued fields, only the first occurrence); everything else stays in
``overige_kenmerken``, untouched, so parsing and rebuilding loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from edudex_rio.rio import xsd
from edudex_rio.rio.model_common import Kenmerk, KenmerkSoort
from edudex_rio.rio.model_opleiding import (
    AangebodenHoOpleiding,
    AangebodenMboOpleiding,
    AangebodenOpleidingCohort,
    AangebodenOpleidingPeriode,
    AangebodenParticuliereOpleiding,
    ParticuliereOpleiding,
)
from edudex_rio.rio.model_organisatie import Onderwijsaanbieder, Onderwijslocatiegebruik

__all__ = ["TypedKenmerk", "kenmerken_of", "order_kenmerken", "split_kenmerken", "typed_kenmerken"]


def _identity(value: Any) -> Any:
    return value


def _to_int(value: Any) -> Any:
    if isinstance(value, Decimal) and value == value.to_integral_value() and "." not in str(value):
        return int(value)
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class TypedKenmerk:
    """A kenmerk with its own field: ``field`` on the record, ``naam``/``soort`` on the wire."""

    field: str
    naam: str
    soort: KenmerkSoort
    multi: bool = False
    #: wire value -> field value; None means "does not fit, keep it generic"
    to_field: Callable[[Any], Any] = _identity


_AO_BASIS = (
    TypedKenmerk(
        field="eigen_aangeboden_opleiding_sleutel",
        naam="eigenAangebodenOpleidingSleutel",
        soort="tekst",
    ),
    TypedKenmerk(field="laatste_instroomdatum", naam="laatsteInstroomdatum", soort="datum"),
)
_VOERTAAL = TypedKenmerk(field="voertaal", naam="voertaal", soort="enumeratiewaarde")

_TABLE: dict[type, tuple[TypedKenmerk, ...]] = {
    ParticuliereOpleiding: (
        TypedKenmerk(
            field="eigen_opleidingseenheid_sleutel",
            naam="eigenOpleidingseenheidSleutel",
            soort="tekst",
        ),
        TypedKenmerk(field="categorieen", naam="categorie", soort="enumeratiewaarde", multi=True),
    ),
    AangebodenParticuliereOpleiding: (*_AO_BASIS, _VOERTAAL),
    AangebodenMboOpleiding: (
        *_AO_BASIS,
        TypedKenmerk(
            field="doorlopende_leerlijn_vmbo_mbo",
            naam="doorlopendeLeerlijnVmboMbo",
            soort="enumeratiewaarde",
        ),
        _VOERTAAL,
    ),
    AangebodenHoOpleiding: _AO_BASIS,
    AangebodenOpleidingPeriode: (
        TypedKenmerk(
            field="samenwerkende_onderwijsaanbiedercodes",
            naam="samenwerkendeOnderwijsaanbiedercode",
            soort="tekst",
            multi=True,
        ),
        TypedKenmerk(field="website", naam="website", soort="tekst"),
    ),
    AangebodenOpleidingCohort: (
        TypedKenmerk(
            field="deelnemersplaatsen", naam="deelnemersplaatsen", soort="getal", to_field=_to_int
        ),
        TypedKenmerk(field="opleidingsvorm", naam="opleidingsvorm", soort="enumeratiewaarde"),
    ),
    Onderwijsaanbieder: (
        TypedKenmerk(
            field="eigen_onderwijsaanbieder_sleutel",
            naam="eigenOnderwijsaanbiederSleutel",
            soort="tekst",
        ),
    ),
    Onderwijslocatiegebruik: (
        TypedKenmerk(
            field="eigen_onderwijslocatiegebruik_sleutel",
            naam="eigenOnderwijslocatiegebruikSleutel",
            soort="tekst",
        ),
    ),
}


def typed_kenmerken(record_type: type) -> tuple[TypedKenmerk, ...]:
    """The typed kenmerk fields of a model class (empty when it has none)."""
    return _TABLE.get(record_type, ())


def kenmerken_of(record: Any) -> list[Kenmerk]:
    """All kenmerken of a write-form record: typed fields first, then ``overige_kenmerken``."""
    result: list[Kenmerk] = []
    for spec in typed_kenmerken(type(record)):
        value = getattr(record, spec.field)
        values: Iterable[Any] = value if spec.multi else (() if value is None else (value,))
        for item in values:
            wire: date | str | Decimal | bool = Decimal(item) if spec.soort == "getal" else item
            result.append(Kenmerk(naam=spec.naam, soort=spec.soort, waarde=wire))
    result.extend(getattr(record, "overige_kenmerken", ()))
    return result


def split_kenmerken(
    record_type: type, kenmerken: Iterable[Kenmerk]
) -> tuple[dict[str, Any], tuple[Kenmerk, ...]]:
    """Typed field values (as constructor keywords) and the remaining kenmerken, in order."""
    specs = {(spec.naam, spec.soort): spec for spec in typed_kenmerken(record_type)}
    fields: dict[str, Any] = {}
    multi: dict[str, list[Any]] = {}
    overige: list[Kenmerk] = []
    for kenmerk in kenmerken:
        spec = specs.get((kenmerk.naam, kenmerk.soort))
        value = None if spec is None else spec.to_field(kenmerk.waarde)
        if spec is None or value is None or (not spec.multi and spec.field in fields):
            overige.append(kenmerk)
        elif spec.multi:
            multi.setdefault(spec.field, []).append(value)
        else:
            fields[spec.field] = value
    fields.update({name: tuple(values) for name, values in multi.items()})
    return fields, tuple(overige)


def order_kenmerken(element: str, kenmerken: Iterable[Kenmerk]) -> list[Kenmerk]:
    """Kenmerken in the order DUO's XSD lists them for ``element``; unknown ones last, as given."""
    order = {rule.naam: i for i, rule in enumerate(xsd.kenmerk_rules(element))}
    return sorted(kenmerken, key=lambda kenmerk: order.get(kenmerk.naam, len(order)))
