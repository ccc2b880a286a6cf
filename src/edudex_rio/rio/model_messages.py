"""One request class per SOAP operation, and the typed responses. Re-exported by
:mod:`edudex_rio.rio.model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from edudex_rio.rio.model_common import (
    AanduidingAdres,
    Bedrijfsdocument,
    Foutmelding,
    Paginering,
    Service,
)
from edudex_rio.rio.model_opleiding import (
    AangebodenOpleiding,
    AangebodenOpleidingRead,
    GewijzigdeAangebodenOpleiding,
    Opleidingseenheid,
    OpleidingseenheidRead,
)
from edudex_rio.rio.model_organisatie import (
    Onderwijsaanbieder,
    OnderwijsaanbiederRead,
    Onderwijslocatie,
    Onderwijslocatiegebruik,
    Opleidingsrelatie,
    SamenhangOpleidingseenheid,
)

__all__ = [
    "AanleverenAangebodenOpleiding",
    "AanleverenAangebodenOpleidingResponse",
    "AanleverenOnderwijsaanbieder",
    "AanleverenOnderwijsaanbiederResponse",
    "AanleverenOnderwijslocatiegebruik",
    "AanleverenOnderwijslocatiegebruikResponse",
    "AanleverenOpleidingseenheid",
    "AanleverenOpleidingseenheidResponse",
    "AanleverenOpleidingsrelatie",
    "AanleverenOpleidingsrelatieResponse",
    "BeherenRequest",
    "BeherenResponse",
    "OpvragenAangebodenOpleiding",
    "OpvragenAangebodenOpleidingResponse",
    "OpvragenAangebodenOpleidingenVanOrganisatie",
    "OpvragenAangebodenOpleidingenVanOrganisatieResponse",
    "OpvragenGewijzigdeAangebodenOpleidingen",
    "OpvragenGewijzigdeAangebodenOpleidingenResponse",
    "OpvragenOnderwijsaanbieder",
    "OpvragenOnderwijsaanbiederResponse",
    "OpvragenOnderwijslocatie",
    "OpvragenOnderwijslocatieResponse",
    "OpvragenOpleidingseenhedenVanOrganisatie",
    "OpvragenOpleidingseenhedenVanOrganisatieResponse",
    "OpvragenOpleidingseenheid",
    "OpvragenOpleidingseenheidResponse",
    "OpvragenOpleidingsrelatiesBijOpleidingseenheid",
    "OpvragenOpleidingsrelatiesBijOpleidingseenheidResponse",
    "OpvragenRioIdentificatiecode",
    "OpvragenRioIdentificatiecodeResponse",
    "RaadplegenRequest",
    "RaadplegenResponse",
    "Request",
    "RequestMessage",
    "Response",
    "VerwijderenAangebodenOpleiding",
    "VerwijderenAangebodenOpleidingResponse",
    "VerwijderenOnderwijsaanbieder",
    "VerwijderenOnderwijsaanbiederResponse",
    "VerwijderenOnderwijslocatiegebruik",
    "VerwijderenOnderwijslocatiegebruikResponse",
    "VerwijderenOpleidingseenheid",
    "VerwijderenOpleidingseenheidResponse",
    "VerwijderenOpleidingsrelatie",
    "VerwijderenOpleidingsrelatieResponse",
]

# --------------------------------------------------------------------------- requests: Beheren


@dataclass(frozen=True, slots=True, kw_only=True)
class AanleverenOpleidingseenheid:
    operation: ClassVar[str] = "aanleveren_opleidingseenheid"
    service: ClassVar[Service] = "beheren"
    opleidingseenheid: Opleidingseenheid


@dataclass(frozen=True, slots=True, kw_only=True)
class VerwijderenOpleidingseenheid:
    operation: ClassVar[str] = "verwijderen_opleidingseenheid"
    service: ClassVar[Service] = "beheren"
    opleidingseenheidcode: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AanleverenAangebodenOpleiding:
    operation: ClassVar[str] = "aanleveren_aangebodenOpleiding"
    service: ClassVar[Service] = "beheren"
    aangeboden_opleiding: AangebodenOpleiding


@dataclass(frozen=True, slots=True, kw_only=True)
class VerwijderenAangebodenOpleiding:
    operation: ClassVar[str] = "verwijderen_aangebodenOpleiding"
    service: ClassVar[Service] = "beheren"
    aangeboden_opleiding_code: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AanleverenOnderwijsaanbieder:
    operation: ClassVar[str] = "aanleveren_onderwijsaanbieder"
    service: ClassVar[Service] = "beheren"
    onderwijsbestuurcode: str
    onderwijsaanbieder: Onderwijsaanbieder


@dataclass(frozen=True, slots=True, kw_only=True)
class VerwijderenOnderwijsaanbieder:
    operation: ClassVar[str] = "verwijderen_onderwijsaanbieder"
    service: ClassVar[Service] = "beheren"
    onderwijsaanbiedercode: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AanleverenOnderwijslocatiegebruik:
    operation: ClassVar[str] = "aanleveren_onderwijslocatiegebruik"
    service: ClassVar[Service] = "beheren"
    onderwijslocatiegebruik: Onderwijslocatiegebruik


@dataclass(frozen=True, slots=True, kw_only=True)
class VerwijderenOnderwijslocatiegebruik:
    operation: ClassVar[str] = "verwijderen_onderwijslocatiegebruik"
    service: ClassVar[Service] = "beheren"
    onderwijsbestuurcode: str
    onderwijslocatiecode: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AanleverenOpleidingsrelatie:
    operation: ClassVar[str] = "aanleveren_opleidingsrelatie"
    service: ClassVar[Service] = "beheren"
    opleidingsrelatie: Opleidingsrelatie


@dataclass(frozen=True, slots=True, kw_only=True)
class VerwijderenOpleidingsrelatie:
    operation: ClassVar[str] = "verwijderen_opleidingsrelatie"
    service: ClassVar[Service] = "beheren"
    opleidingseenheidcodes: tuple[str, str]
    begindatum: date


# --------------------------------------------------------------------------- requests: Raadplegen


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenRioIdentificatiecode:
    """Resolve one eigen sleutel, address or Kadaster plaatscode to a RIO code (set exactly one)."""

    operation: ClassVar[str] = "opvragen_rioIdentificatiecode"
    service: ClassVar[Service] = "raadplegen"
    eigen_aangeboden_opleiding_sleutel: str | None = None
    eigen_onderwijsaanbieder_sleutel: str | None = None
    eigen_opleidingseenheid_sleutel: str | None = None
    kadaster_plaatscode: str | None = None
    aanduiding_adres: AanduidingAdres | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenOpleidingseenheid:
    operation: ClassVar[str] = "opvragen_opleidingseenheid"
    service: ClassVar[Service] = "raadplegen"
    opleidingseenheidcode: str


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenOpleidingseenhedenVanOrganisatie:
    operation: ClassVar[str] = "opvragen_opleidingseenhedenVanOrganisatie"
    service: ClassVar[Service] = "raadplegen"
    onderwijsbestuurcode: str
    pagina: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenAangebodenOpleiding:
    operation: ClassVar[str] = "opvragen_aangebodenOpleiding"
    service: ClassVar[Service] = "raadplegen"
    aangeboden_opleiding_code: str


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenAangebodenOpleidingenVanOrganisatie:
    """Set exactly one of ``onderwijsaanbiedercode`` / ``erkende_vestiging_code``."""

    operation: ClassVar[str] = "opvragen_aangebodenOpleidingenVanOrganisatie"
    service: ClassVar[Service] = "raadplegen"
    onderwijsaanbiedercode: str | None = None
    erkende_vestiging_code: str | None = None
    onderwijslocatiecode: str | None = None
    peildatum: date | None = None
    pagina: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenGewijzigdeAangebodenOpleidingen:
    operation: ClassVar[str] = "opvragen_gewijzigdeAangebodenOpleidingen"
    service: ClassVar[Service] = "raadplegen"
    peildatumtijd_mutaties: datetime
    onderwijsaanbiedercode: str
    pagina: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenOnderwijsaanbieder:
    operation: ClassVar[str] = "opvragen_onderwijsaanbieder"
    service: ClassVar[Service] = "raadplegen"
    onderwijsaanbiedercode: str


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenOnderwijslocatie:
    operation: ClassVar[str] = "opvragen_onderwijslocatie"
    service: ClassVar[Service] = "raadplegen"
    onderwijslocatiecode: str


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenOpleidingsrelatiesBijOpleidingseenheid:
    operation: ClassVar[str] = "opvragen_opleidingsrelatiesBijOpleidingseenheid"
    service: ClassVar[Service] = "raadplegen"
    opleidingseenheidcode: str


BeherenRequest = (
    AanleverenOpleidingseenheid
    | VerwijderenOpleidingseenheid
    | AanleverenAangebodenOpleiding
    | VerwijderenAangebodenOpleiding
    | AanleverenOnderwijsaanbieder
    | VerwijderenOnderwijsaanbieder
    | AanleverenOnderwijslocatiegebruik
    | VerwijderenOnderwijslocatiegebruik
    | AanleverenOpleidingsrelatie
    | VerwijderenOpleidingsrelatie
)
RaadplegenRequest = (
    OpvragenRioIdentificatiecode
    | OpvragenOpleidingseenheid
    | OpvragenOpleidingseenhedenVanOrganisatie
    | OpvragenAangebodenOpleiding
    | OpvragenAangebodenOpleidingenVanOrganisatie
    | OpvragenGewijzigdeAangebodenOpleidingen
    | OpvragenOnderwijsaanbieder
    | OpvragenOnderwijslocatie
    | OpvragenOpleidingsrelatiesBijOpleidingseenheid
)
Request = BeherenRequest | RaadplegenRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestMessage:
    """A parsed request payload: its header and the request (what the sandbox receives)."""

    document: Bedrijfsdocument
    request: Request


# --------------------------------------------------------------------------- responses


@dataclass(frozen=True, slots=True, kw_only=True)
class _ResponseBasis:
    """Every answer: header, ``requestGoedgekeurd`` and foutmeldingen (may be empty even when
    ``goedgekeurd`` is false: RIO does that)."""

    document: Bedrijfsdocument
    goedgekeurd: bool
    foutmeldingen: tuple[Foutmelding, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AanleverenOpleidingseenheidResponse(_ResponseBasis):
    operation: ClassVar[str] = "aanleveren_opleidingseenheid"
    opleidingseenheidcode: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VerwijderenOpleidingseenheidResponse(_ResponseBasis):
    operation: ClassVar[str] = "verwijderen_opleidingseenheid"


@dataclass(frozen=True, slots=True, kw_only=True)
class AanleverenAangebodenOpleidingResponse(_ResponseBasis):
    operation: ClassVar[str] = "aanleveren_aangebodenOpleiding"


@dataclass(frozen=True, slots=True, kw_only=True)
class VerwijderenAangebodenOpleidingResponse(_ResponseBasis):
    operation: ClassVar[str] = "verwijderen_aangebodenOpleiding"


@dataclass(frozen=True, slots=True, kw_only=True)
class AanleverenOnderwijsaanbiederResponse(_ResponseBasis):
    operation: ClassVar[str] = "aanleveren_onderwijsaanbieder"
    onderwijsaanbiedercode: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VerwijderenOnderwijsaanbiederResponse(_ResponseBasis):
    operation: ClassVar[str] = "verwijderen_onderwijsaanbieder"


@dataclass(frozen=True, slots=True, kw_only=True)
class AanleverenOnderwijslocatiegebruikResponse(_ResponseBasis):
    operation: ClassVar[str] = "aanleveren_onderwijslocatiegebruik"
    onderwijslocatiecode: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VerwijderenOnderwijslocatiegebruikResponse(_ResponseBasis):
    operation: ClassVar[str] = "verwijderen_onderwijslocatiegebruik"


@dataclass(frozen=True, slots=True, kw_only=True)
class AanleverenOpleidingsrelatieResponse(_ResponseBasis):
    operation: ClassVar[str] = "aanleveren_opleidingsrelatie"


@dataclass(frozen=True, slots=True, kw_only=True)
class VerwijderenOpleidingsrelatieResponse(_ResponseBasis):
    operation: ClassVar[str] = "verwijderen_opleidingsrelatie"


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenRioIdentificatiecodeResponse(_ResponseBasis):
    """At most one code is set; none (with foutmelding A01161) when the key is unknown."""

    operation: ClassVar[str] = "opvragen_rioIdentificatiecode"
    aangeboden_opleiding_code: str | None = None
    opleidingseenheidcode: str | None = None
    onderwijsaanbiedercode: str | None = None
    onderwijslocatiecode: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenOpleidingseenheidResponse(_ResponseBasis):
    operation: ClassVar[str] = "opvragen_opleidingseenheid"
    opleidingseenheid: OpleidingseenheidRead | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenOpleidingseenhedenVanOrganisatieResponse(_ResponseBasis):
    operation: ClassVar[str] = "opvragen_opleidingseenhedenVanOrganisatie"
    opleidingseenheden: tuple[OpleidingseenheidRead, ...] = ()
    paginering: Paginering | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenAangebodenOpleidingResponse(_ResponseBasis):
    operation: ClassVar[str] = "opvragen_aangebodenOpleiding"
    aangeboden_opleiding: AangebodenOpleidingRead | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenAangebodenOpleidingenVanOrganisatieResponse(_ResponseBasis):
    operation: ClassVar[str] = "opvragen_aangebodenOpleidingenVanOrganisatie"
    peildatum: date | None = None
    aangeboden_opleidingen: tuple[AangebodenOpleidingRead, ...] = ()
    paginering: Paginering | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenGewijzigdeAangebodenOpleidingenResponse(_ResponseBasis):
    operation: ClassVar[str] = "opvragen_gewijzigdeAangebodenOpleidingen"
    gewijzigde_aangeboden_opleidingen: tuple[GewijzigdeAangebodenOpleiding, ...] = ()
    paginering: Paginering | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenOnderwijsaanbiederResponse(_ResponseBasis):
    operation: ClassVar[str] = "opvragen_onderwijsaanbieder"
    onderwijsaanbieder: OnderwijsaanbiederRead | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenOnderwijslocatieResponse(_ResponseBasis):
    operation: ClassVar[str] = "opvragen_onderwijslocatie"
    onderwijslocatie: Onderwijslocatie | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OpvragenOpleidingsrelatiesBijOpleidingseenheidResponse(_ResponseBasis):
    operation: ClassVar[str] = "opvragen_opleidingsrelatiesBijOpleidingseenheid"
    samenhang: SamenhangOpleidingseenheid | None = None


BeherenResponse = (
    AanleverenOpleidingseenheidResponse
    | VerwijderenOpleidingseenheidResponse
    | AanleverenAangebodenOpleidingResponse
    | VerwijderenAangebodenOpleidingResponse
    | AanleverenOnderwijsaanbiederResponse
    | VerwijderenOnderwijsaanbiederResponse
    | AanleverenOnderwijslocatiegebruikResponse
    | VerwijderenOnderwijslocatiegebruikResponse
    | AanleverenOpleidingsrelatieResponse
    | VerwijderenOpleidingsrelatieResponse
)
RaadplegenResponse = (
    OpvragenRioIdentificatiecodeResponse
    | OpvragenOpleidingseenheidResponse
    | OpvragenOpleidingseenhedenVanOrganisatieResponse
    | OpvragenAangebodenOpleidingResponse
    | OpvragenAangebodenOpleidingenVanOrganisatieResponse
    | OpvragenGewijzigdeAangebodenOpleidingenResponse
    | OpvragenOnderwijsaanbiederResponse
    | OpvragenOnderwijslocatieResponse
    | OpvragenOpleidingsrelatiesBijOpleidingseenheidResponse
)
Response = BeherenResponse | RaadplegenResponse
