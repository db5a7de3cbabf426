"""What the registry holds: a figure or table of the annual report, as the page and the export pack both show it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from monitoring.reports.figures import drawn
from monitoring.reports.figures.context import FigureContext
from monitoring.reports.figures.plot_text import plot_context, plot_text


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text | int | number | percent | date | rag | list


@dataclass(frozen=True)
class AnnualFigure:
    """One figure of the annual report, as the page and the export pack both show it."""

    id: str
    title: str
    caption: str
    source: str  # the query that feeds it (services.queries)
    rows: Callable[[Any], list[dict]]  # the figure's rows, from monitoring.reports.annual_report.AnnualReport
    columns: tuple[Column, ...]
    build: Callable[[Any, FigureContext], go.Figure]
    describe: Callable[[Any, FigureContext], str]
    data: Callable[[Any], list[dict]] | None = None  # the downloadable rows, when they differ from `rows`

    def figure(self, report) -> go.Figure:
        """The figure, drawn from the rows with their text escaped for plotly (names stay text, never markup)."""
        return self.build(plot_text(self.rows(report)), plot_context(report.context))

    def figure_json(self, report) -> dict:
        """The figure as plotly JSON, for the page: drawn once for the same numbers (see drawn.py)."""
        rows = self.rows(report)
        return drawn.once(self.id, rows, report.context, lambda: self.build(plot_text(rows), plot_context(report.context)))

    def alt_text(self, report) -> str:
        return self.describe(self.rows(report), report.context)

    def table(self, report) -> list[dict]:
        return (self.data or self.rows)(report)


@dataclass(frozen=True)
class AnnualTable:
    """A table of the annual report with no figure (the Working Together 2018 tables)."""

    id: str
    title: str
    caption: str
    rows: Callable[[Any], list[dict]]
    columns: tuple[Column, ...]

    def table(self, report) -> list[dict]:
        return self.rows(report)
