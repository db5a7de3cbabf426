"""`scr-monitor`: the command line. Each command group lives in its own module beside this one."""
from __future__ import annotations

import argparse
import sys

from domain.errors import DomainError
from monitoring.bootstrap import bootstrap
from monitoring.cli import (
    action, backup, board, demo, evidence, export, history, key, projections, recommendation, review, scheduler, serve, status,
    themes, tracker_export, tracker_import, user, verify,
)
from monitoring.config import Settings
from projections.outage import is_database_away, reason

PROG = "scr-monitor"
# Listed, not discovered: the help shows them in this order.
COMMAND_GROUPS = (
    action, board, demo, export, tracker_export, history, tracker_import, key, projections, recommendation, review,
    scheduler, serve, status, themes, user, verify, evidence, backup,
)


class UsageError(Exception):
    pass


class ReadableParser(argparse.ArgumentParser):
    """argparse, but a mistake is one line on stderr, not a usage screen."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = ReadableParser(prog=PROG, description="Monitor the action plans that follow case reviews.")
    parser.add_argument("--db", help="store URL (default: $SCR_MONITOR_DB or sqlite:///data/scr-monitor.sqlite)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ReadableParser)
    subparsers.required = True
    for group in COMMAND_GROUPS:
        group.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    services = None
    try:
        args = build_parser().parse_args(argv)
        services = bootstrap(Settings.from_env(db=getattr(args, "db", None)))
        code = args.handler(services, args) or 0
        if services.projection_problem:  # the change is saved: say so, so nobody records it twice
            print(f"{PROG}: the change is saved, but {services.projection_problem}", file=sys.stderr)
        return code
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except DomainError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # the database went away part-way: one line, not a traceback
        if not is_database_away(error):
            raise
        print(f"{PROG}: db: the database stopped answering ({reason(error)}); try again shortly "
              "(`scr-monitor history` shows whether a change was saved)", file=sys.stderr)
        return 2
    finally:
        if services is not None:
            services.close()


if __name__ == "__main__":
    raise SystemExit(main())
