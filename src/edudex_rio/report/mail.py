"""Mailing a report to the provider over SMTP (HTML body, CSV and XLSX attached)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from edudex_rio.errors import TransientError
from edudex_rio.report.model import Level, Report
from edudex_rio.report.render import to_csv, to_html, to_xlsx
from edudex_rio.report.texts import Language
from edudex_rio.settings import ReportSettings

__all__ = ["MailError", "build_message", "send_report"]

_XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


class MailError(TransientError):
    """The SMTP server could not be reached or refused the message."""


def _subject(report: Report, language: Language) -> str:
    errors = report.count(Level.FOUT)
    if language == "en":
        return f"RIO processing report {report.provider}: {errors} error(s)"
    return f"Verwerkingsverslag RIO {report.provider}: {errors} fout(en)"


def build_message(
    report: Report, *, sender: str, recipient: str, language: Language = "nl"
) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = _subject(report, language)
    msg["From"] = sender
    msg["To"] = recipient
    intro = (
        "In de bijlage staat het verwerkingsverslag van uw opleidingen in RIO."
        if language == "nl"
        else "Attached is the processing report of your programmes in RIO."
    )
    msg.set_content(intro + "\n")
    msg.add_alternative(to_html(report, language), subtype="html")
    stem = f"verwerkingsverslag-{report.org_unit_id}-{report.sync_run_id}"
    msg.add_attachment(
        to_csv(report, language).encode("utf-8-sig"),
        maintype="text",
        subtype="csv",
        filename=f"{stem}.csv",
    )
    msg.add_attachment(
        to_xlsx(report, language), maintype=_XLSX[0], subtype=_XLSX[1], filename=f"{stem}.xlsx"
    )
    return msg


def send_report(
    report: Report, *, recipient: str, settings: ReportSettings, timeout: float = 30.0
) -> None:
    """Send the report; raises MailError (transient) when the server fails."""
    if not settings.smtp_host:
        raise ValueError("no SMTP server configured (report.smtp_host)")
    msg = build_message(
        report, sender=settings.mail_from, recipient=recipient, language=settings.language
    )
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_username and settings.smtp_password is not None:
                smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
            smtp.send_message(msg)
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"could not mail the report to {recipient}: {exc}") from exc
