"""`scr-monitor serve --workers N`: the dashboard under gunicorn, for a partnership's service.

Each worker builds its own app from the environment (`dashboard.app:server`), so no database connection is
shared across a fork. Sync workers, one request at a time each, behind a reverse proxy that buffers slow
clients (gunicorn's own advice): Dash registers its pages in the thread that builds the app, which must be the
worker's main thread, so a warm-up request builds it there before the worker takes users (or, when the
database is away at that moment, on the first request after it returns). A worker silent for `TIMEOUT`
seconds is killed and replaced, and workers are recycled now and then so that memory cannot creep. The read models are kept up to date by `scr-monitor projections follow`, and the
notices by `scr-monitor scheduler start`: never by the web workers (deploy/Procfile).
"""
from __future__ import annotations

import io
import os
import sys
import time

from gunicorn.app.base import BaseApplication
from gunicorn.util import import_app

APP = "dashboard.app:server"
TIMEOUT = 60  # seconds: the longest page (the annual report's pack) takes a few; a hung worker is replaced
GRACEFUL_TIMEOUT = 30  # seconds a stopping worker has to finish the requests in hand
# A worker is recycled after this many requests (memory cannot creep), not so often that a busy service keeps
# paying for cold workers: a new one imports, builds the app and draws its first pages afresh, seconds of CPU.
MAX_REQUESTS, MAX_REQUESTS_JITTER = 20_000, 2_000
WARM_UP_ATTEMPTS = 5


def gunicorn_options(host: str, port: int, workers: int, trusted_proxies: tuple = ()) -> dict:
    """The settings `serve --workers` runs with; the README's gunicorn command says the same."""
    proxies = ",".join(str(network) for network in trusted_proxies) or "127.0.0.1,::1"
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        "timeout": TIMEOUT,
        "graceful_timeout": GRACEFUL_TIMEOUT,
        "keepalive": 5,
        "max_requests": MAX_REQUESTS,
        "max_requests_jitter": MAX_REQUESTS_JITTER,
        "forwarded_allow_ips": proxies,  # X-Forwarded-Proto (HTTPS) is believed only from these
        "accesslog": "-",
        "errorlog": "-",
        "proc_name": "scr-monitor-web",
        "control_socket_disable": True,  # not used; two services on one machine would share its one path
        "post_worker_init": warm_up,
    }


def warm_up(worker) -> None:
    """Build the worker's app now, in its main thread, by asking it for /healthz. Workers starting together on
    a fresh database race to create the same tables: the loser tries again. A worker never fails to boot
    here (gunicorn would stop the whole service): at worst its first request builds the app."""
    for attempt in range(WARM_UP_ATTEMPTS):
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/healthz", "SERVER_NAME": "localhost", "SERVER_PORT": "80",
                   "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "QUERY_STRING": ""}
        try:
            worker.wsgi(environ, lambda status, headers, exc_info=None: None)
            return
        except Exception as error:
            worker.log.warning("warm-up %d of %d: %s: %s", attempt + 1, WARM_UP_ATTEMPTS, type(error).__name__,
                               str(error).splitlines()[0] if str(error) else "")
            time.sleep(0.2 * (attempt + 1))


class ProductionServer(BaseApplication):
    """gunicorn, configured here rather than by a file, serving `dashboard.app:server`."""

    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return import_app(APP)  # by name, in the worker: the layers' rule (monitoring never imports the dashboard) holds


def run(db_url: str, host: str, port: int, workers: int, trusted_proxies: tuple = ()) -> None:
    os.environ["SCR_MONITOR_DB"] = db_url  # each worker builds its Services from the environment
    ProductionServer(gunicorn_options(host, port, workers, trusted_proxies)).run()
