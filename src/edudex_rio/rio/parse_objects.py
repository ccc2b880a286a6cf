"""Parse RIO objects (write and read forms) from payload elements into model records.

Matching is by local name only: DUO varies prefixes (``ns2``, ``SOAP-ENV``...), never the
namespaces that matter, and a parser bound to prefixes breaks on the next DUO release. Text is
taken as the XML parser decoded it (numeric character references included); typed values
(dates, numbers, booleans) are whitespace-trimmed. Used by :mod:`edudex_rio.rio.parse`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from lxml import etree

from edudex_rio.errors import TerminalError
from edudex_rio.rio import kenmerken as _kenmerken
from edudex_rio.rio import model as m
from edudex_rio.rio.xml import localname

__all__ = ["Node", "RioMessageError"]

_T = TypeVar("_T")


class RioMessageError(TerminalError):
    """A payload is not shaped the way the RIO contract says (missing or unparsable element)."""

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


_KENMERK_SOORTEN: dict[str, m.KenmerkSoort] = {
    "kenmerkwaardeDatum": "datum",
    "kenmerkwaardeTekst": "tekst",
    "kenmerkwaardeEnumeratiewaarde": "enumeratiewaarde",
    "kenmerkwaardeGetal": "getal",
    "kenmerkwaardeBoolean": "boolean",
}


class Node:
    """Read access to one element's children by local name."""

    __slots__ = ("children", "element", "name")

    def __init__(self, element: etree._Element) -> None:
        self.element = element
        self.name = localname(element)
        self.children = [(localname(c), c) for c in element if isinstance(c.tag, str)]

    def path(self) -> str:
        return self.element.getroottree().getpath(self.element)

    def error(self, message: str) -> RioMessageError:
        return RioMessageError(message, path=self.path())

    def all(self, name: str) -> list[Node]:
        return [Node(child) for child_name, child in self.children if child_name == name]

    def one(self, name: str) -> Node | None:
        for child_name, child in self.children:
            if child_name == name:
                return Node(child)
        return None

    def has(self, name: str) -> bool:
        return any(child_name == name for child_name, _ in self.children)

    def text(self, name: str) -> str | None:
        for child_name, child in self.children:
            if child_name == name:
                return child.text or ""
        return None

    def req(self, name: str) -> str:
        value = self.text(name)
        if value is None:
            raise self.error(f"missing element {name}")
        return value

    def req_node(self, name: str) -> Node:
        node = self.one(name)
        if node is None:
            raise self.error(f"missing element {name}")
        return node

    def opt_date(self, name: str) -> date | None:
        value = self.text(name)
        return None if value is None else self.convert(name, value, date.fromisoformat)

    def req_date(self, name: str) -> date:
        return self.convert(name, self.req(name), date.fromisoformat)

    def opt_int(self, name: str) -> int | None:
        value = self.text(name)
        return None if value is None else self.convert(name, value, int)

    def req_int(self, name: str) -> int:
        return self.convert(name, self.req(name), int)

    def opt_decimal(self, name: str) -> Decimal | None:
        value = self.text(name)
        return None if value is None else self.convert(name, value, Decimal)

    def req_bool(self, name: str) -> bool:
        return self.convert(name, self.req(name), parse_bool)

    def datetime(self, name: str) -> datetime:
        return self.convert(name, self.req(name), datetime.fromisoformat)

    def convert(self, name: str, value: str, convert: Callable[[str], _T]) -> _T:
        try:
            return convert(value.strip())
        except (ValueError, InvalidOperation) as exc:
            raise self.error(f"{name}: cannot read {value!r}") from exc

    def kenmerken(self) -> list[m.Kenmerk]:
        result = []
        for node in self.all("kenmerken"):
            naam = node.req("kenmerknaam")
            for child_name, child in node.children:
                soort = _KENMERK_SOORTEN.get(child_name)
                if soort is not None:
                    result.append(
                        m.Kenmerk(naam=naam, soort=soort, waarde=_value(node, soort, child))
                    )
                    break
            else:
                raise node.error(f"kenmerk {naam} has no kenmerkwaarde")
        return result


def parse_bool(value: str) -> bool:
    """``xs:boolean``: true/false/1/0."""
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise ValueError(value)


def _value(node: Node, soort: m.KenmerkSoort, element: etree._Element) -> Any:
    text = element.text or ""
    converters: dict[str, Any] = {
        "datum": date.fromisoformat,
        "getal": Decimal,
        "boolean": parse_bool,
    }
    if soort not in converters:
        return text
    return node.convert(localname(element), text, converters[soort])


def document(node: Node) -> m.Bedrijfsdocument:
    return m.Bedrijfsdocument(
        identificatiecode=node.req("identificatiecodeBedrijfsdocument"),
        verzendende_instantie=node.req("verzendendeInstantie"),
        ontvangende_instantie=node.req("ontvangendeInstantie"),
        datum_tijd=node.datetime("datumTijdBedrijfsdocument"),
    )


def foutmelding(node: Node) -> m.Foutmelding:
    return m.Foutmelding(
        code=node.req("foutcode"),
        tekst=node.req("fouttekst"),
        sleutelgegevens=tuple(
            m.Sleutelgegeven(naam=s.req("sleutelnaam"), waarde=s.req("sleutelwaarde"))
            for s in node.all("sleutelgegeven")
        ),
    )


def paginering(node: Node | None) -> m.Paginering | None:
    if node is None:
        return None
    return m.Paginering(
        pagina=node.req_int("pagina"),
        aantal_paginas=node.req_int("aantalPaginas"),
        aantal_resultaten=node.req_int("aantalResultaten"),
    )


def erkenning(node: Node) -> m.OpleidingserkenningSleutel:
    return m.OpleidingserkenningSleutel(
        opleidingsstelsel=node.req("opleidingsstelsel"), opleidingscode=node.req("opleidingscode")
    )


def vo_vakerkenning(node: Node) -> m.VoVakerkenningSleutel:
    return m.VoVakerkenningSleutel(
        opleidingsstelsel=node.req("opleidingsstelsel"),
        opleidingscode=node.req("opleidingscode"),
        opleidingsniveau=node.req("opleidingsniveau"),
    )


def adres(node: Node) -> m.AanduidingAdres:
    return m.AanduidingAdres(
        postcode=node.req("postcode"),
        huisnummer=node.req_int("huisnummer"),
        huisnummertoevoeging=node.text("huisnummertoevoeging"),
    )


# ------------------------------------------------------------------------- opleidingseenheid


def opleidingseenheid(node: Node) -> m.Opleidingseenheid:
    """The write form (Beheren) of any opleidingseenheid we model."""
    if node.name == "particuliereOpleiding":
        fields, overige = _kenmerken.split_kenmerken(m.ParticuliereOpleiding, node.kenmerken())
        return m.ParticuliereOpleiding(
            opleidingseenheidcode=node.text("opleidingseenheidcode"),
            begindatum=node.req_date("begindatum"),
            einddatum=node.opt_date("einddatum"),
            perioden=tuple(_particuliere_periode(p) for p in node.all(f"{node.name}Periode")),
            waardedocumentsoort=node.text("waardedocumentsoort"),
            niveau=node.text("niveau"),
            eqf=node.text("eqf"),
            nlqf=node.text("nlqf"),
            overige_kenmerken=overige,
            **fields,
        )
    if node.name in ("hoOpleiding", "hoOnderwijseenheid", "hoOnderwijseenhedencluster"):
        return m.HoOpleidingseenheid(
            soort=node.name,  # type: ignore[arg-type]
            opleidingseenheidcode=node.text("opleidingseenheidcode"),
            begindatum=node.req_date("begindatum"),
            einddatum=node.opt_date("einddatum"),
            kenmerken=tuple(node.kenmerken()),
            perioden=tuple(generic_periode(p) for p in node.all(f"{node.name}Periode")),
            waardedocumentsoort=node.text("waardedocumentsoort"),
            niveau=node.text("niveau"),
            isced=node.text("ISCED"),
        )
    raise node.error(f"unsupported opleidingseenheid {node.name}")


def _particuliere_periode(node: Node) -> m.ParticuliereOpleidingPeriode:
    return m.ParticuliereOpleidingPeriode(
        begindatum=node.req_date("begindatum"),
        naam_lang=node.req("naamLang"),
        naam_kort=node.text("naamKort"),
        internationale_naam=node.text("internationaleNaam"),
        omschrijving=node.text("omschrijving"),
        studielast=node.opt_int("studielast"),
        studielasteenheid=node.text("studielasteenheid"),
        overige_kenmerken=tuple(node.kenmerken()),
    )


def generic_periode(node: Node) -> m.OpleidingseenheidPeriode:
    return m.OpleidingseenheidPeriode(
        begindatum=node.req_date("begindatum"),
        naam_lang=node.req("naamLang"),
        naam_kort=node.text("naamKort"),
        internationale_naam=node.text("internationaleNaam"),
        omschrijving=node.text("omschrijving"),
        kenmerken=tuple(node.kenmerken()),
        waardedocumentsoort=node.text("waardedocumentsoort"),
        studielast=node.opt_int("studielast"),
        studielasteenheid=node.text("studielasteenheid"),
    )


def opleidingseenheid_read(node: Node) -> m.OpleidingseenheidRead:
    """The read form (Raadplegen) of any opleidingseenheid."""
    return m.OpleidingseenheidRead(
        soort=node.name,
        opleidingseenheidcode=node.req("opleidingseenheidcode"),
        herkomst_opleiding=node.req("herkomstOpleiding"),
        begindatum=node.req_date("begindatum"),
        einddatum=node.opt_date("einddatum"),
        perioden=tuple(generic_periode(p) for p in node.all(f"{node.name}Periode")),
        opleidingserkenning_sleutels=tuple(
            erkenning(s) for s in node.all("opleidingserkenningSleutel")
        ),
        kenmerken=tuple(node.kenmerken()),
        waardedocumentsoort=node.text("waardedocumentsoort"),
        niveau=node.text("niveau"),
        eqf=node.text("eqf"),
        nlqf=node.text("nlqf"),
        isced=node.text("ISCED"),
        graad=node.text("graad"),
    )


# ------------------------------------------------------------------------- aangeboden opleiding


def _ao_periode(node: Node) -> m.AangebodenOpleidingPeriode:
    fields, overige = _kenmerken.split_kenmerken(m.AangebodenOpleidingPeriode, node.kenmerken())
    return m.AangebodenOpleidingPeriode(
        begindatum=node.req_date("begindatum"),
        eigen_naam_aangeboden_opleiding=node.text("eigenNaamAangebodenOpleiding"),
        eigen_naam_internationaal=node.text("eigenNaamInternationaal"),
        eigen_omschrijving=node.text("eigenOmschrijving"),
        overige_kenmerken=overige,
        **fields,
    )


def _cohort(node: Node) -> m.AangebodenOpleidingCohort:
    fields, overige = _kenmerken.split_kenmerken(m.AangebodenOpleidingCohort, node.kenmerken())
    vast = node.one("vastInstroommoment")
    flex = node.one("flexibeleInstroom")
    instroom: m.VastInstroommoment | m.FlexibeleInstroom
    if vast is not None:
        instroom = m.VastInstroommoment(instroommoment=vast.req_date("instroommoment"))
    elif flex is not None:
        instroom = m.FlexibeleInstroom(
            begin_instroomperiode=flex.req_date("beginInstroomperiode"),
            einde_instroomperiode=flex.opt_date("eindeInstroomperiode"),
        )
    else:
        raise node.error("cohort without vastInstroommoment or flexibeleInstroom")
    bedrijf = node.one("bedrijfsopleiding")
    return m.AangebodenOpleidingCohort(
        cohortcode=node.req("cohortcode"),
        cohortstatus=node.req("cohortstatus"),
        begin_aanmeldperiode=node.req_date("beginAanmeldperiode"),
        instroom=instroom,
        einde_aanmeldperiode=node.opt_date("eindeAanmeldperiode"),
        toestemming_vereist_voor_aanmelding=node.req("toestemmingVereistVoorAanmelding"),
        toelichting_vereiste_toestemming=node.text("toelichtingVereisteToestemming"),
        toegangscode_cohort=None if bedrijf is None else bedrijf.req("toegangscodeCohort"),
        einddatum=node.opt_date("einddatum"),
        prijzen=tuple(
            m.Prijs(soort=p.req("soort"), bedrag=p.convert("bedrag", p.req("bedrag"), Decimal))
            for p in node.all("prijs")
        ),
        overige_kenmerken=overige,
        **fields,
    )


def _duur(node: Node) -> m.AfwijkendeOpleidingsduur | None:
    duur = node.one("afwijkendeOpleidingsduur")
    if duur is None:
        return None
    return m.AfwijkendeOpleidingsduur(
        eenheid=duur.req("opleidingsduurEenheid"), omvang=duur.req_int("opleidingsduurOmvang")
    )


def aangeboden_opleiding(node: Node) -> m.AangebodenOpleiding:
    """The write form (Beheren) of an aangeboden opleiding."""
    cls: type[m.AangebodenOpleiding]
    extra: dict[str, Any] = {}
    if node.name == "aangebodenParticuliereOpleiding":
        cls = m.AangebodenParticuliereOpleiding
        extra["niveau"] = node.text("niveau")
    elif node.name == "aangebodenMboOpleiding":
        cls = m.AangebodenMboOpleiding
        extra["leertraject_mbo"] = node.req("leertrajectMBO")
        extra["mbo_niveau"] = node.text("mboNiveau")
        extra["toelatingseisen"] = node.req("toelatingseisen")
        extra["toegankelijkheid"] = node.req("toegankelijkheid")
    elif node.name in ("aangebodenHOOpleiding", "aangebodenHOOpleidingsonderdeel"):
        cls = m.AangebodenHoOpleiding
        extra["soort"] = node.name
    else:
        raise node.error(f"unsupported aangeboden opleiding {node.name}")
    fields, overige = _kenmerken.split_kenmerken(cls, node.kenmerken())
    erkenning_node = node.one("opleidingserkenningSleutel")
    vak_node = node.one("voVakerkenningSleutel")
    return cls(
        aangeboden_opleiding_code=node.req("aangebodenOpleidingCode"),
        onderwijsaanbiedercode=node.req("onderwijsaanbiedercode"),
        onderwijslocatiecode=node.text("onderwijslocatiecode"),
        begindatum=node.req_date("begindatum"),
        eerste_instroomdatum=node.opt_date("eersteInstroomDatum"),
        einddatum=node.opt_date("einddatum"),
        opleidingseenheid_sleutel=node.text("opleidingseenheidSleutel"),
        opleidingserkenning_sleutel=None if erkenning_node is None else erkenning(erkenning_node),
        vo_vakerkenning_sleutel=None if vak_node is None else vo_vakerkenning(vak_node),
        perioden=tuple(_ao_periode(p) for p in node.all(f"{node.name}Periode")),
        cohorten=tuple(_cohort(c) for c in node.all(f"{node.name}Cohort")),
        afwijkende_opleidingsduur=_duur(node),
        overige_kenmerken=overige,
        **fields,
        **extra,
    )


def aangeboden_opleiding_read(node: Node) -> m.AangebodenOpleidingRead:
    """The read form (Raadplegen) of any aangeboden opleiding."""
    return m.AangebodenOpleidingRead(
        soort=node.name,
        aangeboden_opleiding_code=node.req("aangebodenOpleidingCode"),
        onderwijsaanbiedercode=node.req("onderwijsaanbiedercode"),
        opleidingseenheidcode=node.req("opleidingseenheidcode"),
        onderwijslocatiecode=node.text("onderwijslocatiecode"),
        begindatum=node.req_date("begindatum"),
        eerste_instroomdatum=node.opt_date("eersteInstroomDatum"),
        einddatum=node.opt_date("einddatum"),
        opleidingserkenning_sleutels=tuple(
            erkenning(s) for s in node.all("opleidingserkenningSleutel")
        ),
        vo_vakerkenning_sleutels=tuple(
            vo_vakerkenning(s) for s in node.all("voVakerkenningSleutel")
        ),
        perioden=tuple(_ao_periode(p) for p in node.all(f"{node.name}Periode")),
        cohorten=tuple(_cohort(c) for c in node.all(f"{node.name}Cohort")),
        afwijkende_opleidingsduur=_duur(node),
        kenmerken=tuple(node.kenmerken()),
        niveau=node.text("niveau"),
        leertraject_mbo=node.text("leertrajectMBO"),
        mbo_niveau=node.text("mboNiveau"),
        toelatingseisen=node.text("toelatingseisen"),
        toegankelijkheid=node.text("toegankelijkheid"),
    )


def is_aangeboden_opleiding(name: str) -> bool:
    """Whether a local name is one of the aangebodenOpleiding substitution elements."""
    return name.startswith("aangeboden") and name.endswith(("Opleiding", "Opleidingsonderdeel"))


def is_opleidingseenheid(name: str) -> bool:
    """Whether a local name is one of the opleidingseenheid substitution elements."""
    return name in _OPLEIDINGSEENHEDEN


_OPLEIDINGSEENHEDEN = frozenset(
    {"particuliereOpleiding", "hoOpleiding", "hoOnderwijseenheid", "hoOnderwijseenhedencluster"}
)
