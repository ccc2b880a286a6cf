"""Build the SOAP Body payload of every RIO request from :mod:`edudex_rio.rio.model` records.

    build_request(request, document) -> lxml element ``<duo:<operation>_request>``

Elements follow the order of DUO's current XSD, kenmerken the order of its
``Kenmerkwaardenbereik`` types, and every payload is validated against the XSD before it is
returned (:class:`edudex_rio.rio.xsd.XsdValidationError` otherwise). Building never sends:
``etree.tostring(build_request(...))`` is the exact body a dry run can show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from lxml import etree

from edudex_rio.rio import kenmerken as _kenmerken
from edudex_rio.rio import model as m
from edudex_rio.rio import xsd
from edudex_rio.rio.model_common import Service

__all__ = [
    "CONTRACT_NS",
    "PREFIX",
    "Operation",
    "build_request",
    "format_datetime",
    "format_value",
    "operation_of",
]

#: The payload prefix the SURF mapper uses and DUO accepts (any prefix is valid XML).
PREFIX = "duo"
CONTRACT_NS: dict[Service, str] = {
    "beheren": "http://duo.nl/contract/DUO_RIO_Beheren_OnderwijsOrganisatie_V4",
    "raadplegen": "http://duo.nl/contract/DUO_RIO_Raadplegen_OnderwijsOrganisatie_V4",
}
_SCHEMA_NS: dict[Service, str] = {"beheren": xsd.BEHEREN_NS, "raadplegen": xsd.RAADPLEGEN_NS}


@dataclass(frozen=True, slots=True, kw_only=True)
class Operation:
    """A SOAP operation: its name, its service and the SOAPAction / wsa:Action URI."""

    name: str
    service: Service

    @property
    def soap_action(self) -> str:
        return f"{CONTRACT_NS[self.service]}/{self.name}"

    @property
    def namespace(self) -> str:
        """The schema namespace of the payload."""
        return _SCHEMA_NS[self.service]


def operation_of(request: m.Request) -> Operation:
    """The SOAP operation a request object is sent with."""
    return Operation(name=request.operation, service=request.service)


def format_datetime(value: datetime) -> str:
    """``xs:dateTime`` in UTC with milliseconds and ``Z``, as DUO and the SURF mapper write it."""
    if value.tzinfo is None:
        raise ValueError("RIO timestamps must be timezone-aware")
    utc = value.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def format_value(value: date | datetime | str | Decimal | bool | int) -> str:
    """The XML text of a scalar: ISO dates, plain decimals (never exponents), true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


class _Builder:
    """Appends elements in one namespace; ``None`` values are omitted (no empty tags)."""

    def __init__(self, service: Service) -> None:
        self.ns = _SCHEMA_NS[service]
        self.nsmap = {PREFIX: self.ns}

    def root(self, name: str) -> etree._Element:
        return etree.Element(f"{{{self.ns}}}{name}", nsmap=self.nsmap)

    def node(self, parent: etree._Element, name: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{self.ns}}}{name}")

    def leaf(
        self,
        parent: etree._Element,
        name: str,
        value: date | datetime | str | Decimal | bool | int | None,
    ) -> None:
        if value is not None:
            self.node(parent, name).text = format_value(value)

    def kenmerken(self, parent: etree._Element, element: str, items: list[m.Kenmerk]) -> None:
        for kenmerk in _kenmerken.order_kenmerken(element, items):
            node = self.node(parent, "kenmerken")
            self.leaf(node, "kenmerknaam", kenmerk.naam)
            self.leaf(node, f"kenmerkwaarde{kenmerk.soort.capitalize()}", kenmerk.waarde)

    def document(self, parent: etree._Element, document: m.Bedrijfsdocument) -> None:
        self.leaf(parent, "identificatiecodeBedrijfsdocument", document.identificatiecode)
        self.leaf(parent, "verzendendeInstantie", document.verzendende_instantie)
        self.leaf(parent, "ontvangendeInstantie", document.ontvangende_instantie)
        self.leaf(parent, "datumTijdBedrijfsdocument", document.datum_tijd)

    # ---------------------------------------------------------------- opleidingseenheid

    def opleidingseenheid(self, parent: etree._Element, oe: m.Opleidingseenheid) -> None:
        name = oe.element if isinstance(oe, m.ParticuliereOpleiding) else oe.soort
        node = self.node(parent, name)
        self.leaf(node, "opleidingseenheidcode", oe.opleidingseenheidcode)
        self.leaf(node, "begindatum", oe.begindatum)
        self.leaf(node, "einddatum", oe.einddatum)
        if isinstance(oe, m.ParticuliereOpleiding):
            self.kenmerken(node, name, _kenmerken.kenmerken_of(oe))
            for periode in oe.perioden:
                self.particuliere_periode(node, f"{name}Periode", periode)
            self.leaf(node, "waardedocumentsoort", oe.waardedocumentsoort)
            self.leaf(node, "niveau", oe.niveau)
            self.leaf(node, "eqf", oe.eqf)
            self.leaf(node, "nlqf", oe.nlqf)
            return
        self.kenmerken(node, name, list(oe.kenmerken))
        for generic in oe.perioden:
            self.generic_periode(node, f"{name}Periode", generic)
        if oe.soort == "hoOpleiding":
            self.leaf(node, "waardedocumentsoort", oe.waardedocumentsoort)
            self.leaf(node, "niveau", oe.niveau)
        self.leaf(node, "ISCED", oe.isced)

    def particuliere_periode(
        self, parent: etree._Element, name: str, periode: m.ParticuliereOpleidingPeriode
    ) -> None:
        node = self.node(parent, name)
        self.leaf(node, "begindatum", periode.begindatum)
        self.leaf(node, "naamLang", periode.naam_lang)
        self.leaf(node, "naamKort", periode.naam_kort)
        self.leaf(node, "internationaleNaam", periode.internationale_naam)
        self.leaf(node, "omschrijving", periode.omschrijving)
        self.kenmerken(node, name, list(periode.overige_kenmerken))
        self.leaf(node, "studielast", periode.studielast)
        self.leaf(node, "studielasteenheid", periode.studielasteenheid)

    def generic_periode(
        self, parent: etree._Element, name: str, periode: m.OpleidingseenheidPeriode
    ) -> None:
        node = self.node(parent, name)
        self.leaf(node, "begindatum", periode.begindatum)
        self.leaf(node, "naamLang", periode.naam_lang)
        self.leaf(node, "naamKort", periode.naam_kort)
        self.leaf(node, "internationaleNaam", periode.internationale_naam)
        self.leaf(node, "omschrijving", periode.omschrijving)
        self.kenmerken(node, name, list(periode.kenmerken))
        self.leaf(node, "waardedocumentsoort", periode.waardedocumentsoort)
        self.leaf(node, "studielast", periode.studielast)
        self.leaf(node, "studielasteenheid", periode.studielasteenheid)

    # ---------------------------------------------------------------- aangeboden opleiding

    def aangeboden_opleiding(self, parent: etree._Element, ao: m.AangebodenOpleiding) -> None:
        name = ao.soort if isinstance(ao, m.AangebodenHoOpleiding) else ao.element
        node = self.node(parent, name)
        self.leaf(node, "aangebodenOpleidingCode", ao.aangeboden_opleiding_code)
        self.leaf(node, "onderwijsaanbiedercode", ao.onderwijsaanbiedercode)
        self.leaf(node, "onderwijslocatiecode", ao.onderwijslocatiecode)
        self.leaf(node, "begindatum", ao.begindatum)
        self.leaf(node, "eersteInstroomDatum", ao.eerste_instroomdatum)
        self.leaf(node, "einddatum", ao.einddatum)
        if ao.vo_vakerkenning_sleutel is not None:
            sleutel = self.node(node, "voVakerkenningSleutel")
            self.leaf(sleutel, "opleidingsstelsel", ao.vo_vakerkenning_sleutel.opleidingsstelsel)
            self.leaf(sleutel, "opleidingscode", ao.vo_vakerkenning_sleutel.opleidingscode)
            self.leaf(sleutel, "opleidingsniveau", ao.vo_vakerkenning_sleutel.opleidingsniveau)
        if ao.opleidingserkenning_sleutel is not None:
            self.erkenning(node, ao.opleidingserkenning_sleutel)
        self.leaf(node, "opleidingseenheidSleutel", ao.opleidingseenheid_sleutel)
        for periode in ao.perioden:
            self.ao_periode(node, f"{name}Periode", periode)
        for cohort in ao.cohorten:
            self.cohort(node, f"{name}Cohort", cohort, read=False)
        if ao.afwijkende_opleidingsduur is not None:
            duur = self.node(node, "afwijkendeOpleidingsduur")
            self.leaf(duur, "opleidingsduurEenheid", ao.afwijkende_opleidingsduur.eenheid)
            self.leaf(duur, "opleidingsduurOmvang", ao.afwijkende_opleidingsduur.omvang)
        self.kenmerken(node, name, _kenmerken.kenmerken_of(ao))
        if isinstance(ao, m.AangebodenParticuliereOpleiding):
            self.leaf(node, "niveau", ao.niveau)
        elif isinstance(ao, m.AangebodenMboOpleiding):
            self.leaf(node, "leertrajectMBO", ao.leertraject_mbo)
            self.leaf(node, "mboNiveau", ao.mbo_niveau)
            self.leaf(node, "toelatingseisen", ao.toelatingseisen)
            self.leaf(node, "toegankelijkheid", ao.toegankelijkheid)

    def erkenning(self, parent: etree._Element, sleutel: m.OpleidingserkenningSleutel) -> None:
        node = self.node(parent, "opleidingserkenningSleutel")
        self.leaf(node, "opleidingsstelsel", sleutel.opleidingsstelsel)
        self.leaf(node, "opleidingscode", sleutel.opleidingscode)

    def ao_periode(
        self, parent: etree._Element, name: str, periode: m.AangebodenOpleidingPeriode
    ) -> None:
        node = self.node(parent, name)
        self.leaf(node, "begindatum", periode.begindatum)
        self.leaf(node, "eigenNaamAangebodenOpleiding", periode.eigen_naam_aangeboden_opleiding)
        self.leaf(node, "eigenNaamInternationaal", periode.eigen_naam_internationaal)
        self.leaf(node, "eigenOmschrijving", periode.eigen_omschrijving)
        self.kenmerken(node, name, _kenmerken.kenmerken_of(periode))

    def cohort(
        self, parent: etree._Element, name: str, cohort: m.AangebodenOpleidingCohort, *, read: bool
    ) -> None:
        """A cohort; the read form (Raadplegen) puts einddatum before bedrijfsopleiding."""
        node = self.node(parent, name)
        self.leaf(node, "cohortcode", cohort.cohortcode)
        self.leaf(node, "cohortstatus", cohort.cohortstatus)
        self.kenmerken(node, name, _kenmerken.kenmerken_of(cohort))
        self.leaf(node, "beginAanmeldperiode", cohort.begin_aanmeldperiode)
        if isinstance(cohort.instroom, m.VastInstroommoment):
            vast = self.node(node, "vastInstroommoment")
            self.leaf(vast, "instroommoment", cohort.instroom.instroommoment)
        else:
            flex = self.node(node, "flexibeleInstroom")
            self.leaf(flex, "beginInstroomperiode", cohort.instroom.begin_instroomperiode)
            self.leaf(flex, "eindeInstroomperiode", cohort.instroom.einde_instroomperiode)
        self.leaf(node, "eindeAanmeldperiode", cohort.einde_aanmeldperiode)
        self.leaf(
            node, "toestemmingVereistVoorAanmelding", cohort.toestemming_vereist_voor_aanmelding
        )
        self.leaf(node, "toelichtingVereisteToestemming", cohort.toelichting_vereiste_toestemming)
        if read:
            self.leaf(node, "einddatum", cohort.einddatum)
        if cohort.toegangscode_cohort is not None:
            bedrijf = self.node(node, "bedrijfsopleiding")
            self.leaf(bedrijf, "toegangscodeCohort", cohort.toegangscode_cohort)
        if not read:
            self.leaf(node, "einddatum", cohort.einddatum)
        for prijs in cohort.prijzen:
            prijs_node = self.node(node, "prijs")
            self.leaf(prijs_node, "soort", prijs.soort)
            self.leaf(prijs_node, "bedrag", prijs.bedrag)

    # ---------------------------------------------------------------- organisation side

    def onderwijsaanbieder(self, parent: etree._Element, aanbieder: m.Onderwijsaanbieder) -> None:
        nieuw = aanbieder.onderwijsaanbiedercode is None
        node = self.node(parent, "nieuweOnderwijsaanbieder" if nieuw else "onderwijsaanbieder")
        self.leaf(node, "onderwijsaanbiedercode", aanbieder.onderwijsaanbiedercode)
        self.leaf(node, "inBedrijfdatum", aanbieder.in_bedrijfdatum)
        self.leaf(node, "uitBedrijfdatum", aanbieder.uit_bedrijfdatum)
        for periode in aanbieder.perioden:
            periode_node = self.node(node, "onderwijsaanbiederPeriode")
            self.leaf(periode_node, "begindatum", periode.begindatum)
            self.leaf(periode_node, "naam", periode.naam)
            self.leaf(periode_node, "internationaleNaam", periode.internationale_naam)
            self.kenmerken(periode_node, "", list(periode.overige_kenmerken))
        for relatie in aanbieder.juridische_relaties:
            self.juridische_relatie(node, "juridischeRelatie", relatie)
        self.kenmerken(node, "", _kenmerken.kenmerken_of(aanbieder))

    def juridische_relatie(
        self, parent: etree._Element, name: str, relatie: m.JuridischeRelatie
    ) -> None:
        node = self.node(parent, name)
        self.leaf(node, "instellingserkenningscode", relatie.instellingserkenningscode)
        self.leaf(node, "begindatum", relatie.begindatum)
        self.leaf(node, "einddatum", relatie.einddatum)

    def onderwijslocatiegebruik(
        self, parent: etree._Element, gebruik: m.Onderwijslocatiegebruik
    ) -> None:
        node = self.node(parent, "onderwijslocatiegebruik")
        self.leaf(node, "onderwijsbestuurcode", gebruik.onderwijsbestuurcode)
        self.leaf(node, "inBedrijfdatum", gebruik.in_bedrijfdatum)
        self.leaf(node, "uitBedrijfdatum", gebruik.uit_bedrijfdatum)
        for relatie in gebruik.juridische_relaties:
            self.juridische_relatie(node, "juridischeOnderwijslocatiegebruikRelatie", relatie)
        self.kenmerken(node, "", _kenmerken.kenmerken_of(gebruik))
        aanduiding = gebruik.aanduiding
        if isinstance(aanduiding, m.AanduidingAdres):
            self.adres(node, aanduiding)
        elif isinstance(aanduiding, m.AanduidingGPS):
            gps = self.node(node, "aanduidingGPS")
            self.leaf(gps, "gpsLatitude", aanduiding.gps_latitude)
            self.leaf(gps, "gpsLongitude", aanduiding.gps_longitude)
        elif isinstance(aanduiding, m.AanduidingPlaats):
            plaats = self.node(node, "aanduidingPlaats")
            self.leaf(plaats, "plaatsnaam", aanduiding.plaatsnaam)
            self.leaf(plaats, "gemeentenaam", aanduiding.gemeentenaam)
        else:
            self.leaf(node, "onderwijslocatieCode", aanduiding.onderwijslocatiecode)

    def adres(self, parent: etree._Element, adres: m.AanduidingAdres) -> None:
        node = self.node(parent, "aanduidingAdres")
        self.leaf(node, "postcode", adres.postcode)
        self.leaf(node, "huisnummer", adres.huisnummer)
        self.leaf(node, "huisnummertoevoeging", adres.huisnummertoevoeging)


def build_request(request: m.Request, document: m.Bedrijfsdocument) -> etree._Element:
    """The XSD-validated ``<operation>_request`` payload element for ``request``."""
    builder = _Builder(request.service)
    root = builder.root(f"{request.operation}_request")
    builder.document(root, document)
    _BODY[type(request)](builder, root, request)
    xsd.validate(root)
    return root


def _opleidingseenheid(b: _Builder, root: etree._Element, r: m.AanleverenOpleidingseenheid) -> None:
    b.opleidingseenheid(root, r.opleidingseenheid)


def _aangeboden(b: _Builder, root: etree._Element, r: m.AanleverenAangebodenOpleiding) -> None:
    b.aangeboden_opleiding(root, r.aangeboden_opleiding)


def _aanbieder(b: _Builder, root: etree._Element, r: m.AanleverenOnderwijsaanbieder) -> None:
    b.leaf(root, "onderwijsbestuurcode", r.onderwijsbestuurcode)
    b.onderwijsaanbieder(root, r.onderwijsaanbieder)


def _gebruik(b: _Builder, root: etree._Element, r: m.AanleverenOnderwijslocatiegebruik) -> None:
    b.onderwijslocatiegebruik(root, r.onderwijslocatiegebruik)


def _relatie(b: _Builder, root: etree._Element, r: m.AanleverenOpleidingsrelatie) -> None:
    node = b.node(root, "opleidingsrelatie")
    b.leaf(node, "begindatum", r.opleidingsrelatie.begindatum)
    b.leaf(node, "einddatum", r.opleidingsrelatie.einddatum)
    for code in r.opleidingsrelatie.opleidingseenheidcodes:
        b.leaf(node, "opleidingseenheidcode", code)


def _verwijder_relatie(
    b: _Builder, root: etree._Element, r: m.VerwijderenOpleidingsrelatie
) -> None:
    for code in r.opleidingseenheidcodes:
        b.leaf(root, "opleidingseenheidcode", code)
    b.leaf(root, "begindatum", r.begindatum)


def _rio_identificatiecode(
    b: _Builder, root: etree._Element, r: m.OpvragenRioIdentificatiecode
) -> None:
    b.leaf(root, "eigenAangebodenOpleidingSleutel", r.eigen_aangeboden_opleiding_sleutel)
    b.leaf(root, "eigenOnderwijsaanbiederSleutel", r.eigen_onderwijsaanbieder_sleutel)
    b.leaf(root, "eigenOpleidingseenheidSleutel", r.eigen_opleidingseenheid_sleutel)
    b.leaf(root, "kadasterPlaatscode", r.kadaster_plaatscode)
    if r.aanduiding_adres is not None:
        b.adres(root, r.aanduiding_adres)


def _ao_van_organisatie(
    b: _Builder, root: etree._Element, r: m.OpvragenAangebodenOpleidingenVanOrganisatie
) -> None:
    b.leaf(root, "onderwijsaanbiedercode", r.onderwijsaanbiedercode)
    b.leaf(root, "erkendeVestigingCode", r.erkende_vestiging_code)
    b.leaf(root, "onderwijslocatiecode", r.onderwijslocatiecode)
    b.leaf(root, "peildatum", r.peildatum)
    b.leaf(root, "pagina", r.pagina)


def _gewijzigde(
    b: _Builder, root: etree._Element, r: m.OpvragenGewijzigdeAangebodenOpleidingen
) -> None:
    b.leaf(root, "peildatumtijdMutaties", r.peildatumtijd_mutaties)
    b.leaf(root, "onderwijsaanbiederCode", r.onderwijsaanbiedercode)
    b.leaf(root, "pagina", r.pagina)


def _oe_van_organisatie(
    b: _Builder, root: etree._Element, r: m.OpvragenOpleidingseenhedenVanOrganisatie
) -> None:
    b.leaf(root, "onderwijsbestuurcode", r.onderwijsbestuurcode)
    b.leaf(root, "pagina", r.pagina)


_Body = Callable[[_Builder, etree._Element, Any], None]


def _fields(*names: tuple[str, str]) -> _Body:
    """A body of simple leaves: (element name, attribute name) pairs in XSD order."""

    def body(b: _Builder, root: etree._Element, r: Any) -> None:
        for element, attribute in names:
            b.leaf(root, element, getattr(r, attribute))

    return body


_BODY: dict[type, _Body] = {
    m.AanleverenOpleidingseenheid: _opleidingseenheid,
    m.VerwijderenOpleidingseenheid: _fields(("opleidingseenheidcode", "opleidingseenheidcode")),
    m.AanleverenAangebodenOpleiding: _aangeboden,
    m.VerwijderenAangebodenOpleiding: _fields(
        ("aangebodenOpleidingCode", "aangeboden_opleiding_code")
    ),
    m.AanleverenOnderwijsaanbieder: _aanbieder,
    m.VerwijderenOnderwijsaanbieder: _fields(("onderwijsaanbiedercode", "onderwijsaanbiedercode")),
    m.AanleverenOnderwijslocatiegebruik: _gebruik,
    m.VerwijderenOnderwijslocatiegebruik: _fields(
        ("onderwijsbestuurcode", "onderwijsbestuurcode"),
        ("onderwijslocatiecode", "onderwijslocatiecode"),
    ),
    m.AanleverenOpleidingsrelatie: _relatie,
    m.VerwijderenOpleidingsrelatie: _verwijder_relatie,
    m.OpvragenRioIdentificatiecode: _rio_identificatiecode,
    m.OpvragenOpleidingseenheid: _fields(("opleidingseenheidcode", "opleidingseenheidcode")),
    m.OpvragenOpleidingseenhedenVanOrganisatie: _oe_van_organisatie,
    m.OpvragenAangebodenOpleiding: _fields(
        ("aangebodenOpleidingCode", "aangeboden_opleiding_code")
    ),
    m.OpvragenAangebodenOpleidingenVanOrganisatie: _ao_van_organisatie,
    m.OpvragenGewijzigdeAangebodenOpleidingen: _gewijzigde,
    m.OpvragenOnderwijsaanbieder: _fields(("onderwijsaanbiedercode", "onderwijsaanbiedercode")),
    m.OpvragenOnderwijslocatie: _fields(("onderwijslocatieCode", "onderwijslocatiecode")),
    m.OpvragenOpleidingsrelatiesBijOpleidingseenheid: _fields(
        ("opleidingseenheidcode", "opleidingseenheidcode")
    ),
}
