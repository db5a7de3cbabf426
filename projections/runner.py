"""Follows the application's notification log into the read models, exactly once.

Each batch of view rows is written in one transaction together with the position it reaches; the
position is claimed with a compare-and-set, so two followers (a CLI write and the dashboard) never apply
the same event twice, and a follower killed at any point leaves tables that a restart completes exactly.
SQLite has no subscriptions, so the runner polls; it polls on PostgreSQL too (one code path).
"""
from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.pool import StaticPool
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from projections import position, schema
from projections.actions import ActionView
from projections.batch import Batch, Writers
from projections.boards import BoardView
from projections.committer import CommitterProcess, LostClaim, commit_batch
from projections.event_log import HistoryRows
from projections.outage import Backoff, is_database_away
from projections.recommendations import RecommendationView
from projections.registry import REGISTRY, ProjectionStopped, Registry
from projections.reviews import ReviewView
from projections.themes import ThemeSchemeView
from projections.rows import is_creation, readable
from projections.writer import id_text

CATCH_UP_BATCH = 2_000
REBUILD_BATCH = 10_000
PIPELINE_FROM = 100_000  # events: a rebuild this long has a child process commit (starting one takes ~0.5 s)
_SCHEMA_LOCK = threading.Lock()


class _StoppedAt(Exception):
    """Internal: the batch stopped at notification `index` of the batch."""

    def __init__(self, index: int, error: ProjectionStopped) -> None:
        self.index = index
        self.error = error


class ProjectionRunner:
    def __init__(
        self, app, engine: Engine, *, registry: Registry = REGISTRY,
        before_commit: Callable[[int], None] | None = None,
    ) -> None:
        self.app = app
        self.engine = engine
        self.registry = registry
        self.before_commit = before_commit  # tests: fail after the rows are written, before commit
        self.views = {v.kind: v for v in (BoardView(), ReviewView(), RecommendationView(), ActionView(), ThemeSchemeView())}
        self.writers = Writers(engine.dialect)
        self.history = HistoryRows(app.mapper)
        self._ready = False
        self._committed: int | None = None  # the position this runner last committed
        self._lock = threading.Lock()

    # --- public ---------------------------------------------------------------------------------

    def catch_up(self, batch_size: int = CATCH_UP_BATCH) -> int:
        """Project every event recorded so far; returns how many were taken in. Read models that have
        nothing yet, over a long log (a store loaded or restored), are made by a rebuild: the fast way."""
        self.ensure_schema()
        if self._committed is None and self.position() == 0 and self._worth_a_second_core(self._head()):
            return self.rebuild()
        with self._lock:
            return self._sequential(batch_size)

    def rebuild(self) -> int:
        """Drop every view table and project the whole store again."""
        self.ensure_schema()
        with self._lock:
            self._committed = None
            two_cores = self._worth_a_second_core(self._head())  # all of it: a rebuild starts from the beginning
            with self.engine.begin() as connection:
                position.reset(connection)  # first: it opens the transaction the drops run in
                schema.drop_views(connection)
                schema.metadata.create_all(connection, tables=schema.VIEW_TABLES)
                # A bulk load then one sort per index beats a million inserts; but while the committer process
                # writes, PostgreSQL's server keeps the indexes up to date on the other core, which costs less.
                if not (two_cores and self.engine.dialect.name == "postgresql"):
                    schema.drop_indexes(connection)
            count = self._pipelined(REBUILD_BATCH) if two_cores else self._sequential(REBUILD_BATCH)
        schema.create_indexes(self.engine)
        schema.vacuum(self.engine)
        return count

    def status(self) -> dict[str, int]:
        self.ensure_schema()
        at, head = self.position(), self._head()
        return {"position": at, "head": head, "lag": max(head - at, 0)}

    def run_forever(
        self, poll_interval: float = 1.0, stop: threading.Event | None = None, *,
        on_away: Callable[[BaseException, float], None] | None = None, on_back: Callable[[int], None] | None = None,
    ) -> None:
        """Follow the store until `stop` is set. While the database is away, wait with back-off and say so
        through `on_away(error, seconds)`; `on_back(failures)` when it answers again. Batches commit with
        their position, so a batch cut off by the outage is simply taken again."""
        stop = stop or threading.Event()
        backoff = Backoff()
        while not stop.is_set():
            try:
                self.catch_up()
            except Exception as error:
                if not is_database_away(error):
                    raise
                self._committed = None  # where we got to is read afresh from the table when it answers
                wait = backoff.next_wait()
                if on_away is not None:
                    on_away(error, wait)
                stop.wait(wait)
                continue
            failures = backoff.reset()
            if failures and on_back is not None:
                on_back(failures)
            stop.wait(poll_interval)

    def position(self) -> int:
        with self.engine.connect() as connection:
            return position.read(connection)

    def ensure_schema(self) -> None:
        """Create the tables on first use; rebuild by itself when they were made by an older schema."""
        if self._ready:
            return
        with _SCHEMA_LOCK:  # threads of this process one at a time; other processes: retry below
            for attempt in range(5):
                try:
                    schema.create_all(self.engine)
                    schema.create_indexes(self.engine)  # a rebuild killed before it made them
                    with self.engine.begin() as connection:
                        position.ensure_row(connection)
                    break
                except (IntegrityError, OperationalError, ProgrammingError):
                    if attempt == 4:
                        raise
                    time.sleep(0.1 * (attempt + 1))  # another process is creating them at this moment
        self._ready = True

    # --- one batch at a time --------------------------------------------------------------------

    def _sequential(self, batch_size: int) -> int:
        with _without_cyclic_gc():
            return self._batches(batch_size)

    def _batches(self, batch_size: int) -> int:
        total = 0
        while True:
            # Where this runner last committed saves a query; if another follower has moved on since,
            # the compare-and-set below fails and the position is read afresh.
            start = self._committed if self._committed is not None else self.position()
            notifications = self._select(start, batch_size)
            if not notifications:
                return total
            taken = self._project_or_stop(start, notifications)
            total += taken
            if taken and len(notifications) < batch_size:
                return total  # that was the end of the log when we read it: no need to ask again

    def _project_or_stop(self, start: int, notifications) -> int:
        try:
            return self._project(start, notifications)
        except _StoppedAt as stopped:
            if stopped.index > 0:  # keep everything before the event it cannot take in
                self._project(start, notifications[: stopped.index])
            raise stopped.error from None

    def _project(self, start: int, notifications) -> int:
        items, end = self._decode(notifications), notifications[-1].id

        def rows(connection) -> list:
            return self._apply_all(Batch(self.views), connection, items).statements(self.writers)

        try:
            with self.engine.connect() as connection:
                commit_batch(connection, start, end, rows, bulk=len(notifications) > 1_000, before_commit=self.before_commit)
        except LostClaim:
            self._committed = None
            return 0  # another follower got there first; the caller reads the position again
        self._committed = end
        return len(notifications)

    # --- a long rebuild: batch k+1 is prepared here while a child process commits batch k ---------

    def _pipelined(self, batch_size: int) -> int:
        total, carried, start = 0, None, self.position()
        try:
            with _without_cyclic_gc(), CommitterProcess(self.engine, self.before_commit) as committer:
                for notifications in self._read_ahead(start, batch_size):
                    try:
                        items = self._decode(notifications)
                        with self.engine.connect() as reader:
                            batch = self._apply_all(Batch(self.views, carried), reader, items)
                    except _StoppedAt:
                        committer.wait()  # everything before this batch is in; redo it alone to name the event
                        self._committed = start
                        return total + self._project_or_stop(start, notifications)
                    statements, carried = batch.statements(self.writers), batch.carry()
                    committer.submit(start, notifications[-1].id, statements)
                    start, total = notifications[-1].id, total + len(notifications)
                committer.wait()
        except LostClaim:  # another follower is ahead: carry on from wherever it got to
            self._committed = None
            return total + self._sequential(batch_size)
        self._committed = start
        return total

    def _read_ahead(self, start: int, batch_size: int) -> Iterator[list]:
        """Each batch after `start`. On PostgreSQL the next one is selected on a thread while this one is
        worked on: that thread mostly waits for the server (a tenth of a rebuild's time), without Python's
        lock. Not on SQLite, whose driver takes the lock back for every row."""
        if self.engine.dialect.name != "postgresql":
            while notifications := self._select(start, batch_size):
                yield notifications
                start = notifications[-1].id
            return
        with ThreadPoolExecutor(1, thread_name_prefix="read-ahead") as pool:
            ahead = pool.submit(self._select, start, batch_size)
            while notifications := ahead.result():
                ahead = pool.submit(self._select, notifications[-1].id, batch_size)
                yield notifications

    def _head(self) -> int:
        return self.app.recorder.max_notification_id() or 0

    def _worth_a_second_core(self, events: int) -> bool:
        if isinstance(self.engine.pool, StaticPool):  # an in-memory store: no other process can open it
            return False
        return events >= PIPELINE_FROM

    # --- shared ---------------------------------------------------------------------------------

    def _select(self, start: int, limit: int):
        return self.app.recorder.select_notifications(start=start, limit=limit, inclusive_of_start=False)

    def _decode(self, notifications) -> list[tuple[int, Any, Any, Any, str, bool]]:
        items = []
        to_domain_event = self.app.mapper.to_domain_event
        plain_json = self.history.raw  # the stored bytes are the event's JSON (not encrypted or compressed)
        for index, notification in enumerate(notifications):
            try:
                route = self.registry.route(notification.topic, notification.id)
                if route is not None:
                    event = to_domain_event(notification)
                    if not plain_json or b"\\u0000" in notification.state:  # plain JSON escapes a NUL: found in C
                        event = readable(event)
                    created = is_creation(event)
                    items.append((index, notification, route, event, id_text(notification.originator_id), created))
            except ProjectionStopped as error:
                raise _StoppedAt(index, error) from None
            except Exception as error:
                reason = f"cannot decode it: {type(error).__name__}: {error}"
                raise _StoppedAt(index, ProjectionStopped(notification.id, notification.topic, reason)) from None
        return items

    def _apply_all(self, batch: Batch, connection, items) -> Batch:
        wanted: dict[str, set[str]] = {}
        for _, _, route, _, aggregate_id, created in items:
            if not created:
                wanted.setdefault(route.kind, set()).add(aggregate_id)
        for kind, ids in wanted.items():
            batch.load(connection, kind, ids)
        for index, notification, route, event, aggregate_id, created in items:
            try:
                self._apply(batch, notification, route, event, aggregate_id, created)
            except Exception as error:  # any failure names the event, and nothing of the batch is kept
                reason = f"{type(error).__name__}: {error}"
                raise _StoppedAt(index, ProjectionStopped(notification.id, notification.topic, reason)) from error
        return batch

    def _apply(self, batch: Batch, notification, route, event, aggregate_id: str, created: bool) -> None:
        view = self.views[route.kind]
        if created:
            state = view.create(batch, event)
            batch.add(route.kind, state)
        else:
            state = batch.get(route.kind, aggregate_id)
            if route.changes_state:
                view.change(batch, state, event)
        if route.also is not None:
            route.also(batch, state, event, notification.id)
        state.version = notification.originator_version
        batch.history.append(self.history.row(notification, route.kind, aggregate_id, event))


@contextmanager
def _without_cyclic_gc():
    """Batches hold thousands of live objects and make no reference cycles: Python's cycle collector
    would rescan them over and over (a third of a rebuild's time); reference counting frees them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

