"""RioClient.from_settings over real loopback HTTP to the RIO sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from pydantic import SecretStr

from edudex_rio.rio import model as m
from edudex_rio.rio.client import RioClient
from edudex_rio.rio.faults import RioConfigurationError, RioUnavailableError, SignatureError
from edudex_rio.sandbox.core import Sandbox, SandboxConfig
from edudex_rio.sandbox.wssec import KeyPair
from edudex_rio.settings import RioSettings
from tests import rio_pki
from tests.rio_server import Received, Reply, Server, serve
from tests.sandbox_kit import AANBIEDER, OE, SENDER, base_seed, client_key, server_keys


@pytest.fixture(scope="module")
def rio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    database = tmp_path_factory.mktemp("sandbox") / "rio.sqlite"
    box = Sandbox(SandboxConfig(database_url=f"sqlite:///{database}"), keys=server_keys())
    box.load_seed(base_seed())

    def handler(request: Received) -> Reply:
        answer = box.handle(request.path, request.body, request.headers)
        return Reply(status=answer.status, body=answer.body, headers=dict(answer.headers))

    with serve(handler) as server:
        yield server
    box.close()


@pytest.fixture(scope="module")
def pem(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("keys")
    key = client_key()
    paths = {
        "cert": folder / "client.crt.pem",
        "key": folder / "client.key.pem",
        "duo": folder / "duo.crt.pem",
        "other": folder / "other.crt.pem",
    }
    paths["cert"].write_bytes(key.certificate.public_bytes(serialization.Encoding.PEM))
    paths["key"].write_bytes(
        key.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    paths["duo"].write_bytes(server_keys().certificate.public_bytes(serialization.Encoding.PEM))
    paths["other"].write_bytes(paths["cert"].read_bytes())
    return paths


def _settings(url: str, pem: dict[str, Path], trust: str = "duo", **extra: object) -> RioSettings:
    return RioSettings(
        beheren_url=f"{url}/RIO/services/beheren4.0",
        raadplegen_url=f"{url}/RIO/services/raadplegen4.0",
        certificate=pem["cert"],
        private_key=pem["key"],
        trust=pem[trust],
        timeout_seconds=5.0,
        **extra,  # type: ignore[arg-type]
    )


def test_reads_and_writes_over_http(rio: Server, pem: dict[str, Path]) -> None:
    with RioClient.from_settings(_settings(rio.url, pem), sender_oin=SENDER) as client:
        aanbieder = client.send_checked(
            m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER)
        )
        removed = client.send(m.VerwijderenOpleidingseenheid(opleidingseenheidcode=OE))
    assert isinstance(aanbieder, m.OpvragenOnderwijsaanbiederResponse)
    assert aanbieder.onderwijsaanbieder is not None
    assert isinstance(removed, m.VerwijderenOpleidingseenheidResponse)
    paths = [r.path for r in rio.received[-2:]]
    assert paths == ["/RIO/services/raadplegen4.0", "/RIO/services/beheren4.0"]
    action = rio.received[-1].headers["SOAPAction"]
    assert action.endswith("Beheren_OnderwijsOrganisatie_V4/verwijderen_opleidingseenheid")


def test_response_signature_is_checked_against_the_trust_store(
    rio: Server, pem: dict[str, Path]
) -> None:
    request = m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER)
    strict = _settings(rio.url, pem, "other")
    with (
        RioClient.from_settings(strict, sender_oin=SENDER) as client,
        pytest.raises(SignatureError),
    ):
        client.send(request)
    relaxed = _settings(rio.url, pem, "other", require_signed_responses=False)
    with RioClient.from_settings(relaxed, sender_oin=SENDER) as client:
        assert client.send(request).goedgekeurd


def test_unreachable_endpoint_is_retryable(pem: dict[str, Path]) -> None:
    with serve(lambda r: Reply()) as server:
        url = server.url
    with (
        RioClient.from_settings(_settings(url, pem), sender_oin=SENDER) as client,
        pytest.raises(RioUnavailableError),
    ):
        client.send(m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER))


def test_remote_endpoint_needs_a_certificate() -> None:
    settings = RioSettings(
        beheren_url="https://rio.example/RIO/services/beheren4.0",
        raadplegen_url="https://rio.example/RIO/services/raadplegen4.0",
    )
    with pytest.raises(RioConfigurationError, match="certificate"):
        RioClient.from_settings(settings, sender_oin=SENDER)


def test_two_way_tls_with_pkcs12_and_a_ca_signed_rio(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The production shape: HTTPS with our PKCS#12 client certificate, RIO's TLS certificate
    and its response signatures both checked against one CA bundle (``rio.trust``)."""
    duo = rio_pki.leaf("localhost", oin="00000001800866472000")
    server_cert, server_key = duo.write_pem(tmp_path, "duo")
    ca = tmp_path / "ca.pem"
    ca.write_bytes(rio_pki.root_ca().cert_pem())
    p12 = rio_pki.leaf("client.example").write_p12(tmp_path, "client", b"geheim")
    database = tmp_path_factory.mktemp("tls") / "rio.sqlite"
    box = Sandbox(
        SandboxConfig(database_url=f"sqlite:///{database}"),
        keys=KeyPair(key=duo.key, certificate=duo.certificate),
    )
    box.load_seed(base_seed())

    def handler(request: Received) -> Reply:
        answer = box.handle(request.path, request.body, request.headers)
        return Reply(status=answer.status, body=answer.body, headers=dict(answer.headers))

    try:
        with serve(handler, tls=(server_cert, server_key), client_ca=ca) as server:
            settings = RioSettings(
                beheren_url=f"{server.url}/RIO/services/beheren4.0",
                raadplegen_url=f"{server.url}/RIO/services/raadplegen4.0",
                certificate=p12,
                private_key_password=SecretStr("geheim"),
                trust=ca,
                timeout_seconds=5.0,
            )
            with RioClient.from_settings(settings, sender_oin=SENDER) as client:
                response = client.send_checked(
                    m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=AANBIEDER)
                )
            assert response.goedgekeurd
            assert server.received[-1].client_subject is not None
            assert "client.example" in server.received[-1].client_subject
    finally:
        box.close()
