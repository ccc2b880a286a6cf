"""WS-Security as RIO uses it: verify a request's signature, sign a response.

Profile (Digikoppeling WUS / RIO-NOTES §4.1): one XML-DSig signature in ``wsse:Security``
with exclusive c14n, rsa-sha256 and sha256 digests, covering the ``wsu:Timestamp``, every
WS-Addressing header and the SOAP Body; the key is the X.509 ``BinarySecurityToken``.

This is the sandbox's own seam: the sandbox must check signatures of DUO-shaped
requests and sign its answers like DUO does, whether or not the client side has one.
"""

from __future__ import annotations

import base64
import hashlib
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from edudex_rio.sandbox.xmlutil import DS, WSA, WSSE, WSU, child, children, local

__all__ = ["KeyPair", "SignatureError", "generate_key_pair", "sign", "verify"]

C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
_X509 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"
_B64 = (
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary"
)
_REQUIRED_WSA = ("Action", "MessageID", "To")


class SignatureError(ValueError):
    """The WS-Security header is missing, incomplete or does not verify (EK0031)."""


@dataclass(frozen=True, kw_only=True)
class KeyPair:
    """A private key with its certificate (PEM-loadable), for signing."""

    key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    def write_pem(self, certificate: Path, private_key: Path) -> None:
        """Store both as PEM; the private key readable by its owner only."""
        descriptor = os.open(private_key, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(
                self.key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
        certificate.write_bytes(self.certificate.public_bytes(serialization.Encoding.PEM))


def generate_key_pair(*, common_name: str, oin: str, days: int = 3650) -> KeyPair:
    """A self-signed RSA certificate whose subject serialNumber carries ``oin``."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(x509.NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(x509.NameOID.SERIAL_NUMBER, oin),
            x509.NameAttribute(x509.NameOID.ORGANIZATION_NAME, "edudex-rio sandbox"),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(datetime(2000, 1, 1, tzinfo=UTC))  # sandboxes may run on old clocks
        .not_valid_after(now + timedelta(days=days))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName(common_name), x509.DNSName("localhost")]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    return KeyPair(key=key, certificate=cert)


def _c14n(el: etree._Element, prefixes: list[str]) -> bytes:
    return etree.tostring(
        el, method="c14n", exclusive=True, with_comments=False, inclusive_ns_prefixes=prefixes
    )


def _prefix_list(parent: etree._Element | None) -> list[str]:
    if parent is None:
        return []
    for el in parent.iter("{*}InclusiveNamespaces"):
        return (el.get("PrefixList") or "").split()
    return []


def _by_id(root: etree._Element, ref: str) -> etree._Element:
    found = [
        el
        for el in root.iter()
        if isinstance(el.tag, str) and ref in (el.get(f"{{{WSU}}}Id"), el.get("Id"), el.get("ID"))
    ]
    if len(found) != 1:
        raise SignatureError(f"reference #{ref} matches {len(found)} elements")
    return found[0]


def verify(envelope: etree._Element, *, now: datetime) -> x509.Certificate:
    """Check the signature of a SOAP envelope; return the signer's certificate.

    Raises :class:`SignatureError` when the signature is missing, a required part (Body,
    Timestamp, wsa:Action/MessageID/To/From) is not signed, a digest or the signature value
    is wrong or malformed (bad base64, bad certificate, bad dates), or the Timestamp has
    expired at ``now``.
    """
    try:
        return _verify(envelope, now=now)
    except SignatureError:
        raise
    except (ValueError, TypeError) as exc:
        raise SignatureError(f"malformed signature: {exc}") from exc


def _verify(envelope: etree._Element, *, now: datetime) -> x509.Certificate:
    header = child(envelope, "Header")
    body = child(envelope, "Body")
    security = child(header, "Security") if header is not None else None
    if header is None or body is None or security is None:
        raise SignatureError("no wsse:Security header")
    signature = security.find(f"{{{DS}}}Signature")
    stamp = security.find(f"{{{WSU}}}Timestamp")
    if signature is None or stamp is None:
        raise SignatureError("no ds:Signature or wsu:Timestamp")
    signed_info = signature.find(f"{{{DS}}}SignedInfo")
    if signed_info is None:
        raise SignatureError("no SignedInfo")
    method = signed_info.find(f"{{{DS}}}SignatureMethod")
    if method is None or method.get("Algorithm") != RSA_SHA256:
        raise SignatureError("signature method must be rsa-sha256")
    covered: list[etree._Element] = []
    for ref in signed_info.findall(f"{{{DS}}}Reference"):
        uri = ref.get("URI") or ""
        if not uri.startswith("#"):
            raise SignatureError(f"unsupported reference {uri!r}")
        target = _by_id(envelope, uri[1:])
        digest_method = ref.find(f"{{{DS}}}DigestMethod")
        if digest_method is None or digest_method.get("Algorithm") != SHA256:
            raise SignatureError("digest method must be sha256")
        for transform in ref.iter(f"{{{DS}}}Transform"):
            if transform.get("Algorithm") != C14N:
                raise SignatureError("only exclusive c14n transforms are accepted")
        digest = base64.b64encode(
            hashlib.sha256(_c14n(target, _prefix_list(ref.find(f"{{{DS}}}Transforms")))).digest()
        ).decode()
        if digest != (ref.findtext(f"{{{DS}}}DigestValue") or "").strip():
            raise SignatureError(f"digest of #{uri[1:]} ({local(target)}) does not match")
        covered.append(target)
    required = [body, stamp] + [
        el
        for el in children(header)
        if el.tag in {f"{{{WSA}}}{n}" for n in (*_REQUIRED_WSA, "From")}
    ]
    for part in required:
        if not any(part is c for c in covered):
            raise SignatureError(f"{local(part)} is not signed")
    cert = _token(security, signature)
    c14n_method = signed_info.find(f"{{{DS}}}CanonicalizationMethod")
    if c14n_method is None or c14n_method.get("Algorithm") != C14N:
        raise SignatureError("canonicalization must be exclusive c14n")
    value = base64.b64decode("".join((signature.findtext(f"{{{DS}}}SignatureValue") or "").split()))
    public = cert.public_key()
    if not isinstance(public, rsa.RSAPublicKey):
        raise SignatureError("the certificate does not hold an RSA key")
    try:
        public.verify(
            value,
            _c14n(signed_info, _prefix_list(c14n_method)),
            padding.PKCS1v15(),
            hashes.SHA256(),
        )
    except InvalidSignature as exc:
        raise SignatureError("the signature value does not verify") from exc
    expires = stamp.findtext(f"{{{WSU}}}Expires")
    if expires and datetime.fromisoformat(expires.replace("Z", "+00:00")) < now:
        raise SignatureError("the wsu:Timestamp has expired")
    return cert


def _token(security: etree._Element, signature: etree._Element) -> x509.Certificate:
    ref = signature.find(f".//{{{WSSE}}}SecurityTokenReference/{{{WSSE}}}Reference")
    tokens = security.findall(f"{{{WSSE}}}BinarySecurityToken")
    if ref is not None and (ref.get("URI") or "").startswith("#"):
        wanted = (ref.get("URI") or "")[1:]
        tokens = [t for t in tokens if t.get(f"{{{WSU}}}Id") == wanted]
    if len(tokens) != 1:
        raise SignatureError("no unique BinarySecurityToken for the signature")
    try:
        return x509.load_der_x509_certificate(
            base64.b64decode("".join((tokens[0].text or "").split()))
        )
    except ValueError as exc:
        raise SignatureError("the BinarySecurityToken is not an X.509 certificate") from exc


def sign(envelope: etree._Element, keys: KeyPair, *, now: datetime, lifetime_s: int = 300) -> None:
    """Add a ``wsse:Security`` header signing the Timestamp, every wsa header and the Body."""
    header = child(envelope, "Header")
    body = child(envelope, "Body")
    if header is None or body is None:
        raise ValueError("envelope needs a Header and a Body")
    security = etree.SubElement(header, f"{{{WSSE}}}Security", nsmap={"wsse": WSSE, "wsu": WSU})
    token_id = f"SecurityToken-{uuid.uuid4()}"
    der = keys.certificate.public_bytes(encoding=Encoding.DER)
    stamp = etree.SubElement(security, f"{{{WSU}}}Timestamp")
    stamp.set(f"{{{WSU}}}Id", f"Timestamp-{uuid.uuid4()}")
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    etree.SubElement(stamp, f"{{{WSU}}}Created").text = now.astimezone(UTC).strftime(fmt)
    expires = now + timedelta(seconds=lifetime_s)
    etree.SubElement(stamp, f"{{{WSU}}}Expires").text = expires.astimezone(UTC).strftime(fmt)
    bst = etree.SubElement(
        security, f"{{{WSSE}}}BinarySecurityToken", EncodingType=_B64, ValueType=_X509
    )
    bst.set(f"{{{WSU}}}Id", token_id)
    bst.text = base64.b64encode(der).decode()
    parts = [el for el in children(header) if etree.QName(el).namespace == WSA] + [body, stamp]
    sig = etree.SubElement(security, f"{{{DS}}}Signature", nsmap={None: DS})  # type: ignore[dict-item]
    info = etree.SubElement(sig, f"{{{DS}}}SignedInfo")
    etree.SubElement(info, f"{{{DS}}}CanonicalizationMethod", Algorithm=C14N)
    etree.SubElement(info, f"{{{DS}}}SignatureMethod", Algorithm=RSA_SHA256)
    for part in parts:
        part_id = part.get(f"{{{WSU}}}Id")
        if part_id is None:
            part_id = f"Id-{uuid.uuid4()}"
            part.set(f"{{{WSU}}}Id", part_id)
        ref = etree.SubElement(info, f"{{{DS}}}Reference", URI=f"#{part_id}")
        transforms = etree.SubElement(ref, f"{{{DS}}}Transforms")
        etree.SubElement(transforms, f"{{{DS}}}Transform", Algorithm=C14N)
        etree.SubElement(ref, f"{{{DS}}}DigestMethod", Algorithm=SHA256)
        digest = hashlib.sha256(_c14n(part, [])).digest()
        etree.SubElement(ref, f"{{{DS}}}DigestValue").text = base64.b64encode(digest).decode()
    value = keys.key.sign(_c14n(info, []), padding.PKCS1v15(), hashes.SHA256())
    etree.SubElement(sig, f"{{{DS}}}SignatureValue").text = base64.b64encode(value).decode()
    key_info = etree.SubElement(sig, f"{{{DS}}}KeyInfo")
    str_el = etree.SubElement(key_info, f"{{{WSSE}}}SecurityTokenReference")
    etree.SubElement(str_el, f"{{{WSSE}}}Reference", URI=f"#{token_id}", ValueType=_X509)
