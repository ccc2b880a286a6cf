from __future__ import annotations

import pytest
from lxml import etree

from edudex_rio.rio.envelope import (
    DUO_OIN,
    NS,
    Service,
    build_envelope,
    parse_envelope,
    parse_xml,
    serialize,
    soap_action,
)
from edudex_rio.rio.faults import MalformedXmlError, ResponseTooLargeError

RAADPLEGEN = Service.RAADPLEGEN.schema_namespace
SENDER = "00000003123456780000"


def _payload() -> etree._Element:
    element = etree.Element(f"{{{RAADPLEGEN}}}opvragen_rioIdentificatiecode_request")
    etree.SubElement(element, f"{{{RAADPLEGEN}}}eigenOpleidingseenheidSleutel").text = "k-ë"
    return element


def _envelope() -> etree._Element:
    return build_envelope(
        _payload(),
        service=Service.RAADPLEGEN,
        operation="opvragen_rioIdentificatiecode",
        sender_oin=SENDER,
        message_id="urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
    )


def test_action_is_contract_namespace_plus_operation() -> None:
    assert soap_action(Service.BEHEREN, "aanleveren_opleidingseenheid") == (
        "http://duo.nl/contract/DUO_RIO_Beheren_OnderwijsOrganisatie_V4/aanleveren_opleidingseenheid"
    )


def test_envelope_matches_the_recorded_request_layout() -> None:
    text = serialize(_envelope()).decode()
    assert text.startswith(
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?><soapenv:Envelope'
    )
    root = parse_xml(text.encode())
    assert root.nsmap == {"soapenv": NS["soapenv"], "duo": RAADPLEGEN, "wsu": NS["wsu"]}
    header, body = root
    assert [etree.QName(h).localname for h in header] == ["Action", "From", "MessageID", "To"]
    assert header.nsmap["wsa"] == NS["wsa"]
    ids = [h.get(f"{{{NS['wsu']}}}Id") for h in header]
    assert ids == ["id-Action", "id-From", "id-MessageID", "id-To"]
    assert body.get(f"{{{NS['wsu']}}}Id") == "id-Body"
    assert body[0].prefix == "duo"


def test_addressing_values() -> None:
    envelope = parse_envelope(serialize(_envelope()))
    assert envelope.addressing is not None
    assert envelope.addressing.action == soap_action(
        Service.RAADPLEGEN, "opvragen_rioIdentificatiecode"
    )
    assert envelope.addressing.message_id.startswith("urn:uuid:")
    assert envelope.addressing.from_address == (
        f"http://www.w3.org/2005/08/addressing/anonymous?oin={SENDER}"
    )
    assert envelope.addressing.to_address == (
        f"https://duo.nl/RIO/services/raadplegen4.0?oin={DUO_OIN}"
    )
    assert envelope.addressing.from_oin == SENDER
    assert envelope.addressing.to_oin == DUO_OIN
    assert envelope.operation == "opvragen_rioIdentificatiecode"
    assert envelope.payload is not None
    assert envelope.payload[0].text == "k-ë"


def test_fresh_message_ids_are_unique_uuids() -> None:
    ids = set()
    for _ in range(3):
        env = build_envelope(
            _payload(), service=Service.RAADPLEGEN, operation="x", sender_oin=SENDER
        )
        ids.add(env[0][2].text)
    assert len(ids) == 3
    assert all(i and i.startswith("urn:uuid:") and len(i) == 45 for i in ids)


def test_payload_may_be_bytes() -> None:
    env = build_envelope(
        etree.tostring(_payload()), service=Service.RAADPLEGEN, operation="x", sender_oin=SENDER
    )
    assert etree.QName(env[1][0]).localname == "opvragen_rioIdentificatiecode_request"


def test_fault_is_unwrapped_with_its_code() -> None:
    data = (
        b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
        b"<faultcode>s:Client.DK0004</faultcode><faultstring>Bericht niet conform XSD</faultstring>"
        b"<detail><x>cvc-complex-type.2.4.a: naamLang</x></detail></s:Fault></s:Body></s:Envelope>"
    )
    envelope = parse_envelope(data)
    assert envelope.payload is None
    assert envelope.fault is not None
    assert envelope.fault.code == "DK0004"
    assert envelope.fault.side == "Client"
    assert "naamLang" in envelope.fault.detail


@pytest.mark.parametrize(
    ("data", "error"),
    [
        pytest.param(b"<a><b></a>", MalformedXmlError, id="not-well-formed"),
        pytest.param(b"", MalformedXmlError, id="empty"),
        pytest.param(
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
            MalformedXmlError,
            id="xxe",
        ),
        pytest.param(
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">'
            b"]><r>&c;&c;&c;&c;&c;&c;&c;&c;&c;</r>",
            MalformedXmlError,
            id="billion-laughs",
        ),
        pytest.param(
            b'<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd"><r/>', MalformedXmlError, id="dtd"
        ),
        pytest.param(b"<r>" + b"x" * 2000 + b"</r>", ResponseTooLargeError, id="too-large"),
    ],
)
def test_hostile_xml_ends_in_a_clear_error(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_xml(data, max_bytes=1000)


def test_passwd_never_leaks_into_a_parsed_tree() -> None:
    data = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    with pytest.raises(MalformedXmlError) as info:
        parse_xml(data)
    assert "root:" not in str(info.value)


def test_not_an_envelope() -> None:
    with pytest.raises(MalformedXmlError, match="not a SOAP"):
        parse_envelope(b"<html/>")
