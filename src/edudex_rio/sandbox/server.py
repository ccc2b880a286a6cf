"""The sandbox over real HTTP: a FastAPI (ASGI) app under uvicorn on loopback.

``create_app(sandbox)`` serves ``POST /RIO/services/beheren4.0`` and ``…/raadplegen4.0`` through
``Sandbox.handle``; ``running_sandbox(db_path)`` starts it in a background thread on a free
port (for tests and the demo); ``serve(...)`` runs it in the foreground (``edudex-rio sandbox
serve``). The sandbox's signing key is kept beside its database file, so a restarted sandbox
signs with the same certificate and clients keep trusting it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI, Request, Response
from starlette.concurrency import run_in_threadpool

from edudex_rio.sandbox import wssec
from edudex_rio.sandbox.core import Sandbox, SandboxConfig, SandboxResponse
from edudex_rio.sandbox.seed import Seed
from edudex_rio.sandbox.store import Locatie, RioObject, current

__all__ = [
    "MAX_REQUEST_BYTES",
    "RunningSandbox",
    "StoredObject",
    "TlsConfig",
    "create_app",
    "load_or_create_keys",
    "running_sandbox",
    "serve",
]

log = logging.getLogger(__name__)

#: Requests larger than this are refused with HTTP 413 before any parsing.
MAX_REQUEST_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class TlsConfig:
    """Server certificate and key (PEM); with ``client_ca`` a client certificate is required."""

    certificate: Path
    key: Path
    client_ca: Path | None = None


@dataclass
class _Counters:
    counts: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, *keys: str) -> None:
        with self.lock:
            self.counts.update(keys)

    def snapshot(self) -> dict[str, int]:
        with self.lock:
            return dict(self.counts)


def _fault_code(answer: SandboxResponse) -> str | None:
    if answer.status != 500:
        return None
    start = answer.body.find(b"<faultcode>")
    if start < 0:
        return None
    end = answer.body.find(b"</faultcode>", start)
    return answer.body[start + len(b"<faultcode>") : end].decode(errors="replace").split(":")[-1]


def create_app(
    sandbox: Sandbox,
    *,
    max_request_bytes: int = MAX_REQUEST_BYTES,
    counters: _Counters | None = None,
) -> FastAPI:
    """An ASGI app answering RIO's two SOAP endpoints with ``sandbox``."""
    tally = counters or _Counters()
    app = FastAPI(title="edudex-rio RIO sandbox", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.counters = tally

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/RIO/services/{service}")
    async def soap(service: str, request: Request) -> Response:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_request_bytes:
            tally.add("requests", "status:413")
            return Response(b"request too large", status_code=413, media_type="text/plain")
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_request_bytes:
                tally.add("requests", "status:413")
                return Response(b"request too large", status_code=413, media_type="text/plain")
            chunks.append(chunk)
        body = b"".join(chunks)
        headers = dict(request.headers.items())
        answer = await run_in_threadpool(sandbox.handle, request.url.path, body, headers)
        keys = ["requests", f"service:{service}", f"status:{answer.status}"]
        action = headers.get("soapaction", "").strip('"').rsplit("/", 1)[-1]
        if action:
            keys.append(f"operation:{action}")
        fault = _fault_code(answer)
        if fault:
            keys.append(f"fault:{fault}")
        if answer.stall_seconds:
            keys.append("stalled")
        tally.add(*keys)
        if answer.stall_seconds:
            await asyncio.sleep(answer.stall_seconds)
        return Response(answer.body, status_code=answer.status, headers=dict(answer.headers))

    return app


def load_or_create_keys(folder: Path, *, oin: str) -> tuple[wssec.KeyPair, Path]:
    """The sandbox's signing key pair kept in ``folder`` (created on first use), and the path of
    its certificate as PEM — the trust store a client uses to verify response signatures."""
    folder.mkdir(parents=True, exist_ok=True)
    key_path = folder / "rio-sandbox-signing.key"
    cert_path = folder / "rio-sandbox-signing.pem"
    if key_path.is_file() and cert_path.is_file():
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        if isinstance(key, rsa.RSAPrivateKey):
            return wssec.KeyPair(key=key, certificate=cert), cert_path
    pair = wssec.generate_key_pair(common_name="rio-sandbox.local", oin=oin)
    pair.write_pem(cert_path, key_path)
    return pair, cert_path


@dataclass(frozen=True, kw_only=True)
class StoredObject:
    """One object as the sandbox holds it (for test assertions)."""

    kind: str
    code: str
    soort: str
    bestuur: str | None
    aanbieder: str | None
    opleidingseenheid: str | None
    eigen_sleutel: str | None
    begindatum: date | None
    einddatum: date | None
    visible_from: datetime
    payload: str


@dataclass
class RunningSandbox:
    """A sandbox listening on loopback: its URLs, its certificate, its state and counters."""

    url: str
    sandbox: Sandbox
    certificate: x509.Certificate
    #: PEM file with the sandbox's signing certificate (and TLS certificate when serving HTTPS).
    trust: Path
    _counters: _Counters

    @property
    def beheren_url(self) -> str:
        return f"{self.url}/RIO/services/beheren4.0"

    @property
    def raadplegen_url(self) -> str:
        return f"{self.url}/RIO/services/raadplegen4.0"

    @property
    def counters(self) -> dict[str, int]:
        """Requests seen, by ``requests``, ``service:…``, ``operation:…``, ``status:…``,
        ``fault:…`` and ``stalled``."""
        return self._counters.snapshot()

    def objects(self, kind: str | None = None, *, visible_only: bool = False) -> list[StoredObject]:
        """Stored, not deleted objects (``kind`` ``oe`` or ``ao``); with ``visible_only`` only
        those a read would show now (the visibility delay has passed)."""
        moment = self.sandbox.clock() if visible_only else datetime.now(UTC) + timedelta(days=1e4)
        kinds = [kind] if kind else ["oe", "ao"]
        with self.sandbox.store.session() as s:
            return [
                StoredObject(
                    kind=o.kind,
                    code=o.code,
                    soort=o.soort,
                    bestuur=o.bestuur,
                    aanbieder=o.aanbieder,
                    opleidingseenheid=o.opleidingseenheid,
                    eigen_sleutel=o.eigen_sleutel,
                    begindatum=o.begindatum,
                    einddatum=o.einddatum,
                    visible_from=o.visible_from,
                    payload=o.payload,
                )
                for k in kinds
                for o in current(s, k, moment)
            ]

    def locaties(self) -> list[str]:
        """Codes of every onderwijslocatie the sandbox knows."""
        with self.sandbox.store.session() as s:
            return sorted(c for (c,) in s.query(Locatie.code).all())

    def object_count(self) -> int:
        """Stored object versions, including deleted and not yet visible ones."""
        with self.sandbox.store.session() as s:
            return s.query(RioObject).count()


class _ThreadServer(uvicorn.Server):
    """uvicorn in a background thread (signal handlers stay with the main thread)."""


def _uvicorn_config(app: FastAPI, tls: TlsConfig | None, **extra: object) -> uvicorn.Config:
    options: dict[str, object] = {
        "log_level": "warning",
        "lifespan": "off",
        "access_log": False,
        "timeout_graceful_shutdown": 1,
        **extra,
    }
    if tls is not None:
        options["ssl_certfile"] = str(tls.certificate)
        options["ssl_keyfile"] = str(tls.key)
        if tls.client_ca is not None:
            options["ssl_ca_certs"] = str(tls.client_ca)
            options["ssl_cert_reqs"] = ssl.CERT_REQUIRED
    return uvicorn.Config(app, **options)  # type: ignore[arg-type]


def _trust_file(folder: Path, signing_pem: Path, tls: TlsConfig | None) -> Path:
    """The signing certificate, plus the TLS certificate when serving HTTPS, in one PEM file."""
    if tls is None:
        return signing_pem
    path = folder / "rio-sandbox-trust.pem"
    path.write_bytes(signing_pem.read_bytes() + b"\n" + tls.certificate.read_bytes())
    return path


@contextlib.contextmanager
def running_sandbox(
    db_path: Path | str,
    *,
    seed: Seed | None = None,
    config: SandboxConfig | None = None,
    tls: TlsConfig | None = None,
    keys: wssec.KeyPair | None = None,
    host: str = "127.0.0.1",
) -> Iterator[RunningSandbox]:
    """Start the sandbox under uvicorn in a background thread on a free loopback port.

    State lives in the SQLite file ``db_path`` (reused when it exists); ``config``'s
    ``database_url`` is replaced by it. ``seed`` is loaded before the first request."""
    db = Path(db_path)
    settings = dataclasses.replace(config or SandboxConfig(), database_url=f"sqlite:///{db}")
    if keys is None:
        keys, signing_pem = load_or_create_keys(db.parent, oin=settings.duo_oin)
    else:
        signing_pem = db.parent / "rio-sandbox-signing.pem"
        signing_pem.write_bytes(keys.certificate.public_bytes(serialization.Encoding.PEM))
    sandbox = Sandbox(settings, keys=keys)
    if seed is not None:
        sandbox.load_seed(seed)
    counters = _Counters()
    app = create_app(sandbox, counters=counters)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    server = _ThreadServer(_uvicorn_config(app, tls))
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="rio-sandbox", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            sandbox.close()
            raise RuntimeError("the RIO sandbox did not start")
        time.sleep(0.01)
    scheme = "https" if tls else "http"
    try:
        yield RunningSandbox(
            url=f"{scheme}://{host}:{port}",
            sandbox=sandbox,
            certificate=keys.certificate,
            trust=_trust_file(db.parent, signing_pem, tls),
            _counters=counters,
        )
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        sandbox.close()


def serve(
    db_path: Path,
    *,
    seed: Seed | None = None,
    config: SandboxConfig | None = None,
    host: str = "127.0.0.1",
    port: int = 8765,
    tls: TlsConfig | None = None,
) -> None:
    """Run the sandbox in the foreground until interrupted (``edudex-rio sandbox serve``)."""
    settings = dataclasses.replace(config or SandboxConfig(), database_url=f"sqlite:///{db_path}")
    keys, signing_pem = load_or_create_keys(db_path.parent, oin=settings.duo_oin)
    sandbox = Sandbox(settings, keys=keys)
    try:
        if seed is not None:
            sandbox.load_seed(seed)
        trust = _trust_file(db_path.parent, signing_pem, tls)
        scheme = "https" if tls else "http"
        base = f"{scheme}://{host}:{port}/RIO/services"
        print(f"RIO sandbox on {base}/beheren4.0 and {base}/raadplegen4.0")
        print(f"state: {db_path}; response signatures verify with {trust}")
        uvicorn.Server(_uvicorn_config(create_app(sandbox), tls, host=host, port=port)).run()
    finally:
        sandbox.close()
