"""``SandboxTransport``: the client's ``Transport`` answered by a ``Sandbox`` in process.

No sockets: the request bytes go to ``Sandbox.handle`` as an HTTP POST would, and the answer
passes through the same ``check_response`` as ``HttpxTransport``'s (faults and 5xx become the
same typed errors). A stalled answer longer than ``read_timeout`` is a ``RioTimeoutError``.
"""

from __future__ import annotations

import time

import httpx

from edudex_rio.rio.faults import RioTimeoutError
from edudex_rio.rio.transport import SoapRequest, SoapResponse, check_response
from edudex_rio.sandbox.core import Sandbox

__all__ = ["SandboxTransport"]


class SandboxTransport:
    """A ``Transport`` (see ``edudex_rio.rio.transport``) backed by ``sandbox``."""

    def __init__(self, sandbox: Sandbox, *, read_timeout: float = 120.0) -> None:
        self.sandbox = sandbox
        self.read_timeout = read_timeout
        self.sent: list[SoapRequest] = []

    def send(self, request: SoapRequest) -> SoapResponse:
        self.sent.append(request)
        headers = {"Content-Type": "text/xml;charset=UTF-8", **request.headers}
        headers["SOAPAction"] = request.action
        answer = self.sandbox.handle(httpx.URL(request.url).path, request.content, headers)
        if answer.stall_seconds > self.read_timeout:
            time.sleep(self.read_timeout)
            raise RioTimeoutError("RIO did not answer in time (sandbox stall)")
        if answer.stall_seconds:
            time.sleep(answer.stall_seconds)
        return check_response(
            SoapResponse(
                status_code=answer.status, content=answer.body, headers=dict(answer.headers)
            )
        )

    def close(self) -> None:
        """Nothing to release; the sandbox belongs to the caller."""
