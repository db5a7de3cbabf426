"""The print-ready frame every annual figure shares: A4 size, fonts, title, subtitle, source line and empty state.

Kept in one place so the page and the export pack print every figure alike.
"""
from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from monitoring.reports.figures.context import FigureContext, long_date

WIDTH = 800  # layout pixels: at scale 3 a PNG is 2,400 px wide, 300 dpi across A4's 8-inch text width
FONT = dict(family="DejaVu Sans, Liberation Sans, Arial, sans-serif", size=14, color="#1a1a1a")
INK, MUTED = "#1a1a1a", "#4d4d4d"
LEFT, BOTTOM = 0.015, 112  # title and legend start at the left edge; the bottom margin holds axis title and source


def label_font(colour: str, size: int = 13) -> dict:
    """Bar labels with a halo in the opposite colour, so they read over the band's pattern."""
    halo = "#1a1a1a" if colour.lower() in ("#ffffff", "#fff") else "#ffffff"
    return dict(color=colour, size=size, shadow=f"0px 0px 2px {halo}")


def dtick(highest: float) -> int | None:
    return 1 if highest <= 8 else None


def frame(fig: go.Figure, title: str, ctx: FigureContext, *, rows: int = 6, legend: bool = True,
          labels: Sequence[str] = ("100",)) -> go.Figure:
    """Title, subtitle, source line, size and fonts shared by every figure.

    The left margin is set from the longest category label (not plotly's automargin), so the source line can be
    placed a known number of pixels left of the plot, flush with the title, at any width.
    """
    left = 12 + 34 + int(8.4 * max(len(str(label)) for label in labels)) + 10
    subtitle = f"{ctx.place}<br>Position at {long_date(ctx.as_at)}"
    subtitle += f" (year to date), reporting year {ctx.year_label}" if ctx.in_progress else f", end of reporting year {ctx.year_label}"
    generated = f"; produced {long_date(ctx.generated_on)}" if ctx.generated_on else ""
    source = f"Source: scr-monitor action-plan tracker, effective dates to {long_date(ctx.as_at)}{generated}."
    entries = sum(1 for t in fig.data if t.showlegend is not False) if legend else 0
    top = 112 + 22 * ((entries + 1) // 2)
    fig.update_layout(
        width=WIDTH,
        height=top + BOTTOM + max(rows, 3) * 38,
        template="plotly_white",
        font=FONT,
        title=dict(text=f"<b>{title}</b>", subtitle=dict(text=subtitle, font=dict(size=13, color=MUTED)),
                   x=LEFT, xref="container", xanchor="left", y=1.0, yref="container", yanchor="top", pad=dict(t=16),
                   font=dict(size=19, color=INK)),
        margin=dict(l=left, r=30, t=top, b=BOTTOM, autoexpand=False),
        showlegend=bool(entries),
        # x < 0 (flush with the title) also lets a horizontal legend use the full width, not the plot's.
        legend=dict(orientation="h", xref="paper", x=-(left - 12) / (WIDTH - left - 30), xanchor="left", yref="paper",
                    y=1.0, yanchor="bottom", traceorder="normal", entrywidth=300, entrywidthmode="pixels",
                    font=dict(size=13), title=None),
        barmode="stack",
        bargap=0.3,
        # A label shrinks to 10 px to fit its segment; a narrower segment still shows its count, drawn across the
        # segment's edges with its halo (mode "hide" left narrow segments without a number).
        uniformtext=dict(minsize=10, mode="show"),
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
    )
    # Anchored to the bottom of the plot area in pixels, so it sits in the bottom margin whatever the height.
    fig.add_annotation(text=source, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="bottom",
                       xshift=-(left - 12), yshift=-(BOTTOM - 10), showarrow=False, font=dict(size=11, color=MUTED), align="left")
    fig.update_xaxes(automargin=False, gridcolor="#d9d9d9", zerolinecolor="#8c8c8c", title_standoff=6)
    fig.update_yaxes(automargin=False, gridcolor="#d9d9d9", zerolinecolor="#8c8c8c")
    fig.update_traces(textangle=0, selector=dict(type="bar"))
    return fig


def empty_figure(title: str, ctx: FigureContext, message: str) -> go.Figure:
    """The empty state: the frame, and a sentence saying there is nothing to show and why."""
    fig = frame(go.Figure(), title, ctx, rows=4, legend=False, labels=("",))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(text=message, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                       font=dict(size=16, color=INK))
    return fig


def no_data(ctx: FigureContext, what: str) -> str:
    return f"No {what} recorded for {ctx.place}<br>by {long_date(ctx.as_at)}."
