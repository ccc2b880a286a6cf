"""``RioClient``: the one object the rest of edudex-rio uses to talk to RIO.

    client = RioClient.from_settings(settings.rio, sender_oin="0000000…")
    response = client.send(m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode="123A456"))

``send`` does every step of one call, in this order:

1. build the payload from the typed request (:func:`messages.build_request`, which validates it
   against DUO's XSD and names the element and rule on failure) with a fresh Bedrijfsdocument;
2. wrap it in a SOAP envelope with WS-Addressing (Action = SOAPAction = contract namespace +
   operation, MessageID ``urn:uuid:…``, From ``…?oin=<sender>``, To ``…?oin=<DUO>``);
3. sign it with WS-Security (Timestamp, each wsa header and the Body; :mod:`signing`);
4. post it to the Beheren or Raadplegen endpoint through a :class:`Transport`;
5. turn a SOAP Fault into a typed error with its DK/EK code, HTTP 5xx/time-outs into
   retryable errors (:mod:`faults`);
6. verify the response's signature when required, check it answers our message (RelatesTo);
7. parse the payload into the typed response (:func:`parse.parse_response`).

A ``requestGoedgekeurd=false`` answer is returned as is by ``send`` (the engine decides what a
rejection means); ``send_checked`` raises the typed rejection instead. ``prepare`` returns the
signed bytes without sending (dry run).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self

from edudex_rio.rio import model as m
from edudex_rio.rio.envelope import (
    DEFAULT_MAX_BYTES,
    DUO_OIN,
    Envelope,
    Service,
    build_envelope,
    parse_envelope,
    serialize,
    soap_action,
)
from edudex_rio.rio.faults import (
    RioConfigurationError,
    RioProtocolError,
    fault_error,
    rejection_error,
)
from edudex_rio.rio.keys import SigningKey, TrustStore, load_signing_key
from edudex_rio.rio.messages import build_request
from edudex_rio.rio.parse import parse_response
from edudex_rio.rio.signing import Signature, SignatureVerifier
from edudex_rio.rio.transport import (
    ClientCertificate,
    HttpxTransport,
    SoapRequest,
    SoapResponse,
    Timeouts,
    Transport,
    check_response,
    is_loopback_url,
)

if TYPE_CHECKING:
    from edudex_rio.settings import RioSettings

__all__ = [
    "Endpoints",
    "HandlerTransport",
    "PreparedMessage",
    "RioClient",
    "service_of",
]


def service_of(request: m.Request) -> Service:
    """The V4 contract a request belongs to (Beheren writes, Raadplegen reads)."""
    return Service.BEHEREN if request.service == "beheren" else Service.RAADPLEGEN


@dataclass(frozen=True, kw_only=True)
class Endpoints:
    """The URLs of the two services."""

    beheren: str
    raadplegen: str

    def url(self, service: Service) -> str:
        return self.beheren if service is Service.BEHEREN else self.raadplegen

    @property
    def all_loopback(self) -> bool:
        return is_loopback_url(self.beheren) and is_loopback_url(self.raadplegen)


@dataclass(frozen=True, kw_only=True)
class PreparedMessage:
    """One signed message ready to post: where, with which SOAPAction, and its exact bytes."""

    operation: str
    service: Service
    url: str
    action: str
    message_id: str
    content: bytes

    def soap_request(self) -> SoapRequest:
        return SoapRequest(url=self.url, action=self.action, content=self.content)


class _HandlerAnswer(Protocol):
    @property
    def status(self) -> int: ...
    @property
    def body(self) -> bytes: ...
    @property
    def headers(self) -> Mapping[str, str]: ...


class HandlerTransport:
    """A ``Transport`` calling an in-process handler ``(path, body, headers) -> answer``.

    The answer needs ``status``, ``body`` and ``headers`` (the sandbox's ``Sandbox.handle``
    fits), so tests and demos can run the whole client without a socket. Faults and HTTP
    statuses become the same typed errors as over HTTP.
    """

    def __init__(self, handler: Callable[[str, bytes, Mapping[str, str]], _HandlerAnswer]) -> None:
        self.handler = handler
        self.sent: list[SoapRequest] = []

    def send(self, request: SoapRequest) -> SoapResponse:
        from urllib.parse import urlsplit

        self.sent.append(request)
        headers = {
            "Content-Type": "text/xml;charset=UTF-8",
            "SOAPAction": request.action,
            **request.headers,
        }
        answer = self.handler(urlsplit(request.url).path or "/", request.content, headers)
        return check_response(
            SoapResponse(
                status_code=answer.status, content=answer.body, headers=dict(answer.headers)
            )
        )

    def close(self) -> None:
        """Nothing to release."""


class RioClient:
    """Sends typed RIO requests and returns typed responses; see the module docstring.

    ``signing_key=None`` sends unsigned messages (only sensible against a sandbox that does not
    require signatures); ``verifier=None`` accepts unsigned responses.
    """

    def __init__(
        self,
        *,
        transport: Transport,
        sender_oin: str,
        endpoints: Endpoints,
        signing_key: SigningKey | None,
        verifier: SignatureVerifier | None = None,
        recipient_oin: str = DUO_OIN,
        signature_lifetime: timedelta = timedelta(minutes=5),
        max_response_bytes: int = DEFAULT_MAX_BYTES,
        clock: Callable[[], datetime] | None = None,
        owns_transport: bool = False,
    ) -> None:
        if not (sender_oin.isdigit() and len(sender_oin) == 20):
            raise RioConfigurationError(f"sender OIN must be 20 digits, got {sender_oin!r}")
        self.transport = transport
        self.sender_oin = sender_oin
        self.recipient_oin = recipient_oin
        self.endpoints = endpoints
        self.signature = (
            None if signing_key is None else Signature(signing_key, lifetime=signature_lifetime)
        )
        self.verifier = verifier
        self.max_response_bytes = max_response_bytes
        self.clock = clock or (lambda: datetime.now(UTC))
        self._owns_transport = owns_transport

    @classmethod
    def from_settings(
        cls,
        rio: RioSettings,
        *,
        sender_oin: str,
        transport: Transport | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> RioClient:
        """A client for ``rio`` settings: certificate for TLS and signing, trust store for DUO's
        TLS certificate and response signatures, time-outs. Without ``transport`` an
        ``HttpxTransport`` is made (and closed by ``close``)."""
        endpoints = Endpoints(beheren=rio.beheren_url, raadplegen=rio.raadplegen_url)
        password = rio.private_key_password.get_secret_value() if rio.private_key_password else None
        signing_key: SigningKey | None = None
        if rio.certificate is not None:
            signing_key = load_signing_key(rio.certificate, rio.private_key, password=password)
        elif not endpoints.all_loopback:
            raise RioConfigurationError(
                "rio.certificate is required to sign messages for a non-loopback RIO endpoint"
            )
        trust = TrustStore.from_pem(rio.trust) if rio.trust is not None else None
        verifier = SignatureVerifier(trust=trust) if rio.require_signed_responses else None
        owns = transport is None
        if transport is None:
            certificate = (
                None
                if rio.certificate is None
                else ClientCertificate(
                    certificate=rio.certificate, key=rio.private_key, password=password
                )
            )
            seconds = rio.timeout_seconds
            transport = HttpxTransport(
                client_certificate=certificate,
                trust=rio.trust,
                timeouts=Timeouts(
                    connect=min(seconds, 10.0), read=seconds, write=seconds, pool=seconds
                ),
            )
        return cls(
            transport=transport,
            sender_oin=sender_oin,
            endpoints=endpoints,
            signing_key=signing_key,
            verifier=verifier,
            recipient_oin=rio.recipient_oin,
            clock=clock,
            owns_transport=owns,
        )

    # ------------------------------------------------------------------ building

    def prepare_message(self, request: m.Request) -> PreparedMessage:
        """Build, XSD-validate, address and sign ``request``; nothing is sent."""
        now = self.clock()
        service = service_of(request)
        document = m.Bedrijfsdocument.nieuw(
            verzendende_instantie=self.sender_oin,
            now=now,
            ontvangende_instantie=self.recipient_oin,
        )
        payload = build_request(request, document)
        root = build_envelope(
            payload,
            service=service,
            operation=request.operation,
            sender_oin=self.sender_oin,
            recipient_oin=self.recipient_oin,
        )
        if self.signature is not None:
            root = self.signature.apply(root, now=now)
        header = parse_envelope(root)
        assert header.addressing is not None
        return PreparedMessage(
            operation=request.operation,
            service=service,
            url=self.endpoints.url(service),
            action=soap_action(service, request.operation),
            message_id=header.addressing.message_id,
            content=serialize(root),
        )

    def prepare(self, request: m.Request) -> bytes:
        """The exact signed envelope ``send`` would post (for a dry run)."""
        return self.prepare_message(request).content

    # ------------------------------------------------------------------ sending

    def send(self, request: m.Request) -> m.Response:
        """Send ``request``; return RIO's parsed answer, approved or not.

        Raises ``SoapFaultError`` (DK/EK code; transient or terminal), ``RioUnavailableError``
        / ``RioTimeoutError`` (transient), ``SignatureError``, ``RioProtocolError``,
        ``XmlError`` or ``RioMessageError`` (terminal).
        """
        message = self.prepare_message(request)
        raw = check_response(self.transport.send(message.soap_request()))
        return self.read_response(message, raw.content)

    def send_checked(self, request: m.Request) -> m.Response:
        """Like ``send``, but ``requestGoedgekeurd=false`` raises the typed rejection error
        (``TransientRejectionError`` or ``TerminalRejectionError``) carrying the foutmeldingen."""
        response = self.send(request)
        if not response.goedgekeurd:
            raise rejection_error(request.operation, response.foutmeldingen)
        return response

    def read_response(self, message: PreparedMessage, content: bytes) -> m.Response:
        """Check and parse the answer to ``message`` (public for recorded-traffic tests)."""
        envelope = parse_envelope(content, max_bytes=self.max_response_bytes)
        if envelope.fault is not None:
            raise fault_error(envelope.fault)
        if self.verifier is not None:
            self.verifier.verify(envelope.root, now=self.clock())
        self._check_addressing(message, envelope)
        if envelope.payload is None:
            raise RioProtocolError(f"RIO's answer to {message.operation} has an empty Body")
        return parse_response(message.operation, envelope.payload)

    def _check_addressing(self, message: PreparedMessage, envelope: Envelope) -> None:
        addressing = envelope.addressing
        if addressing is None:
            return
        relates_to = addressing.relates_to
        if relates_to and _bare(relates_to) != _bare(message.message_id):
            raise RioProtocolError(
                f"answer relates to message {relates_to}, not to {message.message_id}"
            )

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the transport if this client made it."""
        if self._owns_transport:
            close = getattr(self.transport, "close", None)
            if callable(close):
                close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _bare(message_id: str) -> str:
    """A MessageID without ``urn:uuid:`` (DUO echoes both forms), lower case."""
    return message_id.strip().removeprefix("urn:uuid:").lower()
