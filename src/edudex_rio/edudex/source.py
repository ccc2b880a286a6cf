"""The one interface every EDU-DEX source implements, and incremental reading on top of it.

Sources: :class:`edudex_rio.edudex.api.ApiSource` (Data API),
:class:`edudex_rio.edudex.feed.FeedSource` (XML feed) and
:class:`edudex_rio.edudex.folder.FolderSource` (files). Open one with :func:`open_source`.

A source lists a provider's programmes with a change marker, fetches programme bodies
(one :class:`ReadResult` per requested key, in order; a broken body is a result with
issues, never an exception) and fetches provider metadata.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from edudex_rio.edudex.model import ProgramKey, Provider
from edudex_rio.edudex.reader import ReadResult

__all__ = [
    "EdudexSource",
    "ProgramListing",
    "ProviderRead",
    "read_incremental",
]


@dataclass(frozen=True, kw_only=True)
class ProgramListing:
    """One programme variant in a provider's list."""

    key: ProgramKey
    last_change: str | None
    """Opaque change marker (API ``lastChange``, feed ``lastEdited``, file hash);
    ``None`` when the source cannot tell, which means: always fetch."""


@runtime_checkable
class EdudexSource(Protocol):
    """Where EDU-DEX data comes from."""

    def list_providers(self) -> tuple[str, ...]:
        """The ``orgUnitId``\\ s this source can read."""
        ...

    def fetch_provider(self, org_unit_id: str) -> Provider:
        """Supplier metadata (KvK, locations, ``includeInCatalog``)."""
        ...

    def list_programs(self, org_unit_id: str) -> tuple[ProgramListing, ...]:
        """Every programme variant of the provider (public and client-specific)."""
        ...

    def fetch_programs(self, keys: Sequence[ProgramKey]) -> Iterator[ReadResult]:
        """Bodies for ``keys``: one result per key, in order."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True, kw_only=True)
class ProviderRead:
    """What changed for one provider since the previous read."""

    org_unit_id: str
    changed: tuple[ReadResult, ...]
    """Read again because new or changed (or marker unknown); check ``.ok``."""
    unchanged: tuple[ProgramKey, ...]
    gone: tuple[ProgramKey, ...]
    """In ``previous`` but no longer listed: removed from EDU-DEX."""
    markers: Mapping[ProgramKey, str | None] = field(default_factory=dict)
    """Current change markers of every listed programme (store them for next time)."""

    @property
    def programs(self) -> tuple[ReadResult, ...]:
        return self.changed

    @property
    def failed(self) -> tuple[ReadResult, ...]:
        return tuple(r for r in self.changed if not r.ok)


def read_incremental(
    source: EdudexSource,
    org_unit_id: str,
    previous: Mapping[ProgramKey, str | None] | None = None,
    *,
    public_only: bool = True,
) -> ProviderRead:
    """List ``org_unit_id``'s programmes, fetch only new or changed ones, report gone ones.

    ``previous`` maps keys to the markers of the last read (empty: read everything).
    With ``public_only`` (the RIO case) client-specific variants are ignored.
    """
    previous = previous or {}
    listing = [
        item for item in source.list_programs(org_unit_id) if item.key.is_public or not public_only
    ]
    markers = {item.key: item.last_change for item in listing}
    to_fetch = [
        item.key
        for item in listing
        if item.last_change is None
        or item.key not in previous
        or previous[item.key] != item.last_change
    ]
    fetched = tuple(source.fetch_programs(to_fetch)) if to_fetch else ()
    fetch_set = set(to_fetch)
    unchanged = tuple(item.key for item in listing if item.key not in fetch_set)
    gone = tuple(
        key for key in previous if key not in markers and (key.is_public or not public_only)
    )
    return ProviderRead(
        org_unit_id=org_unit_id, changed=fetched, unchanged=unchanged, gone=gone, markers=markers
    )


def batched(items: Sequence[ProgramKey], size: int) -> Iterable[Sequence[ProgramKey]]:
    """Consecutive slices of at most ``size`` keys."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
