"""WS-Security for RIO: one XML signature over the Timestamp, each WS-Addressing header and Body.

``Signature(key).apply(envelope)`` adds ``wsse:Security`` with a BinarySecurityToken (our X.509
certificate), a ``ds:Signature`` (exclusive c14n, rsa-sha256, sha256 digests, one Reference per
part, InclusiveNamespaces as DUO's own test clients send them) and a ``wsu:Timestamp``.
``SignatureVerifier().verify(envelope, now=…)`` checks any signed message, request or response:
every digest, the SignatureValue with the token's key, that the Body, the Timestamp and every
WS-Addressing header are covered (and are the elements where SOAP puts them, against signature
wrapping), the Timestamp window and the certificate's validity at ``now``, and optionally the
chain against a trust store. Canonicalisation is lxml's exc-c14n; cryptography does the RSA.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from edudex_rio.rio.envelope import NS
from edudex_rio.rio.faults import SignatureError
from edudex_rio.rio.keys import SigningKey, TrustStore

__all__ = ["Signature", "SignatureVerifier", "VerifiedMessage", "message_created", "verify"]

_SOAP, _WSA, _WSSE, _WSU, _DS, _EC = (NS[p] for p in ("soapenv", "wsa", "wsse", "wsu", "ds", "ec"))
_WSU_ID = f"{{{_WSU}}}Id"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
_X509V3 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"
_BASE64 = (
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary"
)
_DIGESTS = {SHA256: hashlib.sha256, "http://www.w3.org/2001/04/xmlenc#sha512": hashlib.sha512}
_SIGNATURES: dict[str, hashes.HashAlgorithm] = {
    RSA_SHA256: hashes.SHA256(),
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": hashes.SHA512(),
}
#: Inclusive prefixes per part, exactly as the client DUO has accepted for years sends them.
_PREFIXES = {"wsa": "duo soapenv", "Body": "duo", "Timestamp": "wsse wsa duo soapenv"}
_SIGNED_INFO_PREFIXES = "wsa duo soapenv"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _c14n(element: etree._Element, prefixes: str | None) -> bytes:
    inclusive = [p for p in (prefixes or "").split() if p != "#default"]
    return etree.tostring(
        element, method="c14n", exclusive=True, with_comments=False, inclusive_ns_prefixes=inclusive
    )


def _timestamp(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _parse_time(text: str | None, what: str) -> datetime:
    try:
        value = datetime.fromisoformat((text or "").strip())
    except ValueError as exc:
        raise SignatureError(f"wsu:Timestamp has no valid {what}") from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _parts(root: etree._Element) -> tuple[etree._Element, etree._Element, list[etree._Element]]:
    if root.tag != _q(_SOAP, "Envelope"):
        raise SignatureError("not a SOAP 1.1 envelope")
    header, body = root.find(_q(_SOAP, "Header")), root.find(_q(_SOAP, "Body"))
    if header is None or body is None:
        raise SignatureError("envelope lacks Header or Body")
    return header, body, [child for child in header if etree.QName(child).namespace == _WSA]


class Signature:
    """Signs envelopes with one key: ``apply`` adds ``wsse:Security`` in front of the headers."""

    def __init__(self, key: SigningKey, *, lifetime: timedelta = timedelta(minutes=10)) -> None:
        self.key = key
        self.lifetime = lifetime

    def apply(self, envelope: etree._Element, *, now: datetime | None = None) -> etree._Element:
        """Return a signed copy of ``envelope`` (existing ``wsu:Id``s are kept).

        The copy is made by serialising and re-parsing, so digests are computed over exactly the
        tree a receiver will parse; send it with ``envelope.serialize``.
        """
        header, body, wsa_headers = _parts(envelope)
        if header.find(_q(_WSSE, "Security")) is not None:
            raise SignatureError("envelope is already signed")
        for element in [*wsa_headers, body]:
            if element.get(_WSU_ID) is None:
                element.set(_WSU_ID, f"id-{etree.QName(element).localname}")
        created = now or datetime.now(UTC)
        skeleton = etree.fromstring(etree.tostring(envelope), parser=_PARSER)
        header, body, wsa_headers = _parts(skeleton)
        security = etree.Element(_q(_WSSE, "Security"), nsmap={"wsse": _WSSE})
        header.insert(0, security)
        token_id = f"X509-{uuid.uuid4()}"
        token = etree.SubElement(
            security,
            _q(_WSSE, "BinarySecurityToken"),
            {"EncodingType": _BASE64, "ValueType": _X509V3, _WSU_ID: token_id},
        )
        der = self.key.certificate.public_bytes(encoding=Encoding.DER)
        token.text = base64.b64encode(der).decode("ascii")
        signature = etree.SubElement(security, _q(_DS, "Signature"), nsmap={"ds": _DS})
        timestamp = etree.SubElement(security, _q(_WSU, "Timestamp"), {_WSU_ID: "id-Timestamp"})
        etree.SubElement(timestamp, _q(_WSU, "Created")).text = _timestamp(created)
        etree.SubElement(timestamp, _q(_WSU, "Expires")).text = _timestamp(created + self.lifetime)
        targets = [(str(e.get(_WSU_ID)), _PREFIXES["wsa"]) for e in wsa_headers]
        targets += [(str(body.get(_WSU_ID)), _PREFIXES["Body"])]
        targets += [("id-Timestamp", _PREFIXES["Timestamp"])]

        signed_info = etree.SubElement(signature, _q(_DS, "SignedInfo"), nsmap={"ec": _EC})
        method = etree.SubElement(signed_info, _q(_DS, "CanonicalizationMethod"))
        method.set("Algorithm", EXC_C14N)
        etree.SubElement(method, _q(_EC, "InclusiveNamespaces"), PrefixList=_SIGNED_INFO_PREFIXES)
        etree.SubElement(signed_info, _q(_DS, "SignatureMethod"), Algorithm=RSA_SHA256)
        for target_id, prefixes in targets:
            reference = etree.SubElement(signed_info, _q(_DS, "Reference"), URI=f"#{target_id}")
            transform = etree.SubElement(
                etree.SubElement(reference, _q(_DS, "Transforms")),
                _q(_DS, "Transform"),
                Algorithm=EXC_C14N,
            )
            etree.SubElement(transform, _q(_EC, "InclusiveNamespaces"), PrefixList=prefixes)
            etree.SubElement(reference, _q(_DS, "DigestMethod"), Algorithm=SHA256)
            etree.SubElement(reference, _q(_DS, "DigestValue"))
        etree.SubElement(signature, _q(_DS, "SignatureValue"))
        reference_holder = etree.SubElement(
            etree.SubElement(signature, _q(_DS, "KeyInfo")), _q(_WSSE, "SecurityTokenReference")
        )
        etree.SubElement(
            reference_holder, _q(_WSSE, "Reference"), URI=f"#{token_id}", ValueType=_X509V3
        )
        # Digests and signature over the re-parsed tree: what the receiver will see.
        signed = etree.fromstring(etree.tostring(skeleton), parser=_PARSER)
        ids = _index_ids(signed)
        final_info = signed.find(f".//{_q(_DS, 'SignedInfo')}")
        assert final_info is not None
        for reference in final_info.iter(_q(_DS, "Reference")):
            inclusive = reference.find(f".//{_q(_EC, 'InclusiveNamespaces')}")
            assert inclusive is not None
            target = ids[reference.get("URI", "")[1:]]
            digest = hashlib.sha256(_c14n(target, inclusive.get("PrefixList"))).digest()
            value_element = reference.find(_q(_DS, "DigestValue"))
            assert value_element is not None
            value_element.text = base64.b64encode(digest).decode("ascii")
        value = self.key.private_key.sign(
            _c14n(final_info, _SIGNED_INFO_PREFIXES), padding.PKCS1v15(), hashes.SHA256()
        )
        signature_value = signed.find(f".//{_q(_DS, 'SignatureValue')}")
        assert signature_value is not None
        signature_value.text = base64.b64encode(value).decode("ascii")
        return signed


@dataclass(frozen=True, kw_only=True)
class VerifiedMessage:
    """What a successful verification established."""

    certificate: x509.Certificate
    created: datetime
    expires: datetime | None
    signed_ids: tuple[str, ...]
    chain: tuple[x509.Certificate, ...] = ()


def message_created(envelope: etree._Element) -> datetime:
    """The ``wsu:Created`` of the message's Timestamp (to judge recorded messages at their time)."""
    created = envelope.find(
        f".//{_q(_WSSE, 'Security')}/{_q(_WSU, 'Timestamp')}/{_q(_WSU, 'Created')}"
    )
    if created is None:
        raise SignatureError("message has no wsu:Timestamp/wsu:Created")
    return _parse_time(created.text, "Created")


class SignatureVerifier:
    """Verifies the WS-Security signature of requests (sandbox, EK0031) and responses (client)."""

    def __init__(
        self,
        *,
        trust: TrustStore | None = None,
        clock_skew: timedelta = timedelta(minutes=5),
        require_expires: bool = True,
    ) -> None:
        self.trust = trust
        self.clock_skew = clock_skew
        self.require_expires = require_expires

    def verify(self, envelope: etree._Element, *, now: datetime | None = None) -> VerifiedMessage:
        """Return what was verified, or raise ``SignatureError`` naming the first problem."""
        moment = now or datetime.now(UTC)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        header, body, wsa_headers = _parts(envelope)
        securities = header.findall(_q(_WSSE, "Security"))
        if len(securities) != 1:
            raise SignatureError(f"expected one wsse:Security header, found {len(securities)}")
        security = securities[0]
        signatures = security.findall(_q(_DS, "Signature"))
        timestamps = security.findall(_q(_WSU, "Timestamp"))
        if len(signatures) != 1 or len(timestamps) != 1:
            raise SignatureError("wsse:Security must hold one ds:Signature and one wsu:Timestamp")
        signature, timestamp = signatures[0], timestamps[0]
        ids = _index_ids(envelope)
        signed_info = signature.find(_q(_DS, "SignedInfo"))
        if signed_info is None:
            raise SignatureError("ds:Signature without SignedInfo")
        signed = _check_references(signed_info, ids)
        required = {"Body": body, "Timestamp": timestamp}
        required.update({etree.QName(h).localname: h for h in wsa_headers})
        for name, element in required.items():
            if not any(element is target for target in signed):
                raise SignatureError(f"{name} is not covered by the signature")
        certificate = _token_certificate(signature, ids)
        _check_signature_value(signature, signed_info, certificate)
        created, expires = self._check_timestamp(timestamp, moment)
        chain: tuple[x509.Certificate, ...] = ()
        if self.trust is not None:
            chain = self.trust.check(certificate, at=moment)
        else:
            TrustStore(anchors=(certificate,)).check(certificate, at=moment)
        return VerifiedMessage(
            certificate=certificate,
            created=created,
            expires=expires,
            signed_ids=tuple(str(e.get(_WSU_ID)) for e in signed),
            chain=chain,
        )

    def _check_timestamp(
        self, timestamp: etree._Element, moment: datetime
    ) -> tuple[datetime, datetime | None]:
        created = _parse_time(timestamp.findtext(_q(_WSU, "Created")), "Created")
        expires_text = timestamp.findtext(_q(_WSU, "Expires"))
        if expires_text is None and self.require_expires:
            raise SignatureError("wsu:Timestamp has no Expires")
        expires = _parse_time(expires_text, "Expires") if expires_text is not None else None
        if created > moment + self.clock_skew:
            raise SignatureError(f"message created in the future ({created.isoformat()})")
        if expires is not None and expires <= created:
            raise SignatureError("wsu:Timestamp expires before it was created")
        if expires is not None and moment > expires + self.clock_skew:
            raise SignatureError(f"message expired at {expires.isoformat()}")
        return created, expires


def verify(
    envelope: etree._Element,
    *,
    now: datetime | None = None,
    trust: TrustStore | None = None,
    clock_skew: timedelta = timedelta(minutes=5),
) -> VerifiedMessage:
    """Shorthand for ``SignatureVerifier(trust=…, clock_skew=…).verify(envelope, now=now)``."""
    return SignatureVerifier(trust=trust, clock_skew=clock_skew).verify(envelope, now=now)


def _index_ids(root: etree._Element) -> dict[str, etree._Element]:
    ids: dict[str, etree._Element] = {}
    duplicates: set[str] = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in (_WSU_ID, "Id", "ID"):
            value = element.get(attribute)
            if value is None:
                continue
            if value in ids and ids[value] is not element:
                duplicates.add(value)
            ids[value] = element
    if duplicates:
        raise SignatureError(f"duplicate Id values: {', '.join(sorted(duplicates))}")
    return ids


def _inclusive_prefixes(method: etree._Element) -> str | None:
    inclusive = method.find(_q(_EC, "InclusiveNamespaces"))
    return None if inclusive is None else inclusive.get("PrefixList", "")


def _check_references(
    signed_info: etree._Element, ids: dict[str, etree._Element]
) -> list[etree._Element]:
    method = signed_info.find(_q(_DS, "CanonicalizationMethod"))
    if method is None or method.get("Algorithm") != EXC_C14N:
        raise SignatureError("SignedInfo must use exclusive c14n")
    references = signed_info.findall(_q(_DS, "Reference"))
    if not references:
        raise SignatureError("signature has no references")
    signed: list[etree._Element] = []
    for reference in references:
        uri = reference.get("URI", "")
        if not uri.startswith("#") or uri[1:] not in ids:
            raise SignatureError(f"reference {uri!r} does not point to an element of the message")
        element = ids[uri[1:]]
        transforms = reference.findall(f"{_q(_DS, 'Transforms')}/{_q(_DS, 'Transform')}")
        if len(transforms) != 1 or transforms[0].get("Algorithm") != EXC_C14N:
            raise SignatureError(f"reference {uri}: only one exc-c14n transform is supported")
        digest_method = reference.find(_q(_DS, "DigestMethod"))
        algorithm = _DIGESTS.get(
            "" if digest_method is None else digest_method.get("Algorithm", "")
        )
        if algorithm is None:
            raise SignatureError(f"reference {uri}: digest algorithm not allowed (SHA-2 only)")
        expected = _b64(reference.findtext(_q(_DS, "DigestValue")), f"DigestValue of {uri}")
        actual = algorithm(_c14n(element, _inclusive_prefixes(transforms[0]))).digest()
        if actual != expected:
            name = etree.QName(element).localname
            raise SignatureError(f"digest of {name} ({uri}) does not match: content was changed")
        signed.append(element)
    return signed


def _b64(text: str | None, what: str) -> bytes:
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError(f"{what} is not base64") from exc


def _token_certificate(
    signature: etree._Element, ids: dict[str, etree._Element]
) -> x509.Certificate:
    reference = signature.find(
        f"{_q(_DS, 'KeyInfo')}/{_q(_WSSE, 'SecurityTokenReference')}/{_q(_WSSE, 'Reference')}"
    )
    if reference is None or not reference.get("URI", "").startswith("#"):
        raise SignatureError("KeyInfo does not reference a BinarySecurityToken")
    token = ids.get(reference.get("URI", "")[1:])
    if token is None or token.tag != _q(_WSSE, "BinarySecurityToken"):
        raise SignatureError("KeyInfo reference does not point to a BinarySecurityToken")
    if token.get("ValueType") != _X509V3:
        raise SignatureError("BinarySecurityToken is not an X.509v3 certificate")
    try:
        return x509.load_der_x509_certificate(_b64(token.text, "BinarySecurityToken"))
    except ValueError as exc:
        raise SignatureError("BinarySecurityToken holds no readable certificate") from exc


def _check_signature_value(
    signature: etree._Element, signed_info: etree._Element, certificate: x509.Certificate
) -> None:
    method = signed_info.find(_q(_DS, "SignatureMethod"))
    algorithm = _SIGNATURES.get("" if method is None else method.get("Algorithm", ""))
    if algorithm is None:
        raise SignatureError("signature method not allowed (rsa-sha256 expected)")
    public_key = certificate.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise SignatureError("the signing certificate does not hold an RSA key")
    canonical_method = signed_info.find(_q(_DS, "CanonicalizationMethod"))
    assert canonical_method is not None  # checked in _check_references
    data = _c14n(signed_info, _inclusive_prefixes(canonical_method))
    value = _b64(signature.findtext(_q(_DS, "SignatureValue")), "SignatureValue")
    try:
        public_key.verify(value, data, padding.PKCS1v15(), algorithm)
    except InvalidSignature as exc:
        raise SignatureError("SignatureValue does not verify with the token's key") from exc
