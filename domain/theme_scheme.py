"""The themes a board codes its reviews and recommendations with: a shared scheme, and the board's own edits.

Why: national analyses code reviews by theme; a sub-group can only see learning come back if the same
learning gets the same code every time. Every default theme has a stable id shared by all boards (so
counts add up across boards); a board may add local themes, rename or merge themes for its own display,
and alias the words its trackers used. Nothing is forgotten: as at a date, the names then in force.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventsourcing.domain import event

from domain.base import (
    TrackedAggregate,
    check_not_future,
    id_for,
    optional_text,
    required_text,
)
from domain.errors import AlreadyExists, DomainError, NotFound
from domain.names import nearest_any, same_name, tidy
from domain.text import NAME, TEXT


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    definition: str
    local: bool = False


# Drawn from the national analyses (the NSPCC and SCIE repositories, the triennial analyses of serious
# case reviews, the Child Safeguarding Practice Review Panel's reports). The ids never change.
DEFAULT_THEMES = (
    Theme("neglect", "Neglect", "Persistent failure to meet a child's basic physical or psychological needs."),
    Theme("domestic-abuse", "Domestic abuse", "Abuse between adults in the household, and its effect on the child."),
    Theme("parental-mental-health", "Parental mental health", "A parent's or carer's mental ill health and its effect on their care."),
    Theme("parental-substance-misuse", "Parental substance misuse", "A parent's or carer's use of alcohol or drugs and its effect on their care."),
    Theme("voice-of-the-child", "Voice of the child", "The child's own words, wishes and daily experience seen and heard by practitioners."),
    Theme("professional-curiosity", "Professional curiosity", "Looking beyond what is presented: asking, checking, not taking accounts at face value."),
    Theme("information-sharing", "Information sharing", "Agencies telling each other what they know, in time, to protect the child."),
    Theme("escalation-and-challenge", "Escalation and challenge", "Using the escalation policy when another agency's decision looks wrong."),
    Theme("supervision", "Supervision", "Reflective supervision and management oversight of practitioners' cases."),
    Theme("safe-sleep", "Safe sleep", "Advice on and conditions for a baby's safe sleep, including co-sleeping risks."),
    Theme("bruising-in-non-mobile-babies", "Non-mobile babies and bruising", "Any bruise on a baby not yet moving independently, and the protocol it triggers."),
    Theme("transitions-to-adult-services", "Transitions to adult services", "Young people moving from children's to adults' services, and what is lost between them."),
    Theme("exploitation", "Exploitation", "Child sexual or criminal exploitation, county lines, trafficking, and contextual safeguarding."),
    Theme("working-with-fathers-and-men", "Working with fathers and men", "Seeing, assessing and engaging fathers and men in the household."),
    Theme("disguised-compliance", "Disguised compliance", "Parents appearing to co-operate to allay concerns while little changes."),
    Theme("thresholds", "Thresholds", "How agencies judge and apply thresholds for help, child in need and child protection."),
    Theme("self-neglect", "Self-neglect", "An adult's neglect of their own care, health, hygiene or surroundings."),
)
DEFAULTS = {t.id: t for t in DEFAULT_THEMES}

# Words boards' trackers use for the default themes. A board adds its own with `themes alias`.
BUILT_IN_ALIASES = {
    "dv": "domestic-abuse", "domestic violence": "domestic-abuse", "dva": "domestic-abuse",
    "mental health": "parental-mental-health", "substance misuse": "parental-substance-misuse",
    "drugs and alcohol": "parental-substance-misuse", "alcohol": "parental-substance-misuse",
    "child's voice": "voice-of-the-child", "voice of the child": "voice-of-the-child", "lived experience": "voice-of-the-child",
    "curiosity": "professional-curiosity", "information-sharing": "information-sharing",
    "escalation": "escalation-and-challenge", "challenge": "escalation-and-challenge",
    "bruising": "bruising-in-non-mobile-babies", "non-mobile babies": "bruising-in-non-mobile-babies",
    "transitions": "transitions-to-adult-services", "transition": "transitions-to-adult-services",
    "cse": "exploitation", "cce": "exploitation", "child sexual exploitation": "exploitation",
    "criminal exploitation": "exploitation", "county lines": "exploitation",
    "fathers": "working-with-fathers-and-men", "invisible men": "working-with-fathers-and-men",
    "unseen men": "working-with-fathers-and-men", "threshold": "thresholds", "self neglect": "self-neglect",
    "management oversight": "supervision",
}


def _default_words() -> dict[str, str]:
    words = {}
    for theme in DEFAULT_THEMES:
        words[same_name(theme.name)] = words[same_name(theme.id)] = theme.id
    for word, theme_id in BUILT_IN_ALIASES.items():
        words.setdefault(same_name(word), theme_id)
    return words


_DEFAULT_WORDS = _default_words()


def slug(name: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in same_name(name)).split())


def scheme_id(board: str):
    return id_for("theme-scheme", board.strip())


class SchemeAsAt:
    """A board's scheme as at a day, from its recorded changes (the aggregate's and the read model's)."""

    def __init__(self, board: str, changes: list[dict], day: date | None = None) -> None:
        self.board = board
        cut = day.isoformat() if day else "9999-12-31"
        self.themes: dict[str, Theme] = dict(DEFAULTS)
        self.merged: dict[str, str] = {}
        self.words: dict[str, str] = dict(_DEFAULT_WORDS)  # same_name(word) -> theme id, over every change whatever its date
        for change in changes:
            if change.get("name"):
                self.words[same_name(change["name"])] = change["theme"]
            if change.get("word"):
                self.words[same_name(change["word"])] = change["theme"]
            if change["theme"].startswith("local:"):
                self.words.setdefault(same_name(change["theme"]), change["theme"])
            if change["on"] <= cut:
                self._apply(change)

    def _apply(self, change: dict) -> None:
        kind, theme_id = change["change"], change["theme"]
        old = self.themes.get(theme_id)
        if kind == "add":
            self.themes[theme_id] = Theme(theme_id, change["name"], change.get("definition") or "", True)
        elif kind == "rename" and old:
            self.themes[theme_id] = Theme(theme_id, change["name"], old.definition, old.local)
        elif kind == "define" and old:
            self.themes[theme_id] = Theme(theme_id, old.name, change["definition"], old.local)
        elif kind == "merge":
            self.merged[theme_id] = change["into"]

    def lookup(self, word: str) -> str | None:
        """The theme id a word names (a name now or before, an id, an alias), or None."""
        return self.words.get(same_name(word))

    def canonical(self, theme_id: str) -> str:
        """Where a theme's records count as at the day: itself, or the theme it was merged into."""
        seen = set()
        while theme_id in self.merged and theme_id not in seen:
            seen.add(theme_id)
            theme_id = self.merged[theme_id]
        return theme_id

    def name(self, theme_id: str) -> str:
        theme = self.themes.get(theme_id)
        return theme.name if theme else theme_id

    def current(self) -> list[Theme]:
        """The themes in force (merged ones left out), in the scheme's order, local ones last."""
        return [t for t in self.themes.values() if t.id not in self.merged]

    def check(self, word: str) -> str:
        """The theme id for a word, or a DomainError naming the nearest theme."""
        found = self.lookup(tidy(word))
        if found is not None:
            return found
        names = [t.name for t in self.current()]
        near = nearest_any(word, names)
        hint = f"; nearest: {self.name(self.lookup(near))!r}" if near else ""
        raise NotFound("themes", f"{tidy(word)!r} is not a theme of {self.board}'s scheme{hint}"
                       " (an admin may add it with --new-theme, or alias it with `scr-monitor theme alias`)")


def as_theme_key(word: str) -> str:
    """The key a stored free-text theme word is counted under when no theme claims it yet."""
    return same_name(word)


class ThemeScheme(TrackedAggregate):
    """One board's edits to the shared scheme: local themes, renames, merges, aliases (each dated)."""

    @staticmethod
    def create_id(board: str, **_: object):
        return scheme_id(board)

    @classmethod
    def start(cls, *, board: str, actor: str, on: date, today: date) -> ThemeScheme:
        check_not_future(on, today)
        return cls(board=required_text("board", board, NAME), actor=actor, on=on)

    @event("Started")
    def __init__(self, board: str, actor: str, on: date) -> None:
        self.board = board
        self.changes: list[dict] = []
        self.last_effective = on

    def as_at(self, day: date | None = None) -> SchemeAsAt:
        return SchemeAsAt(self.board, self.changes, day)

    def add_local(self, *, name: str, definition: str, actor: str, on: date, today: date) -> str:
        self.check_effective(on, today)
        name = tidy(required_text("name", name, NAME))
        self._check_free(name)
        theme_id = f"local:{slug(self.board)}:{slug(name)}"
        if theme_id in self.as_at().themes:
            raise AlreadyExists("name", f"{name!r} is already a theme of {self.board}")
        self._changed(change={"change": "add", "theme": theme_id, "name": name,
                              "definition": optional_text("definition", definition, TEXT), "on": on.isoformat()},
                      actor=actor, on=on)
        return theme_id

    def rename(self, *, theme: str, name: str, actor: str, on: date, today: date) -> str:
        self.check_effective(on, today)
        scheme, name = self.as_at(), tidy(required_text("name", name, NAME))
        theme_id = scheme.canonical(scheme.check(theme))
        if same_name(scheme.name(theme_id)) == same_name(name):
            raise DomainError("name", f"{theme!r} is already called {name!r}")
        self._check_free(name, theme_id)
        self._changed(change={"change": "rename", "theme": theme_id, "name": name, "on": on.isoformat()}, actor=actor, on=on)
        return theme_id

    def merge(self, *, theme: str, into: str, actor: str, on: date, today: date) -> tuple[str, str]:
        self.check_effective(on, today)
        scheme = self.as_at()
        source, target = scheme.canonical(scheme.check(theme)), scheme.canonical(scheme.check(into))
        if source == target:
            raise DomainError("into", f"{theme!r} and {into!r} are already the same theme ({scheme.name(target)})")
        self._changed(change={"change": "merge", "theme": source, "into": target, "on": on.isoformat()}, actor=actor, on=on)
        return source, target

    def alias(self, *, word: str, theme: str, actor: str, on: date, today: date) -> str:
        self.check_effective(on, today)
        scheme, word = self.as_at(), tidy(required_text("word", word, NAME))
        theme_id = scheme.check(theme)
        taken = scheme.lookup(word)
        if taken is not None and taken != theme_id:
            raise AlreadyExists("word", f"{word!r} already names {scheme.name(taken)}")
        self._changed(change={"change": "alias", "theme": theme_id, "word": word, "on": on.isoformat()}, actor=actor, on=on)
        return theme_id

    def _check_free(self, name: str, theme_id: str | None = None) -> None:
        taken = self.as_at().lookup(name)
        if taken is not None and taken != theme_id:
            raise AlreadyExists("name", f"{name!r} already names {self.as_at().name(taken)} in {self.board}'s scheme")

    # One event for every edit: the change record is what the read model keeps too, so both read it alike.
    @event("Changed")
    def _changed(self, change: dict, actor: str, on: date) -> None:
        self.changes = [*self.changes, dict(change)]
        self.last_effective = on


def default_scheme(board: str) -> SchemeAsAt:
    return SchemeAsAt(board, [])


__all__ = ["DEFAULT_THEMES", "NotFound", "SchemeAsAt", "Theme", "ThemeScheme", "default_scheme", "scheme_id"]
