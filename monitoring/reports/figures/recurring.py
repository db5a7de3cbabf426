"""The "Recurring learning" figure: the year's recommendations by theme, and how many recur from earlier reviews."""
from __future__ import annotations

import plotly.graph_objects as go

from monitoring.reports.figures.context import FigureContext
from monitoring.reports.figures.style import (
    INK,
    dtick,
    empty_figure,
    frame,
    label_font,
    no_data,
)
from monitoring.reports.figures.titles import TITLES

MADE, RECURRING = ("Recommendations made in the year", "#1d4f91", ""), ("Of which recur from earlier reviews", "#b21f1f", "x")
SHOWN = 12  # themes a reader can take in; the table carries every one


def recurring_learning(rows, ctx: FigureContext) -> go.Figure:
    """Per theme, two bars: the year's recommendations, and those noted as recurring learning (numbers on each)."""
    title = TITLES["recurring-learning"]
    if not rows:
        return empty_figure(title, ctx, no_data(ctx, "themed recommendations"))
    shown = rows[:SHOWN]
    names = [r["name"] for r in shown]
    fig = go.Figure()
    for (word, colour, shape), key in ((MADE, "recommendations"), (RECURRING, "recurring")):
        values = [r[key] for r in shown]
        fig.add_bar(y=names, x=values, orientation="h", name=word, text=[str(v) for v in values], textposition="outside",
                    textfont=label_font(INK), cliponaxis=False,
                    marker={"color": colour, "line": {"color": "#ffffff", "width": 1},
                            "pattern": {"shape": shape, "fgcolor": "#ffffff", "fgopacity": 0.5, "size": 8, "solidity": 0.3}},
                    hovertemplate=f"%{{y}}<br>{word}: %{{x}}<extra></extra>")
    frame(fig, title, ctx, rows=len(shown) * 2, labels=names)
    highest = max(r["recommendations"] for r in shown)
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text="Recommendations (count)", range=[0, highest * 1.2 + 1], dtick=dtick(highest))
    fig.update_yaxes(title_text="Theme", autorange="reversed", ticksuffix=" ")
    return fig


def describe_recurring(rows, ctx: FigureContext) -> str:
    """The figure's text alternative, in one or two sentences."""
    if not rows:
        return f"No recommendations made in {ctx.year_label} carry a theme."
    made = sum(r["recommendations"] for r in rows)
    recurring = sum(r["recurring"] for r in rows)
    top = max(rows, key=lambda r: (r["recurring"], r["recommendations"]))
    text = (f"In {ctx.year_label}, {ctx.place} coded {made} recommendation-theme pairs to {len(rows)} themes; "
            f"{recurring} of them recur learning from earlier reviews.")
    if top["recurring"]:
        text += f" The theme recurring most is {top['name']} ({top['recurring']} of {top['recommendations']})."
    return text
