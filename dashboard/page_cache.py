"""Whole pages kept for a moment while changes come fast: the pages callback's answer (the JSON Dash sends for a
page's content), kept per person, address and day.

A kept page is served while the read models are still where they were when it was drawn (one small query says
so). When they have moved on through someone else's change, it is still served for up to `lag` seconds
(SCR_MONITOR_PAGE_LAG_SECONDS, default 2), as a page already open in their browser is: when a partnership's leads
all report at once, changes come several a second, and drawing every page afresh after each would make everyone
wait. Never to the person who made the change: pages drawn before their last save (`seen_from`) are not theirs
to be shown. A page is drawn in one go, so a kept page is one moment's figures, never a mixture.

Only pages drawn from the read models alone are kept: the figures, lists and reports (KEPT). Actions (forms with
their version), contacts, notices and the theme scheme are drawn afresh every time.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from flask import Response, g, request

KEPT = ("/", "/agencies", "/agency/", "/themes", "/annual-report", "/review/", "/recommendation/")
MOST_BYTES = 32 * 1024 * 1024  # per worker, whatever the number of addresses asked for (an annual report is ~0.3 MB)
LONGEST_ADDRESS = 2048  # characters of path and query: longer ones (no link makes them) are drawn, never kept
CALLBACK = "/_dash-update-component"
CONTENT = "_pages_content.children"
LOCATION = "_pages_location"


class PageCache:
    """Pages by key (who, with which roles, which address, which day), each with the read models' position it was
    drawn at; and for each position, when it was last asked and found to be theirs."""

    def __init__(self, *, lag: float, size: int = 128, most_bytes: int = MOST_BYTES, now: Callable[[], float] = time.time) -> None:
        self._lag = lag
        self._size = size
        self._most_bytes = most_bytes
        self._bytes = 0
        self._now = now
        self._pages: OrderedDict[tuple, tuple[int, bytes]] = OrderedDict()
        self._current: dict[int, float] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._current.clear()
            self._bytes = 0

    def recent(self, key: tuple, seen_from: float) -> bytes | None:
        """The page, if its position was the read models' own less than `lag` seconds ago and after `seen_from`."""
        oldest = max(self._now() - self._lag, seen_from)
        with self._lock:
            found = self._pages.get(key)
            if found is None or self._current.get(found[0], 0.0) <= oldest:
                return None
            self._pages.move_to_end(key)
            return found[1]

    def current(self, key: tuple, position: int, asked_at: float) -> bytes | None:
        """The page, if it was drawn at `position`, which the read models were found at, `asked_at`."""
        with self._lock:
            self._current[position] = max(self._current.get(position, 0.0), asked_at)
            self._forget_old(asked_at)
            found = self._pages.get(key)
            if found is None or found[0] != position:
                return None
            self._pages.move_to_end(key)
            return found[1]

    def keep(self, key: tuple, position: int, page: bytes) -> None:
        with self._lock:
            if key in self._pages:
                self._bytes -= len(self._pages.pop(key)[1])
            self._pages[key] = (position, page)
            self._bytes += len(page)
            while len(self._pages) > self._size or self._bytes > self._most_bytes:
                self._bytes -= len(self._pages.popitem(last=False)[1][1])

    def _forget_old(self, now: float) -> None:
        """Positions left behind longer ago than the lag can serve no one (called locked)."""
        latest = max(self._current, key=self._current.get)
        for position in [p for p, at in self._current.items() if p != latest and at < now - self._lag]:
            del self._current[position]


def install(app, pages: Callable[[], PageCache], who: Callable[[], tuple], position: Callable[[], tuple[int, float]],
            seen_from: Callable[[], float], today: Callable) -> None:
    """Serve a kept page before Dash draws it (after sign-in has run: `who` is the signed-in person and their
    roles), and keep the pages Dash draws."""

    def serve_kept():
        path = _kept_page(request)
        if path is None:
            return None
        key = (*who(), path, today())
        page = pages().recent(key, seen_from())
        if page is None:
            at, asked_at = position()
            page = pages().current(key, at, asked_at)
            g.page_to_keep = (key, at)
        return None if page is None else Response(page, mimetype="application/json")

    def keep_drawn(response):
        if "page_to_keep" in g and response.status_code == 200 and response.is_json and not response.direct_passthrough:
            key, at = g.pop("page_to_keep")
            pages().keep(key, at, response.get_data())
        return response

    app.server.before_request(serve_kept)
    app.server.after_request(keep_drawn)


def _kept_page(request) -> tuple[str, str] | None:
    """(path, query) when this is the pages callback drawing a kept page."""
    if request.method != "POST" or request.path != CALLBACK:
        return None
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not str(body.get("output", "")).startswith(f"..{CONTENT}"):
        return None
    location = {i.get("property"): i.get("value") for i in body.get("inputs") or () if isinstance(i, dict) and i.get("id") == LOCATION}
    path, query = location.get("pathname"), location.get("search") or ""
    if not isinstance(path, str) or not isinstance(query, str) or len(path) + len(query) > LONGEST_ADDRESS:
        return None  # a hand-made address of megabytes would be kept in the key, outside the bound on bytes kept
    if path == "/" or any(path.startswith(kept) for kept in KEPT if kept != "/"):
        return path, query
    return None
