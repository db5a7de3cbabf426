"""A real SMTP server on localhost (aiosmtpd) and Services wired to it, for the scheduler's tests."""
from __future__ import annotations

import email
import email.policy
import socket
import threading
from datetime import date
from email.message import Message

import pytest
from aiosmtpd.controller import Controller

from monitoring.bootstrap import bootstrap
from monitoring.config import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """What arrived at the SMTP server; addresses in `refuse` are turned away at RCPT."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.refuse: set[str] = set()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            content = envelope.content.replace(b"\r\n", b"\n")  # as a mail client shows it
            self.messages.append(email.message_from_bytes(content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]

    def keys(self) -> list[str]:
        return [str(m["X-SCR-Monitor-Notice"]).strip() for m in self.messages]


class SmtpServer:
    """Starts and stops on a fixed port, so a test can take the server away and bring it back."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"smtp://127.0.0.1:{self.port}?from=monitor@board.example.org"
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_down():
    """An SMTP URL on a port where nothing listens yet; `.start()` brings the server up."""
    server = SmtpServer()
    yield server
    server.stop()


@pytest.fixture
def wired():
    """Services for a store, with an SMTP URL (or none) and a fixed day; closed after the test."""
    built = []

    def make(db_url: str, today: date, *, smtp_url: str | None = None, dashboard_url: str = "https://scr.example.org"):
        settings = Settings(db_url=db_url, smtp_url=smtp_url, local_user="tester", dashboard_url=dashboard_url)
        services = bootstrap(settings, clock=lambda: today)
        built.append(services)
        return services

    yield make
    for services in built:
        services.close()
