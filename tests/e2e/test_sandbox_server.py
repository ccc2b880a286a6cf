"""The sandbox over real loopback HTTP: uvicorn, signed answers, counters, restarts, TLS."""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from edudex_rio.rio.keys import TrustStore
from edudex_rio.rio.signing import verify
from edudex_rio.sandbox import seed as seeds
from edudex_rio.sandbox.core import SandboxConfig
from edudex_rio.sandbox.server import RunningSandbox, TlsConfig, running_sandbox
from edudex_rio.sandbox.xmlutil import parse
from tests import rio_pki
from tests.conftest import REPO
from tests.sandbox_kit import AANBIEDER, base_seed, read_answer, signed
from tests.sandbox_requests import AO, AO_CODE, rules_seed

RAADPLEGEN = "http://duo.nl/contract/DUO_RIO_Raadplegen_OnderwijsOrganisatie_V4"


def _aanbieder_request() -> bytes:
    inner = f"<duo:onderwijsaanbiedercode>{AANBIEDER}</duo:onderwijsaanbiedercode>"
    return signed("opvragen_onderwijsaanbieder", inner, service="raadplegen", now=datetime.now(UTC))


def _soap(url: str, action: str, body: bytes, **kwargs: Any) -> httpx.Response:
    return httpx.post(url, content=body, headers={"SOAPAction": action}, **kwargs)


def _post(rio: RunningSandbox, body: bytes, **kwargs: Any) -> httpx.Response:
    action = f"{RAADPLEGEN}/opvragen_onderwijsaanbieder"
    return _soap(rio.raadplegen_url, action, body, **{"timeout": 5, **kwargs})


@pytest.fixture(scope="module")
def rio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    folder = tmp_path_factory.mktemp("sandbox-http")
    config = SandboxConfig(visibility_delay=0.6)
    with running_sandbox(folder / "rio.sqlite", seed=rules_seed(), config=config) as running:
        yield running


def test_a_signed_request_over_http_gets_a_signed_answer_the_client_trusts(
    rio: RunningSandbox,
) -> None:
    response = _post(rio, _aanbieder_request())
    assert response.status_code == 200
    answer = read_answer(response.status_code, response.content)
    assert answer.find("onderwijsaanbiedercode") == AANBIEDER
    verified = verify(parse(response.content), trust=TrustStore.from_pem(rio.trust))
    assert verified.certificate == rio.certificate
    assert rio.counters["operation:opvragen_onderwijsaanbieder"] >= 1
    assert rio.counters["status:200"] >= 1


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not xml at all",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        + b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;&b;&b;</x>',
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        b"<a>" * 5000 + b"</a>" * 5000,
        b"\xff\xfe<\x00x\x00",
    ],
    ids=["empty", "text", "billion-laughs", "xxe", "deep", "utf16-garbage"],
)
def test_hostile_xml_over_http_gets_a_fault_and_the_server_keeps_serving(
    rio: RunningSandbox, body: bytes
) -> None:
    response = _post(rio, body)
    assert response.status_code == 500
    answer = read_answer(response.status_code, response.content)
    assert answer.fault_code == "VersionMismatch.DK0001"
    assert b"root:" not in response.content
    assert _post(rio, _aanbieder_request()).status_code == 200


def test_an_oversized_request_is_refused_before_parsing(rio: RunningSandbox) -> None:
    response = _post(rio, b"<x>" + b"a" * (11 * 1024 * 1024) + b"</x>")
    assert response.status_code == 413


def test_unknown_service_is_404(rio: RunningSandbox) -> None:
    response = httpx.post(f"{rio.url}/RIO/services/onbekend4.0", content=b"<x/>", timeout=5)
    assert response.status_code == 404


def test_state_and_signing_key_survive_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "rio.sqlite"
    with running_sandbox(db, seed=base_seed()) as first:
        before = first.object_count()
        certificate = first.certificate
    with running_sandbox(db, seed=base_seed()) as second:
        assert second.certificate == certificate
        assert second.object_count() == before  # seeding again adds nothing
        assert _post(second, _aanbieder_request()).status_code == 200


def test_https_with_client_certificates(tmp_path: Path) -> None:
    server_cert, server_key = rio_pki.leaf("localhost").write_pem(tmp_path, "server")
    client_cert, client_key = rio_pki.leaf("client.example").write_pem(tmp_path, "client")
    ca = tmp_path / "ca.pem"
    ca.write_bytes(rio_pki.root_ca().cert_pem())
    tls = TlsConfig(certificate=server_cert, key=server_key, client_ca=ca)
    with running_sandbox(tmp_path / "rio.sqlite", seed=base_seed(), tls=tls) as rio:
        assert rio.url.startswith("https://127.0.0.1:")
        anonymous = ssl.create_default_context(cafile=str(ca))
        with pytest.raises(httpx.HTTPError):
            _post(rio, _aanbieder_request(), verify=anonymous)
        known = ssl.create_default_context(cafile=str(ca))
        known.load_cert_chain(str(client_cert), str(client_key))
        assert _post(rio, _aanbieder_request(), verify=known).status_code == 200


def test_the_bundled_seed_loads_and_names_the_example_providers() -> None:
    data = seeds.load(REPO / "examples" / "sandbox-seed.yaml")
    assert {a.code for a in data.aanbieders} == {"201A101", "202A102", "203A103", "204A104"}
    assert {b.kvk for b in data.besturen} == {"81234567", "72345678", "69876543", "60123456"}
    assert all(b.oins == [f"00000003{b.kvk}0000"] for b in data.besturen)
    assert ("9999ZZ", 999) not in {(a.postcode, a.huisnummer) for a in data.bag}
    assert ("8017JZ", 14, "2") in {(a.postcode, a.huisnummer, a.toevoeging) for a in data.bag}
    assert SandboxConfig().visibility_delay == 0.0


BEHEREN = "http://duo.nl/contract/DUO_RIO_Beheren_OnderwijsOrganisatie_V4"


def test_an_accepted_write_is_readable_over_http_after_the_visibility_delay(
    rio: RunningSandbox,
) -> None:
    now = datetime.now(UTC)
    write = signed("aanleveren_aangebodenOpleiding", AO, now=now)
    response = _soap(rio.beheren_url, f"{BEHEREN}/aanleveren_aangebodenOpleiding", write, timeout=5)
    assert read_answer(response.status_code, response.content).goedgekeurd
    inner = f"<duo:aangebodenOpleidingCode>{AO_CODE}</duo:aangebodenOpleidingCode>"

    def read() -> list[str]:
        body = signed("opvragen_aangebodenOpleiding", inner, service="raadplegen", now=now)
        action = f"{RAADPLEGEN}/opvragen_aangebodenOpleiding"
        answer = _soap(rio.raadplegen_url, action, body, timeout=5)
        return read_answer(answer.status_code, answer.content).foutcodes

    assert read() == ["A01020"]
    assert AO_CODE not in [o.code for o in rio.objects("ao", visible_only=True)]
    deadline = time.monotonic() + 5
    while read() != []:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert AO_CODE in [o.code for o in rio.objects("ao", visible_only=True)]


def test_injected_unavailability_and_stalls_reach_the_client_over_http(tmp_path: Path) -> None:
    config = SandboxConfig(unavailable_rate=1.0)
    with running_sandbox(tmp_path / "a.sqlite", seed=base_seed(), config=config) as down:
        assert _post(down, _aanbieder_request()).status_code == 503
        assert down.counters["status:503"] == 1
    config = SandboxConfig(stall_rate=1.0, stall_seconds=0.15)
    with running_sandbox(tmp_path / "b.sqlite", seed=base_seed(), config=config) as slow:
        with pytest.raises(httpx.ReadTimeout):
            _post(slow, _aanbieder_request(), timeout=httpx.Timeout(5, read=0.05))
        assert _post(slow, _aanbieder_request()).status_code == 200  # stalled, then answered
        assert slow.counters["stalled"] == 2


def test_the_serve_command_runs_the_sandbox_with_the_bundled_seed(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable,
        "-c",
        "from edudex_rio.cli import main; main()",
        "sandbox",
        "serve",
        "--db",
        str(tmp_path / "rio.sqlite"),
        "--seed",
        str(REPO / "examples" / "sandbox-seed.yaml"),
        "--port",
        str(port),
        "--delay",
        "0",
        "--fault-rate",
        "0",
        "--fault-seed",
        "3",
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as process:
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                    break
                except httpx.TransportError:
                    assert process.poll() is None, "the sandbox exited"
                    assert time.monotonic() < deadline
                    time.sleep(0.1)
            assert health.json() == {"status": "ok"}
            inner = "<duo:onderwijsaanbiedercode>201A101</duo:onderwijsaanbiedercode>"
            body = signed(
                "opvragen_onderwijsaanbieder",
                inner,
                service="raadplegen",
                sender="00000003812345670000",
                now=datetime.now(UTC),
            )
            answer = _soap(
                f"http://127.0.0.1:{port}/RIO/services/raadplegen4.0",
                f"{RAADPLEGEN}/opvragen_onderwijsaanbieder",
                body,
                timeout=5,
            )
            assert read_answer(answer.status_code, answer.content).find("naam") == "Kompas Academie"
        finally:
            process.terminate()
            process.wait(timeout=10)
    assert (tmp_path / "rio-sandbox-signing.pem").is_file()
