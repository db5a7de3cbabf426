"""How pages and callbacks reach the Services the app factory was given (no module-level singletons).

The Services live on the Flask server of the Dash app, so two apps in one process (tests) never mix.
"""
from __future__ import annotations

import time
from datetime import date

from flask import current_app, g, has_request_context, session

from dashboard.identity import current_user
from dashboard.page_cache import PageCache
from dashboard.read_cache import ReadCache
from monitoring.security.scoped_reads import ScopedQueries, scope_for, scoped_queries

EXTENSION = "scr_monitor_services"
CACHE = "scr_monitor_read_cache"
PAGES = "scr_monitor_page_cache"
SAVED_AT = "saved_at"  # in the session: when this person last saved (wall clock: their next page may be another worker's)


def attach(server, services) -> None:
    server.extensions[EXTENSION] = services
    server.extensions[CACHE] = ReadCache(services.queries, _position(services), services.clock)
    server.extensions[PAGES] = PageCache(lag=services.settings.page_lag_seconds)
    services.app.after_save(lambda: _after_save(server.extensions[PAGES]))


def _position(services):
    """The read models' position, asked once per request (one small query)."""

    def position() -> int:
        if not has_request_context():
            return services.projections.position()
        return position_asked()[0]

    return position


def position_asked() -> tuple[int, float]:
    """The read models' position and when it was asked (wall clock, just before), once per request."""
    if "read_position" not in g:
        asked_at = time.time()
        g.read_position = (services().projections.position(), asked_at)
    return g.read_position


def saved_at() -> float:
    """When the person making this request last saved (0: never, or not on a page)."""
    return session.get(SAVED_AT, 0.0) if has_request_context() else 0.0


def services():
    return current_app.extensions[EXTENSION]


def queries():
    """The read API, kept to the boards (and agency) the acting user may read (monitoring.security.scoped_reads)."""
    scoped = scoped_queries(services(), current_user())
    cached = current_app.extensions[CACHE]  # the same answers, kept until the read models move on
    return cached if scoped is services().queries else ScopedQueries(cached, scoped.scope)


def pages() -> PageCache:
    return current_app.extensions[PAGES]


def who() -> tuple:
    """The acting person and their roles: a page kept for them is theirs alone, and a change of role draws anew."""
    scope = scope_for(services().users, current_user())
    return scope.username, scope.grants


def today() -> date:
    return services().clock()


def _after_save(pages: PageCache) -> None:
    """After a save (the application has caught the read models up). Made on a page: this request asks their
    position afresh, and this person is shown no page drawn before it, whichever worker answers them next (others
    see it within the page lag, as they see another worker's). Made otherwise in this process (a job, a test):
    every page kept here is forgotten."""
    if not has_request_context():
        pages.clear()
        return
    g.pop("read_position", None)
    session[SAVED_AT] = time.time()
