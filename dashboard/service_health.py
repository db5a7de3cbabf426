"""What a load balancer and a person see when something outside the code goes wrong.

`/healthz` answers without sign-in: whether the database answers and how far the read models lag (503 when
it does not answer, so the balancer stops sending users here). While the database is away every page and
callback answers a readable 503 "The service is unavailable, try again shortly" instead of a bare 500, and
the log gets one line, not a traceback. A callback sent values no page could send (a crafted request)
answers 400 with one line in the log; anything else unexpected keeps its traceback in the log, for us.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable

from dash.exceptions import DashException
from flask import Response, current_app, request
from werkzeug.exceptions import HTTPException

from dashboard import context
from domain.errors import DomainError
from projections.outage import UNAVAILABLE, is_database_away, reason

HEALTH_PATH = "/healthz"
EXTENSION = "scr_monitor_outage"
STATIC = ("/assets/", "/_dash-component-suites/", "/_favicon.ico")  # served without the database
PROBE_EVERY_SECONDS = 1.0
CALLBACK_PATH = "/_dash-update-component"
RETRY_AFTER_SECONDS = "30"
# What a callback raises when its inputs are not what its page sends: a crafted request, not our fault.
REFUSED_INPUT = (TypeError, ValueError, KeyError, IndexError, AttributeError, DashException)
NOT_UNDERSTOOD = "This request could not be understood: reload the page and try again."
OUR_FAULT = "Something went wrong on our side. Reload the page; if it happens again, tell your board's business manager."

log = logging.getLogger("scr_monitor.dashboard")

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - SCR monitor</title>
<link rel="stylesheet" href="/assets/00-bootstrap-5.3.9.min.css"></head>
<body><header class="navbar navbar-dark bg-dark mb-3"><div class="container-fluid">
<a class="navbar-brand" href="/">SCR monitor</a></div></header>
<main class="container-fluid"><h1 class="h2">{title}</h1><p>{message}</p>
<p><a href="">Try again</a></p></main></body>
</html>"""


class Outage:
    """Once a request has met the database away, the next requests answer 503 at once (the store's own pool
    would make each wait many seconds) after one quick probe of the read side, at most once a second."""

    def __init__(self, probe: Callable[[], None], clock: Callable[[], float] = time.monotonic) -> None:
        self.probe, self.clock = probe, clock
        self.away = False
        self._probed_at = 0.0
        self._lock = threading.Lock()

    def began(self) -> None:
        self.away, self._probed_at = True, self.clock()

    def still_away(self) -> bool:
        if not self.away:
            return False
        with self._lock:
            if self.clock() - self._probed_at < PROBE_EVERY_SECONDS:
                return True
            self._probed_at = self.clock()
            try:
                self.probe()
            except Exception as error:
                if is_database_away(error):
                    return True
                raise
            self.away = False
            log.warning("the database answers again")
            return False


def install(app) -> None:
    """Answer /healthz before anything else (no session, no sign-in) and turn faults into readable answers."""
    server = app.server
    server.extensions[EXTENSION] = Outage(lambda: context.services().projections.position())
    server.before_request_funcs.setdefault(None, []).insert(0, _health_first)
    server.register_error_handler(Exception, _fault)


def health(services) -> tuple[dict, int]:
    """The database's answer and the read models' lag; the read side is asked first (fast to fail)."""
    try:
        position = services.projections.position()
        head = services.app.recorder.max_notification_id() or 0
    except Exception as error:
        if not is_database_away(error):
            raise
        log.warning("healthz: the database does not answer (%s)", reason(error))
        return {"status": "unavailable", "database": "does not answer"}, 503
    lag = max(head - position, 0)
    return {"status": "ok", "database": "answers", "read_models": {"position": position, "head": head, "lag": lag}}, 200


def _health_first():
    if request.path != HEALTH_PATH:
        if request.path.startswith(STATIC) or not current_app.extensions[EXTENSION].still_away():
            return None
        return _answer("The service is unavailable", UNAVAILABLE, 503, {"Retry-After": RETRY_AFTER_SECONDS})
    body, status = health(context.services())
    response = Response(json.dumps(body), status=status, mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


def _fault(error: Exception):
    if isinstance(error, HTTPException):
        return error  # Flask's own answers (404, 405, ...) stay as they are
    if is_database_away(error):
        current_app.extensions[EXTENSION].began()
        log.warning("%s %s: the database does not answer (%s)", request.method, request.path, reason(error))
        return _answer("The service is unavailable", UNAVAILABLE, 503, {"Retry-After": RETRY_AFTER_SECONDS})
    if request.path == CALLBACK_PATH and isinstance(error, REFUSED_INPUT):
        log.warning("callback %s refused its input: %s: %s", _callback_output(), type(error).__name__, reason(error))
        return _answer("Request not understood", NOT_UNDERSTOOD, 400)
    current_app.logger.error("%s %s failed", request.method, request.path, exc_info=error)
    return _answer("Something went wrong", OUR_FAULT, 500)


def _answer(title: str, message: str, status: int, headers: dict | None = None) -> Response:
    if request.path.startswith("/_"):  # Dash's own requests: the renderer shows plain text best
        return Response(message, status=status, mimetype="text/plain", headers=headers)
    return Response(PAGE.format(title=title, message=message), status=status, mimetype="text/html", headers=headers)


def _callback_output() -> str:
    body = request.get_json(silent=True)
    return str(body.get("output"))[:120] if isinstance(body, dict) else "?"


def cannot_build_now(error: Exception) -> bool:
    """The app cannot be built because the database is away, missing or refuses us: say why in one log line
    (the operator's fix is in it) and answer 503 until it can; False for anything else (our bug)."""
    if is_database_away(error) or isinstance(error, DomainError):
        log.error("the dashboard cannot start yet: %s", reason(error))
        return True
    return False


def unavailable(environ, start_response) -> list[bytes]:
    """A bare WSGI 503, for when the app itself cannot be built because the database is away."""
    page = PAGE.format(title="The service is unavailable", message=UNAVAILABLE).encode()
    start_response("503 Service Unavailable", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Retry-After", RETRY_AFTER_SECONDS), ("Content-Length", str(len(page)))])
    return [page]
