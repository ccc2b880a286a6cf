"""RioClient end to end against the in-process RIO sandbox (no socket, no mocks)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from lxml import etree

from edudex_rio.errors import TerminalError, TransientError
from edudex_rio.rio import model as m
from edudex_rio.rio.client import Endpoints, HandlerTransport, RioClient
from edudex_rio.rio.envelope import DUO_OIN, NS, parse_envelope
from edudex_rio.rio.faults import (
    RioProtocolError,
    RioRejectedError,
    RioUnavailableError,
    SignatureError,
    TerminalSoapFaultError,
    TransientSoapFaultError,
)
from edudex_rio.rio.keys import TrustStore
from edudex_rio.rio.signing import SignatureVerifier
from edudex_rio.rio.xsd import XsdValidationError
from edudex_rio.sandbox.core import Sandbox, SandboxConfig, SandboxResponse
from tests.sandbox_kit import AANBIEDER, OE, SENDER, base_seed, client_key, server_keys

ENDPOINTS = Endpoints(
    beheren="http://127.0.0.1:9/RIO/services/beheren4.0",
    raadplegen="http://127.0.0.1:9/RIO/services/raadplegen4.0",
)


def make_sandbox(**config: object) -> Sandbox:
    """A sandbox on the real clock (the test certificates are valid from today)."""
    box = Sandbox(SandboxConfig(database_url="sqlite://", **config), keys=server_keys())  # type: ignore[arg-type]
    box.load_seed(base_seed())
    return box


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    box = make_sandbox()
    yield box
    box.close()


def _client(handler: object, *, signed: bool = True, trust: TrustStore | None = None) -> RioClient:
    return RioClient(
        transport=HandlerTransport(handler),  # type: ignore[arg-type]
        sender_oin=SENDER,
        endpoints=ENDPOINTS,
        signing_key=client_key() if signed else None,
        verifier=SignatureVerifier(trust=trust),
    )


@pytest.fixture(scope="module")
def client(sandbox: Sandbox) -> RioClient:
    return _client(sandbox.handle)


def _particuliere(sleutel: str) -> m.ParticuliereOpleiding:
    return m.ParticuliereOpleiding(
        begindatum=date(2026, 1, 1),
        eigen_opleidingseenheid_sleutel=sleutel,
        perioden=(
            m.ParticuliereOpleidingPeriode(
                begindatum=date(2026, 1, 1), naam_lang="Cursus Python voor analisten"
            ),
        ),
        niveau="ONBEPAALD",
    )


def test_read_is_approved_and_parsed(client: RioClient) -> None:
    response = client.send(m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER))
    assert isinstance(response, m.OpvragenOnderwijsaanbiederResponse)
    assert response.goedgekeurd
    assert response.foutmeldingen == ()
    assert response.onderwijsaanbieder is not None
    assert response.document.verzendende_instantie == DUO_OIN
    assert response.document.ontvangende_instantie == SENDER


def test_eigen_sleutel_resolves(client: RioClient) -> None:
    response = client.send(
        m.OpvragenRioIdentificatiecode(eigen_opleidingseenheid_sleutel="bestaande-sleutel")
    )
    assert isinstance(response, m.OpvragenRioIdentificatiecodeResponse)
    assert response.opleidingseenheidcode == OE


def test_rejection_is_returned_by_send_and_raised_by_send_checked(client: RioClient) -> None:
    request = m.OpvragenRioIdentificatiecode(eigen_opleidingseenheid_sleutel="onbekend")
    response = client.send(request)
    assert not response.goedgekeurd
    assert [f.code for f in response.foutmeldingen] == ["A01161"]
    with pytest.raises(RioRejectedError) as caught:
        client.send_checked(request)
    assert caught.value.codes == ("A01161",)


def test_write_then_read_back(client: RioClient) -> None:
    written = client.send_checked(
        m.AanleverenOpleidingseenheid(opleidingseenheid=_particuliere("client-test-1"))
    )
    assert isinstance(written, m.AanleverenOpleidingseenheidResponse)
    code = written.opleidingseenheidcode
    assert code
    read = client.send_checked(m.OpvragenOpleidingseenheid(opleidingseenheidcode=code))
    assert isinstance(read, m.OpvragenOpleidingseenheidResponse)
    assert read.opleidingseenheid is not None
    assert read.opleidingseenheid.opleidingseenheidcode == code


def test_message_is_addressed_and_signed_as_duo_expects(sandbox: Sandbox) -> None:
    transport = HandlerTransport(sandbox.handle)
    client = replace_transport(_client(sandbox.handle), transport)
    client.send(m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER))
    sent = transport.sent[-1]
    assert sent.url == ENDPOINTS.raadplegen
    envelope = parse_envelope(sent.content)
    addressing = envelope.addressing
    assert addressing is not None
    assert addressing.action == sent.action
    assert sent.action.endswith("Raadplegen_OnderwijsOrganisatie_V4/opvragen_onderwijsaanbieder")
    assert addressing.message_id.startswith("urn:uuid:")
    assert addressing.from_oin == SENDER
    assert addressing.to_oin == DUO_OIN
    verified = SignatureVerifier().verify(envelope.root)
    assert abs(verified.created - datetime.now(UTC)) < timedelta(minutes=1)
    assert len(verified.signed_ids) == 6  # Action, From, MessageID, To, Body, Timestamp
    assert sent.content.startswith(b'<?xml version="1.0" encoding="UTF-8"')


def replace_transport(client: RioClient, transport: HandlerTransport) -> RioClient:
    client.transport = transport
    return client


def test_prepare_gives_the_signed_message_without_sending(sandbox: Sandbox) -> None:
    transport = HandlerTransport(sandbox.handle)
    client = replace_transport(_client(sandbox.handle), transport)
    data = client.prepare(m.VerwijderenOpleidingseenheid(opleidingseenheidcode=OE))
    assert transport.sent == []
    envelope = parse_envelope(data)
    assert envelope.operation == "verwijderen_opleidingseenheid"
    assert envelope.root.find(f".//{{{NS['wsse']}}}Security") is not None


def test_invalid_request_fails_xsd_before_sending(sandbox: Sandbox) -> None:
    transport = HandlerTransport(sandbox.handle)
    client = replace_transport(_client(sandbox.handle), transport)
    with pytest.raises(XsdValidationError) as caught:
        client.send(m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode="geen code"))
    assert "onderwijsaanbiedercode" in str(caught.value)
    assert transport.sent == []


def test_unsigned_request_gets_ek0031_fault(sandbox: Sandbox) -> None:
    with pytest.raises(TerminalSoapFaultError) as caught:
        _client(sandbox.handle, signed=False).send(
            m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER)
        )
    assert caught.value.code == "EK0031"


def test_dk0051_fault_is_retryable() -> None:
    box = make_sandbox(fault_rate=1.0)
    try:
        with pytest.raises(TransientSoapFaultError) as caught:
            _client(box.handle).send(m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER))
    finally:
        box.close()
    assert caught.value.code == "DK0051"
    assert isinstance(caught.value, TransientError)


def test_http_503_is_retryable() -> None:
    def unavailable(path: str, body: bytes, headers: Mapping[str, str]) -> SandboxResponse:
        return SandboxResponse(status=503, body=b"Service Unavailable")

    with pytest.raises(RioUnavailableError):
        _client(unavailable).send(m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER))


def _edit_response(sandbox: Sandbox, old: bytes, new: bytes) -> object:
    def handler(path: str, body: bytes, headers: Mapping[str, str]) -> SandboxResponse:
        answer = sandbox.handle(path, body, headers)
        assert old in answer.body
        return replace(answer, body=answer.body.replace(old, new, 1))

    return handler


def test_edited_response_is_rejected(sandbox: Sandbox) -> None:
    handler = _edit_response(sandbox, b">true<", b">false<")
    with pytest.raises(SignatureError, match="digest"):
        _client(handler).send(m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER))


def test_response_signed_by_an_untrusted_key_is_rejected(sandbox: Sandbox) -> None:
    trusted = TrustStore(anchors=(client_key().certificate,))
    with pytest.raises(SignatureError):
        _client(sandbox.handle, trust=trusted).send(
            m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER)
        )
    pinned = TrustStore(anchors=(server_keys().certificate,))
    response = _client(sandbox.handle, trust=pinned).send(
        m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER)
    )
    assert response.goedgekeurd


def test_answer_to_another_message_is_refused(sandbox: Sandbox) -> None:
    first: list[bytes] = []

    def replay(path: str, body: bytes, headers: Mapping[str, str]) -> SandboxResponse:
        answer = sandbox.handle(path, body, headers)
        first.append(answer.body)
        return replace(answer, body=first[0])

    client = _client(replay)
    request = m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER)
    client.send(request)
    with pytest.raises(RioProtocolError, match="relates to"):
        client.send(request)


def test_expired_response_is_rejected(sandbox: Sandbox) -> None:
    client = _client(sandbox.handle)
    later = datetime.now(UTC) + timedelta(hours=1)
    verifier = client.verifier
    assert verifier is not None
    message = client.prepare_message(m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER))
    answer = sandbox.handle(
        "/RIO/services/raadplegen4.0", message.content, {"SOAPAction": message.action}
    )
    client.clock = lambda: later
    with pytest.raises(SignatureError, match="expired"):
        client.read_response(message, answer.body)


def test_sender_oin_is_checked() -> None:
    with pytest.raises(TerminalError, match="OIN"):
        RioClient(
            transport=HandlerTransport(lambda *a: None),  # type: ignore[arg-type,return-value]
            sender_oin="123",
            endpoints=ENDPOINTS,
            signing_key=None,
        )


def test_payload_is_exactly_what_build_request_makes(client: RioClient) -> None:
    message = client.prepare_message(m.OpvragenOpleidingseenheid(opleidingseenheidcode=OE))
    payload = parse_envelope(message.content).payload
    assert payload is not None
    assert etree.QName(payload).localname == "opvragen_opleidingseenheid_request"
    assert payload.findtext("{*}verzendendeInstantie") == SENDER
    assert payload.findtext("{*}opleidingseenheidcode") == OE


_HOSTILE = {
    "malformed": b"<soapenv:Envelope><oops>",
    "xxe": b'<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>&x;</e:Body>'
    b"</e:Envelope>",
    "billion-laughs": b'<?xml version="1.0"?><!DOCTYPE e [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">'.encode()
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + b"]><e>&i;</e>",
    "external-dtd": b'<!DOCTYPE e SYSTEM "http://127.0.0.1:9/evil.dtd"><e/>',
    "deep": b"<a>" * 50_000 + b"</a>" * 50_000,
    "huge": b'<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><x>'
    + b"x" * 3_000_000
    + b"</x></e:Body></e:Envelope>",
    "not-soap": b"<html><body>maintenance</body></html>",
    "empty-body": b'<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body/>'
    b"</e:Envelope>",
}


@pytest.mark.parametrize("name", sorted(_HOSTILE))
def test_hostile_answer_ends_in_a_typed_error(name: str) -> None:
    def hostile(path: str, body: bytes, headers: Mapping[str, str]) -> SandboxResponse:
        return SandboxResponse(status=200, body=_HOSTILE[name])

    client = _client(hostile)
    client.verifier = None
    client.max_response_bytes = 2_000_000
    with pytest.raises(TerminalError) as caught:
        client.send(m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER))
    assert "root:" not in str(caught.value)
