"""Length limits of RIO's free-text fields, read from DUO's bundled Beheren XSD.

The XSD is the authority: when DUO changes a maximum, the bundled XSD changes and so does
the cleaning. Read once, with a parser that never resolves entities, DTDs or network references.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Final

from lxml import etree

__all__ = ["FIELD_TYPES", "max_length"]

_XS = "{http://www.w3.org/2001/XMLSchema}"

#: RIO field → the XSD simple type that bounds it.
FIELD_TYPES: Final[dict[str, str]] = {
    "naamLang": "NaamOpleidingLang",
    "naamKort": "NaamOpleidingKort",
    "internationaleNaam": "InternationaleNaamOpleiding-v02",
    "omschrijving": "Omschrijving3000-v01",
    "eigenNaamAangebodenOpleiding": "NaamOpleidingLang",
    "eigenNaamInternationaal": "InternationaleNaamOpleiding-v02",
    "eigenOmschrijving": "Omschrijving3000-v01",
    "kenmerkwaardeTekst": "KenmerkwaardeTekst1000-v01",
    "cohortcode": "AangebodenOpleidingscohortidentifcatie-v01",
    "huisnummertoevoeging": "HuisnummertoevoegingNEN-v02",
}


@functools.cache
def _max_lengths() -> dict[str, int]:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    source = resources.files("edudex_rio.rio").joinpath(
        "schemas/DUO_RIO_Beheren_OnderwijsOrganisatie_V4.xsd"
    )
    root = etree.fromstring(source.read_bytes(), parser)
    found: dict[str, int] = {}
    for simple in root.iter(f"{_XS}simpleType"):
        name = simple.get("name")
        limit = simple.find(f"{_XS}restriction/{_XS}maxLength")
        if name and limit is not None:
            found[name] = int(limit.get("value", "0"))
    return found


def max_length(field: str) -> int:
    """The XSD maxLength of a RIO field named in :data:`FIELD_TYPES`."""
    return _max_lengths()[FIELD_TYPES[field]]
