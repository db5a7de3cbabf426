"""The recommendations figure: each review's recommendations by how far they are implemented."""
from __future__ import annotations

from typing import NamedTuple

import plotly.graph_objects as go

from monitoring.reports.figures.context import FigureContext
from monitoring.reports.figures.style import INK, dtick, empty_figure, frame, label_font, no_data
from monitoring.reports.figures.titles import TITLES


class Band(NamedTuple):
    """A bar segment's legend word, fill, pattern (so colour is not the only signal) and the colour of its count."""
    word: str
    colour: str
    pattern: str
    text: str = "#ffffff"


IMPLEMENTATION = {  # by the `implementation` state of the recommendation rows, in the legend's order
    "closed": Band("Closed by the board", "#1d4f91", ""),
    "implemented": Band("Implemented (all actions signed off)", "#2e7d32", "."),
    "partly implemented": Band("Partly implemented", "#f0b323", "/", text=INK),
    "not started": Band("Not started", "#b21f1f", "x"),
    "no actions": Band("No actions agreed yet", "#8c5a9e", "|"),
    "rejected": Band("Rejected by the board", "#6e6e6e", "-"),
    "superseded": Band("Superseded", "#bdbdbd", "+", text=INK),
}


def recommendations_implemented(rows, ctx: FigureContext) -> go.Figure:
    """Each review's recommendations by how far they are implemented at the as-at date."""
    title = TITLES["recommendations-implemented"]
    if not rows:
        return empty_figure(title, ctx, no_data(ctx, "recommendations"))
    reviews = sorted({r["review_code"] for r in rows})
    titles = {r["review_code"]: r.get("review_title") or r["review_code"] for r in rows}
    names = [titles[code] for code in reviews]
    fig = go.Figure()
    for state, band in IMPLEMENTATION.items():
        values = [sum(1 for r in rows if r["review_code"] == code and r["implementation"] == state) for code in reviews]
        if not any(values):
            continue
        fig.add_bar(y=names, x=values, orientation="h", name=band.word, text=[str(v) if v else "" for v in values],
                    textposition="inside", insidetextanchor="middle", textfont=label_font(band.text),
                    marker=dict(color=band.colour, line=dict(color="#ffffff", width=1),
                                pattern=dict(shape=band.pattern, fgcolor=band.text, fgopacity=0.35, size=8, solidity=0.25)),
                    hovertemplate=f"%{{y}}<br>{band.word}: %{{x}}<extra></extra>")
    frame(fig, title, ctx, rows=len(reviews), labels=names)
    totals = [sum(1 for r in rows if r["review_code"] == code) for code in reviews]
    for name, code, total in zip(names, reviews, totals):
        done = sum(1 for r in rows if r["review_code"] == code and r["implementation"] in ("closed", "implemented"))
        fig.add_annotation(x=total, y=name, text=f"{done} of {total} done", showarrow=False, xanchor="left", xshift=6,
                           font=dict(size=13, color=INK))
    fig.update_xaxes(title_text="Recommendations (count)", range=[0, max(totals) * 1.35], dtick=dtick(max(totals)))
    fig.update_yaxes(title_text="Review", autorange="reversed", ticksuffix=" ")
    return fig
