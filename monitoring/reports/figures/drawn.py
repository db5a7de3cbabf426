"""Figures drawn once for the same numbers.

plotly validates every property of a figure as it is built (about 40 ms a figure, most of it copying the
template), and the annual report page draws nine for every visitor (the overview and review pages one or two).
A figure is a pure function of its rows and its context, so the pages keep the last few hundred drawn
(monitoring.reports.kept), keyed by exactly those.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict

from monitoring.reports.kept import Kept

_figures = Kept(256)  # each a few kilobytes of JSON


def once(figure_id: str, rows: list[dict], context, draw: Callable[[], object]) -> dict:
    """`draw()`'s figure as plotly JSON, drawn again only when the rows or the context differ."""
    return _figures.once([figure_id, rows, asdict(context)], lambda: draw().to_plotly_json())


def figure(build: Callable[..., object], *args, **kwargs) -> dict:
    """`build(*args, **kwargs)`'s figure as plotly JSON, drawn again only when the arguments differ (the
    dashboard's own RAG charts: the overview and review pages)."""
    return _figures.once([build.__name__, args, kwargs], lambda: build(*args, **kwargs).to_plotly_json())
