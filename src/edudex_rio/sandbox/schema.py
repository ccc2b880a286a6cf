"""DUO's V4 schemas as validators, loaded once from the package."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any, Literal

from lxml import etree

__all__ = ["Service", "schema_tree", "validate"]

Service = Literal["beheren", "raadplegen"]

_FILES: dict[Service, str] = {
    "beheren": "DUO_RIO_Beheren_OnderwijsOrganisatie_V4.xsd",
    "raadplegen": "DUO_RIO_Raadplegen_OnderwijsOrganisatie_V4.xsd",
}


@cache
def schema_tree(service: Service) -> etree._ElementTree:
    """The parsed XSD document of ``service`` (for reading its declarations)."""
    ref = resources.files("edudex_rio.rio").joinpath("schemas", _FILES[service])
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    with ref.open("rb") as handle:
        return etree.parse(handle, parser=parser)


@cache
def _schema(service: Service) -> etree.XMLSchema:
    return etree.XMLSchema(schema_tree(service))


def validate(service: Service, payload: etree._Element) -> list[str]:
    """Validate one payload element (``…_request`` or ``…_response``); return the errors."""
    doc = etree.ElementTree(copy.deepcopy(payload))
    schema = _schema(service)
    if schema.validate(doc):
        return []
    log: Iterable[Any] = schema.error_log  # type: ignore[assignment]
    return [f"line {e.line}: {e.message}" for e in log]
