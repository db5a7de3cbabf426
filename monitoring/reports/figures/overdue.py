"""The overdue figure: actions overdue at the as-at date by agency, stacked by how long they have been overdue."""
from __future__ import annotations

import plotly.graph_objects as go

from monitoring.reports.figures.context import FigureContext, long_date
from monitoring.reports.figures.style import INK, dtick, empty_figure, frame, label_font
from monitoring.reports.figures.titles import TITLES

OVERDUE_BANDS = (  # (label, lowest days, colour, pattern): darker = longer overdue
    ("1 to 30 days", 1, "#f4a582", ""),
    ("31 to 90 days", 31, "#d6604d", "/"),
    ("91 to 180 days", 91, "#b2182b", "x"),
    ("over 180 days", 181, "#67001f", "+"),
)
OVERDUE_TEXT = ("#1a1a1a", "#1a1a1a", "#ffffff", "#ffffff")


def overdue_band(days: int) -> str:
    return [label for label, lowest, _, _ in OVERDUE_BANDS if days >= lowest][-1] if days >= 1 else OVERDUE_BANDS[0][0]


def overdue_at_year_end(rows, ctx: FigureContext) -> go.Figure:
    """Overdue actions at the as-at date by agency, stacked by how long they have been overdue."""
    title = TITLES["overdue-at-year-end"]
    if not rows:
        return empty_figure(title, ctx, f"No actions were overdue at {long_date(ctx.as_at)}<br>for {ctx.place}.")
    agencies = sorted({r["agency"] for r in rows})
    fig = go.Figure()
    for (label, _, colour, shape), text_colour in zip(OVERDUE_BANDS, OVERDUE_TEXT):
        values = [sum(1 for r in rows if r["agency"] == a and overdue_band(r["days_overdue"]) == label) for a in agencies]
        if not any(values):
            continue
        fig.add_bar(y=agencies, x=values, orientation="h", name=f"Overdue {label}", text=[str(v) if v else "" for v in values],
                    textposition="inside", insidetextanchor="middle", textfont=label_font(text_colour),
                    marker=dict(color=colour, line=dict(color="#ffffff", width=1),
                                pattern=dict(shape=shape, fgcolor=text_colour, fgopacity=0.35, size=8, solidity=0.25)),
                    hovertemplate=f"%{{y}}<br>overdue {label}: %{{x}}<extra></extra>")
    frame(fig, title, ctx, rows=len(agencies), labels=agencies)
    totals = {a: sum(1 for r in rows if r["agency"] == a) for a in agencies}
    for agency, total in totals.items():
        fig.add_annotation(x=total, y=agency, text=f"{total} overdue", showarrow=False, xanchor="left", xshift=6,
                           font=dict(size=13, color=INK))
    fig.update_xaxes(title_text="Overdue actions (count)", range=[0, max(totals.values()) * 1.3], dtick=dtick(max(totals.values())))
    fig.update_yaxes(title_text="Agency", autorange="reversed", ticksuffix=" ")
    return fig
