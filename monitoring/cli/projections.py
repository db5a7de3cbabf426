"""`scr-monitor projections rebuild|status|follow`: the read models and how far behind the store they are."""
from __future__ import annotations

import json
import signal
import sys
import threading
import time

from monitoring.cli.options import command, with_db, with_format
from monitoring.cli.output import render
from projections.outage import Backoff, is_database_away, reason


def register(subparsers) -> None:
    projections = subparsers.add_parser("projections", help="rebuild the read models or see how far behind they are")
    commands = projections.add_subparsers(dest="projections_command", metavar="SUBCOMMAND", required=True)

    command(commands, "rebuild", help="drop the read models and project every event again", handler=_rebuild, options=with_db)

    command(commands, "status", help="position, head of the store and lag", handler=_status, options=with_format)

    follow = command(commands, "follow", help="keep the read models up to date until interrupted", handler=_follow, options=with_db)
    follow.add_argument("--interval", type=float, default=1.0, metavar="SECONDS", help="how often to poll (default 1)")


def _rebuild(services, args) -> None:
    started = time.perf_counter()
    count = services.projections.rebuild()
    seconds = time.perf_counter() - started
    rate = f", {count / seconds:,.0f} events/s" if seconds > 0 and count else ""
    print(f"read models rebuilt from {count:,} events in {seconds:.1f} s{rate}")


def _status(services, args) -> None:
    status = services.projections.status()
    if args.format == "json":
        print(json.dumps(status))
    else:
        print(render([status], ["position", "head", "lag"], args.format))


def _follow(services, args) -> None:
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())  # systemd's stop: finish the batch in hand, then leave
    if not wait_for_store(services, stop):
        return
    print(f"following the store every {args.interval:g} s; Ctrl-C to stop", flush=True)
    services.projections.run_forever(poll_interval=args.interval, stop=stop, on_away=_away, on_back=_back)


def _away(error: BaseException, seconds: float) -> None:
    print(f"scr-monitor: the database does not answer ({reason(error)}); trying again in {seconds:g} s", file=sys.stderr, flush=True)


def _back(failures: int) -> None:
    print(f"scr-monitor: the database answers again after {failures} failed attempts; following", file=sys.stderr, flush=True)


def wait_for_store(services, stop: threading.Event) -> bool:
    """Open the store, waiting with back-off while its server is away (a service may start before it).
    A missing database or a wrong password is not waited for: that stops the command with its one line."""
    backoff = Backoff()
    while not stop.is_set():
        try:
            services.projections.ensure_schema()
            return True
        except Exception as error:
            if not is_database_away(error):
                raise
            _away(error, wait := backoff.next_wait())
            stop.wait(wait)
    return False
