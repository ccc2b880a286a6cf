"""Safe XML parsing and the namespaces the sandbox speaks.

Hostile input never reaches a parser that resolves entities, loads DTDs, touches the
network or builds huge trees. A document with a DOCTYPE is refused outright: no SOAP
message needs one, and refusing it removes every entity trick at once.
"""

from __future__ import annotations

from typing import Final

from lxml import etree

__all__ = [
    "BEHEREN",
    "DS",
    "MAX_MESSAGE_BYTES",
    "RAADPLEGEN",
    "SOAP",
    "WSA",
    "WSSE",
    "WSU",
    "UnsafeXmlError",
    "child",
    "children",
    "local",
    "parse",
    "text",
]

SOAP: Final = "http://schemas.xmlsoap.org/soap/envelope/"
WSA: Final = "http://www.w3.org/2005/08/addressing"
WSSE: Final = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU: Final = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
DS: Final = "http://www.w3.org/2000/09/xmldsig#"
BEHEREN: Final = "http://duo.nl/schema/DUO_RIO_Beheren_OnderwijsOrganisatie_V4"
RAADPLEGEN: Final = "http://duo.nl/schema/DUO_RIO_Raadplegen_OnderwijsOrganisatie_V4"

#: Larger requests are refused before parsing (RIO asks senders to keep messages small).
MAX_MESSAGE_BYTES: Final = 5 * 1024 * 1024


class UnsafeXmlError(ValueError):
    """The bytes are not a well-formed, DTD-free XML document of acceptable size."""


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


def parse(data: bytes, *, max_bytes: int = MAX_MESSAGE_BYTES) -> etree._Element:
    """Parse ``data`` into an element tree, refusing DTDs, entities and oversize input."""
    if len(data) > max_bytes:
        raise UnsafeXmlError(f"message of {len(data)} bytes exceeds the limit of {max_bytes}")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise UnsafeXmlError(f"not well-formed XML: {exc}") from exc
    tree = root.getroottree()
    if getattr(tree.docinfo, "doctype", "") or tree.docinfo.internalDTD is not None:
        raise UnsafeXmlError("a DOCTYPE is not allowed")
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise UnsafeXmlError("entity references are not allowed")
    return root


def local(el: etree._Element) -> str:
    """The local name of an element (no namespace)."""
    return etree.QName(el).localname


def children(el: etree._Element, name: str | None = None) -> list[etree._Element]:
    """Element children (comments skipped), optionally only those with local name ``name``."""
    return [
        c
        for c in el
        if isinstance(c.tag, str) and (name is None or etree.QName(c).localname == name)
    ]


def child(el: etree._Element, name: str) -> etree._Element | None:
    """The first element child with local name ``name``."""
    found = children(el, name)
    return found[0] if found else None


def text(el: etree._Element | None, name: str | None = None) -> str | None:
    """Stripped text of ``el`` (or of its child ``name``); None when absent."""
    if el is not None and name is not None:
        el = child(el, name)
    if el is None or el.text is None:
        return None
    return el.text.strip()
