"""Dutch addresses parsed into RIO's ``aanduidingAdres``: postcode, huisnummer, toevoeging.

EDU-DEX gives a location as one free ``address`` string ("Kerkstraat 12a") plus a ``zipcode``.
RIO checks the result against the BAG; what we cannot parse here is reported, never guessed,
and a run whose address cannot be parsed never falls back to the offering without location.
The parsed address is also the location key: ``"postcode|huisnummer|toevoeging"``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Final

from edudex_rio.mapping.limits import max_length

__all__ = ["Adres", "AdresFout", "parse_adres", "parse_postcode"]

_POSTCODE: Final = re.compile(r"\b([1-9][0-9]{3})\s?([A-Za-z]{2})\b")
# A house number: digits not glued to a word or a hyphen
# ("12" in "Kerkstraat 12a", not "3" in "7-3").
_NUMBER: Final = re.compile(r"(?<![\w-])(\d{1,5})")
# What may follow the house number up to the end: an addition ("a", "A", "-3", " bis", "A-2").
_REST: Final = re.compile(r"\s*[-/]?\s*([A-Za-z0-9]{1,4}(?:[\s-][A-Za-z0-9]{1,4})?)?\s*")
_DUTCH: Final = frozenset(
    {"", "nl", "nld", "nederland", "netherlands", "the netherlands", "holland"}
)
_TOEVOEGING_MAX: Final = max_length("huisnummertoevoeging")


@dataclass(frozen=True, kw_only=True, slots=True)
class Adres:
    """A Dutch address as RIO's ``aanduidingAdres`` wants it."""

    postcode: str
    huisnummer: int
    toevoeging: str | None = None

    @property
    def key(self) -> str:
        """The location key of DESIGN §2."""
        return f"{self.postcode}|{self.huisnummer}|{self.toevoeging or ''}"


@dataclass(frozen=True, kw_only=True, slots=True)
class AdresFout:
    """Why an address could not be parsed, in Dutch and English."""

    nl: str
    en: str


def parse_postcode(value: str | None) -> str | None:
    """``"1234 ab"`` → ``"1234AB"``; ``None`` when it is no Dutch postcode."""
    if not value:
        return None
    match = _POSTCODE.fullmatch(value.strip()) or _POSTCODE.search(value)
    if match is None:
        return None
    return f"{match.group(1)}{match.group(2).upper()}"


def _toevoeging(raw: str | None) -> str | None:
    if not raw:
        return None
    text = re.sub(r"\s+", " ", raw.strip(" -/")).upper()
    return text or None


def _house_number(street: str) -> tuple[int, str | None] | None:
    """The last house number in ``street`` that only an addition follows, with that addition."""
    for match in reversed(list(_NUMBER.finditer(street))):
        if match.start() == 0:
            break  # a street name comes first
        rest = _REST.fullmatch(street, match.end())
        if rest is not None and int(match.group(1)) >= 1:
            return int(match.group(1)), rest.group(1)
    return None


@functools.lru_cache(maxsize=4096)
def parse_adres(
    address: str | None, zipcode: str | None, country: str | None = None
) -> Adres | AdresFout:
    """Parse an EDU-DEX location into an :class:`Adres`, or say why that is impossible.

    Cached (bounded): a provider's runs share a handful of addresses."""
    if country is not None and country.strip().lower() not in _DUTCH:
        return AdresFout(
            nl=f"adres in het buitenland ({country}) kan RIO niet plaatsen",
            en=f"address abroad ({country}) cannot be placed by RIO",
        )
    street = (address or "").strip()
    postcode = parse_postcode(zipcode)
    inline = _POSTCODE.search(street)
    if inline is not None:
        # "Kerkstraat 12a, 3511 AB Utrecht": the postcode and everything after it is not street.
        postcode = postcode or f"{inline.group(1)}{inline.group(2).upper()}"
        street = street[: inline.start()].rstrip(" ,")
    if postcode is None:
        return AdresFout(
            nl=f"geen geldige Nederlandse postcode in {zipcode or address or 'het adres'!r}",
            en=f"no valid Dutch postcode in {zipcode or address or 'the address'!r}",
        )
    if street.lower().startswith(("postbus", "antwoordnummer")):
        return AdresFout(
            nl=f"een postbus ({street}) is geen onderwijslocatie",
            en=f"a PO box ({street}) is not a teaching location",
        )
    found = _house_number(street)
    if found is None:
        return AdresFout(
            nl=f"geen huisnummer gevonden in {street or 'het adres'!r}",
            en=f"no house number found in {street or 'the address'!r}",
        )
    huisnummer, raw_toevoeging = found
    toevoeging = _toevoeging(raw_toevoeging)
    if toevoeging is not None and len(toevoeging) > _TOEVOEGING_MAX:
        return AdresFout(
            nl=f"huisnummertoevoeging {toevoeging!r} is langer dan {_TOEVOEGING_MAX} tekens",
            en=f"house number addition {toevoeging!r} is longer than {_TOEVOEGING_MAX} characters",
        )
    return Adres(postcode=postcode, huisnummer=huisnummer, toevoeging=toevoeging)
