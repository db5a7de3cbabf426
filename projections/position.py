"""Where the read models have got to in the notification log: one row, moved only by compare-and-set."""
from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from projections import schema

_ROW = schema.position.c.name == schema.PROJECTION
_READ = select(schema.position.c.position).where(_ROW)


def read(connection: Connection) -> int:
    return connection.execute(_READ).scalar_one()


def claim(connection: Connection, start: int, end: int) -> bool:
    """Move the position from `start` to `end`; False when someone else has moved it since."""
    moved = connection.execute(
        update(schema.position).where(_ROW, schema.position.c.position == start).values(position=end)
    )
    return moved.rowcount == 1


def reset(connection: Connection) -> None:
    """Back to the start of the log, with the current layout's version."""
    connection.execute(update(schema.position).where(_ROW).values(position=0, schema_version=schema.SCHEMA_VERSION))


def ensure_row(connection: Connection) -> None:
    """The row on first use; tables made by an older layout are dropped, remade and start again."""
    version = connection.execute(select(schema.position.c.schema_version).where(_ROW)).scalar()
    if version is None:
        connection.execute(
            insert(schema.position).values(name=schema.PROJECTION, position=0, schema_version=schema.SCHEMA_VERSION)
        )
    elif version != schema.SCHEMA_VERSION:
        reset(connection)
        schema.drop_views(connection)
        schema.metadata.create_all(connection, tables=schema.VIEW_TABLES)
