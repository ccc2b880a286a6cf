"""Our signing and verification agree with ``xmlsec1``, on our client's messages and on DUO's.

- a complete request from ``RioClient.prepare`` verifies with ``xmlsec1 --verify``;
- recorded DUO responses: where ours accepts, ``xmlsec1`` accepts; where DUO's message was edited
  after signing, both reject.
"""

from __future__ import annotations

import base64
import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from edudex_rio.rio import model as m
from edudex_rio.rio.client import Endpoints, HandlerTransport, RioClient
from edudex_rio.rio.envelope import NS, parse_envelope
from edudex_rio.rio.faults import SignatureError
from edudex_rio.rio.signing import SignatureVerifier, message_created
from tests import rio_pki
from tests.conftest import SHARED
from tests.integration.test_rio_signing_xmlsec import _xmlsec1

TRAFFIC = SHARED / "rio-traffic"
_IDS = ["Body", "Action", "From", "MessageID", "To", "RelatesTo", "ReplyTo", "Timestamp"]


def _xmlsec_verify(tmp_path: Path, message: bytes, certificate: x509.Certificate) -> bool:
    (tmp_path / "message.xml").write_bytes(message)
    (tmp_path / "cert.pem").write_bytes(certificate.public_bytes(Encoding.PEM))
    command = [_xmlsec1(), "--verify", "--pubkey-cert-pem", str(tmp_path / "cert.pem")]
    for name in _IDS:
        command += ["--id-attr:Id", name]
    command.append(str(tmp_path / "message.xml"))
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    return result.returncode == 0


def _token(message: bytes) -> x509.Certificate:
    root = parse_envelope(message).root
    token = root.find(f".//{{{NS['wsse']}}}BinarySecurityToken")
    assert token is not None
    return x509.load_der_x509_certificate(base64.b64decode("".join((token.text or "").split())))


def test_xmlsec1_verifies_a_client_request(tmp_path: Path) -> None:
    client = RioClient(
        transport=HandlerTransport(lambda *a: None),  # type: ignore[arg-type,return-value]
        sender_oin="00000003123456780000",
        endpoints=Endpoints(beheren="http://127.0.0.1/b", raadplegen="http://127.0.0.1/r"),
        signing_key=rio_pki.leaf().signing_key,
    )
    message = client.prepare(
        m.AanleverenOpleidingseenheid(
            opleidingseenheid=m.ParticuliereOpleiding(
                begindatum=date(2026, 1, 1),
                eigen_opleidingseenheid_sleutel="xmlsec-1",
                perioden=(
                    m.ParticuliereOpleidingPeriode(
                        begindatum=date(2026, 1, 1), naam_lang="Cursus ë & ’ <test>"
                    ),
                ),
            )
        )
    )
    assert _xmlsec_verify(tmp_path, message, rio_pki.leaf().certificate)
    tampered = message.replace(b"xmlsec-1", b"xmlsec-2")
    assert not _xmlsec_verify(tmp_path, tampered, rio_pki.leaf().certificate)


def _pairs() -> list[tuple[str, bool]]:
    index = json.loads((TRAFFIC / "index.json").read_text(encoding="utf-8"))
    edited = [p["file_response"] for p in index if p["modified_after_signing"]["response"]]
    clean = [p["file_response"] for p in index if not p["modified_after_signing"]["response"]]
    # one edited and a spread of clean ones (every operation) keeps this fast
    chosen: dict[str, str] = {}
    for name in clean:
        chosen.setdefault(name.split("__")[1].split("-", 1)[1], name)
    return [(edited[0], False)] + [(name, True) for name in sorted(chosen.values())]


@pytest.mark.parametrize(("name", "intact"), _pairs())
def test_xmlsec1_and_we_agree_on_recorded_responses(
    tmp_path: Path, name: str, intact: bool
) -> None:
    message = (TRAFFIC / name).read_bytes()
    root = parse_envelope(message).root
    ours = True
    try:
        SignatureVerifier().verify(root, now=message_created(root))
    except SignatureError:
        ours = False
    assert ours is intact
    assert _xmlsec_verify(tmp_path, message, _token(message)) is intact
