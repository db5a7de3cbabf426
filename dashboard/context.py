"""How pages and callbacks reach the Services the app factory was given (no module-level singletons).

The Services live on the Flask server of the Dash app, so two apps in one process (tests) never mix.
"""
from __future__ import annotations

from datetime import date

from flask import current_app, g, has_request_context

from dashboard.identity import current_user
from dashboard.read_cache import ReadCache
from monitoring.security.scoped_reads import ScopedQueries, scoped_queries

EXTENSION = "scr_monitor_services"
CACHE = "scr_monitor_read_cache"


def attach(server, services) -> None:
    server.extensions[EXTENSION] = services
    services.app.after_save(_forget_position)
    server.extensions[CACHE] = ReadCache(services.queries, _position(services), services.clock)


def _position(services):
    """The read models' position, asked once per request (one small query)."""

    def position() -> int:
        if not has_request_context():
            return services.projections.position()
        if "read_position" not in g:
            g.read_position = services.projections.position()
        return g.read_position

    return position


def services():
    return current_app.extensions[EXTENSION]


def queries():
    """The read API, kept to the boards (and agency) the acting user may read (monitoring.security.scoped_reads)."""
    scoped = scoped_queries(services(), current_user())
    cached = current_app.extensions[CACHE]  # the same answers, kept until the read models move on
    return cached if scoped is services().queries else ScopedQueries(cached, scoped.scope)


def today() -> date:
    return services().clock()


def _forget_position() -> None:
    """After a save (the application has caught the read models up): this request asks their position afresh."""
    if has_request_context():
        g.pop("read_position", None)
