"""The sandbox core: one SOAP request in, one DUO-shaped answer out, no sockets involved.

Order of checks, as DUO applies them (RIO-NOTES §4.5): service path → well-formed SOAP
envelope (DK0001) → SOAPAction and WS-Addressing (DK0003, DK0005–DK0007, DK0011,
EK0020–EK0023) → WS-Security signature (EK0031) → payload matches the operation and the
XSD (DK0004) → unique identificatiecodeBedrijfsdocument (DK0050) → business rules
(``requestGoedgekeurd=false`` with foutmeldingen in a normal 200 answer).
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache

from lxml import etree

from edudex_rio.sandbox import beheren, raadplegen, schema, seed, soap, wssec
from edudex_rio.sandbox.context import Context
from edudex_rio.sandbox.store import Bericht, Store, StoreWorld
from edudex_rio.sandbox.xmlutil import (
    BEHEREN,
    RAADPLEGEN,
    SOAP,
    UnsafeXmlError,
    child,
    children,
    parse,
)

__all__ = ["Sandbox", "SandboxConfig", "SandboxResponse"]

log = logging.getLogger(__name__)

_NS = {"beheren": BEHEREN, "raadplegen": RAADPLEGEN}
_PATHS: dict[str, schema.Service] = {
    "/RIO/services/beheren4.0": "beheren",
    "/RIO/services/raadplegen4.0": "raadplegen",
}


@dataclass(frozen=True, kw_only=True)
class SandboxConfig:
    """How the sandbox behaves. Every field has a safe default."""

    #: SQLAlchemy URL of the sandbox's own database (state survives a restart).
    database_url: str = "sqlite:///rio-sandbox.db"
    #: Seconds before an accepted write becomes visible to reads (RIO is asynchronous).
    visibility_delay: float = 0.0
    #: Results per page for the …VanOrganisatie and change-feed operations.
    page_size: int = 20
    #: Refuse unsigned or badly signed requests with EK0031.
    require_signature: bool = True
    #: The OIN the sandbox answers as (DUO's).
    duo_oin: str = soap.DUO_OIN
    #: Fraction of requests answered with a Server.DK0051 fault.
    fault_rate: float = 0.0
    #: Fraction of requests answered with a bare HTTP 503.
    unavailable_rate: float = 0.0
    #: Fraction of requests whose answer is held back for ``stall_seconds``.
    stall_rate: float = 0.0
    stall_seconds: float = 30.0
    #: Seed of the fault-injection random generator (same seed, same faults).
    fault_seed: int = 0
    #: Sign answers with WS-Security like DUO does.
    sign_responses: bool = True


@dataclass(frozen=True, kw_only=True)
class SandboxResponse:
    """An HTTP answer: status, body, headers, and how long to stall before sending it."""

    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    stall_seconds: float = 0.0


@cache
def _operations(service: schema.Service) -> frozenset[str]:
    root = schema.schema_tree(service).getroot()
    names = (e.get("name") or "" for e in root.findall("{http://www.w3.org/2001/XMLSchema}element"))
    return frozenset(n.removesuffix("_request") for n in names if n.endswith("_request"))


_XML = {"content-type": "text/xml; charset=UTF-8"}


class Sandbox:
    """A local RIO. Thread-safe: requests are handled one at a time, like a queue."""

    def __init__(
        self,
        config: SandboxConfig | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        keys: wssec.KeyPair | None = None,
    ) -> None:
        self.config = config or SandboxConfig()
        self.clock = clock or (lambda: datetime.now(UTC))
        self.store = Store(self.config.database_url)
        self.keys = keys
        self._random = random.Random(self.config.fault_seed)  # noqa: S311 (reproducible faults)
        self._lock = threading.Lock()

    def _keys(self) -> wssec.KeyPair:
        if self.keys is None:
            self.keys = wssec.generate_key_pair(
                common_name="rio-sandbox.local", oin=self.config.duo_oin
            )
        return self.keys

    def load_seed(self, data: seed.Seed) -> None:
        """Add besturen, aanbieders, authorisations, programmes and addresses."""
        with self._lock, self.store.session() as s:
            seed.apply(s, data)

    def close(self) -> None:
        self.store.dispose()

    def handle(self, path: str, body: bytes, headers: Mapping[str, str]) -> SandboxResponse:
        """Answer one HTTP POST to ``path`` (``/RIO/services/beheren4.0`` or ``…raadplegen4.0``)."""
        service = _PATHS.get(path.rstrip("/"))
        if service is None:
            return SandboxResponse(
                status=404, body=b"unknown service", headers={"content-type": "text/plain"}
            )
        with self._lock:
            draw = self._random.random()
            c = self.config
            if draw < c.unavailable_rate:
                return SandboxResponse(
                    status=503, body=b"Service Unavailable", headers={"content-type": "text/plain"}
                )
            draw -= c.unavailable_rate
            if draw < c.fault_rate:
                return self._fault(soap.SoapFault("Server.DK0051"), None)
            draw -= c.fault_rate
            stall = c.stall_seconds if draw < c.stall_rate else 0.0
            lower = {k.lower(): v for k, v in headers.items()}
            try:
                answer = self._process(service, body, lower.get("soapaction"))
            except soap.SoapFault as fault:
                answer = self._fault(fault, None)
            except Exception:
                log.exception("sandbox failed on a request")
                answer = self._fault(soap.SoapFault("Server.DK0050"), None)
            if stall:
                return SandboxResponse(
                    status=answer.status,
                    body=answer.body,
                    headers=answer.headers,
                    stall_seconds=stall,
                )
            return answer

    def _fault(self, fault: soap.SoapFault, addressing: soap.Addressing | None) -> SandboxResponse:
        env = soap.envelope(
            soap.fault_body(fault),
            action=addressing.action if addressing else None,
            relates_to=addressing.message_id if addressing else None,
            to_oin=addressing.sender_oin if addressing else None,
            from_oin=self.config.duo_oin,
        )
        return SandboxResponse(status=500, body=self._serialise(env), headers=_XML)

    def _serialise(self, env: etree._Element) -> bytes:
        if self.config.sign_responses:
            wssec.sign(env, self._keys(), now=self.clock())
        return etree.tostring(env, xml_declaration=True, encoding="UTF-8")

    def _process(
        self, service: schema.Service, body: bytes, soap_action: str | None
    ) -> SandboxResponse:
        try:
            env = parse(body)
        except UnsafeXmlError as exc:
            raise soap.SoapFault("VersionMismatch.DK0001", [str(exc)]) from exc
        soap_body = child(env, "Body")
        if etree.QName(env).text != f"{{{SOAP}}}Envelope" or soap_body is None:
            raise soap.SoapFault("VersionMismatch.DK0001", ["geen SOAP 1.1 Envelope met Body"])
        now = self.clock()
        addressing = soap.check_addressing(
            env,
            soap_action=soap_action,
            service=service,
            operations=_operations(service),
            duo_oin=self.config.duo_oin,
        )
        try:
            return self._checked(service, env, soap_body, addressing, now)
        except soap.SoapFault as fault:
            return self._fault(fault, addressing)

    def _checked(
        self,
        service: schema.Service,
        env: etree._Element,
        soap_body: etree._Element,
        addressing: soap.Addressing,
        now: datetime,
    ) -> SandboxResponse:
        if self.config.require_signature:
            try:
                wssec.verify(env, now=now)
            except wssec.SignatureError as exc:
                raise soap.SoapFault("Client.EK0031", [str(exc)]) from exc
        payloads = children(soap_body)
        wanted = f"{{{_NS[service]}}}{addressing.operation}_request"
        if len(payloads) != 1 or payloads[0].tag != wanted:
            raise soap.SoapFault("Client.DK0004", [f"de Body moet precies één {wanted} bevatten"])
        errors = schema.validate(service, payloads[0])
        if errors:
            raise soap.SoapFault("Client.DK0004", errors)
        handlers = beheren.HANDLERS if service == "beheren" else raadplegen.HANDLERS
        handler = handlers.get(addressing.operation)
        if handler is None:
            raise soap.SoapFault(
                "Server.DK0050", [f"{addressing.operation} wordt niet ondersteund"]
            )
        payload = payloads[0]
        with self.store.session() as s:
            ident = (
                payload.findtext(f"{{{_NS[service]}}}identificatiecodeBedrijfsdocument") or ""
            ).strip()
            if s.get(Bericht, ident) is not None:
                raise soap.SoapFault(
                    "Server.DK0050", [f"identificatiecodeBedrijfsdocument {ident} is al gebruikt"]
                )
            s.add(Bericht(identificatiecode=ident, ontvangen=now.replace(tzinfo=None)))
            ctx = Context(
                request=payload,
                operation=addressing.operation,
                sender=addressing.sender_oin,
                now=now,
                visible_from=now + timedelta(seconds=self.config.visibility_delay),
                session=s,
                world=StoreWorld(s, now),
                duo_oin=self.config.duo_oin,
                page_size=self.config.page_size,
            )
            answer = handler(ctx)
        problems = schema.validate(service, answer)
        if problems:
            log.error("sandbox answer is not XSD-valid: %s", problems)
            raise soap.SoapFault("Server.DK0050", ["interne fout: antwoord niet conform XSD"])
        env_out = soap.envelope(
            answer,
            action=addressing.action,
            relates_to=addressing.message_id,
            to_oin=addressing.sender_oin,
            from_oin=self.config.duo_oin,
        )
        return SandboxResponse(status=200, body=self._serialise(env_out), headers=_XML)
