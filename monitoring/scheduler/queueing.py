"""Use cases of the scheduler: queue a notice once (claim its key, record it on its aggregate), then deliver it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.notices import check_notice
from monitoring.scheduler.delivery import Sender, parse_smtp_url
from monitoring.scheduler.outbox import Notice, Outbox, utcnow

BATCH = 200  # notices per SMTP connection


@dataclass
class SendReport:
    job: str = "send"
    server: str | None = None  # None: no SMTP configured, notices stay in the outbox
    delivered: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    waiting: int = 0  # undelivered notices left in the outbox after this run

    def summary(self) -> str:
        if self.server is None:
            return (f"send: SCR_MONITOR_SMTP_URL is not set; {self.waiting} notice(s) kept in the outbox "
                    "(list them with `scr-monitor scheduler outbox`)")
        line = f"send: {len(self.delivered)} delivered via {self.server}, {self.waiting} waiting in the outbox"
        if self.failed:
            line += f"; {len(self.failed)} failed, to be retried with back-off: {next(iter(self.failed.values()))}"
        return line


class Notifier:
    """Queues and delivers notices for one Services (its application, read engine and settings)."""

    def __init__(self, services, now: Callable[[], datetime] = utcnow):
        self.services = services
        self.outbox = Outbox(services.engine, now)

    def queue(self, notice: Notice, today: date) -> bool:
        """Store the notice durably under its key, then record it on its aggregate. False: already queued."""
        check_notice(notice.kind, notice.key, notice.recipient, notice.subject)  # refuse before claiming the key
        if not self.outbox.claim(notice, today):
            return False
        if self.services.app.record_notice_queued(
                notice.aggregate_id, kind=notice.kind, key=notice.key, recipient=notice.recipient, subject=notice.subject, on=today):
            self.outbox.mark(notice.key, event_recorded=True)
        return True

    def send(self, today: date, *, ignore_backoff: bool = False) -> SendReport:
        """Deliver what is due (when SMTP is configured) and record each delivery on its aggregate."""
        self.reconcile(today)
        report = SendReport()
        if self.services.settings.smtp_url:
            server = parse_smtp_url(self.services.settings.smtp_url)
            report.server = server.display
            sender = Sender(self.outbox, server)
            while True:  # batch after batch, until the due notices are done or the server stops taking them
                batch = sender.deliver(limit=BATCH, ignore_backoff=ignore_backoff)
                report.delivered += batch.delivered
                report.failed |= batch.failed
                if batch.failed or len(batch.delivered) < BATCH:
                    break
            self.reconcile(today)
        report.waiting = self.outbox.waiting()
        return report

    def reconcile(self, today: date) -> None:
        """Record on their aggregates any notice or delivery not yet recorded (after a crash or a conflict)."""
        for row in self.outbox.unrecorded():
            if not row["event_recorded"] and self.services.app.record_notice_queued(
                    row["aggregate_id"], kind=row["kind"], key=row["key"], recipient=row["recipient"], subject=row["subject"], on=today):
                self.outbox.mark(row["key"], event_recorded=True)
                row["event_recorded"] = True
            if row["event_recorded"] and row["delivered_at"] is not None and self.services.app.record_notice_delivered(
                    row["aggregate_id"], key=row["key"], recipient=row["recipient"], on=today):
                self.outbox.mark(row["key"], delivery_recorded=True)
