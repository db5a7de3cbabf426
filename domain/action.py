"""An agency's action under a recommendation: its lifecycle from agreed to signed off."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import event

from domain.base import TrackedAggregate, check_email, check_not_future, id_for, optional_text, required_text
from domain.errors import DomainError, InvalidTransition, NotFound
from domain.evidence import Attachment
from domain.notices import NoticeRecipient, notice_events
from domain import text as texts
from domain.impact import NOT_GRADED, parse_assurance
from domain.statuses import (
    ALLOWED_FROM,
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    SIGNED_OFF,
    WITHDRAWN,
)
from domain.text import NAME, NOTE, TEXT

if TYPE_CHECKING:
    from domain.recommendation import Recommendation


def action_ref(review_code: str, recommendation_number: int, number: int) -> str:
    return f"{review_code}/R{recommendation_number}/A{number}"


class Action(NoticeRecipient, TrackedAggregate, created_event_name="Agreed"):
    """Its fields are the Agreed event's (eventsourcing makes the event and the constructor from them);
    `actor` and `on` say who agreed it and when, as every event does."""

    board: str
    review_id: UUID | None
    review_code: str
    recommendation_id: UUID | None
    recommendation_number: int
    number: int
    agency: str
    text: str
    target_date: date
    lead: str
    measure: str
    contact: str
    actor: str
    on: date

    @staticmethod
    def create_id(review_code: str, recommendation_number: int, number: int, **_: object):
        return id_for("action", action_ref(review_code, recommendation_number, number))

    @classmethod
    def agree(
        cls,
        *,
        recommendation: Recommendation,
        number: int,
        agency: str,
        text: str,
        target_date: date,
        actor: str,
        on: date,
        today: date,
        lead: str = "",
        measure: str = "",
        contact: str = "",
    ) -> "Action":
        """Action `number` of `recommendation` (from its `plan_action`), which it takes its board and review from."""
        check_not_future(on, today)
        if target_date < on:
            raise DomainError(
                "target", f"{target_date.isoformat()} is before the action was agreed on {on.isoformat()}"
            )
        return cls(
            board=recommendation.board,
            review_id=recommendation.review_id,
            review_code=recommendation.review_code,
            recommendation_id=recommendation.id,
            recommendation_number=recommendation.number,
            number=number,
            agency=required_text("agency", agency, NAME),
            text=required_text("text", text, TEXT),
            target_date=target_date,
            lead=optional_text("lead", lead, NAME),
            measure=optional_text("measure", measure, TEXT),
            contact=optional_text("contact", contact, NAME),
            actor=actor,
            on=on,
        )

    def __post_init__(self) -> None:
        """The state an agreed action starts in; the fields above are the Agreed event's, set by eventsourcing."""
        self.original_target_date = self.target_date
        self.reschedules = 0
        self.status = NOT_STARTED
        self.status_before_withdrawal = NOT_STARTED
        self.agreed_on = self.on
        self.completed_on: date | None = None
        self.signed_off_on: date | None = None
        self.assurance = ""  # the sub-group's level while signed off (domain.impact), else ""
        self.last_effective = self.on

    @property
    def reference(self) -> str:
        return action_ref(self.review_code, self.recommendation_number, self.number)

    # Commands: guard, then record the event. Guards never run on replay.

    def report_progress(self, *, note: str, actor: str, on: date, today: date) -> None:
        self._progress_reported(note=self._step_text("report progress", "note", note, on, today), actor=actor, on=on)

    def complete(self, *, evidence: str, actor: str, on: date, today: date) -> None:
        self._completed(evidence=self._step_text("complete", "evidence", evidence, on, today), actor=actor, on=on)

    def sign_off(self, *, impact: str, actor: str, on: date, today: date, assurance: str = "", comment: str = "") -> None:
        """The sub-group accepts the evidence; it may say how sure it is (assurance) and why (critical friend)."""
        self._check("sign off", on, today)
        level = parse_assurance(assurance)
        comment = (texts.checked("comment", comment or "", texts.NOTE) or "").strip()
        self._signed_off(impact=optional_text("impact", impact, NOTE), assurance=level, comment=comment, actor=actor, on=on)

    def refuse_sign_off(self, *, reason: str, actor: str, on: date, today: date, comment: str = "") -> None:
        self._check("refuse sign-off", on, today)
        comment = (texts.checked("comment", comment or "", texts.NOTE) or "").strip()
        self._sign_off_refused(reason=required_text("reason", reason, NOTE), comment=comment, actor=actor, on=on)

    def reschedule(self, *, target_date: date, reason: str, actor: str, on: date, today: date) -> None:
        self._check("reschedule", on, today)
        reason = required_text("reason", reason, NOTE)
        if target_date < self.agreed_on:
            raise DomainError(
                "target", f"{target_date.isoformat()} is before the action was agreed on {self.agreed_on.isoformat()}"
            )
        if target_date == self.target_date:
            raise DomainError("target", f"{target_date.isoformat()} is already the target date")
        self._rescheduled(target_date=target_date, reason=reason, actor=actor, on=on)

    def withdraw(self, *, reason: str, actor: str, on: date, today: date) -> None:
        self._withdrawn(reason=self._step_text("withdraw", "reason", reason, on, today), actor=actor, on=on)

    def reopen(self, *, reason: str, actor: str, on: date, today: date) -> None:
        self._reopened(reason=self._step_text("reopen", "reason", reason, on, today), actor=actor, on=on)

    def set_contact(self, *, email: str, actor: str, on: date, today: date) -> None:
        if self.status == WITHDRAWN:
            raise InvalidTransition("status", f"{self.reference} is withdrawn; reopen it first")
        self.check_effective(on, today)
        self._contact_set(email=check_email("contact", email), actor=actor, on=on)

    def _check(self, command: str, on: date, today: date) -> None:
        allowed = ALLOWED_FROM[command]
        if self.status not in allowed:
            hint = "; reopen it first" if self.status == WITHDRAWN else ""
            raise InvalidTransition(
                "status",
                f"cannot {command} {self.reference}: it is {self.status.replace('_', ' ')}"
                f" (allowed only when {' or '.join(s.replace('_', ' ') for s in allowed)}){hint}",
            )
        self.check_effective(on, today)

    def _step_text(self, command: str, field: str, text: str, on: date, today: date) -> str:
        """The text a step records (its note, evidence or reason), once the step is allowed now and on that date."""
        self._check(command, on, today)
        return required_text(field, text, NOTE)

    # Events: the only place state changes.

    @event("ProgressReported")
    def _progress_reported(self, note: str, actor: str, on: date) -> None:
        self.status = IN_PROGRESS
        self.last_effective = on

    @event("Completed")
    def _completed(self, evidence: str, actor: str, on: date) -> None:
        self.status = COMPLETED
        self.completed_on = on
        self.last_effective = on

    # assurance and comment default to "": sign-offs stored before assurance existed replay as not graded.
    @event("SignedOff")
    def _signed_off(self, impact: str, actor: str, on: date, assurance: str = "", comment: str = "") -> None:
        self.status = SIGNED_OFF
        self.assurance = assurance or NOT_GRADED
        self.signed_off_on = on
        self.last_effective = on

    @event("SignOffRefused")
    def _sign_off_refused(self, reason: str, actor: str, on: date, comment: str = "") -> None:
        self.status = IN_PROGRESS
        self.completed_on = None
        self.last_effective = on

    @event("Rescheduled")
    def _rescheduled(self, target_date: date, reason: str, actor: str, on: date) -> None:
        self.target_date = target_date
        self.reschedules += 1
        self.last_effective = on

    @event("Withdrawn")
    def _withdrawn(self, reason: str, actor: str, on: date) -> None:
        self.status_before_withdrawal = self.status
        self.status = WITHDRAWN
        self.last_effective = on

    @event("Reopened")
    def _reopened(self, reason: str, actor: str, on: date) -> None:
        # A withdrawn action returns to where it was; a closed one goes back to work.
        self.status = self.status_before_withdrawal if self.status == WITHDRAWN else IN_PROGRESS
        if self.status != COMPLETED:
            self.completed_on = None
        self.signed_off_on = None
        self.assurance = ""
        self.last_effective = on

    @event("ContactSet")
    def _contact_set(self, email: str, actor: str, on: date) -> None:
        self.contact = email
        self.last_effective = on

    # --- evidence documents (domain.evidence): numbered on the action; withdrawn or purged, never removed ---

    @property
    def documents(self) -> dict[int, Attachment]:
        """Every document attached, by its number on this action (1, 2, ...), withdrawn and purged ones too."""
        return self.__dict__.setdefault("_documents", {})

    def document(self, number: int) -> Attachment:
        found = self.documents.get(number)
        if found is None:
            raise NotFound("number", f"{self.reference} has no document {number} (it has {len(self.documents)})")
        return found

    def attach_evidence(
        self, *, sha256: str, size: int, kind: str, title: str, filename: str, actor: str, on: date, today: date
    ) -> int:
        if self.status == WITHDRAWN:
            raise InvalidTransition("attach", f"{self.reference} is withdrawn and takes no documents; reopen it first")
        self.check_effective(on, today)
        number = len(self.documents) + 1
        self._evidence_attached(
            number=number, sha256=sha256, size=size, kind=kind, title=required_text("title", title),
            filename=filename, actor=actor, on=on,
        )
        return number

    def withdraw_evidence(self, *, number: int, reason: str, actor: str, on: date, today: date) -> None:
        if self.document(number).withdrawn_reason is not None:
            raise InvalidTransition("number", f"document {number} of {self.reference} is already withdrawn")
        self.check_effective(on, today)
        self._evidence_withdrawn(number=number, reason=required_text("reason", reason, NOTE), actor=actor, on=on)

    def record_purge(self, *, sha256: str, reason: str, actor: str, on: date, today: date) -> list[int]:
        """The bytes of these documents were destroyed for legal reasons; the record keeps their hash."""
        numbers = [n for n, d in self.documents.items() if d.sha256 == sha256 and d.purged_reason is None]
        if not numbers:
            raise NotFound("sha256", f"{self.reference} holds no unpurged document {sha256}")
        check_not_future(on, today)
        self._evidence_purged(sha256=sha256, numbers=numbers, reason=required_text("reason", reason, NOTE), actor=actor, on=on)
        return numbers

    @event("EvidenceAttached")
    def _evidence_attached(
        self, number: int, sha256: str, size: int, kind: str, title: str, filename: str, actor: str, on: date
    ) -> None:
        self.documents[number] = Attachment(number, sha256, size, kind, title, filename, actor, on)
        self.last_effective = on

    @event("EvidenceWithdrawn")
    def _evidence_withdrawn(self, number: int, reason: str, actor: str, on: date) -> None:
        self.documents[number] = replace(self.documents[number], withdrawn_reason=reason)
        self.last_effective = on

    @event("EvidencePurged")
    def _evidence_purged(self, sha256: str, numbers: list[int], reason: str, actor: str, on: date) -> None:
        for number in numbers:
            self.documents[number] = replace(self.documents[number], purged_reason=reason)

    # --- notices (the scheduler's record of who was told): not business changes -------------

    # record_notice and record_notice_delivered come from NoticeRecipient; the events are made in this class's
    # body so that their topics name it (domain.notices.notice_events).
    _notice_queued, _notice_delivered = notice_events()
