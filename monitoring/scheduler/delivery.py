"""The sender: takes due notices from the outbox and hands them to an SMTP server, each once."""
from __future__ import annotations

import hashlib
import os
import smtplib
import socket
import uuid
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import parse_qs, unquote, urlsplit

from domain.errors import DomainError
from monitoring.scheduler.outbox import Outbox

SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
TIMEOUT_SECONDS = 30
# The server refused this one message; the others in the batch may still go. Anything else (a refused
# connection, a dropped line, a failed login) would fail the whole batch the same way.
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


@dataclass(frozen=True)
class SmtpServer:
    scheme: str
    host: str
    port: int
    user: str | None = None
    password: str | None = None
    sender: str = "scr-monitor@localhost"

    @property
    def display(self) -> str:
        """The URL without its password, safe to print."""
        who = f"{self.user}@" if self.user else ""
        return f"{self.scheme}://{who}{self.host}:{self.port}"


def parse_smtp_url(url: str) -> SmtpServer:
    """`smtp://host:25`, `smtp+starttls://user:pass@host:587?from=monitor@board.org`, `smtps://host:465`."""
    parts = urlsplit(url.strip())
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise DomainError("SCR_MONITOR_SMTP_URL", f"{url!r} is not smtp://, smtp+starttls:// or smtps://HOST[:PORT]")
    sender = parse_qs(parts.query).get("from", ["scr-monitor@localhost"])[0]
    return SmtpServer(
        scheme=parts.scheme, host=parts.hostname, port=parts.port or SCHEMES[parts.scheme],
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None, sender=sender,
    )


def message_for(row: dict, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row["recipient"]
    message["Subject"] = row["subject"]
    message["Date"] = formatdate(localtime=True)
    # Stable per notice, so a mail system can drop a copy resent after a crash mid-delivery.
    message["Message-ID"] = f"<{hashlib.sha256(row['key'].encode()).hexdigest()[:32]}@scr-monitor>"
    message["X-SCR-Monitor-Notice"] = row["key"]
    message.set_content(row["body"])
    return message


@dataclass
class DeliveryReport:
    delivered: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


class Sender:
    def __init__(self, outbox: Outbox, server: SmtpServer):
        self.outbox = outbox
        self.server = server
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def deliver(self, limit: int = 200, ignore_backoff: bool = False) -> DeliveryReport:
        """Send each due notice, leasing it just before; the connection opens with the first one taken."""
        report, smtp = DeliveryReport(), None
        rows = iter(self.outbox.due(limit, ignore_backoff))
        try:
            for row in rows:
                if not self.outbox.lease(row["key"], self.owner):
                    continue  # another sender has it, or has just delivered it
                try:
                    if smtp is None:
                        smtp = self._connect()
                    smtp.send_message(message_for(row, self.server.sender))
                except MESSAGE_ERRORS as error:
                    self._fail(report, row, error)
                    continue
                except Exception as error:  # the server is unreachable or the line dropped: stop here
                    self._fail(report, row, error)
                    self._postpone(report, rows, error)
                    break
                self.outbox.delivered(row["key"], self.owner)
                report.delivered.append(row["key"])
        finally:
            if smtp is not None:
                _quietly_quit(smtp)
        return report

    def _postpone(self, report: DeliveryReport, rows, error: Exception) -> None:
        """The rest of the batch would fail the same way: each waits its back-off without another try."""
        for row in rows:
            if self.outbox.lease(row["key"], self.owner):
                self._fail(report, row, error)

    def _fail(self, report: DeliveryReport, row: dict, error: Exception) -> None:
        text = f"{type(error).__name__}: {error}".splitlines()[0]
        self.outbox.failed(row["key"], self.owner, text, row["attempts"])
        report.failed[row["key"]] = text

    def _connect(self) -> smtplib.SMTP:
        server = self.server
        if server.scheme == "smtps":
            smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT_SECONDS)
        else:
            smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_SECONDS)
        try:
            if server.scheme == "smtp+starttls":
                smtp.starttls()
            if server.user:
                smtp.login(server.user, server.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp


def _quietly_quit(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()
