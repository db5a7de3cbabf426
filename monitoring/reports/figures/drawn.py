"""Figures drawn once for the same numbers.

plotly validates every property of a figure as it is built (about 40 ms a figure, most of it copying the
template), and the annual report page draws nine for every visitor. A figure is a pure function of its rows and
its context, so the page keeps the last few hundred drawn, keyed by exactly those: a write that changes a
figure's numbers changes its key, and one that does not (a progress note) leaves it drawn.
"""
from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict

KEPT = 256  # figures; each a few kilobytes of JSON

_drawn: OrderedDict[str, dict] = OrderedDict()
_lock = threading.Lock()


def once(figure_id: str, rows: list[dict], context, draw: Callable[[], object]) -> dict:
    """`draw()`'s figure as plotly JSON, drawn again only when the rows or the context differ."""
    key = json.dumps([figure_id, rows, asdict(context)], sort_keys=True, default=str)
    with _lock:
        if key in _drawn:
            _drawn.move_to_end(key)
            return _drawn[key]
    figure = draw().to_plotly_json()
    with _lock:
        _drawn[key] = figure
        while len(_drawn) > KEPT:
            _drawn.popitem(last=False)
    return figure
