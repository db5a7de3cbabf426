"""Saves that finish on PostgreSQL: one transaction, the events inserted in bounded chunks, no pipeline.

Why: eventsourcing's PostgreSQL recorder sends a save in psycopg's pipeline mode as one INSERT of every
event; a save of about 25,000 events (a 10,000-row tracker) never finished (psycopg issue 685), holding
the event table's EXCLUSIVE lock while the server waited for the rest of the statement. Here the events
are encoded before the lock is taken, then BEGIN, LOCK, NOTIFY, one INSERT per chunk, COMMIT: the save
is still all-or-nothing (a failure in any chunk rolls back every chunk), notification ids still follow
commit order (the lock), and the lock is held only while the rows go in.

The composition root selects it (monitoring.config.eventsourcing_env: APPLICATION_RECORDER_TOPIC).
"""
from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import retry

CHUNK_EVENTS = 2_000  # events per INSERT: a statement of a few MB at most, well under any buffer that stalls


class BoundedPostgresRecorder(PostgresApplicationRecorder):
    """The library's application recorder, with saves inserted in bounded chunks inside one transaction."""

    chunk_events = CHUNK_EVENTS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.last_lock_seconds = 0.0  # how long the last save held the table lock (the import benchmark prints it)

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        if self.datastore.enable_db_functions:  # the library's server-side function: one statement, no pipeline
            return super().insert_events(stored_events, **kwargs)
        rows = [self.construct_pg_stored_event(e.originator_id, e.originator_version, e.topic, e.state)
                for e in stored_events]  # encoded before the lock is taken
        notification_ids: list[int] = []
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            self._insert_events(curs, stored_events, **kwargs)  # the library's hook (a process recorder's tracking)
            if not rows:
                return notification_ids
            locked = time.perf_counter()
            self._lock_table(curs)
            self._notify_channel(curs)
            for start in range(0, len(rows), self.chunk_events):
                curs.execute(self.insert_events_statement, (rows[start:start + self.chunk_events],))
                notification_ids.extend(row["notification_id"] for row in curs.fetchall())
        self.last_lock_seconds = time.perf_counter() - locked  # after COMMIT: the lock is released with it
        return notification_ids
