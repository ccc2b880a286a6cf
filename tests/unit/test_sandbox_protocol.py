"""The protocol checks in DUO's order: envelope, SOAPAction and WS-Addressing, signature, XSD,
business document id, authorisation — each refused with DUO's fault; hostile XML never crashes."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edudex_rio.rio import envelope as rio_envelope
from edudex_rio.rio.faults import SignatureError
from edudex_rio.rio.keys import TrustStore
from edudex_rio.rio.signing import Signature, verify
from edudex_rio.sandbox.core import Sandbox
from edudex_rio.sandbox.xmlutil import WSA
from tests.sandbox_kit import (
    AANBIEDER,
    NOW,
    SENDER,
    Answer,
    call,
    client_key,
    make_sandbox,
    payload,
    read_answer,
    server_keys,
)

OPERATION = "opvragen_onderwijsaanbieder"
INNER = f"<duo:onderwijsaanbiedercode>{AANBIEDER}</duo:onderwijsaanbiedercode>"
Edit = Callable[[etree._Element], None]


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    box = make_sandbox()
    yield box
    box.close()


def _header(env: etree._Element, name: str) -> etree._Element:
    found = env.find(f"{{*}}Header/{{{WSA}}}{name}")
    assert found is not None
    return found


def _drop(name: str) -> Edit:
    return lambda env: _header(env, name).getparent().remove(_header(env, name))  # type: ignore[union-attr]


def _set(name: str, value: str) -> Edit:
    def edit(env: etree._Element) -> None:
        target = _header(env, name)
        if name == "From":
            target = target[0]
        target.text = value

    return edit


def _envelope(
    *,
    inner: str = INNER,
    operation: str = OPERATION,
    sender: str = SENDER,
    before_signing: Edit | None = None,
    after_signing: Edit | None = None,
    sign: bool = True,
    signed_at: timedelta = timedelta(0),
    payload_of: str | None = None,
) -> bytes:
    env = rio_envelope.build_envelope(
        payload(payload_of or operation, inner, service="raadplegen", sender=sender),
        service=rio_envelope.Service.RAADPLEGEN,
        operation=operation,
        sender_oin=sender,
    )
    if before_signing:
        before_signing(env)
    if sign:
        env = Signature(client_key()).apply(env, now=NOW + signed_at)
    if after_signing:
        after_signing(env)
    return rio_envelope.serialize(env)


def _garble_signature_value(env: etree._Element) -> None:
    value = next(e for e in env.iter() if etree.QName(e).localname == "SignatureValue")
    value.text = "abcde"  # 5 base64 characters cannot be decoded


def _tamper_body(env: etree._Element) -> None:
    code = next(e for e in env.iter() if etree.QName(e).localname == "onderwijsaanbiedercode")
    code.text = "999A999"


ACTION = f"http://duo.nl/contract/DUO_RIO_Raadplegen_OnderwijsOrganisatie_V4/{OPERATION}"
FAULTS: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("not-soap", lambda: b"<?xml version='1.0'?><hallo/>", ACTION, "VersionMismatch.DK0001"),
    ("soapaction-unknown", _envelope, ACTION + "X", "Client.DK0003"),
    (
        "to-missing",
        lambda: _envelope(before_signing=_drop("To"), sign=False),
        ACTION,
        "Client.DK0005",
    ),
    (
        "action-missing",
        lambda: _envelope(before_signing=_drop("Action"), sign=False),
        ACTION,
        "Client.DK0006",
    ),
    (
        "messageid-missing",
        lambda: _envelope(before_signing=_drop("MessageID"), sign=False),
        ACTION,
        "Client.DK0007",
    ),
    (
        "action-differs-from-soapaction",
        _envelope,
        ACTION.replace(OPERATION, "opvragen_onderwijslocatie"),
        "Client.DK0011",
    ),
    (
        "to-other-oin",
        lambda: _envelope(
            before_signing=_set(
                "To", "https://duo.nl/RIO/services/raadplegen4.0?oin=00000001999999999000"
            )
        ),
        ACTION,
        "Client.DK0011",
    ),
    (
        "to-without-oin",
        lambda: _envelope(before_signing=_set("To", "https://duo.nl/RIO/services/raadplegen4.0")),
        ACTION,
        "Client.EK0022",
    ),
    (
        "from-missing",
        lambda: _envelope(before_signing=_drop("From"), sign=False),
        ACTION,
        "Client.EK0020",
    ),
    (
        "from-without-oin",
        lambda: _envelope(
            before_signing=_set("From", "http://www.w3.org/2005/08/addressing/anonymous")
        ),
        ACTION,
        "Client.EK0021",
    ),
    (
        "from-bad-oin",
        lambda: _envelope(
            before_signing=_set("From", "http://www.w3.org/2005/08/addressing/anonymous?oin=12AB")
        ),
        ACTION,
        "Client.EK0021",
    ),
    (
        "messageid-not-uuid",
        lambda: _envelope(before_signing=_set("MessageID", "bericht-1")),
        ACTION,
        "Client.EK0023",
    ),
    ("unsigned", lambda: _envelope(sign=False), ACTION, "Client.EK0031"),
    (
        "body-changed-after-signing",
        lambda: _envelope(after_signing=_tamper_body),
        ACTION,
        "Client.EK0031",
    ),
    (
        "from-changed-after-signing",
        lambda: _envelope(
            after_signing=_set(
                "From", "http://www.w3.org/2005/08/addressing/anonymous?oin=00000003999999990000"
            )
        ),
        ACTION,
        "Client.EK0031",
    ),
    (
        "signature-value-not-base64",
        lambda: _envelope(after_signing=_garble_signature_value),
        ACTION,
        "Client.EK0031",
    ),
    (
        "signature-expired",
        lambda: _envelope(signed_at=-timedelta(hours=1)),
        ACTION,
        "Client.EK0031",
    ),
    (
        "xsd-bad-code",
        lambda: _envelope(inner=INNER.replace(AANBIEDER, "A-123")),
        ACTION,
        "Client.DK0004",
    ),
    (
        "xsd-unknown-element",
        lambda: _envelope(inner=INNER + "<duo:extra>1</duo:extra>"),
        ACTION,
        "Client.DK0004",
    ),
    (
        "payload-of-another-operation",
        lambda: _envelope(payload_of="opvragen_onderwijslocatie"),
        ACTION,
        "Client.DK0004",
    ),
]


@pytest.mark.parametrize(
    ("build", "soap_action", "expected"),
    [f[1:] for f in FAULTS],
    ids=[f[0] for f in FAULTS],
)
def test_a_protocol_error_is_refused_with_duos_fault(
    sandbox: Sandbox, build: Callable[[], bytes], soap_action: str, expected: str
) -> None:
    answer = call(sandbox, OPERATION, "", service="raadplegen", raw=build(), action=soap_action)
    assert answer.status == 500
    assert answer.fault_code == expected
    assert answer.root is not None
    verify(answer.root, now=NOW, trust=TrustStore(anchors=(server_keys().certificate,)))


def test_the_control_request_is_accepted(sandbox: Sandbox) -> None:
    answer = call(sandbox, OPERATION, "", service="raadplegen", raw=_envelope(), action=ACTION)
    assert answer.goedgekeurd
    relates = answer.root.find(f"{{*}}Header/{{{WSA}}}RelatesTo")  # type: ignore[union-attr]
    assert relates is not None
    assert relates.text


def test_a_reused_business_document_id_is_refused(sandbox: Sandbox) -> None:
    ident = str(uuid.uuid4())
    inner_payload = payload(OPERATION, INNER, service="raadplegen").decode()
    first = inner_payload.split("<duo:identificatiecodeBedrijfsdocument>")[1].split("<")[0]
    fixed = inner_payload.replace(first, ident).encode()

    def build() -> bytes:
        env = rio_envelope.build_envelope(
            fixed, service=rio_envelope.Service.RAADPLEGEN, operation=OPERATION, sender_oin=SENDER
        )
        return rio_envelope.serialize(Signature(client_key()).apply(env, now=NOW))

    assert call(
        sandbox, OPERATION, "", service="raadplegen", raw=build(), action=ACTION
    ).goedgekeurd
    again = call(sandbox, OPERATION, "", service="raadplegen", raw=build(), action=ACTION)
    assert again.fault_code == "Server.DK0050"


def test_an_unauthorised_sender_is_refused_with_aut401(sandbox: Sandbox) -> None:
    from tests.sandbox_requests import AO, VREEMDE_OIN

    answer = call(sandbox, "aanleveren_aangebodenOpleiding", AO, sender=VREEMDE_OIN)
    assert answer.fault_code is None
    assert set(answer.foutcodes) == {"AUT401"}  # for the programme and for the aanbieder


HOSTILE = [
    b"",
    b"\x00\x01\x02",
    b"<a><b></a>",
    b'<?xml version="1.0" encoding="UTF-16"?><a/>',
    b'<!DOCTYPE lol [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><a>&c;&c;&c;&c;</a>',
    b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
    b'<!DOCTYPE a [<!ENTITY x SYSTEM "http://127.0.0.1:1/x">]><a>&x;</a>',
    b'<?xml-stylesheet href="http://127.0.0.1:1/x.xsl"?><a/>',
    b"<a>" * 100_000 + b"</a>" * 100_000,
    b'<a xmlns:x="' + b"x" * 1_000_000 + b'"/>',
    b"<soapenv:Envelope xmlns:soapenv='http://schemas.xmlsoap.org/soap/envelope/'>"
    b"<soapenv:Body/></soapenv:Envelope>",
    b"<soapenv:Envelope xmlns:soapenv='http://schemas.xmlsoap.org/soap/envelope/'>"
    b"<soapenv:Header><wsa:Action xmlns:wsa='http://www.w3.org/2005/08/addressing'>"
    + ACTION.encode()
    + b"</wsa:Action></soapenv:Header><soapenv:Body><x/></soapenv:Body></soapenv:Envelope>",
]


@pytest.mark.parametrize("body", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_hostile_xml_is_refused_and_never_crashes(sandbox: Sandbox, body: bytes) -> None:
    response = sandbox.handle("/RIO/services/raadplegen4.0", body, {"SOAPAction": ACTION})
    answer = read_answer(response.status, response.body)
    assert response.status == 500
    assert answer.fault_code is not None
    assert answer.fault_code.startswith(("VersionMismatch.", "Client."))
    assert b"root:" not in response.body


def test_signature_and_envelope_tampering_after_sandbox_signing_is_detected(
    sandbox: Sandbox,
) -> None:
    answer = call(sandbox, OPERATION, "", service="raadplegen", raw=_envelope(), action=ACTION)
    assert answer.root is not None
    _tamper_body(answer.root)
    with pytest.raises(SignatureError, match="changed"):
        verify(answer.root, now=NOW, trust=TrustStore(anchors=(server_keys().certificate,)))


def test_every_answer_is_signed_by_the_sandbox(sandbox: Sandbox) -> None:
    answer: Answer = call(sandbox, OPERATION, INNER, service="raadplegen")
    assert answer.root is not None
    verified = verify(answer.root, now=NOW, trust=TrustStore(anchors=(server_keys().certificate,)))
    assert verified.certificate == server_keys().certificate


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    flips=st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=3)),
        min_size=1,
        max_size=4,
    )
)
def test_random_byte_damage_gets_a_client_fault_or_an_answer_never_an_internal_error(
    sandbox: Sandbox, flips: list[tuple[float, bytes]]
) -> None:
    body = bytearray(_control_envelope())
    for where, junk in flips:
        at = int(where * len(body))
        body[at : at + len(junk)] = junk
    response = sandbox.handle("/RIO/services/raadplegen4.0", bytes(body), {"SOAPAction": ACTION})
    answer = read_answer(response.status, response.body)
    if response.status == 200:
        assert answer.payload is not None
    else:
        assert response.status == 500
        assert answer.fault_code is not None
        # the same envelope may have been accepted before: then its document id is used up
        reused = answer.fault_code == "Server.DK0050" and b"is al gebruikt" in response.body
        assert reused or answer.fault_code.startswith(("VersionMismatch.", "Client."))


@functools.cache
def _control_envelope() -> bytes:
    return _envelope()
