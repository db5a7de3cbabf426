"""Command groups of `scr-monitor`; every module here with a `register(subparsers)` is picked up."""
from __future__ import annotations

import argparse
import sys
from datetime import date

from domain.errors import DomainError
from projections.registry import ProjectionStopped


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


def after_write(services) -> None:
    """Writes are followed at once by the read models, so the next `status` shows them."""

    try:
        services.catch_up()
    except ProjectionStopped as stopped:  # the change itself is saved: say so, so nobody records it twice
        print(f"scr-monitor: the change is saved, but {stopped}", file=sys.stderr)


def parse_required_text(field: str, value: str | None) -> str:
    if not (value or "").strip():
        raise DomainError(field, "is required and cannot be blank")
    return value.strip()
