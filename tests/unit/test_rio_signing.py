from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from edudex_rio.rio.envelope import NS, Service, build_envelope, parse_xml, serialize
from edudex_rio.rio.faults import RioConfigurationError, SignatureError
from edudex_rio.rio.keys import SigningKey, TrustStore, load_signing_key
from edudex_rio.rio.signing import Signature, SignatureVerifier, message_created, verify
from tests import rio_pki

NOW = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)
BEHEREN = Service.BEHEREN.schema_namespace
WSU_ID = f"{{{NS['wsu']}}}Id"


def _signed(key: SigningKey | None = None, now: datetime = NOW) -> bytes:
    payload = etree.Element(f"{{{BEHEREN}}}verwijderen_opleidingseenheid_request")
    etree.SubElement(payload, f"{{{BEHEREN}}}opleidingseenheidcode").text = "1234O4321"
    envelope = build_envelope(
        payload,
        service=Service.BEHEREN,
        operation="verwijderen_opleidingseenheid",
        sender_oin="00000003123456780000",
    )
    signer = Signature(key or rio_pki.leaf().signing_key)
    return serialize(signer.apply(envelope, now=now))


def _trust() -> TrustStore:
    return TrustStore(anchors=(rio_pki.root_ca().certificate,))


def test_signed_message_verifies_with_chain() -> None:
    root = parse_xml(_signed())
    result = verify(root, now=NOW + timedelta(seconds=5), trust=_trust())
    assert result.certificate == rio_pki.leaf().certificate
    assert result.created == NOW.replace(microsecond=123000)
    assert result.expires == result.created + timedelta(minutes=10)
    assert set(result.signed_ids) == {
        "id-Action",
        "id-From",
        "id-MessageID",
        "id-To",
        "id-Body",
        "id-Timestamp",
    }
    assert result.chain[-1] == rio_pki.root_ca().certificate


def test_security_header_layout_follows_recorded_requests() -> None:
    root = parse_xml(_signed())
    header = root[0]
    assert [etree.QName(c).localname for c in header] == [
        "Security",
        "Action",
        "From",
        "MessageID",
        "To",
    ]
    security = header[0]
    assert [etree.QName(c).localname for c in security] == [
        "BinarySecurityToken",
        "Signature",
        "Timestamp",
    ]
    signed_info = security[1][0]
    assert signed_info[0].get("Algorithm") == "http://www.w3.org/2001/10/xml-exc-c14n#"
    assert signed_info[1].get("Algorithm").endswith("rsa-sha256")
    assert security[0].get(WSU_ID).startswith("X509-")
    assert message_created(root) == NOW.replace(microsecond=123000)
    created = security[2][0].text
    assert created == "2026-03-01T12:00:00.123Z"


def _replace_text(tag: str, new: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        element = next(root.iter(tag))
        element.text = new

    return change


def _swap_body(root: etree._Element) -> None:
    body = root[1]
    body[0][0].text = "9999O9999"


def _move_signed_body(root: etree._Element) -> None:
    """Signature wrapping: keep the signed Body in the header, put a new one in its place."""
    body = root[1]
    root[0].append(body)
    fresh = etree.SubElement(root, f"{{{NS['soapenv']}}}Body")
    fresh.append(etree.fromstring(etree.tostring(body[0])))


def _drop_reference(name: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        for ref in root.iter(f"{{{NS['ds']}}}Reference"):
            if ref.get("URI") == f"#id-{name}":
                ref.getparent().remove(ref)

    return change


def _duplicate_id(root: etree._Element) -> None:
    extra = etree.SubElement(root[0], "extra")
    extra.set(WSU_ID, "id-Body")


def _other_key(root: etree._Element) -> None:
    token = next(root.iter(f"{{{NS['wsse']}}}BinarySecurityToken"))
    der = rio_pki.leaf("other.example").certificate.public_bytes(Encoding.DER)
    token.text = base64.b64encode(der).decode()


TAMPERS = {
    "body": _swap_body,
    "action": _replace_text(f"{{{NS['wsa']}}}Action", "http://example.org/other"),
    "message-id": _replace_text(
        f"{{{NS['wsa']}}}MessageID", "urn:uuid:00000000-0000-0000-0000-000000000000"
    ),
    "to": _replace_text(f"{{{NS['wsa']}}}To", "https://evil.example/?oin=1"),
    "timestamp-expires": _replace_text(f"{{{NS['wsu']}}}Expires", "2036-03-01T12:10:00.123Z"),
    "timestamp-created": _replace_text(f"{{{NS['wsu']}}}Created", "2026-03-01T12:00:01.123Z"),
    "signature-value": _replace_text(
        f"{{{NS['ds']}}}SignatureValue", base64.b64encode(b"x" * 256).decode()
    ),
    "digest-value": _replace_text(
        f"{{{NS['ds']}}}DigestValue", base64.b64encode(b"y" * 32).decode()
    ),
    "wrapped-body": _move_signed_body,
    "unsigned-timestamp": _drop_reference("Timestamp"),
    "unsigned-from": _drop_reference("From"),
    "duplicate-id": _duplicate_id,
    "foreign-token": _other_key,
}


@pytest.mark.parametrize("tamper", list(TAMPERS.values()), ids=list(TAMPERS))
def test_tampering_fails_verification(tamper: Callable[[etree._Element], None]) -> None:
    root = parse_xml(_signed())
    tamper(root)
    with pytest.raises(SignatureError):
        verify(parse_xml(serialize(root)), now=NOW, trust=_trust())


def test_unsigned_message_is_rejected() -> None:
    envelope = build_envelope(
        etree.Element(f"{{{BEHEREN}}}x"), service=Service.BEHEREN, operation="x", sender_oin="1"
    )
    with pytest.raises(SignatureError, match="one wsse:Security"):
        verify(envelope, now=NOW)


@pytest.mark.parametrize(
    ("offset", "ok"),
    [
        pytest.param(timedelta(0), True, id="at-creation"),
        pytest.param(timedelta(minutes=14), True, id="within-skew-after-expiry"),
        pytest.param(timedelta(minutes=16), False, id="expired"),
        pytest.param(-timedelta(minutes=4), True, id="slightly-early-clock"),
        pytest.param(-timedelta(minutes=6), False, id="from-the-future"),
    ],
)
def test_timestamp_window(offset: timedelta, ok: bool) -> None:
    root = parse_xml(_signed())
    verifier = SignatureVerifier(clock_skew=timedelta(minutes=5))
    if ok:
        verifier.verify(root, now=NOW + offset)
    else:
        with pytest.raises(SignatureError):
            verifier.verify(root, now=NOW + offset)


def test_untrusted_ca_is_rejected() -> None:
    root = parse_xml(_signed())
    other = TrustStore(anchors=(rio_pki.root_ca("other").certificate,))
    with pytest.raises(SignatureError, match="not issued by a trusted CA"):
        verify(root, now=NOW, trust=other)


def test_expired_certificate_is_rejected() -> None:
    short = rio_pki.leaf("short.example", not_after=datetime(2025, 1, 1, tzinfo=UTC))
    root = parse_xml(_signed(short.signing_key, now=datetime(2026, 1, 1, tzinfo=UTC)))
    with pytest.raises(SignatureError, match="not valid at"):
        verify(root, now=datetime(2026, 1, 1, tzinfo=UTC))
    # ...but a message it signed while valid is judged at its own time.
    old = parse_xml(_signed(short.signing_key, now=datetime(2024, 6, 1, tzinfo=UTC)))
    verify(old, now=message_created(old), trust=_trust())


def test_already_signed_envelope_is_refused() -> None:
    root = parse_xml(_signed())
    with pytest.raises(SignatureError, match="already signed"):
        Signature(rio_pki.leaf().signing_key).apply(root)


def test_load_pem_and_pkcs12(tmp_path: Path) -> None:
    issued = rio_pki.leaf()
    cert, key = issued.write_pem(tmp_path, "client")
    assert load_signing_key(cert, key).certificate == issued.certificate
    combined = tmp_path / "combined.pem"
    combined.write_bytes(issued.cert_pem() + rio_pki.root_ca().cert_pem() + issued.key_pem())
    loaded = load_signing_key(combined)
    assert loaded.chain == (rio_pki.root_ca().certificate,)
    p12 = issued.write_p12(tmp_path, "client", b"geheim")
    assert load_signing_key(p12, password="geheim").certificate == issued.certificate
    with pytest.raises(RioConfigurationError, match="PKCS#12"):
        load_signing_key(p12, password="fout")
    assert "BEGIN" not in repr(loaded)


def test_mismatched_key_is_refused(tmp_path: Path) -> None:
    cert, _ = rio_pki.leaf().write_pem(tmp_path, "a")
    _, other_key = rio_pki.leaf("other.example").write_pem(tmp_path, "b")
    with pytest.raises(RioConfigurationError, match="does not belong"):
        load_signing_key(cert, other_key)


def test_trust_store_from_pem(tmp_path: Path) -> None:
    path = tmp_path / "trust.pem"
    path.write_bytes(rio_pki.root_ca().cert_pem())
    store = TrustStore.from_pem(path)
    assert store.anchors == (rio_pki.root_ca().certificate,)
    verify(parse_xml(_signed()), now=NOW, trust=store)
