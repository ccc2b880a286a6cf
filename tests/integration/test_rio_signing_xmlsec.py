"""Signatures we make verify with an independent implementation: ``xmlsec1 --verify``."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from edudex_rio.rio.envelope import Service, build_envelope, serialize
from edudex_rio.rio.signing import Signature
from tests import rio_pki

_IDS = ["Body", "Action", "From", "MessageID", "To", "RelatesTo", "Timestamp"]


def _xmlsec1() -> str:
    found = shutil.which("xmlsec1")
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("xmlsec1 is required in CI (apt-get install -y xmlsec1)")
        pytest.skip("xmlsec1 not installed (apt-get install -y xmlsec1)")
    return found


def _xmlsec_verify(tmp_path: Path, message: bytes) -> subprocess.CompletedProcess[str]:
    (tmp_path / "message.xml").write_bytes(message)
    (tmp_path / "cert.pem").write_bytes(rio_pki.leaf().cert_pem())
    command = [_xmlsec1(), "--verify", "--pubkey-cert-pem", str(tmp_path / "cert.pem")]
    for name in _IDS:
        command += ["--id-attr:Id", name]
    command.append(str(tmp_path / "message.xml"))
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def _message(text: str) -> bytes:
    namespace = Service.BEHEREN.schema_namespace
    payload = etree.Element(f"{{{namespace}}}aanleveren_opleidingseenheid_request")
    etree.SubElement(payload, f"{{{namespace}}}identificatiecodeBedrijfsdocument").text = text
    envelope = build_envelope(
        payload,
        service=Service.BEHEREN,
        operation="aanleveren_opleidingseenheid",
        sender_oin="00000003123456780000",
    )
    signed = Signature(rio_pki.leaf().signing_key).apply(envelope, now=datetime.now(UTC))
    return serialize(signed)


def test_xmlsec1_verifies_our_signature(tmp_path: Path) -> None:
    result = _xmlsec_verify(tmp_path, _message("Opleiding met ë, ’ en <&> tekens"))
    assert result.returncode == 0, result.stderr
    assert "SignedInfo References (ok/all): 6/6" in result.stderr


def test_xmlsec1_rejects_a_tampered_body(tmp_path: Path) -> None:
    message = _message("origineel").replace(b"origineel", b"vervalst!")
    result = _xmlsec_verify(tmp_path, message)
    assert result.returncode != 0
