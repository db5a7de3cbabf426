"""`scr-monitor key new`: make an encryption key for SCR_MONITOR_KEY (AES-256, base64)."""
from __future__ import annotations

from monitoring.encryption import new_key


def register(subparsers) -> None:
    key = subparsers.add_parser("key", help="make an encryption key for SCR_MONITOR_KEY")
    commands = key.add_subparsers(dest="key_command", metavar="SUBCOMMAND", required=True)
    commands.add_parser("new", help="print a new random 32-byte key, base64 encoded").set_defaults(handler=_new)


def _new(services, args) -> None:
    print(new_key())
