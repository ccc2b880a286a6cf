"""The engine's one seam towards RIO: ``RioPort.send(request) -> response``.

The wire layer's :class:`edudex_rio.rio.client.RioClient` is a ``RioPort``. Here a
``requestGoedgekeurd=false`` answer becomes the wire layer's typed rejection error (retryable or
not by its foutcodes), and every call is counted, so that a run can say how many writes and
reads it needed (an unchanged catalogue needs none).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from edudex_rio.rio import model as m
from edudex_rio.rio.faults import rejection_error

if TYPE_CHECKING:
    from edudex_rio.settings import ProviderSettings, Settings

__all__ = [
    "LISTING_READS",
    "CountingPort",
    "RioPort",
    "XmlDumpPort",
    "call",
    "changes_since",
    "client_factory",
    "dumping",
    "opleidingseenheden",
    "resolve",
    "write_request",
]

#: Reads that return many objects at once (paged listings and the change feed).
LISTING_READS = frozenset(
    {
        "opvragen_opleidingseenhedenVanOrganisatie",
        "opvragen_aangebodenOpleidingenVanOrganisatie",
        "opvragen_gewijzigdeAangebodenOpleidingen",
    }
)


class RioPort(Protocol):
    """Anything that sends one RIO request and returns its parsed answer."""

    def send(self, request: m.Request) -> m.Response: ...


@dataclass
class CountingPort:
    """Wraps a port and counts calls per operation (thread-safe)."""

    inner: RioPort
    counts: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def send(self, request: m.Request) -> m.Response:
        with self._lock:
            self.counts[request.operation] += 1
        return self.inner.send(request)

    @property
    def writes(self) -> int:
        return sum(n for op, n in self.counts.items() if not op.startswith("opvragen_"))

    @property
    def listing_reads(self) -> int:
        return sum(n for op, n in self.counts.items() if op in LISTING_READS)

    @property
    def object_reads(self) -> int:
        return sum(
            n
            for op, n in self.counts.items()
            if op.startswith("opvragen_") and op not in LISTING_READS
        )


def call(port: RioPort, request: m.Request) -> m.Response:
    """Send; a rejection raises the wire layer's Transient/TerminalRejectionError."""
    response = port.send(request)
    if not response.goedgekeurd:
        raise rejection_error(request.operation, response.foutmeldingen)
    return response


#: RIO's answer when an eigen sleutel or address is unknown.
NOT_FOUND = "A01161"


def resolve(port: RioPort, request: m.OpvragenRioIdentificatiecode) -> str | None:
    """The RIO code an eigen sleutel or address resolves to; ``None`` when RIO does not know it."""
    response = port.send(request)
    if not response.goedgekeurd:
        if any(f.code == NOT_FOUND for f in response.foutmeldingen):
            return None
        raise rejection_error(request.operation, response.foutmeldingen)
    assert isinstance(response, m.OpvragenRioIdentificatiecodeResponse)
    return (
        response.opleidingseenheidcode
        or response.onderwijslocatiecode
        or response.aangeboden_opleiding_code
        or response.onderwijsaanbiedercode
    )


def opleidingseenheden(port: RioPort, bestuur: str) -> Iterator[m.OpleidingseenheidRead]:
    """Every opleidingseenheid of ``bestuur`` RIO shows, page by page."""
    pagina = 0
    while True:
        response = call(
            port,
            m.OpvragenOpleidingseenhedenVanOrganisatie(onderwijsbestuurcode=bestuur, pagina=pagina),
        )
        assert isinstance(response, m.OpvragenOpleidingseenhedenVanOrganisatieResponse)
        yield from response.opleidingseenheden
        pagina += 1
        if response.paginering is None or pagina >= response.paginering.aantal_paginas:
            return


def changes_since(port: RioPort, aanbieder: str, since: datetime) -> dict[str, str]:
    """RIO's change feed of an aanbieder: offering code → its latest ``soortWijziging``."""
    out: dict[str, str] = {}
    pagina = 0
    while True:
        response = call(
            port,
            m.OpvragenGewijzigdeAangebodenOpleidingen(
                peildatumtijd_mutaties=since, onderwijsaanbiedercode=aanbieder, pagina=pagina
            ),
        )
        assert isinstance(response, m.OpvragenGewijzigdeAangebodenOpleidingenResponse)
        for item in response.gewijzigde_aangeboden_opleidingen:
            out.pop(item.aangeboden_opleiding_code.lower(), None)
            out[item.aangeboden_opleiding_code.lower()] = item.soort_wijziging
        pagina += 1
        if response.paginering is None or pagina >= response.paginering.aantal_paginas:
            return out


def client_factory(
    settings: Settings, transport: Any = None
) -> Callable[[ProviderSettings], RioPort]:
    """A RIO client per provider (its OIN as sender), over ``transport`` (default: HTTPS)."""
    from edudex_rio.rio.client import RioClient

    def make(provider: ProviderSettings) -> RioPort:
        client: RioPort = RioClient.from_settings(
            settings.rio, sender_oin=provider.oin, transport=transport
        )
        return client

    return make


class XmlDumpPort:
    """Writes the XML payload of every request into a folder before passing it on."""

    def __init__(self, inner: RioPort, folder: Path, *, sender_oin: str) -> None:
        self.inner = inner
        self.folder = folder
        self.sender_oin = sender_oin
        self._count = 0
        self._lock = threading.Lock()

    def send(self, request: m.Request) -> m.Response:
        write_request(request, self.folder, sender_oin=self.sender_oin, lock=self._lock)
        return self.inner.send(request)

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if callable(close):
            close()


def dumping(
    factory: Callable[[ProviderSettings], RioPort], folder: Path
) -> Callable[[ProviderSettings], RioPort]:
    """``factory``'s ports, writing every request's payload into ``folder/<orgUnitId>``."""

    def make(provider: ProviderSettings) -> RioPort:
        return XmlDumpPort(
            factory(provider), folder / provider.org_unit_id, sender_oin=provider.oin
        )

    return make


_sequence = iter(range(1, 10**9))
_sequence_lock = threading.Lock()


def write_request(
    request: m.Request, folder: Path, *, sender_oin: str, lock: threading.Lock | None = None
) -> Path:
    """``NNNN-<operation>.xml``: the request's XSD-valid payload as it is sent."""
    from datetime import UTC
    from datetime import datetime as _dt

    from lxml import etree

    from edudex_rio.rio.messages import build_request

    payload = build_request(
        request, m.Bedrijfsdocument.nieuw(verzendende_instantie=sender_oin, now=_dt.now(UTC))
    )
    with _sequence_lock:
        number = next(_sequence)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{number:04d}-{request.operation}.xml"
    path.write_bytes(
        etree.tostring(payload, pretty_print=True, xml_declaration=True, encoding="UTF-8")
    )
    return path
