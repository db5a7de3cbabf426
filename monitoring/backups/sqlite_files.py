"""SQLite: a consistent copy of a live store through SQLite's online backup API (what is still in the WAL
included), made a single self-contained file; and whether a store file holds anything yet."""
from __future__ import annotations

import sqlite3
from pathlib import Path

MAGIC = b"SQLite format 3\x00"
EVENTS = "stored_events"  # eventsourcing's SQLite events table


def copy(source: Path, target: Path) -> None:
    """One step over every page, so the copy is one snapshot while others go on writing (in WAL mode a reader
    does not block them; copied in several steps, a write between steps would start it again). The copy is
    one file (journal_mode DELETE), no -wal beside it."""
    with sqlite3.connect(source, timeout=30) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    src.close()
    dst.close()


def single_file(path: Path) -> None:
    """Back to a rollback journal, the WAL checkpointed into the file: nothing needed beside it."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()


def events_held(path: Path) -> int:
    """Events stored in the file (0 for a missing or new file): a store with none is empty enough to restore into."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with sqlite3.connect(path) as connection:
        found = connection.execute("select 1 from sqlite_master where type = 'table' and name = ?", (EVENTS,)).fetchone()
        count = connection.execute(f'select count(*) from "{EVENTS}"').fetchone()[0] if found else 0
    connection.close()
    return count


def is_backup(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(len(MAGIC)) == MAGIC
