"""Every recorded DUO exchange through our typed models, builder, parser and client.

Requests: parse → typed request → ``build_request`` (XSD-validated) → the same payload as
recorded (same elements, order and text; only the order of kenmerken may differ, which DUO
accepts both ways). Responses: parse into the typed response of the operation, with
``requestGoedgekeurd`` and every foutmelding as the traffic index lists them, and through
``RioClient.read_response`` (signature judged at the message's own time, RelatesTo checked).
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from edudex_rio.rio import model as m
from edudex_rio.rio.client import Endpoints, HandlerTransport, PreparedMessage, RioClient
from edudex_rio.rio.envelope import Service, parse_envelope
from edudex_rio.rio.faults import RioProtocolError, SignatureError
from edudex_rio.rio.messages import build_request
from edudex_rio.rio.parse import parse_request, parse_response
from edudex_rio.rio.signing import SignatureVerifier, message_created
from tests.conftest import SHARED

TRAFFIC = SHARED / "rio-traffic"
SENDER = "00000003123456780000"

Shape = tuple[str, str, tuple[Any, ...]]


@functools.cache
def _index() -> list[dict[str, Any]]:
    return json.loads((TRAFFIC / "index.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _payload(name: str) -> etree._Element:
    envelope = parse_envelope((TRAFFIC / name).read_bytes())
    assert envelope.payload is not None, name
    return envelope.payload


def _shape(element: etree._Element, *, kenmerken_sorted: bool = False) -> Shape:
    """Local name, text and children: what is equivalent regardless of prefixes/whitespace."""
    children = [
        _shape(child, kenmerken_sorted=kenmerken_sorted)
        for child in element
        if isinstance(child.tag, str)
    ]
    if kenmerken_sorted:
        kenmerken = sorted((c for c in children if c[0] == "kenmerken"), key=repr)
        others = [c for c in children if c[0] != "kenmerken"]
        children = others + kenmerken
    text = "" if children else (element.text or "").strip()
    return etree.QName(element).localname, text, tuple(children)


def test_every_recorded_request_round_trips_through_our_models() -> None:
    outcome: Counter[str] = Counter()
    differing: list[str] = []
    for pair in _index():
        original = _payload(pair["file_request"])
        message = parse_request(original)
        assert message.request.operation == pair["operation"]
        rebuilt = build_request(message.request, message.document)  # XSD-validates
        if _shape(rebuilt) == _shape(original):
            outcome["exact"] += 1
        elif _shape(rebuilt, kenmerken_sorted=True) == _shape(original, kenmerken_sorted=True):
            outcome["kenmerk order"] += 1
        else:
            differing.append(pair["file_request"])
    assert differing == []
    assert sum(outcome.values()) == len(_index()) == 780
    # the SURF mapper sent kenmerken of 7 offerings out of the XSD's order; DUO accepted them
    assert outcome["kenmerk order"] <= 7


def _check_response(response: m.Response, pair: dict[str, Any]) -> None:
    assert response.goedgekeurd is pair["request_goedgekeurd"]
    expected = [
        (
            f["foutcode"],
            f["fouttekst"],
            [(s["sleutelnaam"], s["sleutelwaarde"]) for s in f["sleutelgegevens"]],
        )
        for f in pair["foutmeldingen"]
    ]
    actual = [
        (f.code, f.tekst, [(s.naam, s.waarde) for s in f.sleutelgegevens])
        for f in response.foutmeldingen
    ]
    assert actual == expected


def test_every_recorded_response_parses_with_its_foutmeldingen() -> None:
    kinds: Counter[str] = Counter()
    for pair in _index():
        response = parse_response(pair["operation"], _payload(pair["file_response"]))
        _check_response(response, pair)
        kinds[type(response).__name__] += 1
    assert sum(kinds.values()) == 780
    assert len(kinds) == 11  # every operation in the traffic


def test_response_only_fixtures_parse() -> None:
    index = json.loads((TRAFFIC / "response-only" / "index.json").read_text(encoding="utf-8"))
    for item in index:
        payload = _payload(f"response-only/{item['file_response']}")
        response = parse_response(item["operation"], payload)
        assert response.goedgekeurd is item["request_goedgekeurd"]
        assert [f.code for f in response.foutmeldingen] == item["foutcodes"]


def test_returned_objects_are_parsed() -> None:
    """Spot checks that the objects RIO returns end up in the typed response."""
    seen: Counter[str] = Counter()
    for pair in _index():
        if not pair["request_goedgekeurd"]:
            continue
        response = parse_response(pair["operation"], _payload(pair["file_response"]))
        elements = set(pair["response_elements"])
        if isinstance(response, m.AanleverenOpleidingseenheidResponse):
            assert response.opleidingseenheidcode, pair["file_response"]
            seen["code"] += 1
        elif isinstance(response, m.OpvragenOpleidingseenhedenVanOrganisatieResponse):
            assert response.paginering is not None
            assert (len(response.opleidingseenheden) > 0) == bool(elements - {"paginering"})
            seen["listing"] += 1
        elif isinstance(response, m.OpvragenAangebodenOpleidingResponse):
            assert response.aangeboden_opleiding is not None
            seen["aangeboden"] += 1
        elif isinstance(response, m.OpvragenOpleidingseenheidResponse):
            assert response.opleidingseenheid is not None
            seen["oe"] += 1
        elif isinstance(response, m.OpvragenRioIdentificatiecodeResponse):
            assert response.opleidingseenheidcode or response.aangeboden_opleiding_code
            seen["id"] += 1
    assert min(seen.values()) > 0
    assert len(seen) == 5


def _client() -> RioClient:
    return RioClient(
        transport=HandlerTransport(lambda *args: None),  # type: ignore[arg-type,return-value]
        sender_oin=SENDER,
        endpoints=Endpoints(beheren="http://127.0.0.1/b", raadplegen="http://127.0.0.1/r"),
        signing_key=None,
        verifier=SignatureVerifier(),
    )


def test_client_accepts_every_unedited_response_and_rejects_edited_ones() -> None:
    client = _client()
    outcome: Counter[str] = Counter()
    for pair in _index():
        request = parse_envelope((TRAFFIC / pair["file_request"]).read_bytes())
        assert request.addressing is not None
        content = (TRAFFIC / pair["file_response"]).read_bytes()
        created = message_created(parse_envelope(content).root)
        client.clock = lambda moment=created: moment
        message = PreparedMessage(
            operation=pair["operation"],
            service=Service.for_namespace(etree.QName(request.payload).namespace or ""),
            url="http://127.0.0.1/",
            action=pair["soap_action"],
            message_id=request.addressing.message_id,
            content=b"",
        )
        if pair["modified_after_signing"]["response"]:
            with pytest.raises(SignatureError, match="digest of Body"):
                client.read_response(message, content)
            outcome["edited, rejected"] += 1
        elif not pair["relates_to_matches_request"]:
            with pytest.raises(RioProtocolError, match="relates to"):
                client.read_response(message, content)
            outcome["other message, rejected"] += 1
        else:
            _check_response(client.read_response(message, content), pair)
            outcome["accepted"] += 1
    assert outcome == {
        "accepted": 761,
        "edited, rejected": 16,
        "other message, rejected": 3,
    }


def test_traffic_is_present() -> None:
    assert isinstance(TRAFFIC, Path)
    assert len(_index()) == 780
