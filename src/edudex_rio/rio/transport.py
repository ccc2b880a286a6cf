"""Sending SOAP messages: one small ``Transport`` interface and its httpx implementation.

``Transport.send(request) -> response`` is the only seam between the client and the network
(like httpx's ``BaseTransport``): the sandbox can serve as an in-process transport in tests.
``HttpxTransport`` does two-way TLS (client certificate as PEM or PKCS#12, own trust store),
time-outs, plain ``http://`` only to loopback hosts, and a response size limit. Failures become
typed errors here, in one place: time-outs, connection errors and HTTP 5xx are
``TransientError``s, a SOAP Fault becomes a ``SoapFaultError`` with its DK/EK code, the rest is
terminal.
"""

from __future__ import annotations

import ipaddress
import os
import ssl
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from edudex_rio.rio.envelope import DEFAULT_MAX_BYTES, parse_envelope
from edudex_rio.rio.faults import (
    MalformedXmlError,
    ResponseTooLargeError,
    RioConfigurationError,
    RioProtocolError,
    RioTimeoutError,
    RioUnavailableError,
    fault_error,
)

__all__ = [
    "ClientCertificate",
    "HttpxTransport",
    "SoapRequest",
    "SoapResponse",
    "Timeouts",
    "Transport",
    "check_response",
    "is_loopback_url",
]


@dataclass(frozen=True, kw_only=True)
class SoapRequest:
    """One SOAP call: endpoint URL, SOAPAction, and the exact (signed) envelope bytes."""

    url: str
    action: str
    content: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class SoapResponse:
    """The HTTP answer as received."""

    status_code: int
    content: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


class Transport(Protocol):
    """Anything that delivers a ``SoapRequest`` and returns the ``SoapResponse``."""

    def send(self, request: SoapRequest) -> SoapResponse: ...


@dataclass(frozen=True, kw_only=True)
class Timeouts:
    """Seconds to wait for each phase of an HTTP call."""

    connect: float = 10.0
    read: float = 120.0
    write: float = 30.0
    pool: float = 10.0


@dataclass(frozen=True, kw_only=True)
class ClientCertificate:
    """Our TLS client certificate: PEM certificate (+ key file) or one PKCS#12 file."""

    certificate: Path
    key: Path | None = None
    password: str | None = field(default=None, repr=False)


def is_loopback_url(url: str) -> bool:
    host = httpx.URL(url).host
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _ssl_context(trust: Path | None, client: ClientCertificate | None) -> ssl.SSLContext:
    try:
        context = ssl.create_default_context(cafile=str(trust) if trust else None)
    except (OSError, ssl.SSLError) as exc:
        raise RioConfigurationError(f"cannot load trust store {trust}") from exc
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if client is not None:
        _load_client_certificate(context, client)
    return context


def _load_client_certificate(context: ssl.SSLContext, client: ClientCertificate) -> None:
    try:
        data = client.certificate.read_bytes()
        if b"-----BEGIN" in data:
            context.load_cert_chain(str(client.certificate), client.key, client.password)
            return
        key, cert, extra = pkcs12.load_key_and_certificates(
            data, client.password.encode() if client.password else None
        )
    except (OSError, ssl.SSLError, ValueError) as exc:
        raise RioConfigurationError(f"cannot load client certificate {client.certificate}") from exc
    if key is None or cert is None:
        raise RioConfigurationError(f"{client.certificate} lacks a key or certificate")
    # ssl only loads from files: write a PEM copy readable by us alone, and remove it at once.
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ) + b"".join(c.public_bytes(serialization.Encoding.PEM) for c in [cert, *(extra or [])])
    with tempfile.TemporaryDirectory(prefix="edudex-rio-") as folder:
        path = Path(folder) / "client.pem"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
        context.load_cert_chain(str(path))


def _tls_verification_failed(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def check_response(response: SoapResponse) -> SoapResponse:
    """Raise the typed error for a Fault or a failed HTTP status; return a usable response."""
    looks_like_fault = b"Fault" in response.content[:4096] or response.status_code == 500
    if looks_like_fault and response.content:
        try:
            envelope = parse_envelope(response.content)
        except (MalformedXmlError, ResponseTooLargeError):
            envelope = None
        if envelope is not None and envelope.fault is not None:
            raise fault_error(envelope.fault)
    if response.status_code >= 500:
        raise RioUnavailableError(f"RIO answered HTTP {response.status_code}")
    if not 200 <= response.status_code < 300:
        raise RioProtocolError(f"RIO answered HTTP {response.status_code}")
    return response


class HttpxTransport:
    """``Transport`` over HTTPS with httpx; use as a context manager or call ``close()``."""

    def __init__(
        self,
        *,
        client_certificate: ClientCertificate | None = None,
        trust: Path | None = None,
        timeouts: Timeouts = Timeouts(),
        max_response_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.max_response_bytes = max_response_bytes
        self._client = httpx.Client(
            verify=_ssl_context(trust, client_certificate),
            timeout=httpx.Timeout(
                connect=timeouts.connect,
                read=timeouts.read,
                write=timeouts.write,
                pool=timeouts.pool,
            ),
            follow_redirects=False,
            trust_env=False,
        )

    def send(self, request: SoapRequest) -> SoapResponse:
        url = httpx.URL(request.url)
        if url.scheme not in ("https", "http"):
            raise RioConfigurationError(f"unsupported URL scheme: {url.scheme!r}")
        if url.scheme == "http" and not is_loopback_url(request.url):
            raise RioConfigurationError("plain http:// is only allowed to a loopback host")
        headers = {
            "Content-Type": "text/xml;charset=UTF-8",
            "SOAPAction": request.action,
            **request.headers,
        }
        try:
            with self._client.stream(
                "POST", request.url, content=request.content, headers=headers
            ) as answer:
                declared = answer.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_response_bytes:
                    raise ResponseTooLargeError(
                        f"response of {declared} bytes exceeds {self.max_response_bytes}"
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in answer.iter_bytes():
                    size += len(chunk)
                    if size > self.max_response_bytes:
                        raise ResponseTooLargeError(
                            f"response exceeds the limit of {self.max_response_bytes} bytes"
                        )
                    chunks.append(chunk)
                response = SoapResponse(
                    status_code=answer.status_code,
                    content=b"".join(chunks),
                    headers=dict(answer.headers),
                )
        except httpx.TimeoutException as exc:
            raise RioTimeoutError(f"RIO did not answer in time ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            if _tls_verification_failed(exc):
                raise RioConfigurationError(f"TLS certificate check failed: {exc}") from exc
            raise RioUnavailableError(f"cannot reach RIO: {type(exc).__name__}: {exc}") from exc
        return check_response(response)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
