"""Stacked RAG-band bars, shared by the completion and monthly-trend figures.

Every band carries its word and a pattern as well as its colour, so it reads in greyscale print and without colour.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from monitoring.reports.figures.context import FigureContext
from monitoring.reports.figures.style import label_font
from domain.statuses import AMBER, BLUE, GREEN, GREY, RAG_COLOURS, RED, rag_counts  # noqa: F401 - the figures' RAG rule

# Patterns make the bands tell apart in greyscale print and for readers who cannot see the colours.
RAG_PATTERNS = {RED: "x", AMBER: "/", GREEN: ".", BLUE: "", GREY: "-"}
RAG_TEXT = {RED: "#ffffff", AMBER: "#1a1a1a", GREEN: "#ffffff", BLUE: "#ffffff", GREY: "#ffffff"}
RAG_ORDER = (RED, AMBER, GREEN, BLUE, GREY)


def rag_bars(categories: Sequence[str], counts: Sequence[Mapping[str, int]], ctx: FigureContext, *,
             horizontal: bool = True, hover_label: str = "") -> list[go.Bar]:
    """One stacked bar trace per RAG band, each with its word, pattern and count labels."""
    traces = []
    for band in RAG_ORDER:
        values = [c.get(band, 0) for c in counts]
        if not any(values):
            continue
        text = [str(v) if v else "" for v in values]
        pattern = dict(shape=RAG_PATTERNS[band], fgcolor=RAG_TEXT[band], fgopacity=0.35, size=8, solidity=0.25)
        trace = dict(name=ctx.band(band), text=text, textposition="inside", insidetextanchor="middle",
                     textfont=label_font(RAG_TEXT[band]),
                     marker=dict(color=RAG_COLOURS[band], line=dict(color="#ffffff", width=1), pattern=pattern),
                     hovertemplate=f"{hover_label}%{{{'y' if horizontal else 'x'}}}<br>{ctx.band(band)}: %{{{'x' if horizontal else 'y'}}}<extra></extra>")
        if horizontal:
            traces.append(go.Bar(y=list(categories), x=values, orientation="h", **trace))
        else:
            traces.append(go.Bar(x=list(categories), y=values, **trace))
    return traces
