"""Organisation side (onderwijsaanbieder, onderwijslocatie(gebruik)) and opleidingsrelaties.
Re-exported by :mod:`edudex_rio.rio.model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from edudex_rio.rio.model_common import (
    AanduidingAdres,
    AanduidingGPS,
    AanduidingPlaats,
    BestaandeOnderwijslocatie,
    Kenmerk,
)

__all__ = [
    "BijbehorendOnderwijsbestuur",
    "GerelateerdeOpleidingseenheid",
    "JuridischeRelatie",
    "Onderwijsaanbieder",
    "OnderwijsaanbiederPeriode",
    "OnderwijsaanbiederRead",
    "OnderwijsbestuurPeriode",
    "Onderwijslocatie",
    "Onderwijslocatiegebruik",
    "Opleidingsrelatie",
    "SamenhangOpleidingseenheid",
]

# --------------------------------------------------------------------------- organisation side


@dataclass(frozen=True, slots=True, kw_only=True)
class JuridischeRelatie:
    """``juridischeRelatie`` or ``juridischeOnderwijslocatiegebruikRelatie`` (erkenner: read)."""

    instellingserkenningscode: str
    erkenner: str | None = None
    begindatum: date
    einddatum: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OnderwijsaanbiederPeriode:
    begindatum: date
    naam: str
    internationale_naam: str | None = None
    overige_kenmerken: tuple[Kenmerk, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Onderwijsaanbieder:
    """``onderwijsaanbieder`` (write form); without code it goes as ``nieuweOnderwijsaanbieder``."""

    onderwijsaanbiedercode: str | None = None
    in_bedrijfdatum: date
    uit_bedrijfdatum: date | None = None
    perioden: tuple[OnderwijsaanbiederPeriode, ...]
    juridische_relaties: tuple[JuridischeRelatie, ...]
    eigen_onderwijsaanbieder_sleutel: str | None = None
    overige_kenmerken: tuple[Kenmerk, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class OnderwijsbestuurPeriode:
    begindatum: date
    naam: str
    internationale_naam: str | None = None
    kenmerken: tuple[Kenmerk, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class BijbehorendOnderwijsbestuur:
    onderwijsbestuurcode: str
    organisatierelatie_begindatum: date
    organisatierelatie_einddatum: date | None = None
    perioden: tuple[OnderwijsbestuurPeriode, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class OnderwijsaanbiederRead:
    """An onderwijsaanbieder as ``opvragen_onderwijsaanbieder`` returns it."""

    onderwijsaanbiedercode: str
    in_bedrijfdatum: date
    uit_bedrijfdatum: date | None = None
    perioden: tuple[OnderwijsaanbiederPeriode, ...]
    juridische_relaties: tuple[JuridischeRelatie, ...] = ()
    kenmerken: tuple[Kenmerk, ...] = ()
    bijbehorende_onderwijsbesturen: tuple[BijbehorendOnderwijsbestuur, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Onderwijslocatiegebruik:
    """``onderwijslocatiegebruik`` (write form): a bestuur uses a location (address, GPS, place or
    an existing code)."""

    onderwijsbestuurcode: str
    in_bedrijfdatum: date
    uit_bedrijfdatum: date | None = None
    juridische_relaties: tuple[JuridischeRelatie, ...] = ()
    eigen_onderwijslocatiegebruik_sleutel: str | None = None
    overige_kenmerken: tuple[Kenmerk, ...] = ()
    aanduiding: AanduidingAdres | AanduidingGPS | AanduidingPlaats | BestaandeOnderwijslocatie


@dataclass(frozen=True, slots=True, kw_only=True)
class Onderwijslocatie:
    """An onderwijslocatie as RIO returns it."""

    onderwijslocatiecode: str
    postcode: str | None = None
    huisnummer: int | None = None
    huisnummertoevoeging: str | None = None
    bag_id: str | None = None
    gps_latitude: Decimal | None = None
    gps_longitude: Decimal | None = None
    plaatsnaam: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Opleidingsrelatie:
    """``opleidingsrelatie``: RIO derives kind and direction from the two specialisations."""

    begindatum: date
    einddatum: date | None = None
    opleidingseenheidcodes: tuple[str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class GerelateerdeOpleidingseenheid:
    opleidingseenheidcode: str
    eigen_opleidingseenheid_sleutel: str | None = None
    opleidingseenheidtype: str
    opleidingsrelatiesoort: str
    opleidingsrelatie_begindatum: date
    opleidingsrelatie_einddatum: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SamenhangOpleidingseenheid:
    opleidingseenheidcode: str
    opleidingseenheidtype: str
    eigen_opleidingseenheid_sleutel: str | None = None
    gerelateerde_opleidingseenheden: tuple[GerelateerdeOpleidingseenheid, ...] = ()
