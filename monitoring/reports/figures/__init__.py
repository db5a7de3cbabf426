"""The annual report's figures: pure functions from query rows to a go.Figure, and one registry of them.

The dashboard's Annual report page and the export pack (monitoring.reports.pack) both read FIGURES and TABLES,
so a figure's title, caption, text alternative and data columns are defined once, in this package.
Every figure is print-ready: title, subtitle (board, as-at date, reporting year), a "Source:" line, sized for
A4 width, the accessible RAG palette, and words or patterns beside every colour.

context (what a figure prints around its data) -> style (the shared frame) and rag (RAG-band bars)
-> one module per figure -> describe (text alternatives) -> registry (FIGURES, TABLES).
Callers import from the package, never from its modules, so the split can change without them.
"""
from __future__ import annotations

from monitoring.reports.figures.completion import completion_by_agency, completion_by_review
from monitoring.reports.figures.completion_time import ALL_AGENCIES, time_to_complete
from monitoring.reports.figures.context import FigureContext, long_date, percent
from monitoring.reports.figures.describe import (
    describe_completion, describe_overdue, describe_recommendations, describe_slippage, describe_time_to_complete,
    describe_trend,
)
from monitoring.reports.figures.overdue import OVERDUE_BANDS, OVERDUE_TEXT, overdue_at_year_end, overdue_band
from monitoring.reports.figures.rag import RAG_ORDER, RAG_PATTERNS, RAG_TEXT, rag_bars, rag_counts
from monitoring.reports.figures.recommendations import IMPLEMENTATION, recommendations_implemented
from monitoring.reports.figures.registry import FIGURES, STATUS_COLUMNS, TABLES, figure_by_id
from monitoring.reports.figures.slippage import SLIPPAGE, target_date_slippage
from monitoring.reports.figures.specs import AnnualFigure, AnnualTable, Column
from monitoring.reports.figures.style import BOTTOM, FONT, INK, LEFT, MUTED, WIDTH, empty_figure, label_font
from monitoring.reports.figures.titles import TITLES
from monitoring.reports.figures.trend import monthly_trend
from domain.statuses import RAG_MEANING  # re-exported: tests read af.RAG_MEANING, as they did from the single module

__all__ = [
    "ALL_AGENCIES", "BOTTOM", "FIGURES", "FONT", "IMPLEMENTATION", "INK", "LEFT", "MUTED",
    "OVERDUE_BANDS", "OVERDUE_TEXT", "RAG_MEANING", "RAG_ORDER", "RAG_PATTERNS", "RAG_TEXT", "SLIPPAGE",
    "STATUS_COLUMNS", "TABLES", "TITLES", "WIDTH", "AnnualFigure", "AnnualTable", "Column", "FigureContext",
    "completion_by_agency", "completion_by_review", "describe_completion", "describe_overdue",
    "describe_recommendations", "describe_slippage", "describe_time_to_complete", "describe_trend", "empty_figure",
    "figure_by_id", "label_font", "long_date", "monthly_trend", "overdue_at_year_end", "overdue_band", "percent",
    "rag_bars", "rag_counts", "recommendations_implemented", "target_date_slippage", "time_to_complete",
]
