"""The chapter as plain data: headings, paragraphs, lists, tables and figures, in reading order.

Why: the content is decided once, from the read API, and each format's writer (docx, odt) only lays it out, so
the two documents can never say different things.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from monitoring.reports.chapter.images import TEXT_WIDTH_MM

# XML 1.0 (both formats) cannot hold C0 controls but tab and line ends, nor lone surrogates or U+FFFE/FFFF.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def printable(text: object) -> str:
    """Text a document can hold: characters XML refuses are dropped, tabs and line ends become spaces."""
    return " ".join(_NOT_XML.sub("", str(text if text is not None else "")).split())


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = the chapter's title, 2 = a section, 3 = a review or a statutory item
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    to_complete: bool = False  # the data is missing: a sentence the author sees and fills in


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


TABLE_POINTS = 8  # the tables' type size in both formats
CELL_PADDING_MM = 2.4  # 0.08 cm each side in both formats, the rules, and a little to spare
_WORD_BREAKS = re.compile(r"\s+|(?<=-)")  # where a line may break: spaces, and after a hyphen
# Character widths in thousandths of an em for Arial / Liberation Sans (Helvetica's metrics), regular and bold;
# any other character counts as a capital.
_WIDTHS = {False: {"lower": 556, "cap": 667, **dict.fromkeys("ijl'|", 222), **dict.fromkeys("ft ", 278), "r": 333,
                   "m": 833, "w": 722, "M": 833, "W": 944, "I": 278, **dict.fromkeys(".,:;!/", 278),
                   **dict.fromkeys("-()[]", 333), "%": 889},
           True: {"lower": 611, "cap": 722, **dict.fromkeys("acesk", 556), **dict.fromkeys("ijl'|", 278),
                  **dict.fromkeys("ft ", 333), "r": 389, "m": 889, "w": 778, "M": 833, "W": 944, "I": 278,
                  **dict.fromkeys(".,:;!/", 278), **dict.fromkeys("-()[]", 333), "%": 889}}


def word_mm(word: str, bold: bool = False, points: float = TABLE_POINTS) -> float:
    """How wide a word prints at the tables' size: the room a column needs so the word is never broken."""
    widths = _WIDTHS[bold]
    ems = sum(widths.get(ch) or (widths["lower"] if ch.islower() or ch.isdigit() else widths["cap"]) for ch in word)
    return ems / 1000 * points * 25.4 / 72


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def widths(self, width_mm: float = TEXT_WIDTH_MM) -> tuple[float, ...]:
        """Each column's share of the width: first room for its longest word (header or cell), so no word is broken
        in the middle ("Overdu/e", "Decembe/r 2024"); what is left goes mostly to long texts, counts and dates stay
        narrow."""
        def need(i: int) -> float:
            longest_word = max((len(w) for w in self.headers[i].split()), default=1)
            typical = max((min(len(str(row[i])), 60) for row in self.rows), default=0)
            return max(longest_word * 1.4 + 1, typical * 1.15 + 1 if typical <= 16 else 19.4 + (typical - 16) ** 0.8, 4)

        def floor(i: int) -> float:
            words = [(w, True) for w in _WORD_BREAKS.split(self.headers[i])]
            words += [(w, False) for row in self.rows for w in _WORD_BREAKS.split(str(row[i]))]
            return max((word_mm(w, bold) for w, bold in words), default=0.0) + CELL_PADDING_MM

        needs = [need(i) for i in range(len(self.headers))]
        floors = [floor(i) for i in range(len(self.headers))]
        spare = width_mm - sum(floors)
        if spare <= 0:  # too many columns for the page even at their longest words: as near as can be
            return tuple(f / sum(floors) for f in floors)
        return tuple((f + spare * n / sum(needs)) / width_mm for f, n in zip(floors, needs))


@dataclass(frozen=True)
class Figure:
    title: str
    png: bytes | None  # None when no image could be drawn: the text alternative stands in
    alt: str
    caption: str


Block = Heading | Paragraph | Bullets | Table | Figure


@dataclass(frozen=True)
class Chapter:
    title: str
    board: str
    year_label: str
    as_at: date
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def author(self) -> str:
        return self.board

    @property
    def subject(self) -> str:
        return f"Case reviews: the yearly report's chapter for {self.year_label}"
