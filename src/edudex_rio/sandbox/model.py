"""Typed views of the RIO objects the sandbox checks, read from (XSD-valid) request XML.

The parse is generic over the specialisations (``particuliereOpleiding``, ``hoOpleiding``,
``aangebodenParticuliereOpleiding``, ``aangebodenMboOpleiding``, …) because they share the
base structure; the specialisation shows in ``soort`` (the element's local name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lxml import etree

from edudex_rio.sandbox.xmlutil import child, children, local, text

__all__ = [
    "AangebodenOpleiding",
    "Cohort",
    "Kenmerk",
    "Opleidingseenheid",
    "Periode",
    "parse_aangeboden_opleiding",
    "parse_opleidingseenheid",
]


@dataclass(frozen=True, kw_only=True)
class Kenmerk:
    """One name/value pair; ``soort`` is the value element's suffix (Tekst, Datum, …)."""

    naam: str
    soort: str
    waarde: str


@dataclass(frozen=True, kw_only=True)
class Periode:
    """A period of an opleidingseenheid or aangeboden opleiding (no own end date)."""

    soort: str
    begindatum: date
    kenmerken: tuple[Kenmerk, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Cohort:
    """A start moment of an aangeboden opleiding."""

    soort: str
    cohortcode: str
    cohortstatus: str
    kenmerken: tuple[Kenmerk, ...] = ()
    begin_aanmeldperiode: date
    einde_aanmeldperiode: date | None = None
    instroommoment: date | None = None
    begin_instroomperiode: date | None = None
    einde_instroomperiode: date | None = None
    toestemming_vereist: str = "NEE"
    einddatum: date | None = None


@dataclass(frozen=True, kw_only=True)
class Opleidingseenheid:
    """A programme definition (write form)."""

    soort: str
    code: str | None
    begindatum: date
    einddatum: date | None = None
    kenmerken: tuple[Kenmerk, ...] = ()
    perioden: tuple[Periode, ...] = ()
    waardedocumentsoort: str | None = None
    niveau: str | None = None
    studielasteenheden: tuple[str, ...] = ()

    @property
    def eigen_sleutel(self) -> str | None:
        return _kenmerk_value(self.kenmerken, "eigenOpleidingseenheidSleutel")


@dataclass(frozen=True, kw_only=True)
class AangebodenOpleiding:
    """An offering with its periods and cohorts (write form)."""

    soort: str
    code: str
    aanbiedercode: str
    locatiecode: str | None = None
    begindatum: date
    eerste_instroomdatum: date | None = None
    einddatum: date | None = None
    opleidingseenheidcode: str | None = None
    erkenning: tuple[str, str] | None = None
    vo_vakerkenning: bool = False
    perioden: tuple[Periode, ...] = ()
    cohorten: tuple[Cohort, ...] = ()
    kenmerken: tuple[Kenmerk, ...] = ()
    waarden: tuple[tuple[str, str], ...] = ()

    @property
    def eigen_sleutel(self) -> str | None:
        return _kenmerk_value(self.kenmerken, "eigenAangebodenOpleidingSleutel")


def _kenmerk_value(kenmerken: tuple[Kenmerk, ...], naam: str) -> str | None:
    for k in kenmerken:
        if k.naam == naam:
            return k.waarde
    return None


def _date(el: etree._Element | None, name: str | None = None) -> date | None:
    value = text(el, name)
    return date.fromisoformat(value[:10]) if value else None


def _required_date(el: etree._Element, name: str) -> date:
    value = _date(el, name)
    if value is None:
        raise ValueError(f"{local(el)} has no {name}")
    return value


def _kenmerken(el: etree._Element) -> tuple[Kenmerk, ...]:
    out = []
    for k in children(el, "kenmerken"):
        naam = text(k, "kenmerknaam") or ""
        for v in children(k):
            name = local(v)
            if name.startswith("kenmerkwaarde"):
                out.append(
                    Kenmerk(
                        naam=naam, soort=name.removeprefix("kenmerkwaarde"), waarde=text(v) or ""
                    )
                )
    return tuple(out)


def _periode(el: etree._Element) -> Periode:
    return Periode(
        soort=local(el), begindatum=_required_date(el, "begindatum"), kenmerken=_kenmerken(el)
    )


def parse_opleidingseenheid(el: etree._Element) -> Opleidingseenheid:
    """Read an ``opleidingseenheid`` substitution element (write form)."""
    perioden = [c for c in children(el) if local(c).endswith("Periode")]
    return Opleidingseenheid(
        soort=local(el),
        code=text(el, "opleidingseenheidcode"),
        begindatum=_required_date(el, "begindatum"),
        einddatum=_date(el, "einddatum"),
        kenmerken=_kenmerken(el),
        perioden=tuple(_periode(p) for p in perioden),
        waardedocumentsoort=text(el, "waardedocumentsoort"),
        niveau=text(el, "niveau"),
        studielasteenheden=tuple(
            t for p in perioden if (t := text(p, "studielasteenheid")) is not None
        ),
    )


def _cohort(el: etree._Element) -> Cohort:
    vast = child(el, "vastInstroommoment")
    flex = child(el, "flexibeleInstroom")
    return Cohort(
        soort=local(el),
        cohortcode=text(el, "cohortcode") or "",
        cohortstatus=text(el, "cohortstatus") or "",
        kenmerken=_kenmerken(el),
        begin_aanmeldperiode=_required_date(el, "beginAanmeldperiode"),
        einde_aanmeldperiode=_date(el, "eindeAanmeldperiode"),
        instroommoment=_date(vast, "instroommoment") if vast is not None else None,
        begin_instroomperiode=_date(flex, "beginInstroomperiode") if flex is not None else None,
        einde_instroomperiode=_date(flex, "eindeInstroomperiode") if flex is not None else None,
        toestemming_vereist=text(el, "toestemmingVereistVoorAanmelding") or "",
        einddatum=_date(el, "einddatum"),
    )


_SIMPLE = ("leertrajectMBO", "mboNiveau", "toelatingseisen", "toegankelijkheid", "niveau")


def parse_aangeboden_opleiding(el: etree._Element) -> AangebodenOpleiding:
    """Read an ``aangebodenOpleiding`` substitution element (write form)."""
    erkenning = child(el, "opleidingserkenningSleutel")
    duur = child(el, "afwijkendeOpleidingsduur")
    waarden = [(n, v) for n in _SIMPLE if (v := text(el, n)) is not None]
    if duur is not None:
        waarden.append(("opleidingsduurEenheid", text(duur, "opleidingsduurEenheid") or ""))
    return AangebodenOpleiding(
        soort=local(el),
        code=(text(el, "aangebodenOpleidingCode") or "").lower(),
        aanbiedercode=text(el, "onderwijsaanbiedercode") or "",
        locatiecode=text(el, "onderwijslocatiecode"),
        begindatum=_required_date(el, "begindatum"),
        eerste_instroomdatum=_date(el, "eersteInstroomDatum"),
        einddatum=_date(el, "einddatum"),
        opleidingseenheidcode=text(el, "opleidingseenheidSleutel"),
        erkenning=(
            (text(erkenning, "opleidingsstelsel") or "", text(erkenning, "opleidingscode") or "")
            if erkenning is not None
            else None
        ),
        vo_vakerkenning=child(el, "voVakerkenningSleutel") is not None,
        perioden=tuple(_periode(p) for p in children(el) if local(p).endswith("Periode")),
        cohorten=tuple(_cohort(c) for c in children(el) if local(c).endswith("Cohort")),
        kenmerken=_kenmerken(el),
        waarden=tuple(waarden),
    )
