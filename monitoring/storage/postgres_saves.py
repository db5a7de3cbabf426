"""Saves that finish on PostgreSQL: a big save streamed by COPY inside one transaction, no pipeline.

Why: eventsourcing's PostgreSQL recorder sends a save in psycopg's pipeline mode as one INSERT of every
event; a save of about 30,000 events (a 10,000-row tracker) never finished (psycopg issue 685), holding
the event table's EXCLUSIVE lock while the server waited for the rest of the statement. A big save here
is BEGIN, LOCK, NOTIFY, COPY (binary, streamed in bounded pieces by psycopg), COMMIT: still all-or-nothing
(a failure anywhere rolls the whole save back), notification ids still follow commit order (the lock),
and the lock is held only while the rows go in (32,000 events: 0.2 s here, against 4.4 s for the
library's INSERT of a composite array). Small saves (a page's or a command's) take the library's path.

The composition root selects it (monitoring.config.eventsourcing_env: APPLICATION_RECORDER_TOPIC).
"""
from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import retry
from psycopg.sql import SQL, Identifier

BIG_SAVE_EVENTS = 1_000  # from this many events a save is streamed by COPY


class BoundedPostgresRecorder(PostgresApplicationRecorder):
    """The library's application recorder, with big saves streamed by COPY in one transaction."""

    big_save_events = BIG_SAVE_EVENTS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.last_lock_seconds = 0.0  # how long the last big save held the table lock (the import benchmark prints it)
        table = SQL("{}.{}").format(Identifier(self.datastore.schema), Identifier(self.events_table_name))
        self.copy_statement = SQL("COPY {} (originator_id, originator_version, topic, state) FROM STDIN (FORMAT BINARY)").format(table)
        self.last_id_statement = SQL("SELECT COALESCE(MAX(notification_id), 0) AS last FROM {}").format(table)
        self.new_ids_statement = SQL("SELECT notification_id FROM {} WHERE notification_id > %s ORDER BY notification_id").format(table)

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        if len(stored_events) < self.big_save_events or self.datastore.enable_db_functions:
            return super().insert_events(stored_events, **kwargs)
        column_types = [self.datastore.originator_id_type, "int8", "text", "bytea"]
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            self._insert_events(curs, stored_events, **kwargs)  # the library's hook (a process recorder's tracking)
            locked = time.perf_counter()
            self._lock_table(curs)
            self._notify_channel(curs)
            # Under the lock no other save can take ids: this save's rows are exactly those after the last one.
            last = curs.execute(self.last_id_statement).fetchone()["last"]
            with curs.copy(self.copy_statement) as copy:
                copy.set_types(column_types)
                for event in stored_events:
                    copy.write_row((event.originator_id, event.originator_version, event.topic, event.state))
            notification_ids = [row["notification_id"] for row in curs.execute(self.new_ids_statement, (last,))]
        self.last_lock_seconds = time.perf_counter() - locked  # after COMMIT: the lock goes with it
        return notification_ids
