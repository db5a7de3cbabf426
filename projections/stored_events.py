"""Every stored event rewritten in place, in one locked transaction: what `key rotate` and `key rotate-anchor`
do to the store (the events' meaning never changes, only their encryption or signature).

The hash chain is dropped first (it covers the stored bytes, so it is re-made after), which on SQLite also
takes the write lock at once; on PostgreSQL the events table is locked against every writer.
"""
from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from sqlalchemy import Connection, Engine, text

from projections.event_signature import split

NewState = Callable[[UUID, int, str, bytes], bytes]  # (aggregate id, version, topic, stored body) -> new bytes


def rewrite_every_event(engine: Engine, table: str, *, postgres: bool, new_state: NewState,
                        also: Callable[[Connection], None] | None = None) -> int:
    """Replace each event's stored state by `new_state(...)` of its body (signature stripped); `also` runs in
    the same transaction (the evidence files' re-encryption). Returns how many events were rewritten."""
    with engine.begin() as connection:
        if postgres:
            connection.execute(text(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE'))
        connection.execute(text("DELETE FROM event_hash_chain"))  # first, so SQLite takes its write lock now
        rows = connection.execute(text(f"SELECT originator_id, originator_version, topic, state FROM {table}")).all()
        for originator_id, version, topic, state in rows:
            _, body = split(state)
            connection.execute(
                text(f"UPDATE {table} SET state = :state WHERE originator_id = :id AND originator_version = :version"),
                {"state": new_state(UUID(str(originator_id)), version, topic, body), "id": originator_id, "version": version},
            )
        if also is not None:
            also(connection)
    return len(rows)
