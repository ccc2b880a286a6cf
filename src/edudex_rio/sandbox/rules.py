"""RIO's business rules for ``aanleveren_aangebodenOpleiding``, as pure functions.

Each check takes typed objects and a read-only :class:`World` (what RIO currently shows)
and returns :class:`Fout` records with DUO's codes (RIO-NOTES §5.1). Checks run in DUO's
order: existence and authorisation first (any failure there stops), then kenmerken
(K…), then the offering's own rules (N…), all reported together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from edudex_rio.sandbox import kenmerken
from edudex_rio.sandbox.model import AangebodenOpleiding, Cohort, Kenmerk, Periode

__all__ = [
    "AanbiederInfo",
    "AoInfo",
    "ErkenningInfo",
    "Fout",
    "OeInfo",
    "World",
    "check_aangeboden_opleiding",
    "fout",
    "kenmerk_fouten",
    "periode_fouten",
]


@dataclass(frozen=True, kw_only=True)
class Fout:
    """One ``foutmelding``: DUO's code, its Dutch text and up to five key values."""

    code: str
    tekst: str
    sleutels: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, kw_only=True)
class AanbiederInfo:
    code: str
    bestuur: str
    in_bedrijf: date
    uit_bedrijf: date | None = None


@dataclass(frozen=True, kw_only=True)
class OeInfo:
    code: str
    bestuur: str | None
    soort: str
    begindatum: date
    einddatum: date | None = None
    erkend: bool = False
    eigen_sleutel: str | None = None


@dataclass(frozen=True, kw_only=True)
class ErkenningInfo:
    stelsel: str
    code: str
    opleidingseenheidcode: str
    besturen: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class AoInfo:
    code: str
    aanbiedercode: str
    opleidingseenheidcode: str
    begindatum: date
    eerste_instroomdatum: date | None = None
    einddatum: date | None = None


class World(Protocol):
    """What RIO shows right now (only visible, not deleted objects)."""

    def aanbieder(self, code: str) -> AanbiederInfo | None: ...
    def locatie_bestaat(self, code: str) -> bool: ...
    def opleidingseenheid(self, code: str) -> OeInfo | None: ...
    def erkenning(self, stelsel: str, code: str) -> ErkenningInfo | None: ...
    def aangeboden_opleiding(self, code: str) -> AoInfo | None: ...
    def ao_met_eigen_sleutel(self, sleutel: str) -> str | None: ...
    def oe_met_eigen_sleutel(self, sleutel: str) -> str | None: ...
    def aos_van_oe(self, code: str) -> Sequence[AoInfo]: ...
    def geautoriseerd(self, oin: str, bestuur: str) -> bool: ...


_TEKST = {
    "A01060": "De onderwijslocatie komt niet voor in RIO",
    "A01070": "De opleidingseenheid komt niet voor in RIO",
    "A01080": "De opleidingserkenning komt niet voor in RIO",
    "A01081": "De opleidingserkenning hoort niet bij het onderwijsbestuur",
    "A01090": "De vakerkenning komt niet voor in RIO",
    "A01160": "Externe identificatie niet uniek",
    "AUT401": "Niet geautoriseerd voor deze gegevens",
    "K01010": "Verplicht kenmerk ontbreekt of komt te weinig voor",
    "K01020": "Kenmerk komt te vaak voor",
    "K01030": "Kenmerk is niet toegestaan voor deze specialisatie",
    "K01040": "Kenmerkwaarde komt dubbel voor",
    "K01050": "Kenmerkwaarde komt niet voor in de waardenlijst",
    "K01051": "Kenmerkwaarde is niet geldig op deze datum",
    "K01060": "Kenmerkwaarde heeft niet het juiste type",
    "N09010": "Einddatum moet na de begindatum liggen",
    "N09030": "Leertraject is geen geldige waarde",
    "N09050": "Opleidingsduureenheid is geen geldige waarde",
    "N09060": "MBO-niveau is geen geldige waarde",
    "N09070": "Toelatingseisen is geen geldige waarde",
    "N09080": "Toegankelijkheid is geen geldige waarde",
    "N09090": "Eerste instroomdatum moet voor de einddatum liggen",
    "N09410": "De aangeboden opleiding valt niet binnen de looptijd van de opleidingseenheid",
    "N09430": "De aangeboden opleiding valt niet binnen de looptijd van de onderwijsaanbieder",
    "N09440": "De onderwijsaanbieder komt niet voor in RIO",
    "N09450": "Opleidingseenheid en onderwijsaanbieder mogen niet wijzigen",
    "N10010": "Einddatum van de periode moet na de begindatum liggen",
    "N10020": "De periode valt niet binnen de looptijd van de aangeboden opleiding",
    "N10030": "De specialisatie van de periode wijkt af van de aangeboden opleiding",
    "N10040": "Perioden overlappen of sluiten niet op elkaar aan",
    "N10050": "Er moet een periode beginnen op de begindatum van de aangeboden opleiding",
    "N10060": "Samenwerkende onderwijsaanbieder komt dubbel voor in de periode",
    "N10410": "De samenwerkende onderwijsaanbieder komt niet voor in RIO",
    "N11020": "Einde aanmeldperiode moet na begin aanmeldperiode liggen",
    "N11030": "Einde instroomperiode moet na begin instroomperiode liggen",
    "N11040": "Einddatum cohort moet na het instroommoment liggen",
    "N11410": "Einde aanmeldperiode ligt na de einddatum van de aangeboden opleiding",
    "N11420": "Cohortcode is niet uniek binnen de aangeboden opleiding",
    "N11430": "Einde instroomperiode ligt na de einddatum van de aangeboden opleiding",
    "N11440": "Cohortstatus is geen geldige waarde",
    "N11450": "Toestemming vereist voor aanmelding is geen geldige waarde",
    "N11460": "Instroommoment ligt na de einddatum van de aangeboden opleiding",
}


def fout(code: str, *sleutels: tuple[str, str], tekst: str | None = None) -> Fout:
    """A :class:`Fout` with DUO's standard text for ``code``."""
    return Fout(code=code, tekst=tekst or _TEKST.get(code, code), sleutels=tuple(sleutels))


def kenmerk_fouten(ks: Sequence[Kenmerk], *, element: str, today: date) -> list[Fout]:
    return [
        fout(code, ("kenmerknaam", naam), ("kenmerkwaarde", waarde))
        for code, naam, waarde in kenmerken.check_kenmerken(ks, element=element, today=today)
    ]


def periode_fouten(
    perioden: Sequence[Periode],
    *,
    soort: str,
    begindatum: date,
    einddatum: date | None,
    codes: tuple[str, str, str, str, str],
) -> list[Fout]:
    """Period rules shared by offerings (N10010–N10050) and programmes (P02010–P02080).

    ``codes`` = (zero-length, outside lifespan, wrong specialisation, not chronological,
    none at begindatum).
    """
    zero, outside, spec, order, start = codes
    out: list[Fout] = []
    for p in perioden:
        key = ("begindatum", p.begindatum.isoformat())
        if p.soort != f"{soort}Periode":
            out.append(fout(spec, key))
        if p.begindatum < begindatum or (einddatum is not None and p.begindatum >= einddatum):
            out.append(fout(outside, key))
    starts = [p.begindatum for p in perioden]
    if starts != sorted(starts):
        out.append(fout(order, ("begindatum", begindatum.isoformat())))
    elif len(set(starts)) != len(starts):
        out.append(fout(zero, ("begindatum", begindatum.isoformat())))
    if begindatum not in starts:
        out.append(fout(start, ("begindatum", begindatum.isoformat())))
    return out


def _bestaan(ao: AangebodenOpleiding, world: World, sender: str) -> tuple[list[Fout], str | None]:
    """A…, N09440 and AUT401: the referenced objects exist and the sender may use them."""
    out: list[Fout] = []
    code_key = ("aangebodenOpleidingCode", ao.code)
    if ao.locatiecode and not world.locatie_bestaat(ao.locatiecode):
        out.append(fout("A01060", ("onderwijslocatiecode", ao.locatiecode)))
    aanbieder = world.aanbieder(ao.aanbiedercode)
    oe_code: str | None = None
    if ao.opleidingseenheidcode is not None:
        oe = world.opleidingseenheid(ao.opleidingseenheidcode)
        if oe is None:
            out.append(fout("A01070", ("opleidingseenheidcode", ao.opleidingseenheidcode)))
        else:
            oe_code = oe.code
            if oe.bestuur is not None and not world.geautoriseerd(sender, oe.bestuur):
                out.append(fout("AUT401", ("opleidingseenheidcode", oe.code)))
    elif ao.erkenning is not None:
        erkenning = world.erkenning(*ao.erkenning)
        keys = (("opleidingsstelsel", ao.erkenning[0]), ("opleidingscode", ao.erkenning[1]))
        if erkenning is None:
            out.append(fout("A01080", *keys))
        else:
            oe_code = erkenning.opleidingseenheidcode
            if aanbieder and erkenning.besturen and aanbieder.bestuur not in erkenning.besturen:
                out.append(fout("A01081", *keys))
    elif ao.vo_vakerkenning:
        out.append(fout("A01090", code_key))
    if aanbieder is None:
        out.append(fout("N09440", ("onderwijsaanbiedercode", ao.aanbiedercode)))
    elif not world.geautoriseerd(sender, aanbieder.bestuur):
        out.append(fout("AUT401", ("onderwijsaanbiedercode", ao.aanbiedercode)))
    sleutel = ao.eigen_sleutel
    if sleutel is not None:
        owner = world.ao_met_eigen_sleutel(sleutel)
        if owner is not None and owner != ao.code:
            out.append(fout("A01160", ("eigenAangebodenOpleidingSleutel", sleutel)))
    return out, oe_code


def check_aangeboden_opleiding(
    ao: AangebodenOpleiding, world: World, *, sender: str, today: date
) -> list[Fout]:
    """All rule violations of a delivered offering (empty when RIO would accept it)."""
    errors, oe_code = _bestaan(ao, world, sender)
    if errors or oe_code is None:
        return errors
    out = kenmerk_fouten(ao.kenmerken, element=ao.soort, today=today)
    for p in ao.perioden:
        out += kenmerk_fouten(p.kenmerken, element=p.soort, today=today)
    for c in ao.cohorten:
        out += kenmerk_fouten(c.kenmerken, element=c.soort, today=today)
    out += _ao_regels(ao, world, oe_code)
    out += periode_fouten(
        ao.perioden,
        soort=ao.soort,
        begindatum=ao.begindatum,
        einddatum=ao.einddatum,
        codes=("N10010", "N10020", "N10030", "N10040", "N10050"),
    )
    for p in ao.perioden:
        partners = [
            k.waarde for k in p.kenmerken if k.naam == "samenwerkendeOnderwijsaanbiedercode"
        ]
        if len(set(partners)) != len(partners):
            out.append(fout("N10060", ("begindatum", p.begindatum.isoformat())))
        for partner in sorted(set(partners)):
            if world.aanbieder(partner) is None:
                out.append(fout("N10410", ("samenwerkendeOnderwijsaanbiedercode", partner)))
    seen: set[str] = set()
    for c in ao.cohorten:
        if c.cohortcode in seen:
            out.append(fout("N11420", ("cohortcode", c.cohortcode)))
        seen.add(c.cohortcode)
        out += _cohort_regels(c, ao.einddatum)
    return out


_WAARDELIJSTEN = {
    "leertrajectMBO": ("N09030", "LeertrajectMBO"),
    "opleidingsduurEenheid": ("N09050", "Studieduureenheid"),
    "mboNiveau": ("N09060", "Kwalificatieniveau"),
    "toelatingseisen": ("N09070", "Toelatingseisen"),
    "toegankelijkheid": ("N09080", "ToegankelijkVoor"),
}


def _ao_regels(ao: AangebodenOpleiding, world: World, oe_code: str) -> list[Fout]:
    out: list[Fout] = []
    key = ("aangebodenOpleidingCode", ao.code)
    if ao.einddatum is not None and ao.einddatum <= ao.begindatum:
        out.append(fout("N09010", key))
    for naam, waarde in ao.waarden:
        if naam in _WAARDELIJSTEN:
            code, lijst = _WAARDELIJSTEN[naam]
            if not kenmerken.in_codelist(lijst, waarde):
                out.append(fout(code, (naam, waarde)))
    eerste = ao.eerste_instroomdatum
    if eerste is not None and ao.einddatum is not None and eerste >= ao.einddatum:
        out.append(fout("N09090", key))
    start = eerste or ao.begindatum
    oe = world.opleidingseenheid(oe_code)
    if oe is not None and (
        start < oe.begindatum
        or (oe.einddatum is not None and (ao.einddatum is None or ao.einddatum > oe.einddatum))
    ):
        out.append(fout("N09410", key, ("opleidingseenheidcode", oe_code)))
    aanbieder = world.aanbieder(ao.aanbiedercode)
    if aanbieder is not None and (
        start < aanbieder.in_bedrijf
        or (
            aanbieder.uit_bedrijf is not None
            and (ao.einddatum is None or ao.einddatum > aanbieder.uit_bedrijf)
        )
    ):
        out.append(fout("N09430", key, ("onderwijsaanbiedercode", ao.aanbiedercode)))
    bestaand = world.aangeboden_opleiding(ao.code)
    if bestaand is not None and (
        bestaand.aanbiedercode != ao.aanbiedercode or bestaand.opleidingseenheidcode != oe_code
    ):
        out.append(fout("N09450", key))
    return out


def _cohort_regels(c: Cohort, ao_einde: date | None) -> list[Fout]:
    out: list[Fout] = []
    key = ("cohortcode", c.cohortcode)
    if c.einde_aanmeldperiode is not None and c.einde_aanmeldperiode <= c.begin_aanmeldperiode:
        out.append(fout("N11020", key))
    if (
        c.einde_instroomperiode is not None
        and c.begin_instroomperiode is not None
        and c.einde_instroomperiode <= c.begin_instroomperiode
    ):
        out.append(fout("N11030", key))
    start = c.instroommoment or c.begin_instroomperiode
    if c.einddatum is not None and start is not None and c.einddatum <= start:
        out.append(fout("N11040", key))
    if not kenmerken.in_codelist("Cohortstatus", c.cohortstatus):
        out.append(fout("N11440", key))
    if not kenmerken.in_codelist("ToestemmingAanmeldingscohortVereist", c.toestemming_vereist):
        out.append(fout("N11450", key))
    if ao_einde is not None:
        if c.einde_aanmeldperiode is not None and c.einde_aanmeldperiode > ao_einde:
            out.append(fout("N11410", key))
        if c.einde_instroomperiode is not None and c.einde_instroomperiode > ao_einde:
            out.append(fout("N11430", key))
        if start is not None and start > ao_einde:
            out.append(fout("N11460", key))
    return out
