"""Our WS-Security verification against every recorded DUO message.

A message is accepted exactly when ``index.json`` says it was not edited after signing; each is
judged at its own ``wsu:Created`` (several DUO certificates have expired since).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from edudex_rio.rio.envelope import parse_envelope, parse_xml
from edudex_rio.rio.faults import SignatureError
from edudex_rio.rio.signing import message_created, verify
from tests.conftest import SHARED

TRAFFIC = SHARED / "rio-traffic"


def _index(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        pytest.fail(f"recorded traffic index not found at {path}; set EDUDEX_RIO_SHARED")
    data: list[dict[str, Any]] = json.loads(path.read_text())
    return data


def _judge(path: Path) -> str | None:
    """None when the signature verifies, else the reason."""
    root = parse_xml(path.read_bytes())
    try:
        verify(root, now=message_created(root))
    except SignatureError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("side", ["response", "request"])
def test_every_recorded_message_verifies_unless_edited_after_signing(side: str) -> None:
    entries = _index(TRAFFIC / "index.json")
    accepted, rejected, wrong = [], [], []
    for entry in entries:
        edited = entry["modified_after_signing"][side]
        reason = _judge(TRAFFIC / entry[f"file_{side}"])
        (rejected if reason else accepted).append(entry[f"file_{side}"])
        if (reason is not None) != edited:
            wrong.append((entry[f"file_{side}"], reason))
    assert wrong == []
    expected_rejected = sum(1 for e in entries if e["modified_after_signing"][side])
    assert len(rejected) == expected_rejected
    assert len(accepted) + len(rejected) == 780
    # The figures the README states: 16 edited responses, 3 edited requests.
    assert expected_rejected == {"response": 16, "request": 3}[side]


def test_edited_messages_are_rejected_for_their_body_digest() -> None:
    entries = _index(TRAFFIC / "index.json")
    edited = [e["file_response"] for e in entries if e["modified_after_signing"]["response"]]
    for name in edited:
        reason = _judge(TRAFFIC / name)
        assert reason is not None
        assert "digest of Body" in reason


def test_every_response_only_fixture_verifies() -> None:
    entries = _index(TRAFFIC / "response-only" / "index.json")
    assert len(entries) == 5
    for entry in entries:
        assert _judge(TRAFFIC / "response-only" / entry["file_response"]) is None


def test_recorded_response_is_rejected_long_after_its_timestamp() -> None:
    entry = _index(TRAFFIC / "index.json")[0]
    root = parse_xml((TRAFFIC / entry["file_response"]).read_bytes())
    created = message_created(root)
    with pytest.raises(SignatureError, match="expired"):
        verify(root, now=created.replace(year=created.year + 1))


def test_recorded_response_unwraps_into_addressing_and_payload() -> None:
    entry = _index(TRAFFIC / "index.json")[0]
    request = parse_envelope((TRAFFIC / entry["file_request"]).read_bytes())
    response = parse_envelope((TRAFFIC / entry["file_response"]).read_bytes())
    assert response.fault is None
    assert response.addressing is not None
    assert request.addressing is not None
    assert response.addressing.relates_to == request.addressing.message_id
    assert response.addressing.from_oin == "00000001800866472000"
    assert response.addressing.to_oin == request.addressing.from_oin
    assert response.addressing.action == entry["soap_action"]
    assert response.operation == entry["operation"]
