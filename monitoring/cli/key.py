"""`scr-monitor key new | rotate | rotate-anchor`: make a key (for SCR_MONITOR_KEY or SCR_MONITOR_ANCHOR_KEY,
both AES-256-sized, base64), re-encrypt with a new encryption key, or re-sign with a new anchor key."""
from __future__ import annotations

import sys

from domain.errors import DomainError
from monitoring.cli.options import command, plain, with_db
from monitoring.security.anchor_keys import rotate_anchor_key
from monitoring.security.encryption import new_key, rotate


def register(subparsers) -> None:
    key = subparsers.add_parser("key", help="make a key for SCR_MONITOR_KEY or SCR_MONITOR_ANCHOR_KEY; rotate either")
    commands = key.add_subparsers(dest="key_command", metavar="SUBCOMMAND", required=True)
    command(commands, "new", help="print a new random 32-byte key, base64 encoded", handler=_new, options=plain)
    command(commands, "rotate", handler=_rotate, options=with_db,
            help="re-encrypt every stored event with a new key read from stdin (stop the dashboard and jobs first)")
    command(commands, "rotate-anchor", handler=_rotate_anchor, options=with_db,
            help="sign every stored event again with a new anchor key read from stdin (stop the dashboard and jobs first)")


def _new(services, args) -> None:
    print(new_key())


def _read_key(command: str) -> str:
    key = sys.stdin.readline().strip()  # never an argument: it would sit in shell history and `ps`
    if not key:
        raise DomainError("key", f"give the new key on stdin, e.g. `scr-monitor key new > new.key; scr-monitor key {command} < new.key`")
    return key


def _rotate(services, args) -> None:
    count, before, after = rotate(services, _read_key("rotate"))
    print(f"{count} events re-encrypted with the new key; set SCR_MONITOR_KEY to it now")
    files = services.app.files.encrypted_count()
    print(f"{files} evidence file{'s' if files != 1 else ''} re-encrypted with it in the same transaction")
    print(f"hash chain re-made: head was sha256 {before}, is now sha256 {after}")
    print(f"re-anchored at the new head ({'signed with SCR_MONITOR_ANCHOR_KEY' if services.hash_chain.key else 'unsigned: no SCR_MONITOR_ANCHOR_KEY'}); "
          "note the new head wherever the old one was noted")


def _rotate_anchor(services, args) -> None:
    count, before, after = rotate_anchor_key(services, _read_key("rotate-anchor"))
    print(f"{count} events signed with the new anchor key; set SCR_MONITOR_ANCHOR_KEY to it now, in every process")
    print(f"hash chain re-made: head was sha256 {before}, is now sha256 {after}; re-anchored (signed with the new key)")
