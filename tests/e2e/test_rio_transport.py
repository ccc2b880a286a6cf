"""HttpxTransport over real HTTP and HTTPS (client certificates) against a loopback server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from edudex_rio.errors import TerminalError, TransientError
from edudex_rio.rio.faults import (
    ResponseTooLargeError,
    RioConfigurationError,
    RioProtocolError,
    RioTimeoutError,
    RioUnavailableError,
    TerminalSoapFaultError,
    TransientSoapFaultError,
)
from edudex_rio.rio.transport import (
    ClientCertificate,
    HttpxTransport,
    SoapRequest,
    Timeouts,
    is_loopback_url,
)
from tests import rio_pki
from tests.rio_server import Received, Reply, serve

ACTION = (
    "http://duo.nl/contract/DUO_RIO_Raadplegen_OnderwijsOrganisatie_V4/opvragen_onderwijsaanbieder"
)
OK_BODY = (
    b'<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope '
    b'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><x/></SOAP-ENV:Body>'
    b"</SOAP-ENV:Envelope>"
)


def _fault(code: str, side: str) -> bytes:
    return (
        b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
        b"<faultcode>s:" + f"{side}.{code}".encode() + b"</faultcode>"
        b"<faultstring>fout</faultstring></s:Fault></s:Body></s:Envelope>"
    )


def _request(url: str, path: str = "/") -> SoapRequest:
    return SoapRequest(url=url + path, action=ACTION, content=b"<request/>")


def _route(request: Received) -> Reply:
    routes = {
        "/ok": Reply(body=OK_BODY),
        "/dk0051": Reply(status=500, body=_fault("DK0051", "Server")),
        "/dk0004": Reply(status=500, body=_fault("DK0004", "Client")),
        "/503": Reply(status=503, body=b"<html>maintenance</html>", headers={}),
        "/404": Reply(status=404, body=b"not here", headers={}),
        "/slow": Reply(body=OK_BODY, delay=1.5),
        "/big": Reply(body=b"<a>" + b"x" * 200_000 + b"</a>"),
    }
    return routes[request.path]


@pytest.fixture
def plain() -> Iterator[HttpxTransport]:
    transport = HttpxTransport(
        timeouts=Timeouts(connect=2, read=0.5, write=2, pool=2), max_response_bytes=100_000
    )
    yield transport
    transport.close()


def test_posts_soap_with_action_header(plain: HttpxTransport) -> None:
    with serve(_route) as server:
        response = plain.send(_request(server.url, "/ok"))
    assert response.status_code == 200
    assert response.content == OK_BODY
    sent = server.received[0]
    assert sent.headers["SOAPAction"] == ACTION
    assert sent.headers["Content-Type"] == "text/xml;charset=UTF-8"
    assert sent.body == b"<request/>"


@pytest.mark.parametrize(
    ("path", "error", "marker"),
    [
        ("/dk0051", TransientSoapFaultError, TransientError),
        ("/dk0004", TerminalSoapFaultError, TerminalError),
        ("/503", RioUnavailableError, TransientError),
        ("/404", RioProtocolError, TerminalError),
        ("/slow", RioTimeoutError, TransientError),
        ("/big", ResponseTooLargeError, TerminalError),
    ],
)
def test_failures_become_typed_errors(
    plain: HttpxTransport, path: str, error: type[Exception], marker: type[Exception]
) -> None:
    with serve(_route) as server, pytest.raises(error) as info:
        plain.send(_request(server.url, path))
    assert isinstance(info.value, marker)


def test_fault_error_carries_its_code(plain: HttpxTransport) -> None:
    with serve(_route) as server, pytest.raises(TerminalSoapFaultError) as info:
        plain.send(_request(server.url, "/dk0004"))
    assert info.value.code == "DK0004"
    assert info.value.fault.side == "Client"


def test_connection_refused_is_transient(plain: HttpxTransport) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(RioUnavailableError):
        plain.send(_request(f"http://127.0.0.1:{port}", "/ok"))


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8000/x", True),
        ("http://localhost/x", True),
        ("http://[::1]:80/", True),
        ("http://127.9.9.9/", True),
        ("http://example.org/", False),
        ("http://10.0.0.1/", False),
    ],
)
def test_loopback_detection(url: str, loopback: bool) -> None:
    assert is_loopback_url(url) is loopback


def test_plain_http_to_a_remote_host_is_refused(plain: HttpxTransport) -> None:
    with pytest.raises(RioConfigurationError, match="loopback"):
        plain.send(_request("http://duo.example.org", "/ok"))


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pki")
    server_cert, server_key = rio_pki.leaf("localhost").write_pem(folder, "server")
    client_cert, client_key = rio_pki.leaf("client.example").write_pem(folder, "client")
    ca = folder / "ca.pem"
    ca.write_bytes(rio_pki.root_ca().cert_pem())
    other_ca = folder / "other-ca.pem"
    other_ca.write_bytes(rio_pki.root_ca("other").cert_pem())
    p12 = rio_pki.leaf("client.example").write_p12(folder, "client", b"wachtwoord")
    return {
        "server_cert": server_cert,
        "server_key": server_key,
        "client_cert": client_cert,
        "client_key": client_key,
        "ca": ca,
        "other_ca": other_ca,
        "p12": p12,
    }


@pytest.mark.parametrize("form", ["pem", "pkcs12"])
def test_tls_with_client_certificate(pki: dict[str, Path], form: str) -> None:
    client = (
        ClientCertificate(certificate=pki["client_cert"], key=pki["client_key"])
        if form == "pem"
        else ClientCertificate(certificate=pki["p12"], password="wachtwoord")
    )
    with (
        serve(_route, tls=(pki["server_cert"], pki["server_key"]), client_ca=pki["ca"]) as server,
        HttpxTransport(client_certificate=client, trust=pki["ca"]) as transport,
    ):
        response = transport.send(_request(server.url, "/ok"))
    assert response.status_code == 200
    assert "client.example" in (server.received[0].client_subject or "")


def test_tls_without_client_certificate_is_refused_by_the_server(pki: dict[str, Path]) -> None:
    with (
        serve(_route, tls=(pki["server_cert"], pki["server_key"]), client_ca=pki["ca"]) as server,
        HttpxTransport(trust=pki["ca"], timeouts=Timeouts(connect=3, read=3)) as transport,
        pytest.raises((RioUnavailableError, RioConfigurationError)),
    ):
        transport.send(_request(server.url, "/ok"))
    assert server.received == []


def test_server_outside_the_trust_store_is_refused(pki: dict[str, Path]) -> None:
    client = ClientCertificate(certificate=pki["client_cert"], key=pki["client_key"])
    with (
        serve(_route, tls=(pki["server_cert"], pki["server_key"]), client_ca=pki["ca"]) as server,
        HttpxTransport(client_certificate=client, trust=pki["other_ca"]) as transport,
        pytest.raises(RioConfigurationError, match="TLS certificate"),
    ):
        transport.send(_request(server.url, "/ok"))
    assert server.received == []


def test_wrong_pkcs12_password_is_a_configuration_error(pki: dict[str, Path]) -> None:
    with pytest.raises(RioConfigurationError):
        HttpxTransport(client_certificate=ClientCertificate(certificate=pki["p12"], password="x"))
