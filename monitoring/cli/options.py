"""The options every command group shares: dates, the store, who is acting, the output format."""
from __future__ import annotations

import argparse
from datetime import date


def iso_date(text: str) -> date:
    """An argparse type: ISO dates only on the command line (never US order)."""
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise argparse.ArgumentTypeError(f"{text!r} is not a real date in the form YYYY-MM-DD") from None


def with_db(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--db", default=argparse.SUPPRESS, help="store URL; wins over $SCR_MONITOR_DB")
    return parser


def with_write_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    with_db(parser)
    parser.add_argument("--as", dest="actor", metavar="USER", help="who is making the change (default: the OS user)")
    parser.add_argument("--on", type=iso_date, metavar="DATE", help="effective date, YYYY-MM-DD (default: today)")
    return parser


def with_format(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    with_db(parser)
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    return parser


def actor(services, args) -> str:
    return getattr(args, "actor", None) or services.settings.local_user


def command(parent, name: str, *, help: str, handler, options=with_write_options) -> argparse.ArgumentParser:
    """A (sub)command made with its shared options and its handler in one call, so none is left without either."""
    parser = options(parent.add_parser(name, help=help))
    parser.set_defaults(handler=handler)
    return parser


def plain(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """For `command`: a command that touches no store (e.g. `key new`)."""
    return parser
