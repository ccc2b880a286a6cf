"""SOAP 1.1 envelopes with WS-Addressing, as DUO's RIO V4 services expect them.

Building follows the requests DUO accepts in the recorded traffic: prefixes ``soapenv``, ``duo``,
``wsa``, ``wsu``; header order Action, From, MessageID, To (``signing`` puts ``wsse:Security`` in
front); every WS-Addressing header and the Body carry a fixed ``wsu:Id`` so they can be signed.
Reading never depends on prefixes (DUO answers with ``SOAP-ENV``/``SOAP``/``ns2``) and never
resolves entities, DTDs or network references.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from typing import Any

from lxml import etree

from edudex_rio.rio.faults import MalformedXmlError, ResponseTooLargeError, SoapFault

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DUO_OIN",
    "NS",
    "Addressing",
    "Envelope",
    "Service",
    "build_envelope",
    "parse_envelope",
    "parse_xml",
    "serialize",
    "soap_action",
]

#: DUO's OIN: the recipient in ``wsa:To`` and ``ontvangendeInstantie``.
DUO_OIN = "00000001800866472000"
#: Largest message we parse (RIO pages hold up to 999 objects; 32 MiB is far above that).
DEFAULT_MAX_BYTES = 32 * 1024 * 1024

NS = {
    "soapenv": "http://schemas.xmlsoap.org/soap/envelope/",
    "wsa": "http://www.w3.org/2005/08/addressing",
    "wsse": "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
    "wsu": "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd",
    "ds": "http://www.w3.org/2000/09/xmldsig#",
    "ec": "http://www.w3.org/2001/10/xml-exc-c14n#",
}
_SOAP = NS["soapenv"]
_WSA = NS["wsa"]
_WSU_ID = f"{{{NS['wsu']}}}Id"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
_ANONYMOUS = "http://www.w3.org/2005/08/addressing/anonymous"


class Service(enum.Enum):
    """The two V4 contracts: namespaces of payload and SOAPAction, and the ``wsa:To`` path."""

    BEHEREN = "Beheren"
    RAADPLEGEN = "Raadplegen"

    @property
    def schema_namespace(self) -> str:
        return f"http://duo.nl/schema/DUO_RIO_{self.value}_OnderwijsOrganisatie_V4"

    @property
    def contract_namespace(self) -> str:
        return f"http://duo.nl/contract/DUO_RIO_{self.value}_OnderwijsOrganisatie_V4"

    @property
    def to_address(self) -> str:
        """The logical address DUO accepts in ``wsa:To`` (before ``?oin=``)."""
        return f"https://duo.nl/RIO/services/{self.value.lower()}4.0"

    @classmethod
    def for_namespace(cls, namespace: str) -> Service:
        for service in cls:
            if namespace in (service.schema_namespace, service.contract_namespace):
                return service
        raise ValueError(f"not a RIO V4 namespace: {namespace!r}")


def soap_action(service: Service, operation: str) -> str:
    """``wsa:Action`` and the HTTP ``SOAPAction`` header: contract namespace + "/" + operation."""
    return f"{service.contract_namespace}/{operation}"


@dataclass(frozen=True, kw_only=True)
class Addressing:
    """The WS-Addressing headers of one message (From/To hold the full address incl. ``?oin=``)."""

    action: str
    message_id: str
    from_address: str | None = None
    to_address: str | None = None
    relates_to: str | None = None

    @property
    def from_oin(self) -> str | None:
        return _oin_of(self.from_address)

    @property
    def to_oin(self) -> str | None:
        return _oin_of(self.to_address)


@dataclass(frozen=True, kw_only=True)
class Envelope:
    """A parsed SOAP envelope: the whole tree, its addressing, and payload or fault."""

    root: etree._Element
    addressing: Addressing | None
    payload: etree._Element | None
    fault: SoapFault | None

    @property
    def operation(self) -> str | None:
        """The payload's local name without ``_request``/``_response``."""
        if self.payload is None:
            return None
        name = etree.QName(self.payload).localname
        return name.rsplit("_", 1)[0] if name.endswith(("_request", "_response")) else name


def _oin_of(address: str | None) -> str | None:
    if not address or "oin=" not in address:
        return None
    return address.split("oin=", 1)[1].split("&", 1)[0] or None


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        remove_pis=False,
    )


def parse_xml(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._Element:
    """Parse untrusted XML: no DTD (rejected outright), no entities, no network, bounded size."""
    if len(data) > max_bytes:
        raise ResponseTooLargeError(f"XML of {len(data)} bytes exceeds the limit of {max_bytes}")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise MalformedXmlError(f"not well-formed XML: {exc}") from exc
    if root is None:
        raise MalformedXmlError("empty XML document")
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise MalformedXmlError("XML with a DTD (DOCTYPE) is refused")
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise MalformedXmlError("XML with entity references is refused")
    return root


def build_envelope(
    payload: etree._Element | bytes,
    *,
    service: Service,
    operation: str,
    sender_oin: str,
    recipient_oin: str = DUO_OIN,
    message_id: str | None = None,
    to_address: str | None = None,
) -> etree._Element:
    """Wrap one ``<duo:…_request>`` payload in a SOAP envelope with WS-Addressing headers.

    ``message_id`` defaults to a fresh ``urn:uuid:``; ``to_address`` to DUO's logical service
    address. The result is unsigned: ``signing.Signature.apply`` adds ``wsse:Security``.
    """
    element = parse_xml(payload) if isinstance(payload, bytes) else payload
    nsmap = {"soapenv": _SOAP, "duo": service.schema_namespace, "wsu": NS["wsu"]}
    root = etree.Element(f"{{{_SOAP}}}Envelope", nsmap=nsmap)
    header = etree.SubElement(root, f"{{{_SOAP}}}Header", nsmap={"wsa": _WSA})
    target = to_address or service.to_address
    values = {
        "Action": soap_action(service, operation),
        "MessageID": message_id or f"urn:uuid:{uuid.uuid4()}",
        "To": f"{target}?oin={recipient_oin}",
    }
    for name in ("Action", "From", "MessageID", "To"):
        child = etree.SubElement(header, f"{{{_WSA}}}{name}", {_WSU_ID: f"id-{name}"})
        if name == "From":
            address = etree.SubElement(child, f"{{{_WSA}}}Address")
            address.text = f"{_ANONYMOUS}?oin={sender_oin}"
        else:
            child.text = values[name]
    body = etree.SubElement(root, f"{{{_SOAP}}}Body", {_WSU_ID: "id-Body"})
    body.append(_copy(element))
    etree.cleanup_namespaces(root, top_nsmap=nsmap)
    return root


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element), parser=_parser())


def serialize(root: etree._Element) -> bytes:
    """The exact bytes to send: UTF-8 with declaration, no pretty-printing."""
    return _DECLARATION + etree.tostring(root, encoding="UTF-8")


def _text(parent: etree._Element, name: str) -> str | None:
    child = parent.find(f"{{{_WSA}}}{name}")
    if child is None:
        return None
    if name in ("From", "ReplyTo"):
        child = child.find(f"{{{_WSA}}}Address")
        if child is None:
            return None
    return (child.text or "").strip()


def parse_envelope(data: bytes | etree._Element, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Envelope:
    """Unwrap a SOAP 1.1 envelope into addressing headers, the payload element and any Fault."""
    root = data if isinstance(data, etree._Element) else parse_xml(data, max_bytes=max_bytes)
    if root.tag != f"{{{_SOAP}}}Envelope":
        raise MalformedXmlError(f"not a SOAP 1.1 envelope: root element is {root.tag}")
    header = root.find(f"{{{_SOAP}}}Header")
    body = root.find(f"{{{_SOAP}}}Body")
    if body is None:
        raise MalformedXmlError("SOAP envelope without Body")
    addressing = None
    if header is not None and header.find(f"{{{_WSA}}}Action") is not None:
        addressing = Addressing(
            action=_text(header, "Action") or "",
            message_id=_text(header, "MessageID") or "",
            from_address=_text(header, "From"),
            to_address=_text(header, "To"),
            relates_to=_text(header, "RelatesTo"),
        )
    children = [child for child in body if isinstance(child.tag, str)]
    first = children[0] if children else None
    if first is not None and first.tag == f"{{{_SOAP}}}Fault":
        return Envelope(root=root, addressing=addressing, payload=None, fault=_fault(first))
    return Envelope(root=root, addressing=addressing, payload=first, fault=None)


def _fault(element: etree._Element) -> SoapFault:
    faultcode = (element.findtext("faultcode") or "").strip()
    faultstring = (element.findtext("faultstring") or "").strip()
    detail_element = element.find("detail")
    detail = ""
    if detail_element is not None:
        detail = " ".join(" ".join(str(t) for t in detail_element.itertext()).split())
    return SoapFault.from_fault(faultcode=faultcode, faultstring=faultstring, detail=detail)
