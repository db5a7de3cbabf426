"""Seeing the read models whole: every view table as sorted rows, and a runner that fails on cue."""
from __future__ import annotations

from sqlalchemy import select

from projections import schema
from projections.runner import ProjectionRunner


def head(services) -> int:
    """The last event's position in the store."""
    return services.app.recorder.max_notification_id()


def tables(engine) -> dict[str, list[tuple]]:
    """Every row of every view table, in a stable order, values as text (SQLite and PostgreSQL alike)."""
    with engine.connect() as connection:
        return {
            table.name: sorted(tuple(_plain(v) for v in row) for row in connection.execute(select(table)))
            for table in schema.VIEW_TABLES
        }


def _plain(value):
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, dict):
        return repr(sorted(value.items()))
    return repr(value)


class Crash(Exception):
    """The process dies after writing a batch's rows and before committing them."""


class CrashAt:
    """Fails the `at_commit`-th commit; a class, so that a rebuild's committer process can take it along."""

    def __init__(self, at_commit: int) -> None:
        self.at_commit, self.commits = at_commit, 0

    def __call__(self, position: int) -> None:
        self.commits += 1
        if self.commits == self.at_commit:
            raise Crash(f"killed before committing up to {position}")


def crashing_runner(services, *, at_commit: int) -> ProjectionRunner:
    """A runner whose `at_commit`-th commit never happens."""
    return ProjectionRunner(services.app, services.engine, before_commit=CrashAt(at_commit))
