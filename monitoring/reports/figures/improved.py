"""The figure "Completed and improved": actions complete, actions signed off, and recommendations whose impact a
re-test evidenced, as shares of their wholes at the as-at date. Completion is the agency's claim, sign-off the
sub-group's judgement, and impact evidenced what changed for children: the yearly report must show all three.
"""
from __future__ import annotations

import plotly.graph_objects as go

from monitoring.reports.figures.context import FigureContext, long_date
from monitoring.reports.figures.style import INK, empty_figure, frame, label_font, no_data
from monitoring.reports.figures.titles import TITLES
from projections.read.counts import percent

MEASURES = (  # (key, words, colour, pattern, the axis's short label)
    ("complete", "Actions complete (agency-reported or signed off)", "#2e7d32", ".", "Actions complete"),
    ("signed_off", "Actions signed off by the sub-group", "#1d4f91", "", "Actions signed off"),
    ("impact_evidenced", "Recommendations whose impact a re-test evidenced", "#8c5a9e", "/", "Impact evidenced"),
)


def improved_rows(totals: dict) -> list[dict]:
    """The three measures from `status`'s totals (the same numbers `status --as-at` prints)."""
    live = (totals.get("total") or 0) - (totals.get("withdrawn") or 0)
    counts = {
        "complete": ((totals.get("completed") or 0) + (totals.get("signed_off") or 0), live, "actions not withdrawn"),
        "signed_off": (totals.get("signed_off") or 0, live, "actions not withdrawn"),
        "impact_evidenced": (totals.get("impact_evidenced") or 0, totals.get("recommendations") or 0, "recommendations"),
    }
    return [{"measure": words, "count": n, "of": whole, "whole": what, "percent": percent(n, whole),
             "partly": totals.get("impact_partly") if key == "impact_evidenced" else None,
             "not_evidenced": totals.get("impact_not_evidenced") if key == "impact_evidenced" else None,
             "not_tested": totals.get("impact_not_tested") if key == "impact_evidenced" else None}
            for key, words, *_ in MEASURES for n, whole, what in [counts[key]]]


def completed_and_improved(rows, ctx: FigureContext) -> go.Figure:
    title = TITLES["completed-and-improved"]
    if not rows or not any(r["of"] for r in rows):
        return empty_figure(title, ctx, no_data(ctx, "actions or recommendations"))
    fig = go.Figure()
    for (key, words, colour, shape, short), row in zip(MEASURES, rows):
        value = row["percent"] or 0
        fig.add_bar(y=[short], x=[value], orientation="h", name=words, showlegend=False,
                    text=[f"{row['count']} of {row['of']} ({value:.1f}%)"], textposition="outside", textfont=label_font(INK),
                    marker=dict(color=colour, line=dict(color="#ffffff", width=1),
                                pattern=dict(shape=shape, fgcolor="#ffffff", fgopacity=0.35, size=8, solidity=0.25)),
                    hovertemplate=f"{words}: %{{x:.1f}}%<extra></extra>")
    frame(fig, title, ctx, rows=len(rows), legend=False, labels=[m[4] for m in MEASURES])
    fig.update_xaxes(title_text="Share of actions not withdrawn, or of recommendations (%)", range=[0, 150], tickvals=[0, 25, 50, 75, 100])
    fig.update_yaxes(autorange="reversed", ticksuffix=" ")
    return fig


def describe_improved(rows, ctx: FigureContext) -> str:
    if not rows or not any(r["of"] for r in rows):
        return f"No actions or recommendations recorded for {ctx.place} by {long_date(ctx.as_at)}."
    parts = [f"{r['measure'].lower()}: {r['count']} of {r['of']} {r['whole']} ({_pc(r['percent'])})" for r in rows]
    impact = rows[-1]
    rest = (f"; of the other recommendations, {impact['partly']} partly evidenced, {impact['not_evidenced']} not evidenced "
            f"and {impact['not_tested']} not yet re-tested")
    return f"Bar chart at {long_date(ctx.as_at)}, {ctx.place}: " + "; ".join(parts) + rest + "."


def _pc(value) -> str:
    return "no percentage" if value is None else f"{value:.1f}%"
