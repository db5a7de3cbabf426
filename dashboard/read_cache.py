"""Answers of the read API kept until the read models next move on (the projections' position).

Read models change only when the projections catch up; until then the same question has the same
answer, so the sub-group's shared overview is computed once per change, not once per person.
"""
from __future__ import annotations

import functools
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

# Answers costly at national scale. Single records and histories are read fresh (cheap). A write is followed
# by catch-up, which moves the position, so a page that has just written never sees an older answer.
CACHED = frozenset({"status", "headline", "actions", "reviews", "recommendations", "boards", "agencies", "monthly_trend",
                    "time_to_complete", "slippage", "deadlines_at_risk", "impact_by", "themes", "theme_recommendations",
                    "recurring_learning"})
LARGEST = 4 * 1024 * 1024  # bytes; a bigger answer (a national list of actions) is not kept


class ReadCache:
    """Wraps `Queries`; a cached method returns the stored answer while `position()` is unchanged."""

    def __init__(self, queries, position: Callable[[], int], clock: Callable, *, size: int = 256) -> None:
        self._queries = queries
        self._position = position
        self._clock = clock
        self._size = size
        self._answers: OrderedDict[tuple, Any] = OrderedDict()
        self._at: tuple | None = None
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every answer (the benchmark's cold runs)."""
        with self._lock:
            self._answers.clear()

    def __getattr__(self, name: str):
        method = getattr(self._queries, name)
        if name not in CACHED:
            return method

        @functools.wraps(method)  # keeps the name: monitoring.security.scoped_reads scopes by it (BY_BOARD)
        def cached(*args, **kwargs):
            return self._answer(name, method, args, kwargs)

        return cached

    def _answer(self, name: str, method, args: tuple, kwargs: dict):
        stamp = (self._position(), self._clock())  # "today" is part of every as_at=None answer
        key = (name, args, tuple(sorted(kwargs.items())))
        with self._lock:
            if stamp != self._at:
                self._answers.clear()
                self._at = stamp
            if key in self._answers:
                self._answers.move_to_end(key)
                return pickle.loads(self._answers[key])  # a copy: a caller may change what it is given
        answer = method(*args, **kwargs)  # outside the lock: two first askers may both compute; both are right
        kept = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
        with self._lock:
            if stamp == self._at and len(kept) <= LARGEST:
                self._answers[key] = kept
                while len(self._answers) > self._size:
                    self._answers.popitem(last=False)
        return answer
