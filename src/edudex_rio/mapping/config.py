"""Inputs of the mapping besides programmes: provider settings, history, deletion instructions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from edudex_rio.mapping.stand import RioStand

__all__ = ["DeletionInstruction", "History", "MappingSettings"]


@dataclass(frozen=True, kw_only=True, slots=True)
class MappingSettings:
    """The part of a provider's settings the mapping needs."""

    onderwijsaanbiedercode: str
    """The provider's ``onderwijsaanbiedercode`` (``\\d{3}A\\d{3}``)."""
    opted_in: bool = True
    """The provider said "put my offer in RIO"; ``False`` closes everything (opt-out)."""
    overrides: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    """Per-table overrides of the mapping table, e.g. ``{"theme": {"coaching": "ONDERWIJS"}}``."""
    send_nlqf_eqf: bool = False
    """Send ``nlqf``/``eqf`` on opleidingseenheden (RIO stopped returning them on 2025-11-01)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class History:
    """What the store knows from earlier syncs: the stand last sent, and RIO's verdicts on it.

    ``stand`` must hold the codes RIO assigned (O-codes, onderwijslocatiecodes). Cohorts that
    started stay in the next stand from here even when EDU-DEX forgets them; first-sent dates
    (``beginAanmeldperiode``, begin dates) and earlier periods are taken from here.
    """

    stand: RioStand = field(default_factory=RioStand)
    rejected_locations: Mapping[str, str] = field(default_factory=dict)
    """Location keys RIO could not place (not in the BAG, A01010) → RIO's message."""


@dataclass(frozen=True, kw_only=True, slots=True)
class DeletionInstruction:
    """An explicit instruction to delete from RIO: one offering, or a whole programme.

    It stays in force as long as it is passed in: the objects are left out of the desired stand,
    so the plan deletes them (offerings first, then the opleidingseenheid).
    """

    programma: str
    """``orgUnitId/programId``."""
    aangeboden_code: str | None = None
    """Only this offering; ``None`` deletes every offering and the opleidingseenheid."""
