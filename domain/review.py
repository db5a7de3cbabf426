"""A case review: its type, stage, key dates and the statutory clocks they start."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventsourcing.domain import event

from domain.base import TrackedAggregate, check_not_future, id_for, optional_text, required_text, text_list
from domain.calendar import (
    NOTIFICATION_WORKING_DAYS,
    PUBLICATION_MONTHS,
    RAPID_REVIEW_WORKING_DAYS,
    add_months,
    add_working_days,
)
from domain.errors import DomainError
from domain.notices import NoticeRecipient, notice_events
from domain.statuses import REVIEW_STAGES, REVIEW_TYPES, parse_choice
from domain.text import NAME, NOTE

# Child serious incidents run the notification and rapid-review clocks; practice reviews must publish.
CLOCKED_TYPES = ("scr", "lcspr", "rapid_review")
PUBLISHED_TYPES = ("scr", "lcspr")


class Review(NoticeRecipient, TrackedAggregate, created_event_name="Commissioned"):
    """Its fields are the Commissioned event's (eventsourcing makes the event and the constructor from them)."""

    board: str
    code: str
    title: str
    review_type: str
    aware_on: date | None
    panel_notified_on: date | None
    themes: list[str]
    actor: str
    on: date

    @staticmethod
    def create_id(code: str, **_: object):
        return id_for("review", code)

    @classmethod
    def commission(
        cls,
        *,
        board: str,
        code: str,
        title: str,
        review_type: str,
        actor: str,
        on: date,
        today: date,
        aware_on: date | None = None,
        panel_notified_on: date | None = None,
        themes: list[str] | None = None,
    ) -> "Review":
        check_not_future(on, today)
        for field, value in (("aware", aware_on), ("notified", panel_notified_on)):
            if value is not None:
                check_not_future(value, today, field)
        if aware_on and panel_notified_on and panel_notified_on < aware_on:
            raise DomainError("notified", "the Panel cannot be notified before the local authority became aware")
        return cls(
            board=board,
            code=check_code(code),
            title=required_text("title", title, NAME),
            review_type=parse_choice("type", review_type, REVIEW_TYPES),
            aware_on=aware_on,
            panel_notified_on=panel_notified_on,
            themes=text_list("themes", themes, NAME),
            actor=actor,
            on=on,
        )

    def __post_init__(self) -> None:
        """The state a review starts in; the fields above are the Commissioned event's, set by eventsourcing."""
        self.themes = list(self.themes)
        self.stage = "notified"
        self.stage_dates: dict[str, date] = {"notified": self.aware_on or self.on}
        self.last_effective = self.on

    def move_to_stage(self, *, stage: str, note: str, actor: str, on: date, today: date) -> None:
        stage = parse_choice("stage", stage, REVIEW_STAGES)
        if stage == self.stage:
            raise DomainError("stage", f"the review is already at stage {stage}")
        self.check_effective(on, today)
        self._stage_changed(stage=stage, note=optional_text("note", note, NOTE), actor=actor, on=on)

    @event("StageChanged")
    def _stage_changed(self, stage: str, note: str, actor: str, on: date) -> None:
        self.stage = stage
        self.stage_dates[stage] = on
        self.last_effective = on

    def record_panel_notification(self, *, actor: str, on: date, today: date) -> None:
        self.check_effective(on, today)
        self._panel_notified(actor=actor, on=on)

    @event("PanelNotified")
    def _panel_notified(self, actor: str, on: date) -> None:
        self.panel_notified_on = on
        self.last_effective = on

    def set_themes(self, *, themes: list[str], actor: str, on: date, today: date) -> None:
        self.check_effective(on, today)
        self._themes_set(themes=text_list("themes", themes, NAME), actor=actor, on=on)

    @event("ThemesSet")
    def _themes_set(self, themes: list[str], actor: str, on: date) -> None:
        self.themes = list(themes)
        self.last_effective = on

    def deadlines(self) -> list["Deadline"]:
        return statutory_deadlines(
            self.review_type, self.aware_on, self.panel_notified_on, dict(self.stage_dates)
        )

    # --- notices (the scheduler's record of who was told): not business changes -------------

    # record_notice and record_notice_delivered come from NoticeRecipient; the events are made in this class's
    # body so that their topics name it (domain.notices.notice_events).
    _notice_queued, _notice_delivered = notice_events()


@dataclass(frozen=True)
class Deadline:
    """A statutory clock: when it falls due and when (if ever) it was met."""

    name: str
    due: date | None
    met_on: date | None

    def state(self, as_at: date) -> str:
        if self.due is None:
            return "not started"
        if self.met_on is not None:
            return "met" if self.met_on <= self.due else "met late"
        return "late" if as_at > self.due else "pending"


def statutory_deadlines(
    review_type: str, aware_on: date | None, panel_notified_on: date | None, stage_dates: dict[str, date]
) -> list[Deadline]:
    """Working Together: notify the Panel in 5 working days, rapid review in 15, publish within 6 months."""
    deadlines = []
    if review_type in CLOCKED_TYPES:
        deadlines.append(
            Deadline(
                "notification",
                add_working_days(aware_on, NOTIFICATION_WORKING_DAYS) if aware_on else None,
                panel_notified_on,
            )
        )
        deadlines.append(
            Deadline(
                "rapid review",
                add_working_days(aware_on, RAPID_REVIEW_WORKING_DAYS) if aware_on else None,
                stage_dates.get("rapid_review"),
            )
        )
    if review_type in PUBLISHED_TYPES:
        decided = stage_dates.get("decision") or stage_dates.get("commissioned")
        deferred = "deferred" in stage_dates and "published" not in stage_dates
        deadlines.append(
            Deadline(
                "publication (deferred)" if deferred else "publication",
                add_months(decided, PUBLICATION_MONTHS) if decided else None,
                stage_dates.get("published"),
            )
        )
    return deadlines


def check_code(code: str) -> str:
    code = required_text("code", code, NAME).lower()
    if not all(ch.isalnum() or ch in "-_" for ch in code):
        raise DomainError("code", f"{code!r} may contain only letters, digits, '-' and '_'")
    return code


def code_from_name(name: str) -> str:
    """`Child C (2014)` -> `child-c-2014`: how a tracker's review name becomes a code."""
    words = "".join(ch.lower() if ch.isalnum() else " " for ch in name).split()
    return "-".join(words)
