"""Stable keys that anyone can compute from EDU-DEX data alone (DESIGN §2, README "Stable keys").

    eigenOpleidingseenheidSleutel = programUUID, else UUIDv5(NS, "{orgUnitId}/{programId}")
    aangebodenOpleidingCode       = UUIDv5(NS, "{eigen sleutel}/{kind}/{location key}/{path or -}")
    cohortcode                    = programRun.id; "{programRun.id}/{path}" in a CREBO offering
                                    split per learning path; UUIDv5(NS, that) over 60 characters
    location key                  = "postcode|huisnummer|toevoeging" or "online"

UUIDs are written in lower case (RIO accepts both; the SURF mapper learnt to send lower case).
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Final, Literal

from edudex_rio.mapping.limits import max_length

__all__ = [
    "COHORTCODE_MAX",
    "KINDS",
    "NS",
    "ONLINE",
    "Kind",
    "aangeboden_opleiding_code",
    "cohortcode",
    "eigen_opleidingseenheid_sleutel",
    "uuid5",
]

#: The product's UUIDv5 namespace, also written in the README.
NS: Final = uuid.UUID("7e20c8d6-c557-485f-905b-c1f052292222")

#: Location key of runs without a (physical) location, or fully online.
ONLINE: Final = "online"

#: XSD ``AangebodenOpleidingscohortidentifcatie-v01`` maxLength (60).
COHORTCODE_MAX: Final = max_length("cohortcode")

Kind = Literal["ocode", "crebo", "nlqf", "particulier"]
#: The kinds in the order DESIGN §2 chooses them.
KINDS: Final[tuple[Kind, ...]] = ("ocode", "crebo", "nlqf", "particulier")


_NS_BYTES: Final = NS.bytes


def uuid5(name: str) -> str:
    """``str(uuid.uuid5(NS, name))``, without building a :class:`uuid.UUID` (hot path)."""
    digest = bytearray(hashlib.sha1(_NS_BYTES + name.encode(), usedforsecurity=False).digest())
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest[:16].hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def eigen_opleidingseenheid_sleutel(
    org_unit_id: str, program_id: str, program_uuid: str | None = None
) -> str:
    """The programme's own key in RIO: its ``programUUID`` or a UUIDv5 of orgUnitId/programId."""
    if program_uuid:
        return str(uuid.UUID(program_uuid))
    return uuid5(f"{org_unit_id}/{program_id}")


def aangeboden_opleiding_code(
    oe_sleutel: str, kind: Kind, location_key: str, learning_path: str | None = None
) -> str:
    """``aangebodenOpleidingCode`` (= ``eigenAangebodenOpleidingSleutel``) of one offering."""
    return uuid5(f"{oe_sleutel}/{kind}/{location_key}/{learning_path or '-'}")


def cohortcode(run_id: str, learning_path: str | None = None) -> str:
    """The cohort code of a ``programRun``: its id, or a UUIDv5 of it when too long for RIO.

    In a CREBO offering split per learning path the same run sits in every path's offering, and
    RIO wants a cohort code once per provider (N11421): there the code is ``"{id}/{path}"``.
    """
    code = f"{run_id}/{learning_path}" if learning_path else run_id
    if len(code) <= COHORTCODE_MAX:
        return code
    return uuid5(code)
