"""Pure mapping from EDU-DEX programmes to the desired RIO stand of a provider.

Public API: :func:`map_provider` (programmes + :class:`MappingSettings` + :class:`History` +
deletion instructions + today → :class:`MapResult`), the stand types of
:mod:`edudex_rio.mapping.stand`, and the building blocks (keys, text, addresses, prices, table).
"""

from __future__ import annotations

from edudex_rio.mapping.config import DeletionInstruction, History, MappingSettings
from edudex_rio.mapping.problems import Problem
from edudex_rio.mapping.provider import MapResult, map_provider
from edudex_rio.mapping.stand import (
    AangebodenOpleiding,
    AangebodenOpleidingPeriode,
    Cohort,
    Onderwijslocatie,
    Opleidingseenheid,
    OpleidingseenheidPeriode,
    Opleidingserkenning,
    RioStand,
)
from edudex_rio.mapping.table import InvalidMapping, MappingTable, UnmappedValue, default_table

__all__ = [
    "AangebodenOpleiding",
    "AangebodenOpleidingPeriode",
    "Cohort",
    "DeletionInstruction",
    "History",
    "InvalidMapping",
    "MapResult",
    "MappingSettings",
    "MappingTable",
    "Onderwijslocatie",
    "Opleidingseenheid",
    "OpleidingseenheidPeriode",
    "Opleidingserkenning",
    "Problem",
    "RioStand",
    "UnmappedValue",
    "default_table",
    "map_provider",
]
