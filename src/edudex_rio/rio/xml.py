"""Hardened XML parsing for everything that comes from outside (DUO, the sandbox's clients).

Use :func:`parse_xml` for bytes from the network and :func:`safe_parser` wherever an lxml parser
is needed. The parser never resolves entities, never loads a DTD, never touches the network and
keeps libxml2's limits on tree depth and text size (``huge_tree=False``). A document that carries a
DOCTYPE at all is refused: SOAP forbids DTDs, and refusing them ends XXE and entity-expansion
attacks before they start.

Errors::

    TerminalError
    └── XmlError                 the bytes are not acceptable XML
        ├── MalformedXmlError    not well-formed (with line and libxml2's message)
        ├── ForbiddenXmlError    a DOCTYPE, entity declaration or entity reference
        └── XmlTooLargeError     more bytes than allowed
"""

from __future__ import annotations

from lxml import etree

from edudex_rio.errors import TerminalError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ForbiddenXmlError",
    "MalformedXmlError",
    "XmlError",
    "XmlTooLargeError",
    "localname",
    "parse_xml",
    "safe_parser",
]

#: Largest document :func:`parse_xml` accepts by default (a page of 500 offerings is a few MiB).
DEFAULT_MAX_BYTES = 32 * 1024 * 1024


class XmlError(TerminalError):
    """The input is not XML we accept."""


class MalformedXmlError(XmlError):
    """The input is not well-formed XML."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.line = line


class ForbiddenXmlError(XmlError):
    """The input uses a DTD or entities, which we never process."""


class XmlTooLargeError(XmlError):
    """The input exceeds the size limit."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"XML document of {size} bytes exceeds the limit of {limit} bytes")
        self.size = size
        self.limit = limit


def safe_parser(*, remove_blank_text: bool = False) -> etree.XMLParser:
    """A new lxml parser that resolves nothing: no entities, no DTD, no network, no huge trees.

    lxml parsers are not safe to share between threads, so this returns a fresh one each call.
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=remove_blank_text,
        remove_comments=False,
        remove_pis=False,
        collect_ids=False,
    )


def parse_xml(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._Element:
    """Parse untrusted bytes into an element tree, or raise an :class:`XmlError` subclass.

    Numeric character references (``&#235;``) are ordinary XML and are decoded; any DOCTYPE
    (and with it every entity declaration) is refused.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"parse_xml expects bytes, not {type(data).__name__}")
    size = len(data)
    if size > max_bytes:
        raise XmlTooLargeError(size, max_bytes)
    if not size:
        raise MalformedXmlError("empty document")
    parser = safe_parser()
    try:
        root = etree.fromstring(bytes(data), parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) else None
        text = str(exc.msg) if exc.msg else str(exc)
        if "entity" in text.lower() or "doctype" in text.lower():
            raise ForbiddenXmlError(f"XML entities/DTD are not accepted: {text}") from exc
        raise MalformedXmlError(text, line=line) from exc
    if root is None:
        raise MalformedXmlError("no root element")
    docinfo = root.getroottree().docinfo
    if (
        getattr(docinfo, "doctype", "")
        or docinfo.internalDTD is not None
        or docinfo.externalDTD is not None
    ):
        raise ForbiddenXmlError("XML with a DOCTYPE is not accepted")
    for _ in root.iter(etree.Entity):
        raise ForbiddenXmlError("XML entity references are not accepted")
    return root


def localname(element: etree._Element) -> str:
    """The element's name without namespace: DUO varies its prefixes, so compare these."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]
