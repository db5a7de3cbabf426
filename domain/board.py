"""A safeguarding board (or partnership): its partner agencies and who to contact."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import event

from domain.base import TrackedAggregate, check_email, check_not_future, id_for, required_text, text_list
from domain.errors import AlreadyExists, DomainError, NotFound
from domain.notices import NoticeRecipient, notice_events
from domain import text as texts
from domain.impact import ASSURANCE_LEVELS, NOT_GRADED
from domain.statuses import parse_choice
from domain.statuses import RAG_BANDS
from domain.text import NAME


class Board(NoticeRecipient, TrackedAggregate):
    @staticmethod
    def create_id(name: str, **_: object):
        return id_for("board", name.strip())

    @classmethod
    def register(cls, *, name: str, agencies: list[str], actor: str, on: date, today: date) -> "Board":
        check_not_future(on, today)
        return cls(name=required_text("board", name, NAME), agencies=_unique(agencies), actor=actor, on=on)

    @event("Registered")
    def __init__(self, name: str, agencies: list[str], actor: str, on: date) -> None:
        self.name = name
        self.agencies = list(agencies)
        self.agency_contacts: dict[str, str] = {}
        self.chair_contact: str | None = None
        self.rag_words: dict[str, str] = {}
        self.assurance_words: dict[str, str] = {}  # the board's own words for domain.impact's levels
        self.last_effective = on

    def agency_named(self, name: str) -> str:
        """The board's own spelling of an agency, matched case-insensitively."""
        wanted = (name or "").strip().lower()
        for agency in self.agencies:
            if agency.lower() == wanted:
                return agency
        known = ", ".join(self.agencies) or "none yet"
        raise NotFound("agency", f"{name!r} is not an agency of {self.name} (known: {known})")

    def add_agency(self, *, agency: str, actor: str, on: date, today: date) -> None:
        agency = required_text("agency", agency, NAME)
        if agency.lower() in (a.lower() for a in self.agencies):
            raise AlreadyExists("agency", f"{agency!r} is already an agency of {self.name}")
        check_not_future(on, today)
        self._agency_added(agency=agency, actor=actor, on=on)

    @event("AgencyAdded")
    def _agency_added(self, agency: str, actor: str, on: date) -> None:
        self.agencies.append(agency)

    def set_chair_contact(self, *, email: str, actor: str, on: date, today: date) -> None:
        check_not_future(on, today)
        self._chair_contact_set(email=check_email("chair contact", email), actor=actor, on=on)

    @event("ChairContactSet")
    def _chair_contact_set(self, email: str, actor: str, on: date) -> None:
        self.chair_contact = email

    def set_agency_contact(self, *, agency: str, email: str, actor: str, on: date, today: date) -> None:
        check_not_future(on, today)
        agency = self.agency_named(agency)
        self._agency_contact_set(agency=agency, email=check_email("contact", email), actor=actor, on=on)

    @event("AgencyContactSet")
    def _agency_contact_set(self, agency: str, email: str, actor: str, on: date) -> None:
        self.agency_contacts[agency] = email

    def rename_rag_band(self, *, band: str, word: str, actor: str, on: date, today: date) -> None:
        if band not in RAG_BANDS:
            raise DomainError("band", f"unknown band {band!r}; expected one of {', '.join(RAG_BANDS)}")
        check_not_future(on, today)
        self._rag_band_renamed(band=band, word=required_text("word", word, NAME), actor=actor, on=on)

    @event("RagBandRenamed")
    def _rag_band_renamed(self, band: str, word: str, actor: str, on: date) -> None:
        self.rag_words[band] = word

    def rename_assurance_level(self, *, level: str, word: str, actor: str, on: date, today: date) -> None:
        """A board's own word for an assurance level, for display; JSON and CSV keep the standard names."""
        level = parse_choice("level", level, (*ASSURANCE_LEVELS, NOT_GRADED))
        word = (texts.checked("word", word, texts.NAME, required=True) or "").strip()
        check_not_future(on, today)
        self._assurance_level_renamed(level=level, word=word, actor=actor, on=on)

    @event("AssuranceLevelRenamed")
    def _assurance_level_renamed(self, level: str, word: str, actor: str, on: date) -> None:
        self.assurance_words = {**getattr(self, "assurance_words", {}), level: word}

    # --- notices (the scheduler's record of who was told): not business changes -------------

    # record_notice and record_notice_delivered come from NoticeRecipient; the events are made in this class's
    # body so that their topics name it (domain.notices.notice_events).
    _notice_queued, _notice_delivered = notice_events()


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in text_list("agency", names, NAME):
        if name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())
