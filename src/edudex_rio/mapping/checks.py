"""The local rule check: RIO's business rules (RIO-NOTES §5) applied before anything is planned.

A programme whose objects break a rule is reported with the RIO code it would get and is left
out; the provider's other programmes proceed. Checked: dates and periods (P01010, P02010/20/70,
N09010, N09090, N09410, N10010/20/40/50), cohort bounds (N11020, N11040, N11410, N11460),
cohort code uniqueness (N11420), code lists (P01060, K01050, N11440, N11450), required kenmerken
(K01010), counts (K01020) and lengths and ranges of the XSD (DK0004), e.g. the bounds of
``laatsteInstroomdatum``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from edudex_rio.mapping.cohort import DEELNEMERSPLAATSEN_MAX
from edudex_rio.mapping.limits import max_length
from edudex_rio.mapping.opleidingseenheid import CATEGORIE_MAX
from edudex_rio.mapping.stand import (
    AangebodenOpleiding,
    AangebodenOpleidingPeriode,
    Cohort,
    Opleidingseenheid,
    OpleidingseenheidPeriode,
)
from edudex_rio.mapping.table import codelist
from edudex_rio.rio import xsd

__all__ = ["Violation", "check_aangeboden", "check_opleidingseenheid"]

_BEDRAG_MAX: Final = Decimal(1000000)
#: Kenmerk ``laatsteInstroomdatum`` bounds (XSD ``LaatsteInstroomDatum-v01``, inclusive).
_LAATSTE_MIN: Final = dt.date.fromisoformat(
    xsd.facet("LaatsteInstroomDatum-v01", "minInclusive") or "2025-01-01"
)
_LAATSTE_MAX: Final = dt.date.fromisoformat(
    xsd.facet("LaatsteInstroomDatum-v01", "maxInclusive") or "2100-01-01"
)
_STUDIELAST_MAX: Final = 99999


@dataclass(frozen=True, kw_only=True, slots=True)
class Violation:
    """A broken RIO rule: its code and what is wrong, in Dutch and English."""

    code: str
    nl: str
    en: str


def _v(code: str, nl: str, en: str) -> Violation:
    return Violation(code=code, nl=nl, en=en)


def _periods(
    periods: Sequence[OpleidingseenheidPeriode | AangebodenOpleidingPeriode],
    begin: dt.date,
    end: dt.date | None,
    codes: tuple[str, str],
) -> list[Violation]:
    contiguous, within = codes
    found: list[Violation] = []
    if not periods:
        return [_v(contiguous, "geen periode", "no period")]
    if periods[0].begindatum != begin:
        found.append(
            _v(
                contiguous,
                f"eerste periode begint op {periods[0].begindatum}, niet op de begindatum {begin}",
                f"first period begins on {periods[0].begindatum}, not on the begin date {begin}",
            )
        )
    for earlier, later in itertools.pairwise(periods):
        if later.begindatum <= earlier.begindatum:
            found.append(
                _v(
                    contiguous,
                    f"perioden overlappen ({earlier.begindatum} en {later.begindatum})",
                    f"periods overlap ({earlier.begindatum} and {later.begindatum})",
                )
            )
    if end is not None and periods[-1].begindatum >= end:
        found.append(
            _v(
                within,
                f"periode vanaf {periods[-1].begindatum} ligt na de einddatum {end}",
                f"period from {periods[-1].begindatum} lies after the end date {end}",
            )
        )
    return found


def _text(value: str | None, field: str, *, required: bool = False) -> list[Violation]:
    if value is None or value == "":
        if required:
            return [_v("DK0004", f"{field} ontbreekt", f"{field} is missing")]
        return []
    limit = max_length(field)
    if len(value) > limit:
        return [
            _v(
                "DK0004",
                f"{field} is langer dan {limit} tekens",
                f"{field} is longer than {limit} characters",
            )
        ]
    return []


def check_opleidingseenheid(oe: Opleidingseenheid) -> list[Violation]:
    """Rules of ``aanleveren_opleidingseenheid`` for a ``particuliereOpleiding``."""
    found: list[Violation] = []
    if oe.einddatum is not None and oe.einddatum <= oe.begindatum:
        found.append(
            _v(
                "P01010",
                f"einddatum {oe.einddatum} ligt niet na begindatum {oe.begindatum}",
                f"end date {oe.einddatum} is not after begin date {oe.begindatum}",
            )
        )
    found += _periods(oe.perioden, oe.begindatum, oe.einddatum, ("P02070", "P02020"))
    for periode in oe.perioden:
        found += _text(periode.naam_lang, "naamLang", required=True)
        found += _text(periode.internationale_naam, "internationaleNaam")
        found += _text(periode.omschrijving, "omschrijving")
        if periode.studielast is not None and not 0 <= periode.studielast <= _STUDIELAST_MAX:
            found.append(
                _v(
                    "DK0004",
                    f"studielast {periode.studielast} uur heeft meer dan 5 cijfers",
                    f"study load {periode.studielast} hours has more than 5 digits",
                )
            )
    if oe.waardedocumentsoort is not None and oe.waardedocumentsoort not in codelist(
        "SoortWaardedocument"
    ):
        found.append(_v("P01060", "onbekend waardedocumentsoort", "unknown waardedocumentsoort"))
    if len(oe.categorieen) > CATEGORIE_MAX:
        found.append(_v("K01020", "meer dan 3 categorieën", "more than 3 categories"))
    for categorie in oe.categorieen:
        if categorie not in codelist("NfoOpleidingscategorie"):
            found.append(
                _v("K01050", f"onbekende categorie {categorie}", f"unknown category {categorie}")
            )
    return found


def _cohort(cohort: Cohort, ao: AangebodenOpleiding) -> list[Violation]:
    code = cohort.cohortcode
    found: list[Violation] = []
    if not 0 < len(code) <= max_length("cohortcode"):
        found.append(_v("DK0004", f"cohortcode {code!r} te lang", f"cohort code {code!r} too long"))
    if cohort.cohortstatus not in codelist("Cohortstatus"):
        found.append(_v("N11440", f"run {code}: ongeldige status", f"run {code}: invalid status"))
    if cohort.toestemming_vereist not in codelist("ToestemmingAanmeldingscohortVereist"):
        found.append(_v("N11450", f"run {code}: ongeldige toestemming", f"run {code}: invalid"))
    if not cohort.opleidingsvorm:
        found.append(
            _v("K01010", f"run {code}: opleidingsvorm ontbreekt", f"run {code}: no opleidingsvorm")
        )
    elif cohort.opleidingsvorm not in codelist("AangebodenOpleidingOpleidingsvorm"):
        found.append(
            _v("K01050", f"run {code}: onbekende opleidingsvorm", f"run {code}: unknown form")
        )
    eind_aanmeld = cohort.einde_aanmeldperiode
    if eind_aanmeld is not None and eind_aanmeld <= cohort.begin_aanmeldperiode:
        found.append(
            _v(
                "N11020",
                f"run {code}: aanmeldperiode eindigt ({eind_aanmeld}) niet na het begin "
                f"({cohort.begin_aanmeldperiode})",
                f"run {code}: application period ends ({eind_aanmeld}) not after it begins "
                f"({cohort.begin_aanmeldperiode})",
            )
        )
    if cohort.einddatum is not None and cohort.einddatum <= cohort.instroommoment:
        found.append(
            _v(
                "N11040",
                f"run {code}: einddatum {cohort.einddatum} ligt niet na de start "
                f"{cohort.instroommoment}",
                f"run {code}: end date {cohort.einddatum} is not after the start "
                f"{cohort.instroommoment}",
            )
        )
    if ao.einddatum is not None:
        if eind_aanmeld is not None and eind_aanmeld > ao.einddatum:
            found.append(
                _v("N11410", f"run {code}: aanmelden na einde aanbod", f"run {code}: past end")
            )
        if cohort.instroommoment > ao.einddatum:
            found.append(
                _v("N11460", f"run {code}: start na einde aanbod", f"run {code}: starts past end")
            )
    places = cohort.deelnemersplaatsen
    if places is not None and not 1 <= places <= DEELNEMERSPLAATSEN_MAX:
        found.append(_v("K01060", f"run {code}: deelnemersplaatsen", f"run {code}: places"))
    for soort, bedrag in cohort.prijzen:
        if soort not in codelist("Cohortbedragsoort"):
            found.append(_v("K01050", f"onbekende prijssoort {soort}", f"unknown price {soort}"))
        if not Decimal(0) <= bedrag <= _BEDRAG_MAX:
            found.append(
                _v(
                    "DK0004",
                    f"run {code}: bedrag {bedrag} ligt niet tussen 0 en 1.000.000",
                    f"run {code}: amount {bedrag} is not between 0 and 1,000,000",
                )
            )
    return found


def check_aangeboden(ao: AangebodenOpleiding, oe: Opleidingseenheid | None) -> list[Violation]:
    """Rules of ``aanleveren_aangebodenOpleiding`` for one offering (``oe``: ours, if any)."""
    found: list[Violation] = []
    if ao.einddatum is not None and ao.einddatum <= ao.begindatum:
        found.append(
            _v(
                "N09010",
                f"einddatum aanbod {ao.einddatum} ligt niet na begindatum {ao.begindatum}",
                f"offering end date {ao.einddatum} is not after begin date {ao.begindatum}",
            )
        )
    first = ao.eerste_instroomdatum
    if first is not None and ao.einddatum is not None and first >= ao.einddatum:
        found.append(_v("N09090", "eerste instroom na einde aanbod", "first intake after end"))
    if oe is not None and first is not None and first < oe.begindatum:
        found.append(
            _v(
                "N09410",
                f"eerste instroom {first} ligt voor de begindatum van de opleiding {oe.begindatum}",
                f"first intake {first} lies before the programme's begin date {oe.begindatum}",
            )
        )
    if (
        oe is not None
        and oe.einddatum is not None
        and (ao.einddatum is None or ao.einddatum > oe.einddatum)
    ):
        found.append(_v("N09410", "aanbod eindigt na de opleiding", "offering ends after its OE"))
    found += _periods(ao.perioden, ao.begindatum, ao.einddatum, ("N10040", "N10020"))
    for periode in ao.perioden:
        found += _text(periode.eigen_naam, "eigenNaamAangebodenOpleiding")
        found += _text(periode.eigen_naam_internationaal, "eigenNaamInternationaal")
        found += _text(periode.eigen_omschrijving, "eigenOmschrijving")
        found += _text(periode.website, "kenmerkwaardeTekst")
    if ao.erkenning is not None:
        found += _text(ao.erkenning.opleidingscode, "opleidingscode", required=True)
    laatste = ao.laatste_instroomdatum
    if laatste is not None and not _LAATSTE_MIN <= laatste <= _LAATSTE_MAX:
        found.append(
            _v(
                "DK0004",
                f"laatste instroomdatum {laatste} (offeredUntil) ligt niet tussen "
                f"{_LAATSTE_MIN} en {_LAATSTE_MAX}",
                f"last intake date {laatste} (offeredUntil) is not between "
                f"{_LAATSTE_MIN} and {_LAATSTE_MAX}",
            )
        )
    if ao.voertaal is not None and ao.voertaal not in codelist("Taalcode"):
        found.append(_v("K01050", f"onbekende voertaal {ao.voertaal}", f"unknown {ao.voertaal}"))
    if ao.afwijkende_opleidingsduur is not None:
        unit, amount = ao.afwijkende_opleidingsduur
        if unit not in codelist("Studieduureenheid") or amount < 1:
            found.append(_v("N09050", "ongeldige opleidingsduur", "invalid programme duration"))
    seen: set[str] = set()
    for cohort in ao.cohorten:
        if cohort.cohortcode in seen:
            found.append(
                _v(
                    "N11420",
                    f"cohortcode {cohort.cohortcode} komt twee keer voor",
                    f"cohort code {cohort.cohortcode} occurs twice",
                )
            )
        seen.add(cohort.cohortcode)
        found += _cohort(cohort, ao)
    return found
