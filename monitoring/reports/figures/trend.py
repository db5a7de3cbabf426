"""The monthly-trend figure: how the RAG position moved month by month through the reporting year."""
from __future__ import annotations

import plotly.graph_objects as go

from monitoring.reports.figures.context import FigureContext, pct
from monitoring.reports.figures.rag import rag_bars, rag_counts
from monitoring.reports.figures.style import INK, dtick, empty_figure, frame, no_data
from monitoring.reports.figures.titles import TITLES


def monthly_trend(rows, ctx: FigureContext) -> go.Figure:
    """Month-end RAG counts through the reporting year, with the percentage complete above each month."""
    title = TITLES["monthly-trend"]
    rows = [r for r in rows if r.get("total")]
    if not rows:
        return empty_figure(title, ctx, no_data(ctx, "actions"))
    months = [f"{r['month_end']:%b}<br>{r['month_end']:%Y}" for r in rows]
    fig = frame(go.Figure(rag_bars(months, [rag_counts(r) for r in rows], ctx, horizontal=False)), title, ctx, rows=8)
    for month, row in zip(months, rows):
        fig.add_annotation(x=month, y=row["total"], text=pct(row["percent_complete"]), showarrow=False,
                           yanchor="bottom", yshift=3, font=dict(size=12, color=INK))
    fig.update_xaxes(title_text="Month end (percentage of actions complete above each bar)", type="category", tickangle=0)
    highest = max(r["total"] for r in rows)
    fig.update_yaxes(title_text="Actions (count)", range=[0, highest * 1.15], dtick=dtick(highest))
    return fig
