"""SOAP 1.1 the way DUO speaks it: header checks, Digikoppeling faults, response envelopes."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from edudex_rio.sandbox.xmlutil import SOAP, WSA, WSU, child, children, local, text

__all__ = [
    "CONTRACTS",
    "DUO_OIN",
    "FAULT_TEXTS",
    "Addressing",
    "SoapFault",
    "check_addressing",
    "envelope",
    "fault_body",
    "oin_of",
]

DUO_OIN = "00000001800866472000"
CONTRACTS = {
    "beheren": "http://duo.nl/contract/DUO_RIO_Beheren_OnderwijsOrganisatie_V4",
    "raadplegen": "http://duo.nl/contract/DUO_RIO_Raadplegen_OnderwijsOrganisatie_V4",
}
_OIN = re.compile(r"^[0-9A-Z]{20}$")
_UUID = re.compile(
    r"^(urn:uuid:)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)

FAULT_TEXTS = {
    "VersionMismatch.DK0001": "Ongeldig SOAP-bericht: de envelop is niet geldig",
    "Client.DK0002": "De verzender is niet geautoriseerd voor deze service",
    "Client.DK0003": "Ongeldige SOAPAction",
    "Client.DK0004": "Het bericht is niet conform de XSD",
    "Client.DK0005": "WS-Addressing header wsa:To ontbreekt",
    "Client.DK0006": "WS-Addressing header wsa:Action ontbreekt",
    "Client.DK0007": "WS-Addressing header wsa:MessageID ontbreekt",
    "Client.DK0011": "Ongeldige waarde in een WS-Addressing header",
    "Client.EK0020": "WS-Addressing header wsa:From ontbreekt",
    "Client.EK0021": "wsa:From bevat geen geldig OIN",
    "Client.EK0022": "wsa:To bevat geen geldig OIN",
    "Client.EK0023": "wsa:MessageID is geen UUID",
    "Client.EK0030": "Het OIN in het TLS-certificaat ontbreekt of is ongeldig",
    "Client.EK0031": "De ondertekening ontbreekt of is ongeldig",
    "Server.DK0050": "Er is een fout opgetreden bij de verwerking van het bericht",
    "Server.DK0051": "De service is tijdelijk niet beschikbaar",
}


@dataclass
class SoapFault(Exception):
    """A Digikoppeling/Edukoppeling fault: ``code`` like ``Client.DK0004``, plus details."""

    code: str
    detail: list[str] = field(default_factory=list)
    text: str = ""

    def __post_init__(self) -> None:
        if not self.text:
            self.text = FAULT_TEXTS.get(self.code, self.code)
        super().__init__(f"{self.code}: {self.text}")


@dataclass(frozen=True, kw_only=True)
class Addressing:
    """The checked WS-Addressing headers of a request."""

    operation: str
    action: str
    message_id: str
    sender_oin: str
    to: str


def oin_of(address: str | None) -> str | None:
    """The ``oin`` query parameter of a WS-Addressing address, when it is a valid OIN."""
    if not address:
        return None
    values = parse_qs(urlsplit(address).query).get("oin", [])
    return values[0] if len(values) == 1 and _OIN.match(values[0]) else None


def check_addressing(
    env: etree._Element,
    *,
    soap_action: str | None,
    service: str,
    operations: frozenset[str],
    duo_oin: str,
) -> Addressing:
    """Check SOAPAction and the WS-Addressing headers in DUO's order; raise :class:`SoapFault`."""
    contract = CONTRACTS[service]
    action_header = (soap_action or "").strip().strip('"')
    operation = action_header.removeprefix(contract + "/")
    if not action_header.startswith(contract + "/") or operation not in operations:
        raise SoapFault("Client.DK0003", [f"SOAPAction {action_header!r} is onbekend"])
    header = child(env, "Header")
    wsa = (
        {local(h): h for h in children(header) if etree.QName(h).namespace == WSA}
        if header is not None
        else {}
    )
    if "To" not in wsa:
        raise SoapFault("Client.DK0005")
    if "Action" not in wsa:
        raise SoapFault("Client.DK0006")
    if "MessageID" not in wsa:
        raise SoapFault("Client.DK0007")
    if text(wsa["Action"]) != action_header:
        raise SoapFault("Client.DK0011", ["wsa:Action is niet gelijk aan de SOAPAction"])
    if "From" not in wsa:
        raise SoapFault("Client.EK0020")
    sender = oin_of(text(wsa["From"], "Address"))
    if sender is None:
        raise SoapFault("Client.EK0021")
    to = text(wsa["To"]) or ""
    to_oin = oin_of(to)
    if to_oin is None:
        raise SoapFault("Client.EK0022")
    if to_oin != duo_oin:
        raise SoapFault("Client.DK0011", [f"wsa:To is niet gericht aan OIN {duo_oin}"])
    message_id = text(wsa["MessageID"]) or ""
    if not _UUID.match(message_id):
        raise SoapFault("Client.EK0023")
    return Addressing(
        operation=operation, action=action_header, message_id=message_id, sender_oin=sender, to=to
    )


def envelope(
    body: etree._Element,
    *,
    action: str | None,
    relates_to: str | None,
    to_oin: str | None,
    from_oin: str,
) -> etree._Element:
    """A response envelope shaped like DUO's (SOAP-ENV prefix, wsa headers, payload in ``ns2``)."""
    env = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"SOAP-ENV": SOAP})
    header = etree.SubElement(env, f"{{{SOAP}}}Header")
    nsmap = {"wsa": WSA, "wsu": WSU}
    anonymous = "http://www.w3.org/2005/08/addressing/anonymous"
    if to_oin:
        etree.SubElement(header, f"{{{WSA}}}To", nsmap=nsmap).text = f"{anonymous}?oin={to_oin}"
    if action:
        etree.SubElement(header, f"{{{WSA}}}Action", nsmap=nsmap).text = action
    etree.SubElement(header, f"{{{WSA}}}MessageID", nsmap=nsmap).text = f"urn:uuid:{uuid.uuid4()}"
    if relates_to:
        etree.SubElement(header, f"{{{WSA}}}RelatesTo", nsmap=nsmap).text = relates_to
    frm = etree.SubElement(header, f"{{{WSA}}}From", nsmap=nsmap)
    etree.SubElement(frm, f"{{{WSA}}}Address").text = f"{anonymous}?oin={from_oin}"
    soap_body = etree.SubElement(env, f"{{{SOAP}}}Body", nsmap={"wsu": WSU})
    soap_body.append(body)
    return env


def fault_body(fault: SoapFault) -> etree._Element:
    """The ``SOAP-ENV:Fault`` element for ``fault`` (faultcode carries the DK/EK code)."""
    el = etree.Element(f"{{{SOAP}}}Fault")
    etree.SubElement(el, "faultcode").text = f"SOAP-ENV:{fault.code}"
    string = etree.SubElement(el, "faultstring")
    string.text = fault.text
    string.set("{http://www.w3.org/XML/1998/namespace}lang", "nl")
    if fault.detail:
        detail = etree.SubElement(el, "detail")
        for line in fault.detail[:20]:
            etree.SubElement(detail, "melding").text = line[:1000]
    return el
