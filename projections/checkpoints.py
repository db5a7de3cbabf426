"""SQLite's write-ahead log folded into the database on a thread of its own, so that no one's write waits for it.

SQLite checkpoints by itself in the commit that finds 1,000 pages in the log, and that commit waits for it:
on a national store one write in ten took 25-450 ms instead of 7-10 ms. SQLite's documentation offers the
alternative used here: checkpoint from another thread. Each commit of the read models (every write is followed
by one: the read side catches up after a save) nudges the thread, which runs a PASSIVE checkpoint: it never
waits for, nor blocks, a reader or a writer, and a log it has emptied starts again from its beginning at the
next write. SQLite's own automatic checkpoint stays as the safety net; it no longer finds a log long enough.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from contextlib import closing

log = logging.getLogger(__name__)

IDLE_SECONDS = 10.0  # the thread ends after this long without a commit, and starts again at the next


class Checkpointer:
    def __init__(self, path: str) -> None:
        self.path = path
        self._nudged = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def nudge(self, *_: object) -> None:
        """After a commit (an SQLAlchemy engine event): checkpoint soon, on the thread, never here."""
        self._nudged.set()
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)
                self._thread.start()

    def checkpoint(self) -> None:
        try:
            with closing(sqlite3.connect(self.path, timeout=0)) as connection:
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error as error:  # busy, or the file is away: the next nudge tries again
            log.debug("checkpoint of %s skipped: %s", self.path, error)

    def _run(self) -> None:
        while True:
            if self._nudged.wait(IDLE_SECONDS):
                self._nudged.clear()  # commits from here on are taken by the next checkpoint
                self.checkpoint()
                continue
            with self._lock:  # idle: end, unless a nudge came in meanwhile
                if not self._nudged.is_set():
                    self._thread = None
                    return
