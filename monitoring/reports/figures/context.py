"""What every annual figure prints around its data (whose, at what date, which year), and how it words dates and numbers."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from domain.calendar import long_date, year_label  # noqa: F401 - long_date is the figures' date wording
from domain.statuses import RAG_MEANING
from projections.read.counts import percent as half_up_percent


@dataclass(frozen=True)
class FigureContext:
    """What every figure prints around its data: whose figures, at what date, for which year."""

    as_at: date
    year: int
    board: str | None = None
    generated_on: date | None = None
    rag_words: Mapping[str, str] = field(default_factory=lambda: dict(RAG_MEANING))

    @property
    def year_label(self) -> str:
        return year_label(self.year)

    @property
    def in_progress(self) -> bool:
        return self.as_at < date(self.year + 1, 3, 31)

    @property
    def place(self) -> str:
        return self.board or "All boards"

    def band(self, band: str) -> str:
        """A RAG band as printed: its word first, the colour's name after (never colour alone)."""
        return f"{self.rag_words.get(band) or RAG_MEANING[band]} ({band})"


def percent(part: int, whole: int) -> float | None:
    """The read side's rule, not a second copy: half up to one decimal place (6.25 -> 6.3, as `status` prints)."""
    return half_up_percent(part, whole)


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"
