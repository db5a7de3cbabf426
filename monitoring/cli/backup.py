"""`scr-monitor backup --out FILE` and `scr-monitor restore FILE`: the whole store, proved before done
(monitoring.backups). Operators' commands: they need the database's own credentials, as pg_dump would."""
from __future__ import annotations

from pathlib import Path

from monitoring.backups.procedures import backup, restore
from monitoring.cli.options import command, with_db


def register(subparsers) -> None:
    made = command(subparsers, "backup", help="copy the whole store to FILE (SQLite online backup; pg_dump for PostgreSQL)", handler=_backup, options=with_db)
    made.add_argument("--out", required=True, type=Path, metavar="FILE", help="a new file; never overwritten")
    back = command(subparsers, "restore", help="restore a backup FILE into an empty store", handler=_restore, options=with_db)
    back.add_argument("file", type=Path, metavar="FILE")
    back.add_argument("--expect", metavar="HASH", help="the head hash the backup printed; it must be in the restored chain")


def _backup(services, args) -> None:
    summary = backup(services.settings, args.out)
    print(f"backup {args.out}: {summary}")
    print(f"verified: the copy opens as a store and its chain holds the live head; restore with `scr-monitor restore {args.out}` into an empty store")


def _restore(services, args) -> None:
    summary, anchored = restore(services.settings, args.file, args.expect)
    print(f"restored {args.file}: {summary}")
    print(f"re-anchored: {anchored}")
