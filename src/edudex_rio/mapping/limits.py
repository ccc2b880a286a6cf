"""Length limits of RIO's free-text fields, read from DUO's bundled Beheren XSD.

The XSD is the authority: when DUO changes a maximum, the bundled XSD changes and so does
the cleaning. The facets are read by :func:`edudex_rio.rio.xsd.max_length` (the wire layer's
one parsed copy of the XSD); this module only names which XSD type bounds which RIO field.
"""

from __future__ import annotations

import functools
from typing import Final

from edudex_rio.rio import xsd

__all__ = ["FIELD_TYPES", "max_length"]

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
    "opleidingscode": "Erkendeopleidingscode",
}


@functools.cache
def max_length(field: str) -> int:
    """The XSD maxLength of a RIO field named in :data:`FIELD_TYPES`."""
    return xsd.max_length(FIELD_TYPES[field])
