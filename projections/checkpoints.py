"""SQLite's write-ahead log folded into the database on a thread of its own, so that no one's write waits for it.

SQLite checkpoints by itself in the commit that finds 1,000 pages in the log, and that commit waits for it:
on a national store one write in ten took 25-450 ms instead of 7-10 ms. SQLite's documentation offers the
alternative used here: checkpoint from another thread. Each commit of the read models (every write is followed
by one: the read side catches up after a save) nudges the thread once its connection is back in the pool, which runs a PASSIVE checkpoint: it never
waits for, nor blocks, a reader or a writer, and a log it has emptied starts again from its beginning at the
next write. SQLite's own automatic checkpoint stays as the safety net; it no longer finds a log long enough.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from contextlib import closing

from sqlalchemy import Engine, event

log = logging.getLogger(__name__)

IDLE_SECONDS = 10.0  # the thread ends after this long without a commit, and starts again at the next
STOP_SECONDS = 30.0  # how long closing waits for a checkpoint under way


def attach(engine: Engine) -> Checkpointer | None:
    """For an SQLite file: checkpoint after this engine's commits, off the committing thread. Call `stop` on close."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return None
    checkpointer = Checkpointer(engine.url.database)
    event.listen(engine, "commit", _mark_committed)
    event.listen(engine.pool, "checkin", checkpointer.after_checkin)
    return checkpointer


def _mark_committed(connection) -> None:
    """SQLAlchemy's commit event comes before the commit itself: note it on the connection, and nudge when the
    connection goes back to its pool, the commit done."""
    connection.info["committed"] = True


class Checkpointer:
    def __init__(self, path: str) -> None:
        self.path = path
        self._nudged = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def after_checkin(self, _dbapi_connection, record) -> None:
        """A pool's checkin event: a connection that committed is back, so its pages are in the log."""
        if record.info.pop("committed", False):
            self.nudge()

    def nudge(self) -> None:
        """Checkpoint soon, on the thread, never here."""
        with self._lock:
            if self._stopped:
                return
            self._nudged.set()
            if self._thread is None or not self._thread.is_alive():  # not alive: a forked child's copy
                self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        """No checkpoint from here on, and the one under way finished: the file is then the store's alone
        (a backup, a restore or a copy may follow)."""
        with self._lock:
            self._stopped = True
            thread = self._thread
            self._nudged.set()  # wakes the thread, which sees the stop
        if thread is not None:
            thread.join(STOP_SECONDS)

    def checkpoint(self) -> None:
        try:
            with closing(sqlite3.connect(self.path, timeout=0)) as connection:
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error as error:  # busy, or the file is away: the next nudge tries again
            log.debug("checkpoint of %s skipped: %s", self.path, error)

    def _run(self) -> None:
        while True:
            nudged = self._nudged.wait(IDLE_SECONDS)
            with self._lock:
                if self._stopped or not (nudged or self._nudged.is_set()):
                    self._thread = None  # stopped, or idle: end (the next nudge starts another)
                    return
                self._nudged.clear()  # commits from here on are taken by the next checkpoint
            self.checkpoint()
