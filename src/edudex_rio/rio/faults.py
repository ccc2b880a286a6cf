"""Errors of the RIO wire layer, each a subclass of one retry marker.

    EdudexRioError
    ├── TransientError
    │   ├── RioUnavailableError           connection refused/reset, HTTP 5xx without a Fault
    │   │   └── RioTimeoutError           connect/read/write/pool time-out
    │   ├── TransientSoapFaultError       SOAP Fault whose DK/EK code a retry can cure (DK0051, …)
    │   └── TransientRejectionError       requestGoedgekeurd=false, every foutcode retryable
    └── TerminalError
        ├── RioConfigurationError         bad certificate/key, plain http to a non-loopback host
        ├── RioProtocolError              HTTP 4xx, not a SOAP answer, wrong addressing
        │   ├── MalformedXmlError         not well-formed, DTD, entities
        │   └── ResponseTooLargeError     beyond the configured size limit
        ├── SignatureError                missing/invalid WS-Security signature (cf. EK0031)
        ├── TerminalSoapFaultError        SOAP Fault a retry will not cure (DK0004, EK0031, …)
        └── TerminalRejectionError        requestGoedgekeurd=false with a non-retryable foutcode

``SoapFaultError`` and ``RioRejectedError`` are the common bases to catch a Fault or a
rejection regardless of its retry class. Both carry fields, not only a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from edudex_rio.errors import EdudexRioError, TerminalError, TransientError

__all__ = [
    "Foutmelding",
    "MalformedXmlError",
    "ResponseTooLargeError",
    "RioConfigurationError",
    "RioProtocolError",
    "RioRejectedError",
    "RioTimeoutError",
    "RioUnavailableError",
    "SignatureError",
    "SoapFault",
    "SoapFaultError",
    "TerminalRejectionError",
    "TerminalSoapFaultError",
    "TransientRejectionError",
    "TransientSoapFaultError",
    "fault_error",
    "rejection_error",
]

_CODE = re.compile(r"\b((?:DK|EK)\d{4})\b")


class RioUnavailableError(TransientError):
    """RIO could not be reached or answered with HTTP 5xx: try again later."""


class RioTimeoutError(RioUnavailableError):
    """RIO did not answer in time."""


class RioConfigurationError(TerminalError):
    """Our own configuration is wrong (certificate, key, trust store, URL)."""


class RioProtocolError(TerminalError):
    """The answer is not what the protocol allows (status, content, addressing)."""


class MalformedXmlError(RioProtocolError):
    """XML that is not well-formed, or uses a DTD or entities (refused on purpose)."""


class ResponseTooLargeError(RioProtocolError):
    """A message larger than the configured maximum."""


class SignatureError(TerminalError):
    """A WS-Security signature is missing or does not verify."""


@dataclass(frozen=True, kw_only=True)
class SoapFault:
    """A SOAP 1.1 Fault; ``code`` is the Digikoppeling/Edukoppeling code (``DK0004``) if any."""

    faultcode: str
    faultstring: str
    detail: str = ""
    code: str | None = None

    @classmethod
    def from_fault(cls, *, faultcode: str, faultstring: str, detail: str = "") -> SoapFault:
        found = _CODE.search(faultcode) or _CODE.search(faultstring) or _CODE.search(detail)
        return cls(
            faultcode=faultcode,
            faultstring=faultstring,
            detail=detail,
            code=found.group(1) if found else None,
        )

    @property
    def side(self) -> str:
        """``Client``, ``Server``, ``VersionMismatch`` or ``MustUnderstand`` (prefix removed)."""
        local = self.faultcode.rsplit(":", 1)[-1]
        return local.split(".", 1)[0]


class SoapFaultError(EdudexRioError):
    """Base of both Fault errors; ``fault`` holds the parsed Fault."""

    def __init__(self, fault: SoapFault) -> None:
        self.fault = fault
        self.code = fault.code
        label = fault.code or fault.faultcode or "SOAP Fault"
        super().__init__(f"{label}: {fault.faultstring}".strip())


class TransientSoapFaultError(SoapFaultError, TransientError):
    """A Fault a later retry can cure."""


class TerminalSoapFaultError(SoapFaultError, TerminalError):
    """A Fault the same request will get again."""


def fault_error(fault: SoapFault) -> SoapFaultError:
    """The typed error for a Fault: retry class from the catalogue, else from its side."""
    from edudex_rio.rio import foutcodes

    if fault.code is not None:
        retryable = foutcodes.describe(fault.code).retryable
    else:
        retryable = fault.side == "Server"
    return TransientSoapFaultError(fault) if retryable else TerminalSoapFaultError(fault)


@dataclass(frozen=True, kw_only=True)
class Foutmelding:
    """One functional RIO error: ``foutcode``, ``fouttekst`` and the ``sleutelgegevens``."""

    code: str
    text: str = ""
    sleutels: tuple[tuple[str, str], ...] = field(default_factory=tuple)


class RioRejectedError(EdudexRioError):
    """RIO answered ``requestGoedgekeurd=false``; ``foutmeldingen`` may be empty."""

    def __init__(self, operation: str, foutmeldingen: Sequence[Foutmelding]) -> None:
        self.operation = operation
        self.foutmeldingen = tuple(foutmeldingen)
        codes = ", ".join(f"{m.code} {m.text}".strip() for m in self.foutmeldingen)
        super().__init__(f"RIO rejected {operation}: {codes or 'no foutmelding given'}")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(m.code for m in self.foutmeldingen)


class TransientRejectionError(RioRejectedError, TransientError):
    """Every foutcode is one a later retry may cure (e.g. P01810, INT500)."""


class TerminalRejectionError(RioRejectedError, TerminalError):
    """At least one foutcode will not change by retrying."""


def rejection_error(operation: str, foutmeldingen: Iterable[Foutmelding]) -> RioRejectedError:
    """The typed error for a rejection; retryable only if every code is (none given: retryable)."""
    from edudex_rio.rio import foutcodes

    items = tuple(foutmeldingen)
    if all(foutcodes.describe(m.code).retryable for m in items):
        return TransientRejectionError(operation, items)
    return TerminalRejectionError(operation, items)
