"""What a pure function drew, kept for the same inputs.

Pages draw the same figures and tables for every visitor, and drawing them costs far more than reading their
numbers (plotly validates every property; Dash checks and serialises every component). Each drawing is a pure
function of what it is drawn from, so it is kept under a key made of exactly that: a write that changes the
numbers changes the key and is drawn afresh; one that does not (a progress note, for a closed year's figures)
finds it drawn. Each process keeps the last few; nothing is shared between processes or users except through
equal inputs, which draw equal output.
"""
from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any


class Kept:
    """The last `size` drawings, least recently used dropped first; safe to share between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._drawn: OrderedDict[bytes, Any] = OrderedDict()
        self._lock = threading.Lock()

    def once(self, inputs: Any, draw: Callable[[], Any]) -> Any:
        """`draw()`, drawn again only when `inputs` (JSON-like: rows, dates, names) differ from a kept drawing's.
        The caller must not change what it gets: the next caller with the same inputs gets the same object."""
        key = key_of(inputs)
        with self._lock:
            if key in self._drawn:
                self._drawn.move_to_end(key)
                return self._drawn[key]
        drawing = draw()
        with self._lock:
            self._drawn[key] = drawing
            while len(self._drawn) > self.size:
                self._drawn.popitem(last=False)
        return drawing

    def clear(self) -> None:
        with self._lock:
            self._drawn.clear()


def key_of(inputs: Any) -> bytes:
    """A digest of the inputs' JSON (keys sorted; dates and other values as their text)."""
    return hashlib.blake2b(json.dumps(inputs, sort_keys=True, default=str).encode(), digest_size=20).digest()
