"""The slippage figure: the share of each agency's actions whose target date has moved, and by how much."""
from __future__ import annotations

import plotly.graph_objects as go

from monitoring.reports.figures.context import FigureContext, pct
from monitoring.reports.figures.style import INK, empty_figure, frame, no_data
from monitoring.reports.figures.titles import TITLES

SLIPPAGE = "#5b4b8a"  # not a RAG colour: slippage is not a status


def target_date_slippage(rows, ctx: FigureContext) -> go.Figure:
    """The share of each agency's actions whose target date has moved, and by how much on average."""
    title = TITLES["target-date-slippage"]
    rows = [r for r in rows if r.get("actions")]
    if not rows:
        return empty_figure(title, ctx, no_data(ctx, "actions"))
    agencies = [r["agency"] for r in rows]
    labels = [f"{r['rescheduled']} of {r['actions']}" + (f", {r['mean_days_slipped']:.0f} days later on average"
              if r["rescheduled"] and r.get("mean_days_slipped") is not None else "") for r in rows]
    fig = go.Figure()
    fig.add_bar(y=agencies, x=[r["percent_rescheduled"] or 0 for r in rows], orientation="h", name="Actions rescheduled",
                marker=dict(color=SLIPPAGE, line=dict(color=INK, width=1),
                            pattern=dict(shape="/", fgcolor="#ffffff", fgopacity=0.35, size=8, solidity=0.2)),
                hovertemplate="%{y}<br>%{x:.1f}% rescheduled<extra></extra>")
    frame(fig, title, ctx, rows=len(rows), legend=False, labels=agencies)
    for agency, row, label in zip(agencies, rows, labels):
        fig.add_annotation(x=row["percent_rescheduled"] or 0, y=agency, text=f"{pct(row['percent_rescheduled'] or 0)} ({label})",
                           showarrow=False, xanchor="left", xshift=6, font=dict(size=12, color=INK))
    fig.update_xaxes(title_text="Actions whose target date moved (%)", range=[0, 160], tickvals=[0, 25, 50, 75, 100])
    fig.update_yaxes(title_text="Agency", autorange="reversed", ticksuffix=" ")
    return fig
