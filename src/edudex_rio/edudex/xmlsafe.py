"""Hardened XML parsing for EDU-DEX feeds.

Every feed document is untrusted. It is parsed by lxml with entity resolution, DTD
loading and network access off and without ``huge_tree``; a document that carries a
document type declaration (the vehicle of XXE and entity-expansion bombs) is refused
outright, as is one larger than the size limit. Refusals are :class:`UnsafeDocument`
with a message a provider understands.
"""

from __future__ import annotations

import re
from typing import Any, Final

from lxml import etree

from edudex_rio.edudex.errors import UnsafeDocument

__all__ = ["DEFAULT_MAX_BYTES", "parse_xml"]

#: The largest feed document accepted (a big programme is ~100 kB; a directory of
#: thousands of programmes stays well below this).
DEFAULT_MAX_BYTES: Final = 5 * 1024 * 1024

_DOCTYPE_MARKERS = (
    b"<!DOCTYPE",
    b"<!ENTITY",
    "<!DOCTYPE".encode("utf-16-le"),
    "<!DOCTYPE".encode("utf-16-be"),
)
#: The start of the root element (an ASCII-compatible encoding): a DOCTYPE can only stand
#: before it, so text after it (``<![CDATA[<!DOCTYPE html>…]]>`` in an HTML description)
#: is not scanned.
_ROOT_START = re.compile(rb"<[A-Za-z_]")


def _prolog(data: bytes) -> bytes:
    """The bytes before the root element; the whole input when that cannot be told
    (UTF-16, or no element at all)."""
    if b"\x00" in data[:4]:
        return data
    match = _ROOT_START.search(data)
    return data[: match.start()] if match else data


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, name: str = "document"
) -> etree._Element:
    """Parse ``data`` safely and return the root element.

    Raises :class:`UnsafeDocument` for an oversized document, a DOCTYPE/ENTITY
    declaration or malformed XML.
    """
    if len(data) > max_bytes:
        raise UnsafeDocument(
            f"{name}: bestand te groot ({len(data)} bytes, maximaal {max_bytes}) / "
            f"file too large ({len(data)} bytes, at most {max_bytes})"
        )
    upper = _prolog(data).upper()
    if any(marker.upper() in upper for marker in _DOCTYPE_MARKERS):
        raise UnsafeDocument(
            f"{name}: DOCTYPE/ENTITY-declaraties zijn niet toegestaan / "
            "DOCTYPE and ENTITY declarations are not allowed"
        )
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise UnsafeDocument(f"{name}: geen geldige XML / not well-formed XML: {exc}") from exc
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnsafeDocument(f"{name}: DOCTYPE is niet toegestaan / a DOCTYPE is not allowed")
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise UnsafeDocument(f"{name}: entiteiten zijn niet toegestaan / entities not allowed")
    return root
