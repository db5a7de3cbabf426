"""The one input policy for text that enters the record, from any door (CLI, page, import, API).

Why: a NUL saved in an event once stopped the PostgreSQL read models for good, and a
10 MB note held the event table's lock. Every text is checked here before it becomes an
event; the read models clean what an older event may still hold (`for_read_model`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from domain.errors import DomainError


@dataclass(frozen=True)
class TextKind:
    """A kind of field: how long it may be and whether it may span lines."""

    name: str
    max_length: int
    multiline: bool


NAME = TextKind("name", 200, False)          # boards, agencies, people, roles, titles, codes, themes, e-mail addresses
LINE = TextKind("line", 2_000, False)        # one-line texts: a notice's subject and key
TEXT = TextKind("text", 5_000, True)         # statements: a recommendation's or action's text, a success measure
NOTE = TextKind("note", 20_000, True)        # notes, evidence, reasons, impact, comments
KINDS = (NAME, LINE, TEXT, NOTE)

# C0 controls but tab, LF, CR; DEL; lone surrogates (undecodable bytes from a terminal); non-characters.
_ALWAYS_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"[\t\r\n\u2028\u2029]")
_READ_MODEL_UNSAFE = re.compile(r"[\x00\ud800-\udfff]")


def checked(field: str, value: str | None, kind: TextKind = LINE, *, required: bool = False) -> str | None:
    """The value as it will be stored, or a DomainError naming the field (in the user's words) and the reason."""
    if value is None:
        if required:
            raise DomainError(field, "is required and cannot be blank")
        return None
    if not isinstance(value, str):
        raise DomainError(field, "must be text")
    if _ALWAYS_REFUSED.search(value):
        raise DomainError(field, f"contains {_describe(_ALWAYS_REFUSED.search(value).group())}; remove it and try again")
    if not kind.multiline and _LINE_BREAKS.search(value.strip()):
        raise DomainError(field, "must be on one line (no tabs or line breaks)")
    if len(value) > kind.max_length:
        raise DomainError(field, f"is {len(value):,} characters long; the limit is {kind.max_length:,}")
    if required and not value.strip():
        raise DomainError(field, "is required and cannot be blank")
    return value


def without_controls(value: str, kind: TextKind = NOTE) -> tuple[str, bool]:
    """A spreadsheet cell with its stray control characters removed, and whether any were (for a note to the user)."""
    cleaned = _ALWAYS_REFUSED.sub("", value)
    if not kind.multiline:
        cleaned = _LINE_BREAKS.sub(" ", cleaned)
    return cleaned, cleaned != value


def for_read_model(value):
    """Text as the read models can hold it (PostgreSQL refuses NUL), inside lists and dicts too; the event
    itself stays as stored. The same object comes back when nothing needed cleaning (callers test `is`)."""
    if isinstance(value, str):
        return _READ_MODEL_UNSAFE.sub("\ufffd", value) if _READ_MODEL_UNSAFE.search(value) else value
    if isinstance(value, (list, tuple)):
        cleaned = [for_read_model(v) for v in value]
        if all(c is v for c, v in zip(cleaned, value)):
            return value
        return type(value)(*cleaned) if hasattr(value, "_fields") else type(value)(cleaned)  # a NamedTuple takes fields
    if isinstance(value, dict):
        cleaned = {for_read_model(k): for_read_model(v) for k, v in value.items()}
        same = all(k in value and cleaned[k] is value[k] for k in cleaned) and len(cleaned) == len(value)
        return value if same else cleaned
    return value


def _describe(char: str) -> str:
    if char == "\x00":
        return "a control character (NUL)"
    if "\ud800" <= char <= "\udfff":
        return f"a character that is not valid text (U+{ord(char):04X}, often a file in the wrong encoding)"
    return f"a control character (U+{ord(char):04X})"
