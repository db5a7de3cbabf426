"""`backup` and `restore`, each proved before it says done: the copy opens as a store, its hash chain and
signatures verify (and still hold the head the live store had), and `status` answers from it."""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

from domain.errors import DomainError
from monitoring.backups import postgres_dumps, sqlite_files
from monitoring.bootstrap import bootstrap
from monitoring.config import Settings, sqlite_path
from monitoring.storage.database import check_database


@dataclass(frozen=True)
class Summary:
    events: int
    head_position: int
    head_hash: str
    users: int
    actions: int
    signed_off: int
    overdue: int

    def __str__(self) -> str:
        return (f"{self.events} events, hash chain intact, head {self.head_position} sha256 {self.head_hash}; "
                f"{self.users} users; status: {self.actions} actions, {self.signed_off} signed off, {self.overdue} overdue")


def check(settings: Settings, expect: str | None = None) -> Summary:
    """Open the store, verify it (anchoring nothing), bring its read models up and ask for its status."""
    services = bootstrap(settings)
    try:
        report = services.hash_chain.verify(expect, anchor=None)
        if not report.intact:
            raise DomainError("verify", str(report.problem))
        services.projections.catch_up()
        totals = services.queries.status("board")["totals"]
        return Summary(services.app.recorder.max_notification_id() or 0, report.head_position, report.head_hash,
                       len(services.users.all()), totals["total"], totals["signed_off"], totals["overdue"])
    finally:
        services.close()


def backup(settings: Settings, out: Path) -> Summary:
    """The whole store into `out` (never overwritten), proved by restoring or opening the copy."""
    if out.exists():
        raise DomainError("out", f"{out} already exists; give a new file name (a backup never overwrites one)")
    if not out.parent.is_dir():
        raise DomainError("out", f"the folder {out.parent} does not exist")
    if settings.is_memory:
        raise DomainError("db", "an in-memory store cannot be backed up")
    if not settings.is_postgres and not sqlite_path(settings.db_url).is_file():
        raise DomainError("db", f"there is no store at {sqlite_path(settings.db_url)} to back up")
    live = bootstrap(settings)
    try:
        live.hash_chain.catch_up()  # so the copy's chain is complete
        _, live_head = live.hash_chain.head()
    finally:
        live.close()
    part = out.with_name(out.name + ".part")
    try:
        _private_file(part)
        if settings.is_postgres:
            postgres_dumps.dump(settings.db_url, part)
            with postgres_dumps.ScratchDatabase(settings.db_url) as scratch:
                postgres_dumps.restore(part, scratch.url)
                summary = check(replace(settings, db_url=scratch.url, anchor_file=None), expect=live_head)
        else:
            sqlite_files.copy(sqlite_path(settings.db_url), part)
            summary = check(replace(settings, db_url=f"sqlite:///{part}", anchor_file=None), expect=live_head)
            sqlite_files.single_file(part)  # checking opened it in WAL mode
        os.replace(part, out)
    finally:
        for leftover in (part, part.with_name(part.name + "-wal"), part.with_name(part.name + "-shm")):
            leftover.unlink(missing_ok=True)
    return summary


def _private_file(path: Path) -> None:
    """A backup holds every record (unencrypted unless SCR_MONITOR_KEY is set): readable by its owner only, from
    the moment it exists (pg_dump and SQLite write into the file made here and keep its mode)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    os.chmod(path, 0o600)  # a file left from an interrupted run keeps its old mode through O_CREAT


def restore(settings: Settings, file: Path, expect: str | None = None) -> tuple[Summary, str]:
    """A backup into an empty store; returns the restored store's summary and what the anchor records."""
    kind = _kind_of(file)
    if kind != ("postgres" if settings.is_postgres else "sqlite") or settings.is_memory:
        raise DomainError("FILE", f"{file} is a {'PostgreSQL' if kind == 'postgres' else 'SQLite'} backup; restore it into a "
                                  f"{'postgresql://' if kind == 'postgres' else 'sqlite:///'} store (--db)")
    check_database(settings)  # a database that does not exist is named, with the command that creates it
    held = postgres_dumps.events_held(settings.db_url) if kind == "postgres" else sqlite_files.events_held(sqlite_path(settings.db_url))
    if held:
        raise DomainError("db", f"the store already holds {held} events; restore only into an empty store (a new file or database)")
    if kind == "postgres":
        postgres_dumps.restore(file, settings.db_url)  # one transaction: all or nothing
        try:
            summary = check(replace(settings, anchor_file=None), expect)
        except DomainError as error:
            raise DomainError("restore", f"restored, but the store failed verification: {error}; do not use it: drop the "
                                         "database and restore another backup") from None
    else:
        target = sqlite_path(settings.db_url)
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(target.name + ".restoring")
        try:
            try:
                sqlite_files.copy(file, part)
            except sqlite3.DatabaseError as error:  # cut short in transfer, or changed on disk
                raise DomainError("FILE", f"{file} is damaged ({error}); nothing was restored: restore another backup") from None
            summary = check(replace(settings, db_url=f"sqlite:///{part}", anchor_file=None), expect)
            for stale in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
                stale.unlink(missing_ok=True)
            os.replace(part, target)
        finally:
            for leftover in (part, part.with_name(part.name + "-wal"), part.with_name(part.name + "-shm")):
                leftover.unlink(missing_ok=True)
    return summary, _re_anchor(settings, file, summary)


def _re_anchor(settings: Settings, file: Path, summary: Summary) -> str:
    """Record the restore as an anchor (signed with the anchor key when set), in the store and the anchor file."""
    services = bootstrap(settings)
    try:
        anchors = services.hash_chain.anchors
        before = anchors.last_in_file()
        reason = f"restored from {file.name} at head {summary.head_position}"
        if before is not None and before.position > summary.head_position:
            reason += f"; the anchor file's last anchor was at event {before.position}: events after {summary.head_position} are not in this backup"
        anchors.record(summary.head_position, summary.head_hash, reason)
        return reason
    finally:
        services.close()


def _kind_of(file: Path) -> str:
    if not file.is_file():
        raise DomainError("FILE", f"{file} does not exist or is not a file")
    if sqlite_files.is_backup(file):
        return "sqlite"
    if postgres_dumps.is_backup(file):
        return "postgres"
    raise DomainError("FILE", f"{file} is not a scr-monitor backup (neither a SQLite store nor a pg_dump custom-format file)")
