"""The time-to-complete figure: median days from agreeing an action to completing it, by agency.

The module is not named time_to_complete, so that the package's `time_to_complete` stays the figure function.
"""
from __future__ import annotations

import plotly.graph_objects as go

from monitoring.reports.figures.context import FigureContext
from monitoring.reports.figures.style import INK, empty_figure, frame, label_font
from monitoring.reports.figures.titles import TITLES
from domain.statuses import BLUE, RAG_COLOURS

ALL_AGENCIES = "All agencies"  # the row of the time_to_complete query that covers every agency


def time_to_complete(rows, ctx: FigureContext) -> go.Figure:
    """Median days from agreeing an action to its completion, by agency, with the 90th percentile marked."""
    title = TITLES["time-to-complete"]
    overall = next((r for r in rows if r["agency"] == ALL_AGENCIES), None)
    rows = [r for r in rows if r["agency"] != ALL_AGENCIES and r.get("completed") and r.get("median_days") is not None]
    if not rows:
        return empty_figure(title, ctx, f"No actions were completed in {ctx.year_label}<br>for {ctx.place}.")
    agencies = [r["agency"] for r in rows]
    fig = go.Figure()
    fig.add_bar(y=agencies, x=[r["median_days"] for r in rows], orientation="h", name="Median days to complete",
                marker=dict(color=RAG_COLOURS[BLUE]), text=[f"{r['median_days']:.0f} days (n={r['completed']})" for r in rows],
                textposition="inside", insidetextanchor="start", textfont=label_font("#ffffff"),
                hovertemplate="%{y}<br>median %{x:.0f} days<extra></extra>")
    fig.add_scatter(y=agencies, x=[r["p90_days"] for r in rows], mode="markers", name="90th percentile (diamond)",
                    marker=dict(symbol="diamond", size=13, color="#f0b323", line=dict(color=INK, width=1.5)),
                    hovertemplate="%{y}<br>90th percentile %{x:.0f} days<extra></extra>")
    line = dict(color=INK, dash="dash", width=1.5)
    if overall and overall.get("median_days") is not None:  # the line, and a legend entry that names it
        fig.add_vline(x=overall["median_days"], line=line)
        fig.add_scatter(x=[None], y=[None], mode="lines", line=line, hoverinfo="skip",
                        name=f"All agencies: median {overall['median_days']:.0f} days (dashed line)")
    frame(fig, title, ctx, rows=len(rows), labels=agencies)
    fig.update_layout(barmode="overlay")
    highest = max(max(r["p90_days"] or 0, r["median_days"]) for r in rows)
    fig.update_xaxes(title_text="Days from agreeing the action to its completion", range=[0, highest * 1.1])
    fig.update_yaxes(title_text="Agency", autorange="reversed", ticksuffix=" ")
    return fig
