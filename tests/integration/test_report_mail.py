from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from edudex_rio.report import Level, Report, Signal, Subject
from edudex_rio.report.mail import MailError, send_report
from edudex_rio.settings import ReportSettings


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[_Inbox, int]]:
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


REPORT = Report(
    provider="Acme Opleidingen",
    org_unit_id="acme",
    sync_run_id=3,
    created_at=dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC),
    signals=(
        Signal(
            level=Level.FOUT,
            subject=Subject.LOCATIE,
            code="location.not_found",
            location="9999ZZ 1",
        ),
    ),
)


def test_report_is_mailed_with_html_csv_and_xlsx(smtp: tuple[_Inbox, int]) -> None:
    inbox, port = smtp
    settings = ReportSettings(smtp_host="127.0.0.1", smtp_port=port, mail_from="rio@example.nl")
    send_report(REPORT, recipient="opleidingen@acme.nl", settings=settings)
    [(sender, recipients, raw)] = inbox.messages
    assert sender == "rio@example.nl"
    assert recipients == ["opleidingen@acme.nl"]
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Subject"] == "Verwerkingsverslag RIO Acme Opleidingen: 1 fout(en)"
    html = msg.get_body(preferencelist=("html",))
    assert html is not None
    assert "Basisregistratie Adressen" in html.get_content()
    names = sorted(p.get_filename() for p in msg.iter_attachments())
    assert names == ["verwerkingsverslag-acme-3.csv", "verwerkingsverslag-acme-3.xlsx"]
    csv_part = next(p for p in msg.iter_attachments() if p.get_filename().endswith(".csv"))
    assert "9999ZZ 1" in csv_part.get_content()


def test_unreachable_server_is_a_transient_mail_error() -> None:
    settings = ReportSettings(smtp_host="127.0.0.1", smtp_port=_free_port())
    with pytest.raises(MailError, match=r"opleidingen@acme\.nl"):
        send_report(REPORT, recipient="opleidingen@acme.nl", settings=settings, timeout=2)
