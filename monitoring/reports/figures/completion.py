"""Completion figures: each agency's or each review's actions by RAG band, with its percentage complete."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from monitoring.reports.figures.context import FigureContext, pct
from monitoring.reports.figures.rag import rag_bars, rag_counts
from monitoring.reports.figures.style import INK, dtick, empty_figure, frame, no_data
from monitoring.reports.figures.titles import TITLES


def _completion(rows: Sequence[Mapping[str, Any]], ctx: FigureContext, title: str, what: str, axis: str,
                labels: Mapping[str, str] | None = None) -> go.Figure:
    rows = [r for r in rows if r.get("total")]
    if not rows:
        return empty_figure(title, ctx, no_data(ctx, "actions"))
    names = [(labels or {}).get(r["key"], r["key"]) for r in rows]
    fig = frame(go.Figure(rag_bars(names, [rag_counts(r) for r in rows], ctx, hover_label=f"{what}: ")), title, ctx,
                rows=len(rows), labels=names)
    widest = max(r["total"] for r in rows)
    for name, row in zip(names, rows):
        fig.add_annotation(x=row["total"], y=name, text=f"{pct(row['percent_complete'])} complete", showarrow=False,
                           xanchor="left", xshift=6, font=dict(size=13, color=INK))
    fig.update_xaxes(title_text="Actions (count)", range=[0, widest * 1.3], rangemode="tozero", dtick=dtick(widest))
    fig.update_yaxes(title_text=axis, autorange="reversed", ticksuffix=" ")
    return fig


def completion_by_agency(rows, ctx: FigureContext) -> go.Figure:
    """Stacked RAG bars of every agency's actions at the as-at date, with its percentage complete."""
    return _completion(rows, ctx, TITLES["completion-by-agency"], "Agency", "Agency")


def completion_by_review(rows, ctx: FigureContext) -> go.Figure:
    """Stacked RAG bars of every review's actions at the as-at date, with its percentage complete."""
    labels = {r["key"]: r.get("title") or r["key"] for r in rows}
    return _completion(rows, ctx, TITLES["completion-by-review"], "Review", "Review", labels)
