"""One spreadsheet cell at a time: dates (ISO, UK, real date cells), status words, numbers, yes/no."""
from __future__ import annotations

import re
from datetime import date, datetime

from domain.references import action_reference
from domain.statuses import (
    AMBER, BLUE, COMPLETED, GREEN, GREY, IN_PROGRESS, NOT_STARTED, RAG_BANDS, RAG_MEANING, RED, REVIEW_TYPES, SIGNED_OFF,
    WITHDRAWN,
)


class CellError(ValueError):
    """The reason a cell cannot be read; the caller adds the row and column."""


def text(value) -> str:
    """A cell as clean text: stray spaces, non-breaking spaces and line breaks collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).replace("\u00a0", " ").split())


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$")
_UK = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(?: [\d:.]+)?$")
_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_WORDY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+),? (\d{4})$")
FORMATS = "use DD/MM/YYYY or YYYY-MM-DD"


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def parse_date(value) -> date | None:
    """ISO, UK day-first (never US order), `31 March 2024`, or a real Excel date cell; None when blank."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    if not raw:
        return None
    if isinstance(value, (int, float)):
        raise CellError(f"{raw!r} is a number, not a date ({FORMATS}, or format the cell as a date)")
    if match := _ISO.match(raw):
        year, month, day = map(int, match.groups())
    elif match := _UK.match(raw):
        day, month, year = map(int, match.groups())
        if year < 1000:
            raise CellError(f"{raw!r} has a two-digit year; write the year in full ({FORMATS})")
    elif (match := _WORDY.match(raw.lower())) and match[2][:3] in _MONTHS:
        day, month, year = int(match[1]), _MONTHS[match[2][:3]], int(match[3])
    else:
        raise CellError(f"{raw!r} is not a date ({FORMATS})")
    try:
        return date(year, month, day)
    except ValueError:
        if _UK.match(raw) and day <= 12 < month <= 31:  # 12/31/2025: a US-ordered date, as some exports write
            raise CellError(f"{raw!r} is not a real date: dates are read day first (DD/MM/YYYY), so {month} "
                            f"{_MONTH_NAMES[day - 1]} {year} is {month:02d}/{day:02d}/{year}") from None
        raise CellError(f"{raw!r} is not a real date") from None


STATUS_WORDS = {
    "not started": NOT_STARTED,
    "in progress": IN_PROGRESS,
    "ongoing": IN_PROGRESS,
    "complete": COMPLETED,
    "completed": COMPLETED,
    "signed off": SIGNED_OFF,
    "closed": SIGNED_OFF,
    "withdrawn": WITHDRAWN,
    "superseded": WITHDRAWN,
}


def parse_status(value) -> str:
    """The five statuses, or the words trackers use for them; blank means not started."""
    raw = text(value)
    key = " ".join(raw.lower().replace("_", " ").replace("-", " ").split())
    if not key:
        return NOT_STARTED
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    words = '", "'.join(w.capitalize() for w in STATUS_WORDS)
    raise CellError(f'unknown status {raw!r}; expected one of "{words}"')


def parse_number(value) -> int | None:
    """A recommendation number: 3, 3.0, "3", "R3" or "Rec 3"; None when blank."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = text(value)
    if not raw:
        return None
    match = re.fullmatch(r"(?:rec(?:ommendation)?\.? ?|r)?(\d+)(?:\.0+)?", raw, re.IGNORECASE)
    if not match or int(match[1]) < 1:
        raise CellError(f"{raw!r} is not a recommendation number (a whole number from 1)")
    return int(match[1])


_YES = {"yes", "y", "true", "1", "priority", "x"}
_NO = {"no", "n", "false", "0", "-"}


def parse_yes_no(value) -> bool | None:
    raw = text(value)
    if not raw:
        return None
    if raw.lower() in _YES:
        return True
    if raw.lower() in _NO:
        return False
    raise CellError(f"{raw!r} is not yes or no")


_TYPE_WORDS = {label.lower(): key for key, label in REVIEW_TYPES.items()}
_TYPE_WORDS.update({"rapid review": "rapid_review", "learning review": "learning_review", "national review": "national",
                    "local child safeguarding practice review": "lcspr", "cspr": "lcspr"})


def parse_review_type(value) -> str | None:
    """`scr`, `LCSPR`, `Serious Case Review`, `Safeguarding Adults Review`...; None when blank."""
    raw = text(value)
    if not raw:
        return None
    key = raw.lower().replace("-", " ")
    if key.replace(" ", "_") in REVIEW_TYPES:
        return key.replace(" ", "_")
    if key in _TYPE_WORDS:
        return _TYPE_WORDS[key]
    raise CellError(f"unknown review type {raw!r}; expected one of {', '.join(REVIEW_TYPES)}")


def parse_themes(value) -> list[str]:
    seen: dict[str, str] = {}
    for theme in text(value).split(";"):
        theme = theme.strip()
        if theme and theme.lower() not in seen:
            seen[theme.lower()] = theme
    return list(seen.values())


def parse_reference(value) -> tuple[str, int, int] | None:
    """`child-c-2014/R3/A2` -> ("child-c-2014", 3, 2); None when the cell is not shaped like an action's reference."""
    reference = action_reference(text(value))
    return (reference.code, reference.recommendation, reference.action) if reference else None


# How trackers write a RAG rating: the band, its initial, or the product's default words ("Red: Overdue").
RAG_WORDS = {band.lower(): band for band in RAG_BANDS} | {band[0].lower(): band for band in RAG_BANDS if band != GREY}
RAG_WORDS |= {"gray": GREY} | {meaning.lower(): band for band, meaning in RAG_MEANING.items()}
RAG_STATUS = {RED: IN_PROGRESS, AMBER: IN_PROGRESS, GREEN: COMPLETED, BLUE: SIGNED_OFF, GREY: WITHDRAWN}


def parse_rag(value) -> str | None:
    """A RAG cell as the status it stands for (--status-from-rag); None when blank."""
    raw = text(value)
    if not raw:
        return None
    band = RAG_WORDS.get(raw.lower()) or RAG_WORDS.get(raw.split(":")[0].strip().lower())
    if band is None:
        raise CellError(f"{raw!r} is not a RAG rating; expected Red, Amber, Green, Blue or Grey")
    return RAG_STATUS[band]


_LEADING_DATE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}(?:st|nd|rd|th)? [A-Za-z]+,? \d{4})(?=\W|$)[\s,;:.\u2013\u2014-]*")


def parse_date_and_text(value) -> tuple[date | None, str]:
    """"15/03/2025 - policy revised" -> (2025-03-15, "policy revised"); a cell that does not start with a date is all text."""
    if isinstance(value, (date, datetime)):
        return parse_date(value), ""
    raw = text(value)
    match = _LEADING_DATE.match(raw)
    if match:
        try:
            return parse_date(match[1]), raw[match.end():].strip()
        except CellError:
            pass
    return None, raw
