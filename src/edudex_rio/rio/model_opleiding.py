"""Opleidingseenheid and aangeboden opleiding (with periods and cohorts), write and read forms.
Re-exported by :mod:`edudex_rio.rio.model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar, Literal

from edudex_rio.rio.model_common import (
    Kenmerk,
    OpleidingserkenningSleutel,
    VoVakerkenningSleutel,
)

__all__ = [
    "AangebodenHoOpleiding",
    "AangebodenMboOpleiding",
    "AangebodenOpleiding",
    "AangebodenOpleidingCohort",
    "AangebodenOpleidingPeriode",
    "AangebodenOpleidingRead",
    "AangebodenParticuliereOpleiding",
    "AfwijkendeOpleidingsduur",
    "FlexibeleInstroom",
    "GewijzigdeAangebodenOpleiding",
    "HoAangebodenSoort",
    "HoOpleidingseenheid",
    "HoSoort",
    "Opleidingseenheid",
    "OpleidingseenheidPeriode",
    "OpleidingseenheidRead",
    "ParticuliereOpleiding",
    "ParticuliereOpleidingPeriode",
    "Prijs",
    "VastInstroommoment",
]

# --------------------------------------------------------------------------- opleidingseenheid


@dataclass(frozen=True, slots=True, kw_only=True)
class ParticuliereOpleidingPeriode:
    """``particuliereOpleidingPeriode`` (write form). A period runs until the next begindatum."""

    begindatum: date
    naam_lang: str
    naam_kort: str | None = None
    internationale_naam: str | None = None
    omschrijving: str | None = None
    studielast: int | None = None
    studielasteenheid: str | None = None
    overige_kenmerken: tuple[Kenmerk, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ParticuliereOpleiding:
    """``particuliereOpleiding`` (write form). Without ``opleidingseenheidcode`` RIO creates it."""

    element: ClassVar[str] = "particuliereOpleiding"

    opleidingseenheidcode: str | None = None
    begindatum: date
    einddatum: date | None = None
    eigen_opleidingseenheid_sleutel: str | None = None
    categorieen: tuple[str, ...] = ()
    perioden: tuple[ParticuliereOpleidingPeriode, ...]
    waardedocumentsoort: str | None = None
    niveau: str | None = None
    eqf: str | None = None
    nlqf: str | None = None
    overige_kenmerken: tuple[Kenmerk, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class OpleidingseenheidPeriode:
    """A generic opleidingseenheid period: the read form of every kind, and the HO write form.

    ``waardedocumentsoort`` exists only for HO opleidingsonderdelen (onderwijseenheid, cluster).
    """

    begindatum: date
    naam_lang: str
    naam_kort: str | None = None
    internationale_naam: str | None = None
    omschrijving: str | None = None
    kenmerken: tuple[Kenmerk, ...] = ()
    waardedocumentsoort: str | None = None
    studielast: int | None = None
    studielasteenheid: str | None = None


HoSoort = Literal["hoOpleiding", "hoOnderwijseenheid", "hoOnderwijseenhedencluster"]


@dataclass(frozen=True, slots=True, kw_only=True)
class HoOpleidingseenheid:
    """An HO opleidingseenheid in the write form (the recorded SURF traffic sends these).

    ``soort`` is the element name; ``waardedocumentsoort`` and ``niveau`` are required for
    ``hoOpleiding`` only. Kenmerken stay generic (``soort``, ``eigenOpleidingseenheidSleutel``).
    """

    soort: HoSoort
    opleidingseenheidcode: str | None = None
    begindatum: date
    einddatum: date | None = None
    kenmerken: tuple[Kenmerk, ...] = ()
    perioden: tuple[OpleidingseenheidPeriode, ...]
    waardedocumentsoort: str | None = None
    niveau: str | None = None
    isced: str | None = None


Opleidingseenheid = ParticuliereOpleiding | HoOpleidingseenheid


@dataclass(frozen=True, slots=True, kw_only=True)
class OpleidingseenheidRead:
    """Any opleidingseenheid as RIO returns it (``soort`` is the element name, e.g.
    ``particuliereOpleiding`` or ``hoOpleiding``). Kenmerken in RIO's order."""

    soort: str
    opleidingseenheidcode: str
    herkomst_opleiding: str
    begindatum: date
    einddatum: date | None = None
    perioden: tuple[OpleidingseenheidPeriode, ...]
    opleidingserkenning_sleutels: tuple[OpleidingserkenningSleutel, ...] = ()
    kenmerken: tuple[Kenmerk, ...] = ()
    waardedocumentsoort: str | None = None
    niveau: str | None = None
    eqf: str | None = None
    nlqf: str | None = None
    isced: str | None = None
    graad: str | None = None

    @property
    def eigen_opleidingseenheid_sleutel(self) -> str | None:
        return _first_text(self.kenmerken, "eigenOpleidingseenheidSleutel")

    @property
    def categorieen(self) -> tuple[str, ...]:
        return tuple(str(k.waarde) for k in self.kenmerken if k.naam == "categorie")


# --------------------------------------------------------------------------- aangeboden opleiding


@dataclass(frozen=True, slots=True, kw_only=True)
class AangebodenOpleidingPeriode:
    """An aangeboden-opleiding period (element name follows the offering's kind)."""

    begindatum: date
    eigen_naam_aangeboden_opleiding: str | None = None
    eigen_naam_internationaal: str | None = None
    eigen_omschrijving: str | None = None
    website: str | None = None
    samenwerkende_onderwijsaanbiedercodes: tuple[str, ...] = ()
    overige_kenmerken: tuple[Kenmerk, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class VastInstroommoment:
    """A fixed start: the cohort starts on ``instroommoment``."""

    instroommoment: date


@dataclass(frozen=True, slots=True, kw_only=True)
class FlexibeleInstroom:
    """Rolling intake from ``begin_instroomperiode`` to (exclusive) ``einde_instroomperiode``."""

    begin_instroomperiode: date
    einde_instroomperiode: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Prijs:
    """``prijs``: ``soort`` (Cohortbedragsoort, e.g. TOTALE_VERPLICHTE_KOSTEN) and ``bedrag``."""

    soort: str
    bedrag: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class AangebodenOpleidingCohort:
    """One start moment (``...Cohort``); identity is ``cohortcode`` within the offering.

    ``toegangscode_cohort`` is the ``bedrijfsopleiding`` (company-only cohort) access code.
    """

    cohortcode: str
    cohortstatus: str
    opleidingsvorm: str | None = None
    deelnemersplaatsen: int | None = None
    begin_aanmeldperiode: date
    instroom: VastInstroommoment | FlexibeleInstroom
    einde_aanmeldperiode: date | None = None
    toestemming_vereist_voor_aanmelding: str = "NEE"
    toelichting_vereiste_toestemming: str | None = None
    toegangscode_cohort: str | None = None
    einddatum: date | None = None
    prijzen: tuple[Prijs, ...] = ()
    overige_kenmerken: tuple[Kenmerk, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AfwijkendeOpleidingsduur:
    """``opleidingsduurEenheid`` (J/M/W/D/U) and ``opleidingsduurOmvang``."""

    eenheid: str
    omvang: int


@dataclass(frozen=True, slots=True, kw_only=True)
class _AangebodenOpleidingBasis:
    """Fields every aangeboden opleiding has in the write form.

    Exactly one of ``opleidingseenheid_sleutel`` (an O-code), ``opleidingserkenning_sleutel``
    (NLQF/CREBO recognised programme) or ``vo_vakerkenning_sleutel`` is set.
    """

    aangeboden_opleiding_code: str
    onderwijsaanbiedercode: str
    onderwijslocatiecode: str | None = None
    begindatum: date
    eerste_instroomdatum: date | None = None
    einddatum: date | None = None
    opleidingseenheid_sleutel: str | None = None
    opleidingserkenning_sleutel: OpleidingserkenningSleutel | None = None
    vo_vakerkenning_sleutel: VoVakerkenningSleutel | None = None
    perioden: tuple[AangebodenOpleidingPeriode, ...]
    cohorten: tuple[AangebodenOpleidingCohort, ...] = ()
    afwijkende_opleidingsduur: AfwijkendeOpleidingsduur | None = None
    eigen_aangeboden_opleiding_sleutel: str | None = None
    laatste_instroomdatum: date | None = None
    overige_kenmerken: tuple[Kenmerk, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AangebodenParticuliereOpleiding(_AangebodenOpleidingBasis):
    """``aangebodenParticuliereOpleiding`` (write form)."""

    element: ClassVar[str] = "aangebodenParticuliereOpleiding"

    voertaal: str | None = None
    niveau: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AangebodenMboOpleiding(_AangebodenOpleidingBasis):
    """``aangebodenMboOpleiding`` (write form): one per location and leertraject (BOL/BBL...)."""

    element: ClassVar[str] = "aangebodenMboOpleiding"

    voertaal: str | None = None
    doorlopende_leerlijn_vmbo_mbo: str | None = None
    leertraject_mbo: str
    mbo_niveau: str | None = None
    toelatingseisen: str
    toegankelijkheid: str


HoAangebodenSoort = Literal["aangebodenHOOpleiding", "aangebodenHOOpleidingsonderdeel"]


@dataclass(frozen=True, slots=True, kw_only=True)
class AangebodenHoOpleiding(_AangebodenOpleidingBasis):
    """An HO offering (write form; ``soort`` is the element name). HO kenmerken such as
    ``vorm`` and ``voertaal`` (0..3) stay in ``overige_kenmerken``."""

    soort: HoAangebodenSoort


AangebodenOpleiding = (
    AangebodenParticuliereOpleiding | AangebodenMboOpleiding | AangebodenHoOpleiding
)


@dataclass(frozen=True, slots=True, kw_only=True)
class AangebodenOpleidingRead:
    """Any aangeboden opleiding as RIO returns it (``soort`` is the element name).

    Unlike the write form it names the ``opleidingseenheidcode`` and may list up to 20
    ``opleidingserkenning_sleutels``; kenmerken are generic, in RIO's order.
    """

    soort: str
    aangeboden_opleiding_code: str
    onderwijsaanbiedercode: str
    opleidingseenheidcode: str
    onderwijslocatiecode: str | None = None
    begindatum: date
    eerste_instroomdatum: date | None = None
    einddatum: date | None = None
    opleidingserkenning_sleutels: tuple[OpleidingserkenningSleutel, ...] = ()
    vo_vakerkenning_sleutels: tuple[VoVakerkenningSleutel, ...] = ()
    perioden: tuple[AangebodenOpleidingPeriode, ...]
    cohorten: tuple[AangebodenOpleidingCohort, ...] = ()
    afwijkende_opleidingsduur: AfwijkendeOpleidingsduur | None = None
    kenmerken: tuple[Kenmerk, ...] = ()
    niveau: str | None = None
    leertraject_mbo: str | None = None
    mbo_niveau: str | None = None
    toelatingseisen: str | None = None
    toegankelijkheid: str | None = None

    @property
    def eigen_aangeboden_opleiding_sleutel(self) -> str | None:
        return _first_text(self.kenmerken, "eigenAangebodenOpleidingSleutel")

    @property
    def voertaal(self) -> str | None:
        return _first_text(self.kenmerken, "voertaal")


@dataclass(frozen=True, slots=True, kw_only=True)
class GewijzigdeAangebodenOpleiding:
    aangeboden_opleiding_code: str
    soort_wijziging: str


def _first_text(kenmerken: tuple[Kenmerk, ...], naam: str) -> str | None:
    for kenmerk in kenmerken:
        if kenmerk.naam == naam:
            return str(kenmerk.waarde)
    return None
