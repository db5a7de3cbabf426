"""Commits prepared batches on a second thread, so the database writes batch k while Python prepares k+1.

The sqlite3 and psycopg drivers release the GIL while the database works, so on two cores a rebuild
overlaps decoding and applying events with writing rows. Batches commit strictly in order, each with
its position (compare-and-set), exactly as the sequential path does.
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import Engine

from projections.writer import execute


class LostClaim(Exception):
    """Another follower moved the position: this one's prepared batches are stale."""


class Committer:
    def __init__(self, engine: Engine, claim: Callable, prepare_connection: Callable, before_commit=None) -> None:
        self.engine = engine
        self.claim = claim
        self.prepare_connection = prepare_connection
        self.before_commit = before_commit
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="projection-commit")
        self._pending: Future | None = None

    def submit(self, start: int, end: int, statements: list) -> None:
        """Queue one batch; waits for the previous one first (so at most one is in flight)."""
        self.wait()
        self._pending = self._executor.submit(self._commit, start, end, statements)

    def wait(self) -> None:
        """Block until the batch in flight is committed; re-raise whatever stopped it."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self._executor.shutdown(wait=True)

    def _commit(self, start: int, end: int, statements: list) -> None:
        with self.engine.begin() as connection:
            self.prepare_connection(connection)
            if not self.claim(connection, start, end):
                raise LostClaim()
            execute(connection, statements)
            if self.before_commit is not None:
                self.before_commit(end)
