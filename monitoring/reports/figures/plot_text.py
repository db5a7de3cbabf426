"""Names stay text in figures: plotly draws a few HTML tags in any label, hover text or title (`<a href>`
becomes a live link on the page, in the SVG and in the PDF), so text that comes from the record is escaped
for plotly before it reaches a figure. The figures' own markup (`<b>`, `<br>`) is added after, as before.

Plotly turns the entities back into the characters on screen: an agency named `<a href=...>Police</a>`
is shown exactly as typed, and is never a link.
"""
from __future__ import annotations

import html
from dataclasses import replace


def plot_text(value):
    """Record text as plotly should print it, inside lists, tuples and dicts too; other values unchanged."""
    if isinstance(value, str):
        return html.escape(value, quote=False) if ("<" in value or ">" in value or "&" in value) else value
    if isinstance(value, list):
        return [plot_text(v) for v in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(plot_text(v) for v in value)
    if isinstance(value, dict):
        return {k: plot_text(v) for k, v in value.items()}
    return value


def plot_context(ctx):
    """A figure context (monitoring.reports.figures.context) whose board and band words are escaped for plotly."""
    return replace(ctx, board=plot_text(ctx.board), rag_words=plot_text(dict(ctx.rag_words)))
