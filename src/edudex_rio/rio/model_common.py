"""RIO records shared by every operation: kenmerken, the Bedrijfsdocument header, foutmeldingen,
paging, recognition keys and location designations. Re-exported by :mod:`edudex_rio.rio.model`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Literal

__all__ = [
    "DUO_OIN",
    "AanduidingAdres",
    "AanduidingGPS",
    "AanduidingPlaats",
    "Bedrijfsdocument",
    "BestaandeOnderwijslocatie",
    "Foutmelding",
    "Kenmerk",
    "KenmerkSoort",
    "OpleidingserkenningSleutel",
    "Paginering",
    "Service",
    "Sleutelgegeven",
    "VoVakerkenningSleutel",
]

#: DUO's OIN, the receiving party (``ontvangendeInstantie``) of every request.
DUO_OIN = "00000001800866472000"

Service = Literal["beheren", "raadplegen"]
KenmerkSoort = Literal["datum", "tekst", "enumeratiewaarde", "getal", "boolean"]


# --------------------------------------------------------------------------- shared pieces


@dataclass(frozen=True, slots=True, kw_only=True)
class Kenmerk:
    """One label/value attribute: ``kenmerknaam`` plus exactly one ``kenmerkwaarde<Soort>``."""

    naam: str
    soort: KenmerkSoort
    waarde: date | str | Decimal | bool

    @classmethod
    def tekst(cls, naam: str, waarde: str) -> Kenmerk:
        return cls(naam=naam, soort="tekst", waarde=waarde)

    @classmethod
    def enumeratie(cls, naam: str, waarde: str) -> Kenmerk:
        return cls(naam=naam, soort="enumeratiewaarde", waarde=waarde)

    @classmethod
    def datum(cls, naam: str, waarde: date) -> Kenmerk:
        return cls(naam=naam, soort="datum", waarde=waarde)

    @classmethod
    def getal(cls, naam: str, waarde: Decimal | int) -> Kenmerk:
        return cls(naam=naam, soort="getal", waarde=Decimal(waarde))

    @classmethod
    def boolean(cls, naam: str, waarde: bool) -> Kenmerk:
        return cls(naam=naam, soort="boolean", waarde=waarde)


@dataclass(frozen=True, slots=True, kw_only=True)
class Bedrijfsdocument:
    """The header every request and response starts with."""

    identificatiecode: str
    verzendende_instantie: str
    ontvangende_instantie: str = DUO_OIN
    datum_tijd: datetime

    @classmethod
    def nieuw(
        cls, *, verzendende_instantie: str, now: datetime, ontvangende_instantie: str = DUO_OIN
    ) -> Bedrijfsdocument:
        """A fresh header: a new UUID as identificatiecode, ``now`` (aware) as timestamp."""
        return cls(
            identificatiecode=str(uuid.uuid4()),
            verzendende_instantie=verzendende_instantie,
            ontvangende_instantie=ontvangende_instantie,
            datum_tijd=now.astimezone(UTC),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Sleutelgegeven:
    """A key RIO names in a foutmelding. RIO cuts names and values longer than 25 characters to
    ``first11...last11`` (``eigenOpleid...heidSleutel``); compare with :meth:`past_bij`."""

    naam: str
    waarde: str

    @property
    def afgekapt(self) -> bool:
        """Whether RIO shortened the value (``first11...last11``)."""
        return _is_cut(self.waarde)

    def past_bij(self, waarde: str) -> bool:
        """Whether a full value is the one RIO reports here, cut or not."""
        return _matches(self.waarde, waarde)

    def naam_past_bij(self, naam: str) -> bool:
        """Whether a full key name is the one RIO reports here, cut or not."""
        return _matches(self.naam, naam)


def _is_cut(reported: str) -> bool:
    return len(reported) == 25 and reported[11:14] == "..."


def _matches(reported: str, full: str) -> bool:
    if reported == full:
        return True
    return _is_cut(reported) and full[:11] == reported[:11] and full[-11:] == reported[-11:]


@dataclass(frozen=True, slots=True, kw_only=True)
class Foutmelding:
    """A functional rejection: ``foutcode``, ``fouttekst`` and 1..5 sleutelgegevens."""

    code: str
    tekst: str
    sleutelgegevens: tuple[Sleutelgegeven, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Paginering:
    """Paging of the ``...VanOrganisatie`` and ``gewijzigde...`` answers (pagina is 0-based)."""

    pagina: int
    aantal_paginas: int
    aantal_resultaten: int


@dataclass(frozen=True, slots=True, kw_only=True)
class OpleidingserkenningSleutel:
    opleidingsstelsel: str
    opleidingscode: str


@dataclass(frozen=True, slots=True, kw_only=True)
class VoVakerkenningSleutel:
    opleidingsstelsel: str
    opleidingscode: str
    opleidingsniveau: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AanduidingAdres:
    postcode: str
    huisnummer: int
    huisnummertoevoeging: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AanduidingGPS:
    gps_latitude: Decimal
    gps_longitude: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class AanduidingPlaats:
    plaatsnaam: str
    gemeentenaam: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BestaandeOnderwijslocatie:
    """The ``onderwijslocatieCode`` choice of an onderwijslocatiegebruik: an existing location."""

    onderwijslocatiecode: str
