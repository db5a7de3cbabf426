"""`scr-monitor demo`: load the demo data set (idempotent)."""
from __future__ import annotations

from monitoring.cli.options import command, with_db
from monitoring.demo.accounts import create_demo_users, format_accounts
from monitoring.demo.data_set import load_demo


def register(subparsers) -> None:
    command(subparsers, "demo", help="load the demo data set (two fictional boards); safe to repeat", handler=_demo, options=with_db)


def _demo(services, args) -> None:
    load_and_print(services)


def load_and_print(services) -> None:
    """Load the demo (once) and print its accounts; `serve --demo` does the same."""

    if load_demo(services):
        print("demo data loaded: 2 boards, 9 reviews, with action plans from April 2023")
    else:
        print("demo data already loaded; nothing changed")
    print(format_accounts(create_demo_users(services)))
