"""A tiny real HTTP(S) server on 127.0.0.1 for transport and client tests (no mocks)."""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    client_subject: str | None = None


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(
        default_factory=lambda: {"Content-Type": "text/xml; charset=UTF-8"}
    )
    delay: float = 0.0


Handler = Callable[[Received], Reply]


@dataclass
class Server:
    url: str
    received: list[Received]


@contextlib.contextmanager
def serve(
    handler: Handler,
    *,
    tls: tuple[Path, Path] | None = None,
    client_ca: Path | None = None,
) -> Iterator[Server]:
    """Run ``handler`` behind HTTP (or HTTPS with ``tls=(cert, key)``, requiring a client
    certificate signed by ``client_ca`` when given) on a free loopback port."""
    received: list[Received] = []

    class _Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            subject = None
            if isinstance(self.connection, ssl.SSLSocket):
                peer = self.connection.getpeercert()
                if peer:
                    subject = str(peer.get("subject"))
            request = Received(self.path, dict(self.headers.items()), body, subject)
            received.append(request)
            reply = handler(request)
            if reply.delay:
                time.sleep(reply.delay)
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(reply.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    scheme = "http"
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(tls[0]), str(tls[1]))
        if client_ca is not None:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(cafile=str(client_ca))
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield Server(url=f"{scheme}://127.0.0.1:{server.server_address[1]}", received=received)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
