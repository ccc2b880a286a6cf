"""The RIO "stand" of one provider: what edudex-rio wants in RIO, and what it last sent.

The same types describe the desired state (the output of :func:`edudex_rio.mapping.map_provider`)
and the last-sent state (the history the store keeps and feeds back into the mapping). Planning
compares two stands; :func:`edudex_rio.planning.apply` turns one into the other.

The records name their fields after RIO (``begindatum``, ``cohortcode``, …) but hold a few
references RIO itself would not: an offering refers to its opleidingseenheid by our own key
(``oe_sleutel``) and to its location by location key, because the codes RIO assigns (the O-code,
the onderwijslocatiecode) only exist after RIO has processed a create. The executor writes those
codes into the stand (``Opleidingseenheid.code``, ``Onderwijslocatie.code``) before it stores the
stand as last-sent; the wire layer resolves the references when it renders a message.

All dates that end something are exclusive, as in RIO.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from edudex_rio.mapping.adres import Adres
from edudex_rio.mapping.keys import Kind

R = TypeVar("R")

__all__ = [
    "AangebodenOpleiding",
    "AangebodenOpleidingPeriode",
    "Cohort",
    "Onderwijslocatie",
    "Opleidingseenheid",
    "OpleidingseenheidPeriode",
    "Opleidingserkenning",
    "RioStand",
    "evolve",
    "same_except_begin",
]


@dataclass(frozen=True, kw_only=True, slots=True)
class Onderwijslocatie:
    """A teaching location of the provider (``onderwijslocatiegebruik``)."""

    key: str
    """Location key ``postcode|huisnummer|toevoeging``."""
    adres: Adres
    label: str
    """How people name the place (city, location name): used in reasons only."""
    code: str | None = None
    """``onderwijslocatiecode`` (``\\d{3}X\\d{3}``) once RIO has given or confirmed it."""


@dataclass(frozen=True, kw_only=True, slots=True)
class OpleidingseenheidPeriode:
    """``particuliereOpleidingPeriode``: runs until the next period's begindatum."""

    begindatum: dt.date
    naam_lang: str
    internationale_naam: str | None = None
    omschrijving: str | None = None
    studielast: int | None = None
    studielasteenheid: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Opleidingseenheid:
    """A ``particuliereOpleiding`` that edudex-rio created (or will create) for a programme."""

    eigen_sleutel: str
    """``eigenOpleidingseenheidSleutel``."""
    programma: str
    """``orgUnitId/programId`` of the programme it comes from."""
    code: str | None = None
    """The O-code RIO returned on creation; ``None`` until then."""
    begindatum: dt.date
    einddatum: dt.date | None = None
    categorieen: tuple[str, ...] = ()
    """Kenmerk ``categorie`` (0..3)."""
    perioden: tuple[OpleidingseenheidPeriode, ...]
    waardedocumentsoort: str | None = None
    niveau: str = "ONBEPAALD"
    eqf: str | None = None
    nlqf: str | None = None

    @property
    def naam(self) -> str:
        return self.perioden[-1].naam_lang


@dataclass(frozen=True, kw_only=True, slots=True)
class Opleidingserkenning:
    """``opleidingserkenningSleutel``: a recognised programme (stelsel ``CREBO`` or ``NLQF``)."""

    opleidingsstelsel: str
    opleidingscode: str


@dataclass(frozen=True, kw_only=True, slots=True)
class AangebodenOpleidingPeriode:
    """``aangebodenParticuliereOpleidingPeriode``."""

    begindatum: dt.date
    eigen_naam: str | None = None
    eigen_naam_internationaal: str | None = None
    eigen_omschrijving: str | None = None
    website: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Cohort:
    """``aangebodenParticuliereOpleidingCohort``: one start moment (``programRun``)."""

    cohortcode: str
    run_id: str
    """The ``programRun.id`` (equal to the cohortcode unless that id is over 60 characters)."""
    cohortstatus: str
    opleidingsvorm: str
    deelnemersplaatsen: int | None = None
    begin_aanmeldperiode: dt.date
    instroommoment: dt.date
    """``vastInstroommoment``."""
    einde_aanmeldperiode: dt.date | None = None
    toestemming_vereist: str = "NEE"
    einddatum: dt.date | None = None
    prijzen: tuple[tuple[str, Decimal], ...] = ()
    """``prijs`` as ``(soort, bedrag)`` sorted by soort."""

    def started(self, today: dt.date) -> bool:
        """The cohort has started (its start lies on or before ``today``)."""
        return self.instroommoment <= today


@dataclass(frozen=True, kw_only=True, slots=True)
class AangebodenOpleiding:
    """An ``aangebodenParticuliereOpleiding``: a programme at one location (and learning path)."""

    code: str
    """``aangebodenOpleidingCode`` = ``eigenAangebodenOpleidingSleutel`` (UUIDv5, lower case)."""
    kind: Kind
    programma: str
    """``orgUnitId/programId``."""
    onderwijsaanbiedercode: str
    oe_sleutel: str | None = None
    """Kind ``particulier``: the ``eigenOpleidingseenheidSleutel`` of our opleidingseenheid."""
    opleidingseenheidcode: str | None = None
    """Kind ``ocode``: the existing RIO programme (``rioRegistration``)."""
    erkenning: Opleidingserkenning | None = None
    """Kinds ``crebo`` and ``nlqf``."""
    location_key: str
    """Location key, or ``online`` (no ``onderwijslocatiecode``)."""
    location_label: str
    leertraject: str | None = None
    """MBO learning path (BOL, BBL, …) for kind ``crebo``; part of the key only."""
    stap: bool = False
    """The programme is ``rio/stap`` (cohort codes must be unique over the provider, N11421)."""
    begindatum: dt.date
    eerste_instroomdatum: dt.date | None = None
    einddatum: dt.date | None = None
    laatste_instroomdatum: dt.date | None = None
    """Kenmerk ``laatsteInstroomdatum`` (inclusive) ← ``programClassification.offeredUntil``."""
    afwijkende_opleidingsduur: tuple[str, int] | None = None
    """``(opleidingsduurEenheid, opleidingsduurOmvang)``."""
    voertaal: str | None = None
    perioden: tuple[AangebodenOpleidingPeriode, ...]
    cohorten: tuple[Cohort, ...] = ()
    """Sorted by cohortcode."""

    def cohort(self, cohortcode: str) -> Cohort | None:
        return next((c for c in self.cohorten if c.cohortcode == cohortcode), None)

    @property
    def cohortcodes(self) -> frozenset[str]:
        return frozenset(c.cohortcode for c in self.cohorten)


@dataclass(frozen=True, kw_only=True, slots=True)
class RioStand:
    """Everything of one provider in RIO: locations, opleidingseenheden, offerings."""

    locaties: Mapping[str, Onderwijslocatie] = field(default_factory=dict)
    """By location key."""
    opleidingseenheden: Mapping[str, Opleidingseenheid] = field(default_factory=dict)
    """By ``eigenOpleidingseenheidSleutel``."""
    aangeboden: Mapping[str, AangebodenOpleiding] = field(default_factory=dict)
    """By ``aangebodenOpleidingCode``."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RioStand):
            return NotImplemented
        return (
            dict(self.locaties) == dict(other.locaties)
            and dict(self.opleidingseenheden) == dict(other.opleidingseenheden)
            and dict(self.aangeboden) == dict(other.aangeboden)
        )

    __hash__ = None  # type: ignore[assignment]


def evolve(record: R, **changes: Any) -> R:
    """:func:`dataclasses.replace` for the stand's frozen, slotted records, without its
    per-call introspection (the mapping calls it for every object of every provider)."""
    slots: tuple[str, ...] = getattr(type(record), "__slots__")  # noqa: B009
    if not changes.keys() <= set(slots):
        raise TypeError(f"unknown fields {sorted(changes.keys() - set(slots))}")
    new = object.__new__(type(record))
    for name in slots:
        object.__setattr__(new, name, changes[name] if name in changes else getattr(record, name))
    return new


def same_except_begin(a: object, b: object) -> bool:
    """Two periods of the same type hold the same content (their ``begindatum`` aside)."""
    slots: tuple[str, ...] = getattr(type(a), "__slots__")  # noqa: B009
    return type(a) is type(b) and all(
        getattr(a, n) == getattr(b, n) for n in slots if n != "begindatum"
    )
