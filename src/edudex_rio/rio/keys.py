"""Loading certificates and keys (PEM or PKCS#12), and checking a chain against a trust store.

Kept apart from ``signing`` so signing works on objects in memory (tests, the sandbox) and
only this module reads files. Errors name the file, never its content or the password.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from edudex_rio.rio.faults import RioConfigurationError, SignatureError

__all__ = ["SigningKey", "TrustStore", "load_certificates", "load_signing_key"]

_MAX_CHAIN = 8


@dataclass(frozen=True, kw_only=True)
class SigningKey:
    """An RSA private key with its certificate (and any intermediates sent along)."""

    private_key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    def __post_init__(self) -> None:
        public = self.certificate.public_key()
        if (
            not isinstance(public, rsa.RSAPublicKey)
            or public.public_numbers() != self.private_key.public_key().public_numbers()
        ):
            raise RioConfigurationError("the private key does not belong to the certificate")

    def __repr__(self) -> str:  # never show key material
        return f"SigningKey(subject={self.certificate.subject.rfc4514_string()!r})"


def _password(password: str | bytes | None) -> bytes | None:
    return password.encode() if isinstance(password, str) else password


def load_signing_key(
    certificate: Path,
    key: Path | None = None,
    *,
    password: str | bytes | None = None,
) -> SigningKey:
    """Read a PKCS#12 file (``.p12``/``.pfx``, or any non-PEM file), or PEM certificate + key.

    With PEM, ``key`` may be omitted when the certificate file holds the key as well; further
    certificates in the file are kept as the chain.
    """
    try:
        data = certificate.read_bytes()
        key_data = key.read_bytes() if key is not None else data
    except OSError as exc:
        raise RioConfigurationError(f"cannot read certificate/key file: {exc.filename}") from exc
    secret = _password(password)
    if b"-----BEGIN" not in data:
        try:
            private, cert, extra = pkcs12.load_key_and_certificates(data, secret)
        except ValueError as exc:
            raise RioConfigurationError(f"cannot open PKCS#12 file {certificate}") from exc
        if private is None or cert is None:
            raise RioConfigurationError(f"PKCS#12 file {certificate} lacks a key or certificate")
        return _signing_key(private, cert, tuple(extra or ()), certificate)
    certs = load_certificates(data, source=str(certificate))
    try:
        private = serialization.load_pem_private_key(key_data, secret)
    except (ValueError, TypeError) as exc:
        raise RioConfigurationError(f"cannot read the private key in {key or certificate}") from exc
    return _signing_key(private, certs[0], tuple(certs[1:]), certificate)


def _signing_key(
    private: object, cert: x509.Certificate, chain: tuple[x509.Certificate, ...], path: Path
) -> SigningKey:
    if not isinstance(private, rsa.RSAPrivateKey):
        raise RioConfigurationError(f"{path}: only RSA keys are supported (rsa-sha256)")
    return SigningKey(private_key=private, certificate=cert, chain=chain)


def load_certificates(data: bytes, *, source: str = "certificate data") -> list[x509.Certificate]:
    """Every certificate in PEM data (or one DER certificate)."""
    try:
        if b"-----BEGIN" in data:
            certs = x509.load_pem_x509_certificates(data)
        else:
            certs = [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise RioConfigurationError(f"no readable certificate in {source}") from exc
    return certs


@dataclass(frozen=True, kw_only=True)
class TrustStore:
    """Trust anchors (roots, or pinned end-entity certificates) and optional intermediates."""

    anchors: tuple[x509.Certificate, ...]
    intermediates: tuple[x509.Certificate, ...] = ()

    @classmethod
    def from_pem(cls, *paths: Path) -> TrustStore:
        """Certificates from PEM files; self-signed ones become anchors, the rest intermediates."""
        anchors: list[x509.Certificate] = []
        intermediates: list[x509.Certificate] = []
        for path in paths:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise RioConfigurationError(f"cannot read trust store {path}") from exc
            for cert in load_certificates(data, source=str(path)):
                (anchors if cert.subject == cert.issuer else intermediates).append(cert)
        return cls(anchors=tuple(anchors), intermediates=tuple(intermediates))

    def check(
        self,
        leaf: x509.Certificate,
        *,
        at: datetime,
        extra: Iterable[x509.Certificate] = (),
    ) -> tuple[x509.Certificate, ...]:
        """The chain from ``leaf`` to an anchor, every certificate valid at ``at``; else raise."""
        pool = [*self.intermediates, *extra]
        chain = [leaf]
        current = leaf
        for _ in range(_MAX_CHAIN):
            _check_validity(current, at)
            if current in self.anchors:
                return tuple(chain)
            issuer = _find_issuer(current, [*self.anchors, *pool])
            if issuer is None:
                raise SignatureError(
                    f"certificate {current.subject.rfc4514_string()} is not issued by a trusted CA"
                )
            if issuer not in self.anchors:
                _check_ca(issuer)
            chain.append(issuer)
            current = issuer
        raise SignatureError("certificate chain too long")


def _find_issuer(
    cert: x509.Certificate, candidates: Iterable[x509.Certificate]
) -> x509.Certificate | None:
    for candidate in candidates:
        if candidate.subject != cert.issuer or candidate == cert:
            continue
        try:
            cert.verify_directly_issued_by(candidate)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return candidate
    return None


def _check_ca(cert: x509.Certificate) -> None:
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        constraints = None
    if constraints is None or not constraints.ca:
        raise SignatureError(f"{cert.subject.rfc4514_string()} is not a CA certificate")


def _check_validity(cert: x509.Certificate, at: datetime) -> None:
    moment = at if at.tzinfo else at.replace(tzinfo=UTC)
    if not cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc:
        raise SignatureError(
            f"certificate {cert.subject.rfc4514_string()} is not valid at {moment.isoformat()}"
        )
