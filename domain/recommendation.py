"""A recommendation of a review, which the board turns into agency actions."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import event

from domain.base import TrackedAggregate, check_not_future, id_for, required_text, text_list
from domain.errors import DomainError, InvalidTransition
from domain import text as texts
from domain.impact import LOCAL, NATIONAL, OVERVIEW, parse_evidenced, parse_kind, parse_scope
from domain.notices import NoticeRecipient, notice_events
from domain.statuses import REC_CLOSED, REC_OPEN, REC_REJECTED, REC_SUPERSEDED
from domain.text import NAME, NOTE, TEXT

if TYPE_CHECKING:
    from domain.review import Review


def recommendation_ref(review_code: str, number: int) -> str:
    return f"{review_code}/R{number}"


def classification(kind: str, scope: str, addressee: str | None) -> dict[str, str]:
    """Kind, scope and addressee checked together: a national recommendation names the body it is addressed to."""
    scope = parse_scope(scope or LOCAL)
    addressee = (texts.checked("addressee", addressee or "", texts.NAME) or "").strip()
    if scope == NATIONAL and not addressee:
        raise DomainError("addressee", "is required for a national recommendation (the body it is addressed to, e.g. Department for Education)")
    return {"kind": parse_kind(kind or OVERVIEW), "scope": scope, "addressee": addressee if scope == NATIONAL else ""}


def _text(field: str, value: str | None, kind=texts.TEXT, required: bool = False) -> str:
    return (texts.checked(field, value or "", kind, required=required) or "").strip()


class Recommendation(NoticeRecipient, TrackedAggregate, created_event_name="Made"):
    """Its fields are the Made event's (eventsourcing makes the event and the constructor from them).
    Recommendations made before kinds existed replay as overview and local (the defaults)."""

    board: str
    review_id: UUID | None
    review_code: str
    number: int
    text: str
    agencies: list[str]
    priority: bool
    themes: list[str]
    actor: str
    on: date
    kind: str = OVERVIEW
    scope: str = LOCAL
    addressee: str = ""

    @staticmethod
    def create_id(review_code: str, number: int, **_: object):
        return id_for("recommendation", recommendation_ref(review_code, number))

    @classmethod
    def make(
        cls,
        *,
        review: Review,
        number: int,
        text: str,
        agencies: list[str],
        priority: bool,
        actor: str,
        on: date,
        today: date,
        themes: list[str] | None = None,
        kind: str = OVERVIEW,
        scope: str = LOCAL,
        addressee: str = "",
    ) -> "Recommendation":
        if not isinstance(number, int) or number < 1:
            raise DomainError("number", f"{number!r} must be a whole number from 1")
        check_not_future(on, today)
        classified = classification(kind, scope, addressee)
        return cls(
            **classified,
            board=review.board,
            review_id=review.id,
            review_code=review.code,
            number=number,
            text=required_text("text", text, TEXT),
            agencies=text_list("agency", agencies, NAME),
            priority=bool(priority),
            themes=text_list("themes", themes, NAME),
            actor=actor,
            on=on,
        )

    def __post_init__(self) -> None:
        """The state a recommendation starts in; the fields above are the Made event's, set by eventsourcing."""
        self.agencies = list(self.agencies)
        self.themes = list(self.themes)
        self.response_asked_on: date | None = None
        self.response_received_on: date | None = None
        self.impact_plan: dict | None = None
        self.plan_on: date | None = None
        self.retest_by: date | None = None
        self.retests = 0
        self.last_retest_on: date | None = None
        self.last_finding = ""
        self.status = REC_OPEN
        self.action_count = 0
        self.made_on = self.on
        self.last_effective = self.on

    @property
    def reference(self) -> str:
        return recommendation_ref(self.review_code, self.number)

    def plan_action(self, *, actor: str, on: date) -> int:
        """Reserve the next action number; saving it with the action makes numbering race-free."""
        if self.status != REC_OPEN:
            raise InvalidTransition("recommendation", f"{self.reference} is {self.status}; actions can be added only while it is open")
        if on < self.made_on:
            raise DomainError("on", f"{on.isoformat()} is before the recommendation was made on {self.made_on.isoformat()}")
        self._action_planned(action_number=self.action_count + 1, actor=actor, on=on)
        return self.action_count

    # Action numbers follow file order, not effective date, so this event does not move last_effective.
    @event("ActionPlanned")
    def _action_planned(self, action_number: int, actor: str, on: date) -> None:
        self.action_count = action_number

    def set_priority(self, *, priority: bool, actor: str, on: date, today: date) -> None:
        self.check_effective(on, today)
        if bool(priority) == self.priority:
            raise DomainError("priority", f"{self.reference} is already {'a priority' if priority else 'not a priority'}")
        self._priority_set(priority=bool(priority), actor=actor, on=on)

    @event("PrioritySet")
    def _priority_set(self, priority: bool, actor: str, on: date) -> None:
        self.priority = priority
        self.last_effective = on

    def close(self, *, impact: str, implemented: bool, actor: str, on: date, today: date) -> None:
        """The board closes an implemented recommendation with what changed for children."""
        self._may_leave_open("close", on, today)
        if not implemented:
            raise InvalidTransition("recommendation", f"{self.reference} cannot be closed until every action not withdrawn is signed off")
        self._closed(impact=required_text("impact", impact, NOTE), actor=actor, on=on)

    def reject(self, *, reason: str, actor: str, on: date, today: date) -> None:
        self._may_leave_open("reject", on, today)
        self._rejected(reason=required_text("reason", reason, NOTE), actor=actor, on=on)

    def supersede(self, *, reason: str, actor: str, on: date, today: date) -> None:
        self._may_leave_open("supersede", on, today)
        self._superseded(reason=required_text("reason", reason, NOTE), actor=actor, on=on)

    @event("Closed")
    def _closed(self, impact: str, actor: str, on: date) -> None:
        self.status, self.last_effective = REC_CLOSED, on

    @event("Rejected")
    def _rejected(self, reason: str, actor: str, on: date) -> None:
        self.status, self.last_effective = REC_REJECTED, on

    @event("Superseded")
    def _superseded(self, reason: str, actor: str, on: date) -> None:
        self.status, self.last_effective = REC_SUPERSEDED, on

    # --- kind, scope, impact plan and re-tests (domain.impact) ---------------------------------

    def reclassify(self, *, kind: str | None, scope: str | None, addressee: str | None, reason: str, actor: str, on: date, today: date) -> None:
        """Change the kind or the scope (and addressee), with the board's reason."""
        reason = _text("reason", reason, texts.NOTE, required=True)
        new = classification(kind or self.kind, scope or self.scope, self.addressee if addressee is None else addressee)
        if new == {"kind": self.kind, "scope": self.scope, "addressee": self.addressee}:
            raise DomainError("kind" if kind else "scope", f"{self.reference} is already {new['kind']} and {new['scope']}")
        self.check_effective(on, today)
        self._reclassified(**new, reason=reason, actor=actor, on=on)

    @event("Reclassified")
    def _reclassified(self, kind: str, scope: str, addressee: str, reason: str, actor: str, on: date) -> None:
        self.kind, self.scope, self.addressee = kind, scope, addressee
        self.last_effective = on

    def record_response(self, *, asked_on: date | None, received_on: date | None, actor: str, on: date, today: date) -> None:
        """When the board asked the national body for a response, and when it came."""
        if self.scope != NATIONAL:
            raise DomainError("scope", f"{self.reference} is {self.scope}; only a national recommendation awaits a national body's response")
        asked_on = asked_on or self.response_asked_on
        if asked_on is None:
            raise DomainError("asked", "is required: the date the response was asked for")
        for field, day in (("asked", asked_on), ("received", received_on)):
            if day is not None:
                check_not_future(day, today, field)
        if received_on is not None and received_on < asked_on:
            raise DomainError("received", f"{received_on.isoformat()} is before the response was asked for on {asked_on.isoformat()}")
        self.check_effective(on, today)
        self._response_recorded(asked_on=asked_on, received_on=received_on, actor=actor, on=on)

    @event("ResponseRecorded")
    def _response_recorded(self, asked_on: date, received_on: date | None, actor: str, on: date) -> None:
        self.response_asked_on, self.response_received_on = asked_on, received_on
        self.last_effective = on

    def plan_impact(
        self, *, expected: str, measure: str, baseline: str, baseline_on: date | None, target: str, retest_by: date | None,
        reason: str, actor: str, on: date, today: date,
    ) -> None:
        """What is expected to change, how it will be measured, from what baseline to what target, and when to test it."""
        if self.status in ("rejected", "superseded"):
            raise InvalidTransition("recommendation", f"{self.reference} is {self.status}; it has no impact to plan")
        plan = {
            "expected": _text("expected", expected, required=True),
            "measure": _text("measure", measure, required=True),
            "baseline": _text("baseline", baseline),
            "baseline_on": baseline_on,
            "target": _text("target", target),
            "retest_by": retest_by,
        }
        if retest_by is None:
            raise DomainError("retest-by", "is required: the date to test the impact again")
        if baseline_on is not None:
            check_not_future(baseline_on, today, "baseline-date")
            if retest_by < baseline_on:
                raise DomainError("retest-by", f"{retest_by.isoformat()} is before the baseline date {baseline_on.isoformat()}")
        reason = _text("reason", reason, texts.NOTE)
        if self.impact_plan is not None and not reason:
            raise DomainError("reason", f"is required to change {self.reference}'s impact plan")
        self.check_effective(on, today)
        self._impact_planned(**plan, reason=reason, actor=actor, on=on)

    @event("ImpactPlanned")
    def _impact_planned(
        self, expected: str, measure: str, baseline: str, baseline_on: date | None, target: str, retest_by: date | None,
        reason: str, actor: str, on: date,
    ) -> None:
        self.impact_plan = {"expected": expected, "measure": measure, "baseline": baseline, "baseline_on": baseline_on, "target": target}
        self.plan_on, self.retest_by = on, retest_by
        self.last_effective = on

    def retest(self, *, result: str, evidenced: str, actor: str, on: date, today: date) -> None:
        """What a re-test (re-audit, survey, case sampling) found; it can be done more than once."""
        if self.status in ("rejected", "superseded"):
            raise InvalidTransition("recommendation", f"{self.reference} is {self.status}; there is no impact to re-test")
        finding = parse_evidenced(evidenced)
        result = _text("result", result, texts.NOTE, required=True)
        if self.plan_on is None:
            raise DomainError("plan", f"{self.reference} has no impact plan yet; set one with `recommendation plan` before a re-test")
        if on < self.plan_on:
            raise DomainError("on", f"{on.isoformat()} is before the impact plan was set on {self.plan_on.isoformat()}")
        self.check_effective(on, today)
        self._retested(result=result, evidenced=finding, actor=actor, on=on)

    @event("Retested")
    def _retested(self, result: str, evidenced: str, actor: str, on: date) -> None:
        self.retests += 1
        self.last_retest_on, self.last_finding = on, evidenced
        self.last_effective = on

    # --- notices (re-test reminders and escalations): not business changes --------------------

    # Made in this class's body so that their topics name it (domain.notices.notice_events).
    _notice_queued, _notice_delivered = notice_events()

    def set_themes(self, *, themes: list[str], actor: str, on: date, today: date) -> None:
        """Code the recommendation again (a theme missed, or a wrong one): its themes from `on`."""
        self.check_effective(on, today)
        themes = text_list("themes", themes, NAME)
        if themes == self.themes:
            raise DomainError("themes", f"{self.reference} already has these themes")
        self._themes_set(themes=themes, actor=actor, on=on)

    @event("ThemesSet")
    def _themes_set(self, themes: list[str], actor: str, on: date) -> None:
        self.themes = list(themes)
        self.last_effective = on

    def note_recurrence(self, *, earlier: list[dict], actor: str, noted_on: date) -> None:
        """Record that this recommendation's learning came up before (domain.recurrence finds it). Not a
        business change: it carries no effective date (`noted_on` is the day it was noticed)."""
        if earlier:
            self._recurrence_noted(earlier=[dict(e) for e in earlier], actor=actor, noted_on=noted_on)

    @event("RecurrenceNoted")
    def _recurrence_noted(self, earlier: list[dict], actor: str, noted_on: date) -> None:
        """Nothing on the aggregate changes; the read models keep the earlier recommendations named."""

    def _may_leave_open(self, verb: str, on: date, today: date) -> None:
        """Closed, rejected and superseded are final: only an open recommendation leaves `open`, never backdated."""
        if self.status != REC_OPEN:
            raise InvalidTransition("recommendation", f"cannot {verb} {self.reference}: it is already {self.status}")
        self.check_effective(on, today)
