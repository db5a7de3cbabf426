"""A recommendation of a review, which the board turns into agency actions."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import event

from domain.base import TrackedAggregate, check_not_future, id_for, required_text
from domain.errors import DomainError, InvalidTransition
from domain.statuses import REC_CLOSED, REC_OPEN, REC_REJECTED, REC_SUPERSEDED


def recommendation_ref(review_code: str, number: int) -> str:
    return f"{review_code}/R{number}"


class Recommendation(TrackedAggregate):
    @staticmethod
    def create_id(review_code: str, number: int, **_: object):
        return id_for("recommendation", recommendation_ref(review_code, number))

    @classmethod
    def make(
        cls,
        *,
        board: str,
        review_id,
        review_code: str,
        number: int,
        text: str,
        agencies: list[str],
        priority: bool,
        actor: str,
        on: date,
        today: date,
        themes: list[str] | None = None,
    ) -> "Recommendation":
        if not isinstance(number, int) or number < 1:
            raise DomainError("number", f"{number!r} must be a whole number from 1")
        check_not_future(on, today)
        return cls(
            board=board,
            review_id=review_id,
            review_code=review_code,
            number=number,
            text=required_text("text", text),
            agencies=list(agencies),
            priority=bool(priority),
            themes=list(themes or []),
            actor=actor,
            on=on,
        )

    @event("Made")
    def __init__(
        self,
        board: str,
        review_id,
        review_code: str,
        number: int,
        text: str,
        agencies: list[str],
        priority: bool,
        themes: list[str],
        actor: str,
        on: date,
    ) -> None:
        self.board = board
        self.review_id = review_id
        self.review_code = review_code
        self.number = number
        self.text = text
        self.agencies = list(agencies)
        self.priority = priority
        self.themes = list(themes)
        self.status = REC_OPEN
        self.action_count = 0
        self.made_on = on
        self.last_effective = on

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
        self._check_open("close")
        if not implemented:
            raise InvalidTransition("recommendation", f"{self.reference} cannot be closed until every action not withdrawn is signed off")
        self.check_effective(on, today)
        self._closed(impact=required_text("impact", impact), actor=actor, on=on)

    @event("Closed")
    def _closed(self, impact: str, actor: str, on: date) -> None:
        self.status = REC_CLOSED
        self.last_effective = on

    def reject(self, *, reason: str, actor: str, on: date, today: date) -> None:
        self._check_open("reject")
        self.check_effective(on, today)
        self._rejected(reason=required_text("reason", reason), actor=actor, on=on)

    @event("Rejected")
    def _rejected(self, reason: str, actor: str, on: date) -> None:
        self.status = REC_REJECTED
        self.last_effective = on

    def supersede(self, *, reason: str, actor: str, on: date, today: date) -> None:
        self._check_open("supersede")
        self.check_effective(on, today)
        self._superseded(reason=required_text("reason", reason), actor=actor, on=on)

    @event("Superseded")
    def _superseded(self, reason: str, actor: str, on: date) -> None:
        self.status = REC_SUPERSEDED
        self.last_effective = on

    def _check_open(self, verb: str) -> None:
        if self.status != REC_OPEN:
            raise InvalidTransition("recommendation", f"cannot {verb} {self.reference}: it is already {self.status}")
