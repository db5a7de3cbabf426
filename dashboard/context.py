"""How pages and callbacks reach the Services the app factory was given (no module-level singletons).

The Services live on the Flask server of the Dash app, so two apps in one process (tests) never mix.
"""
from __future__ import annotations

from datetime import date

from flask import current_app

EXTENSION = "scr_monitor_services"


def attach(server, services) -> None:
    server.extensions[EXTENSION] = services


def services():
    return current_app.extensions[EXTENSION]


def queries():
    """The read API, kept to the boards (and agency) the acting user may read (monitoring.access)."""
    from dashboard.identity import current_user
    from monitoring.access import scoped_queries

    return scoped_queries(services(), current_user())


def today() -> date:
    return services().clock()
