"""Tables made on first use, by whichever process gets there first.

On PostgreSQL two processes running `CREATE TABLE` at once (two schedulers, a worker and the follower) can
both pass the "does it exist?" check; the loser's CREATE then fails on the catalogue (a duplicate type name).
The table is there by then, so the loser checks again and carries on.
"""
from __future__ import annotations

from sqlalchemy import Engine, MetaData
from sqlalchemy.exc import DBAPIError


def create_tables(engine: Engine, metadata: MetaData) -> None:
    """Every table of `metadata` that is missing, created; safe when another process creates them at the same time."""
    try:
        metadata.create_all(engine, checkfirst=True)
    except DBAPIError:
        metadata.create_all(engine, checkfirst=True)  # the other process made them: this finds them and creates nothing
