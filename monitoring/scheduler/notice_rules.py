"""Which notices are due on a day, and to whom: reminders, overdue and escalation, statutory clocks, digests.

Reads come only from `services.queries`; each notice's idempotency key names what it is about, so a
second run on the same day (or a racing scheduler) finds the key taken and sends nothing more.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from domain.board import Board
from domain.errors import DomainError
from domain.review import Review
from domain.statuses import OPEN_STATUSES
from monitoring.scheduler import messages
from monitoring.scheduler.outbox import Notice


@dataclass
class Candidate:
    key: str
    kind: str
    aggregate_id: str
    reference: str
    board: str
    recipient: str | None
    words: Callable[[], tuple[str, str]]  # (subject, body), composed only when the notice is new


@dataclass
class JobReport:
    job: str
    queued: list[str] = field(default_factory=list)
    already_sent: int = 0
    no_contact: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        line = f"{self.job}: {len(self.queued)} notice(s) queued, {self.already_sent} queued before (not again)"
        if self.no_contact:
            line += f"; nobody to tell for {len(self.no_contact)} ({', '.join(self.no_contact[:5])}" \
                    f"{', ...' if len(self.no_contact) > 5 else ''}): set a contact"
        return line + "".join(f"; {p}" for p in self.problems)


@dataclass
class Day:
    """What a job needs: the services, the notifier, the day it runs for, and the schedule's settings."""

    services: object
    notifier: object
    today: date
    schedule: object

    @property
    def url(self) -> str:
        return self.services.settings.dashboard_url

    def boards(self) -> dict[str, dict]:
        return {b["name"]: b for b in self.services.queries.boards()}


def lead_contact(action: dict, boards: dict[str, dict]) -> str | None:
    """The action's own contact, else its agency's contact for the board."""
    board = boards.get(action["board"]) or {}
    return action.get("contact") or (board.get("agency_contacts") or {}).get(action["agency"])


def chair_contact(board: str, boards: dict[str, dict]) -> str | None:
    return (boards.get(board) or {}).get("chair_contact")


def reminders(day: Day) -> JobReport:
    boards, horizon = day.boards(), day.today + timedelta(days=day.schedule.reminder_days)
    rows = [a for a in day.services.queries.actions(due_within_days=day.schedule.reminder_days)
            if a["status"] in OPEN_STATUSES and day.today <= a["target_date"] <= horizon]
    return offer(day, "reminders", [
        _about_action(a, "reminder", lead_contact(a, boards), partial(messages.reminder, a, day.today, day.url))
        for a in rows] + retest_reminders(day, boards, horizon))


def overdue(day: Day) -> JobReport:
    boards, candidates = day.boards(), []
    for a in day.services.queries.actions(overdue=True):
        candidates.append(_about_action(a, "overdue", lead_contact(a, boards), partial(messages.overdue, a, day.today, day.url)))
        if (day.today - a["target_date"]).days >= day.schedule.escalate_after_days:
            candidates.append(_about_action(a, "escalation", chair_contact(a["board"], boards),
                                            partial(messages.escalation, a, day.today, day.url)))
    return offer(day, "overdue", candidates + retest_escalations(day, boards))


# --- re-tests of a recommendation's impact (domain.impact): once each, to the board's chair contact -----------

def _awaiting_retest(day: Day) -> list[dict]:
    return [r for r in day.services.queries.recommendations_impact() if r["awaiting_retest"] and r["retest_by"]]


def retest_reminders(day: Day, boards: dict[str, dict], horizon: date) -> list[Candidate]:
    """A re-test falling due from today to the reminder horizon: the chair is reminded once per re-test date."""
    return [_about_recommendation(r, "reminder", chair_contact(r["board"], boards), partial(messages.retest_reminder, r, day.today, day.url))
            for r in _awaiting_retest(day) if day.today <= date.fromisoformat(r["retest_by"]) <= horizon]


def retest_escalations(day: Day, boards: dict[str, dict]) -> list[Candidate]:
    """A re-test past its date with none recorded since the plan: escalated once per re-test date."""
    return [_about_recommendation(r, "escalation", chair_contact(r["board"], boards), partial(messages.retest_escalation, r, day.today, day.url))
            for r in _awaiting_retest(day) if r["retest_overdue"]]


def _about_recommendation(rec: dict, kind: str, recipient: str | None, words) -> Candidate:
    return Candidate(f"retest-{kind}:{rec['id']}:{rec['retest_by']}", kind, str(rec["id"]), rec["reference"], rec["board"], recipient, words)


def clocks(day: Day) -> JobReport:
    boards, candidates = day.boards(), []
    rows = day.services.queries.deadlines_at_risk(within_working_days=day.schedule.clock_warning_working_days)
    for r in rows:
        if r["state"] == "late" and (day.today - r["due"]).days > day.schedule.clock_lookback_days:
            continue  # long past (an imported history): the dashboard shows it; nobody is emailed
        review_id, phase = str(Review.create_id(r["review_code"])), "late" if r["state"] == "late" else "near"
        candidates.append(Candidate(
            f"clock:{review_id}:{r['deadline']}:{r['due'].isoformat()}:{phase}", "clock", review_id, r["review_code"],
            r["board"], chair_contact(r["board"], boards), partial(messages.clock, r, day.today, day.url)))
    return offer(day, "clocks", candidates)


def digest(day: Day) -> JobReport:
    year, week, _ = day.today.isocalendar()
    candidates = [
        Candidate(f"digest:{b['name']}:{year}-W{week:02d}", "digest", str(Board.create_id(b["name"])), b["name"],
                  b["name"], b.get("chair_contact"), partial(_digest_words, day, b["name"]))
        for b in day.services.queries.boards()]
    return offer(day, "digest", candidates)


def _digest_words(day: Day, board: str) -> tuple[str, str]:
    q, today = day.services.queries, day.today
    due_soon = [a for a in q.actions(board=board, due_within_days=day.schedule.digest_due_days)
                if a["status"] in OPEN_STATUSES and a["target_date"] >= today]
    sections = {"recurring": recurring(q, board, today), "overdue": q.actions(board=board, overdue=True), "due_soon": due_soon,
                "awaiting_sign_off": q.actions(board=board, awaiting_sign_off=True), "refused": _refused(q, board, today)}
    return messages.digest(board, today, sections, day.url)


def recurring(queries, board: str, today: date) -> list[dict]:
    """Recurrences noted in the ISO week before the digest's own: each week's digest lists its week's once, so
    every new recurrence appears in exactly one digest (the digest is queued once a week, by its week's key)."""
    monday = today - timedelta(days=today.weekday())
    grouped: dict[str, list[str]] = {}
    for row in queries.recurrences_noted(board=board, since=monday - timedelta(days=7), until=monday):
        grouped.setdefault(row["reference"], []).append(row["earlier_reference"])
    return [{"reference": ref, "earlier": earlier} for ref, earlier in sorted(grouped.items())]


def _refused(queries, board: str, today: date) -> list[dict]:
    """Sign-offs refused in the seven days up to today (a refused action is back in progress)."""
    refused = []
    for action in queries.actions(board=board, status="in_progress"):
        for event in queries.history(action["id"]):
            if event["event"] == "SignOffRefused" and event["effective"] and 0 <= (today - event["effective"]).days < 7:
                refused.append(action | {"refused_on": event["effective"], "reason": event["details"].get("reason", "")})
    return refused


def _about_action(action: dict, kind: str, recipient: str | None, words) -> Candidate:
    key = f"{kind}:{action['id']}:{action['target_date'].isoformat()}"
    return Candidate(key, kind, str(action["id"]), action["reference"], action["board"], recipient, words)


def offer(day: Day, job: str, candidates: list[Candidate]) -> JobReport:
    """Queue each candidate whose key is not yet taken; those with nobody to tell wait until someone is set."""
    report, taken = JobReport(job), day.notifier.outbox.claimed([c.key for c in candidates])
    for c in candidates:
        if c.key in taken:
            report.already_sent += 1
        elif not c.recipient:
            report.no_contact.append(c.reference)
        else:
            try:
                subject, body = c.words()
                notice = Notice(c.key, c.kind, c.aggregate_id, c.reference, c.board, c.recipient, subject, body)
                if day.notifier.queue(notice, day.today):
                    report.queued.append(c.key)
                else:
                    report.already_sent += 1
            except DomainError as error:
                report.problems.append(f"{c.reference}: {error}")
    return report
