"""Parse RIO request and response payloads into :mod:`edudex_rio.rio.model` records.

    parse_request(payload)               -> RequestMessage (header + request; the sandbox uses it)
    parse_response(operation, payload)   -> the typed response of that operation

``payload`` is the SOAP Body's first child (an lxml element, e.g. from
:func:`edudex_rio.rio.xml.parse_xml`). Names are matched without prefixes. A response with
``requestGoedgekeurd=false`` and no foutmelding is returned as is (``foutmeldingen == ()``):
RIO does send those. Foutmelding sleutels are kept exactly as RIO sent them, including RIO's
``first11...last11`` cuts (see :meth:`edudex_rio.rio.model.Sleutelgegeven.past_bij`).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from lxml import etree

from edudex_rio.rio import kenmerken as _kenmerken
from edudex_rio.rio import model as m
from edudex_rio.rio import parse_objects as p
from edudex_rio.rio.parse_objects import Node, RioMessageError

__all__ = ["RioMessageError", "parse_request", "parse_response", "response_operation"]


# ------------------------------------------------------------------------- organisation side


def _juridische_relatie(node: Node) -> m.JuridischeRelatie:
    return m.JuridischeRelatie(
        instellingserkenningscode=node.req("instellingserkenningscode"),
        erkenner=node.text("erkenner"),
        begindatum=node.req_date("begindatum"),
        einddatum=node.opt_date("einddatum"),
    )


def _aanbieder_periode(node: Node) -> m.OnderwijsaanbiederPeriode:
    return m.OnderwijsaanbiederPeriode(
        begindatum=node.req_date("begindatum"),
        naam=node.req("naam"),
        internationale_naam=node.text("internationaleNaam"),
        overige_kenmerken=tuple(node.kenmerken()),
    )


def _onderwijsaanbieder(node: Node) -> m.Onderwijsaanbieder:
    fields, overige = _kenmerken.split_kenmerken(m.Onderwijsaanbieder, node.kenmerken())
    return m.Onderwijsaanbieder(
        onderwijsaanbiedercode=node.text("onderwijsaanbiedercode"),
        in_bedrijfdatum=node.req_date("inBedrijfdatum"),
        uit_bedrijfdatum=node.opt_date("uitBedrijfdatum"),
        perioden=tuple(_aanbieder_periode(n) for n in node.all("onderwijsaanbiederPeriode")),
        juridische_relaties=tuple(_juridische_relatie(n) for n in node.all("juridischeRelatie")),
        overige_kenmerken=overige,
        **fields,
    )


def _onderwijsaanbieder_read(node: Node) -> m.OnderwijsaanbiederRead:
    return m.OnderwijsaanbiederRead(
        onderwijsaanbiedercode=node.req("onderwijsaanbiedercode"),
        in_bedrijfdatum=node.req_date("inBedrijfdatum"),
        uit_bedrijfdatum=node.opt_date("uitBedrijfdatum"),
        perioden=tuple(_aanbieder_periode(n) for n in node.all("onderwijsaanbiederPeriode")),
        juridische_relaties=tuple(_juridische_relatie(n) for n in node.all("juridischeRelatie")),
        kenmerken=tuple(node.kenmerken()),
        bijbehorende_onderwijsbesturen=tuple(
            m.BijbehorendOnderwijsbestuur(
                onderwijsbestuurcode=b.req("onderwijsbestuurcode"),
                organisatierelatie_begindatum=b.req_date("organisatierelatieBegindatum"),
                organisatierelatie_einddatum=b.opt_date("organisatierelatieEinddatum"),
                perioden=tuple(
                    m.OnderwijsbestuurPeriode(
                        begindatum=per.req_date("begindatum"),
                        naam=per.req("naam"),
                        internationale_naam=per.text("internationaleNaam"),
                        kenmerken=tuple(per.kenmerken()),
                    )
                    for per in b.all("onderwijsbestuurPeriode")
                ),
            )
            for b in node.all("bijbehorendOnderwijsbestuur")
        ),
    )


def _onderwijslocatiegebruik(node: Node) -> m.Onderwijslocatiegebruik:
    fields, overige = _kenmerken.split_kenmerken(m.Onderwijslocatiegebruik, node.kenmerken())
    aanduiding: (
        m.AanduidingAdres | m.AanduidingGPS | m.AanduidingPlaats | m.BestaandeOnderwijslocatie
    )
    if (adres := node.one("aanduidingAdres")) is not None:
        aanduiding = p.adres(adres)
    elif (gps := node.one("aanduidingGPS")) is not None:
        aanduiding = m.AanduidingGPS(
            gps_latitude=gps.convert("gpsLatitude", gps.req("gpsLatitude"), Decimal),
            gps_longitude=gps.convert("gpsLongitude", gps.req("gpsLongitude"), Decimal),
        )
    elif (plaats := node.one("aanduidingPlaats")) is not None:
        aanduiding = m.AanduidingPlaats(
            plaatsnaam=plaats.req("plaatsnaam"), gemeentenaam=plaats.text("gemeentenaam")
        )
    else:
        aanduiding = m.BestaandeOnderwijslocatie(
            onderwijslocatiecode=node.req("onderwijslocatieCode")
        )
    return m.Onderwijslocatiegebruik(
        onderwijsbestuurcode=node.req("onderwijsbestuurcode"),
        in_bedrijfdatum=node.req_date("inBedrijfdatum"),
        uit_bedrijfdatum=node.opt_date("uitBedrijfdatum"),
        juridische_relaties=tuple(
            _juridische_relatie(n) for n in node.all("juridischeOnderwijslocatiegebruikRelatie")
        ),
        overige_kenmerken=overige,
        aanduiding=aanduiding,
        **fields,
    )


def _onderwijslocatie(node: Node) -> m.Onderwijslocatie:
    return m.Onderwijslocatie(
        onderwijslocatiecode=node.req("onderwijslocatiecode"),
        postcode=node.text("postcode"),
        huisnummer=node.opt_int("huisnummer"),
        huisnummertoevoeging=node.text("huisnummertoevoeging"),
        bag_id=node.text("bagID"),
        gps_latitude=node.opt_decimal("gpsLatitude"),
        gps_longitude=node.opt_decimal("gpsLongitude"),
        plaatsnaam=node.text("plaatsnaam"),
    )


def _samenhang(node: Node) -> m.SamenhangOpleidingseenheid:
    return m.SamenhangOpleidingseenheid(
        opleidingseenheidcode=node.req("opleidingseenheidcode"),
        opleidingseenheidtype=node.req("opleidingseenheidtype"),
        eigen_opleidingseenheid_sleutel=node.text("eigenOpleidingseenheidSleutel"),
        gerelateerde_opleidingseenheden=tuple(
            m.GerelateerdeOpleidingseenheid(
                opleidingseenheidcode=g.req("opleidingseenheidcode"),
                eigen_opleidingseenheid_sleutel=g.text("eigenOpleidingseenheidSleutel"),
                opleidingseenheidtype=g.req("opleidingseenheidtype"),
                opleidingsrelatiesoort=g.req("opleidingsrelatiesoort"),
                opleidingsrelatie_begindatum=g.req_date("opleidingsrelatieBegindatum"),
                opleidingsrelatie_einddatum=g.opt_date("opleidingsrelatieEinddatum"),
            )
            for g in node.all("gerelateerdeOpleidingseenheid")
        ),
    )


def _codes(node: Node) -> tuple[str, str]:
    codes = [n.element.text or "" for n in node.all("opleidingseenheidcode")]
    if len(codes) != 2:
        raise node.error(f"expected 2 opleidingseenheidcode elements, found {len(codes)}")
    return codes[0], codes[1]


def _first_child(node: Node, accept: Callable[[str], bool], what: str) -> Node:
    for name, child in node.children:
        if accept(name):
            return Node(child)
    raise node.error(f"missing {what}")


# ------------------------------------------------------------------------- requests


_REQUESTS: dict[str, Callable[[Node], m.Request]] = {
    "aanleveren_opleidingseenheid": lambda n: m.AanleverenOpleidingseenheid(
        opleidingseenheid=p.opleidingseenheid(
            _first_child(n, p.is_opleidingseenheid, "opleidingseenheid")
        )
    ),
    "verwijderen_opleidingseenheid": lambda n: m.VerwijderenOpleidingseenheid(
        opleidingseenheidcode=n.req("opleidingseenheidcode")
    ),
    "aanleveren_aangebodenOpleiding": lambda n: m.AanleverenAangebodenOpleiding(
        aangeboden_opleiding=p.aangeboden_opleiding(
            _first_child(n, p.is_aangeboden_opleiding, "aangebodenOpleiding")
        )
    ),
    "verwijderen_aangebodenOpleiding": lambda n: m.VerwijderenAangebodenOpleiding(
        aangeboden_opleiding_code=n.req("aangebodenOpleidingCode")
    ),
    "aanleveren_onderwijsaanbieder": lambda n: m.AanleverenOnderwijsaanbieder(
        onderwijsbestuurcode=n.req("onderwijsbestuurcode"),
        onderwijsaanbieder=_onderwijsaanbieder(
            _first_child(
                n, lambda x: x in ("nieuweOnderwijsaanbieder", "onderwijsaanbieder"), "aanbieder"
            )
        ),
    ),
    "verwijderen_onderwijsaanbieder": lambda n: m.VerwijderenOnderwijsaanbieder(
        onderwijsaanbiedercode=n.req("onderwijsaanbiedercode")
    ),
    "aanleveren_onderwijslocatiegebruik": lambda n: m.AanleverenOnderwijslocatiegebruik(
        onderwijslocatiegebruik=_onderwijslocatiegebruik(n.req_node("onderwijslocatiegebruik"))
    ),
    "verwijderen_onderwijslocatiegebruik": lambda n: m.VerwijderenOnderwijslocatiegebruik(
        onderwijsbestuurcode=n.req("onderwijsbestuurcode"),
        onderwijslocatiecode=n.req("onderwijslocatiecode"),
    ),
    "aanleveren_opleidingsrelatie": lambda n: m.AanleverenOpleidingsrelatie(
        opleidingsrelatie=m.Opleidingsrelatie(
            begindatum=n.req_node("opleidingsrelatie").req_date("begindatum"),
            einddatum=n.req_node("opleidingsrelatie").opt_date("einddatum"),
            opleidingseenheidcodes=_codes(n.req_node("opleidingsrelatie")),
        )
    ),
    "verwijderen_opleidingsrelatie": lambda n: m.VerwijderenOpleidingsrelatie(
        opleidingseenheidcodes=_codes(n), begindatum=n.req_date("begindatum")
    ),
    "opvragen_rioIdentificatiecode": lambda n: m.OpvragenRioIdentificatiecode(
        eigen_aangeboden_opleiding_sleutel=n.text("eigenAangebodenOpleidingSleutel"),
        eigen_onderwijsaanbieder_sleutel=n.text("eigenOnderwijsaanbiederSleutel"),
        eigen_opleidingseenheid_sleutel=n.text("eigenOpleidingseenheidSleutel"),
        kadaster_plaatscode=n.text("kadasterPlaatscode"),
        aanduiding_adres=None if (adres := n.one("aanduidingAdres")) is None else p.adres(adres),
    ),
    "opvragen_opleidingseenheid": lambda n: m.OpvragenOpleidingseenheid(
        opleidingseenheidcode=n.req("opleidingseenheidcode")
    ),
    "opvragen_opleidingseenhedenVanOrganisatie": lambda n: (
        m.OpvragenOpleidingseenhedenVanOrganisatie(
            onderwijsbestuurcode=n.req("onderwijsbestuurcode"), pagina=n.req_int("pagina")
        )
    ),
    "opvragen_aangebodenOpleiding": lambda n: m.OpvragenAangebodenOpleiding(
        aangeboden_opleiding_code=n.req("aangebodenOpleidingCode")
    ),
    "opvragen_aangebodenOpleidingenVanOrganisatie": lambda n: (
        m.OpvragenAangebodenOpleidingenVanOrganisatie(
            onderwijsaanbiedercode=n.text("onderwijsaanbiedercode"),
            erkende_vestiging_code=n.text("erkendeVestigingCode"),
            onderwijslocatiecode=n.text("onderwijslocatiecode"),
            peildatum=n.opt_date("peildatum"),
            pagina=n.req_int("pagina"),
        )
    ),
    "opvragen_gewijzigdeAangebodenOpleidingen": lambda n: m.OpvragenGewijzigdeAangebodenOpleidingen(
        peildatumtijd_mutaties=n.datetime("peildatumtijdMutaties"),
        onderwijsaanbiedercode=n.req("onderwijsaanbiederCode"),
        pagina=n.req_int("pagina"),
    ),
    "opvragen_onderwijsaanbieder": lambda n: m.OpvragenOnderwijsaanbieder(
        onderwijsaanbiedercode=n.req("onderwijsaanbiedercode")
    ),
    "opvragen_onderwijslocatie": lambda n: m.OpvragenOnderwijslocatie(
        onderwijslocatiecode=n.req("onderwijslocatieCode")
    ),
    "opvragen_opleidingsrelatiesBijOpleidingseenheid": lambda n: (
        m.OpvragenOpleidingsrelatiesBijOpleidingseenheid(
            opleidingseenheidcode=n.req("opleidingseenheidcode")
        )
    ),
}


def parse_request(payload: etree._Element) -> m.RequestMessage:
    """Parse a ``<operation>_request`` payload element (any prefix) into header + request."""
    node = Node(payload)
    operation, _, suffix = node.name.rpartition("_")
    parser = _REQUESTS.get(operation)
    if suffix != "request" or parser is None:
        raise node.error(f"not a supported RIO request: {node.name}")
    return m.RequestMessage(document=p.document(node), request=parser(node))


# ------------------------------------------------------------------------- responses


def _basis(node: Node) -> dict[str, Any]:
    return {
        "document": p.document(node),
        "goedgekeurd": node.req_bool("requestGoedgekeurd"),
        "foutmeldingen": tuple(p.foutmelding(f) for f in node.all("foutmelding")),
    }


def _opleidingseenheden(node: Node) -> tuple[m.OpleidingseenheidRead, ...]:
    return tuple(
        p.opleidingseenheid_read(Node(child))
        for name, child in node.children
        if p.is_opleidingseenheid(name)
    )


def _aangeboden(node: Node) -> tuple[m.AangebodenOpleidingRead, ...]:
    return tuple(
        p.aangeboden_opleiding_read(Node(child))
        for name, child in node.children
        if p.is_aangeboden_opleiding(name)
    )


def _one(items: tuple[Any, ...]) -> Any:
    return items[0] if items else None


def _optional(node: Node | None, parse: Callable[[Node], Any]) -> Any:
    return None if node is None else parse(node)


_RESPONSES: dict[str, Callable[[Node], dict[str, Any]]] = {
    "aanleveren_opleidingseenheid": lambda n: {
        "opleidingseenheidcode": n.text("opleidingseenheidcode")
    },
    "aanleveren_onderwijsaanbieder": lambda n: {
        "onderwijsaanbiedercode": n.text("onderwijsaanbiedercode")
    },
    "aanleveren_onderwijslocatiegebruik": lambda n: {
        "onderwijslocatiecode": n.text("onderwijslocatiecode")
    },
    "opvragen_rioIdentificatiecode": lambda n: {
        "aangeboden_opleiding_code": n.text("aangebodenOpleidingCode"),
        "opleidingseenheidcode": n.text("opleidingseenheidcode"),
        "onderwijsaanbiedercode": n.text("onderwijsaanbiedercode"),
        "onderwijslocatiecode": n.text("onderwijslocatiecode"),
    },
    "opvragen_opleidingseenheid": lambda n: {"opleidingseenheid": _one(_opleidingseenheden(n))},
    "opvragen_opleidingseenhedenVanOrganisatie": lambda n: {
        "opleidingseenheden": _opleidingseenheden(n),
        "paginering": p.paginering(n.one("paginering")),
    },
    "opvragen_aangebodenOpleiding": lambda n: {"aangeboden_opleiding": _one(_aangeboden(n))},
    "opvragen_aangebodenOpleidingenVanOrganisatie": lambda n: {
        "peildatum": n.opt_date("peildatum"),
        "aangeboden_opleidingen": _aangeboden(n),
        "paginering": p.paginering(n.one("paginering")),
    },
    "opvragen_gewijzigdeAangebodenOpleidingen": lambda n: {
        "gewijzigde_aangeboden_opleidingen": tuple(
            m.GewijzigdeAangebodenOpleiding(
                aangeboden_opleiding_code=g.req("aangebodenOpleidingCode"),
                soort_wijziging=g.req("soortWijziging"),
            )
            for g in n.all("gewijzigde_AangebodenOpleiding")
        ),
        "paginering": p.paginering(n.one("paginering")),
    },
    "opvragen_onderwijsaanbieder": lambda n: {
        "onderwijsaanbieder": _optional(n.one("onderwijsaanbieder"), _onderwijsaanbieder_read)
    },
    "opvragen_onderwijslocatie": lambda n: {
        "onderwijslocatie": _optional(n.one("onderwijslocatie"), _onderwijslocatie)
    },
    "opvragen_opleidingsrelatiesBijOpleidingseenheid": lambda n: {
        "samenhang": _optional(n.one("samenhangOpleidingseenheid"), _samenhang)
    },
}

_RESPONSE_TYPES: dict[str, type[m.Response]] = {
    cls.operation: cls
    for cls in (
        m.AanleverenOpleidingseenheidResponse,
        m.VerwijderenOpleidingseenheidResponse,
        m.AanleverenAangebodenOpleidingResponse,
        m.VerwijderenAangebodenOpleidingResponse,
        m.AanleverenOnderwijsaanbiederResponse,
        m.VerwijderenOnderwijsaanbiederResponse,
        m.AanleverenOnderwijslocatiegebruikResponse,
        m.VerwijderenOnderwijslocatiegebruikResponse,
        m.AanleverenOpleidingsrelatieResponse,
        m.VerwijderenOpleidingsrelatieResponse,
        m.OpvragenRioIdentificatiecodeResponse,
        m.OpvragenOpleidingseenheidResponse,
        m.OpvragenOpleidingseenhedenVanOrganisatieResponse,
        m.OpvragenAangebodenOpleidingResponse,
        m.OpvragenAangebodenOpleidingenVanOrganisatieResponse,
        m.OpvragenGewijzigdeAangebodenOpleidingenResponse,
        m.OpvragenOnderwijsaanbiederResponse,
        m.OpvragenOnderwijslocatieResponse,
        m.OpvragenOpleidingsrelatiesBijOpleidingseenheidResponse,
    )
}


def response_operation(payload: etree._Element) -> str:
    """The operation a ``<operation>_response`` element answers (its local name minus suffix)."""
    name = Node(payload).name
    if not name.endswith("_response"):
        raise RioMessageError(f"not a RIO response element: {name}")
    return name.removesuffix("_response")


def parse_response(operation: str, payload: etree._Element) -> m.Response:
    """Parse the answer to ``operation`` (e.g. ``aanleveren_opleidingseenheid``).

    Raises :class:`RioMessageError` when the payload answers another operation or lacks a
    required element.
    """
    node = Node(payload)
    cls = _RESPONSE_TYPES.get(operation)
    if cls is None:
        raise RioMessageError(f"unsupported RIO operation: {operation}")
    if node.name != f"{operation}_response":
        raise node.error(f"expected {operation}_response, got {node.name}")
    extra = _RESPONSES[operation](node) if operation in _RESPONSES else {}
    return cls(**_basis(node), **extra)
