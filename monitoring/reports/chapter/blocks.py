"""The chapter as plain data: headings, paragraphs, lists, tables and figures, in reading order.

Why: the content is decided once, from the read API, and each format's writer (docx, odt) only lays it out, so
the two documents can never say different things.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

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


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def widths(self) -> tuple[float, ...]:
        """Each column's share of the width: long texts get room, counts and dates stay narrow."""
        def need(i: int) -> float:
            longest_word = max((len(w) for w in self.headers[i].split()), default=1)
            typical = max((min(len(str(row[i])), 60) for row in self.rows), default=0)
            return max(longest_word * 1.4 + 1, typical * 1.15 + 1 if typical <= 16 else 19.4 + (typical - 16) ** 0.8, 4)

        needs = [need(i) for i in range(len(self.headers))]
        return tuple(n / sum(needs) for n in needs)


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
