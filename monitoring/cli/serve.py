"""`scr-monitor serve`: the dashboard on Werkzeug's threaded server (no reloader, never the scheduler)."""
from __future__ import annotations

import argparse
import sys

from monitoring.cli.demo import load_and_print
from monitoring.cli import production_server
from monitoring.cli.options import command, with_db


def register(subparsers) -> None:
    serve = command(subparsers, "serve", help="serve the dashboard (production: --workers N runs gunicorn)", handler=_serve,
                    options=with_db)
    serve.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8050)
    serve.add_argument("--demo", action="store_true", help="load the demo data set first (idempotent)")
    serve.add_argument("--workers", type=_workers, default=1, metavar="N",
                       help="N > 1: serve with gunicorn, N worker processes (production; see deploy/ and the README)")


def _workers(text: str) -> int:
    """An argparse type: 1 to 64 worker processes."""
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of workers from 1 to 64")
    return int(text)


def _serve(services, args) -> int:
    from werkzeug.serving import make_server

    from dashboard.app import create_app

    if args.demo:

        load_and_print(services)
    services.catch_up()  # the read models reflect every write before the first page is drawn
    if args.workers > 1:
        settings = services.settings
        services.close()  # nothing of this process's connections may be shared with the workers it forks
        production_server.run(settings.db_url, args.host, args.port, args.workers, settings.trusted_proxies)
        return 0
    httpd = make_server(args.host, args.port, create_app(services).server, threaded=True)
    print(f"scr-monitor: dashboard on http://{args.host}:{httpd.server_port}/ (Ctrl+C stops it)", file=sys.stderr, flush=True)
    try:
        httpd.serve_forever()
    finally:
        httpd.server_close()
    return 0
