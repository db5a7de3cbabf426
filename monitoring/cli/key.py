"""`scr-monitor key new`: make an encryption key for SCR_MONITOR_KEY (AES-256, base64)."""
from __future__ import annotations

import sys

from domain.errors import DomainError
from monitoring.cli.options import with_db
from monitoring.security.encryption import new_key, rotate


def register(subparsers) -> None:
    key = subparsers.add_parser("key", help="make an encryption key for SCR_MONITOR_KEY")
    commands = key.add_subparsers(dest="key_command", metavar="SUBCOMMAND", required=True)
    commands.add_parser("new", help="print a new random 32-byte key, base64 encoded").set_defaults(handler=_new)
    rotate = with_db(commands.add_parser(
        "rotate", help="re-encrypt every stored event with a new key read from stdin (stop the dashboard and jobs first)"))
    rotate.set_defaults(handler=_rotate)


def _new(services, args) -> None:
    print(new_key())


def _rotate(services, args) -> None:
    key = sys.stdin.readline().strip()  # never an argument: it would sit in shell history and `ps`
    if not key:
        raise DomainError("key", "give the new key on stdin, e.g. `scr-monitor key new > new.key; scr-monitor key rotate < new.key`")
    count, before, after = rotate(services, key)
    print(f"{count} events re-encrypted with the new key; set SCR_MONITOR_KEY to it now")
    print(f"hash chain re-made: head was sha256 {before}, is now sha256 {after}")
    print(f"re-anchored at the new head ({'signed with SCR_MONITOR_ANCHOR_KEY' if services.hash_chain.key else 'unsigned: no SCR_MONITOR_ANCHOR_KEY'}); "
          "note the new head wherever the old one was noted")
