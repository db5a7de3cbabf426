"""SQLite's log is folded into the database file by a thread of its own after each write (projections.checkpoints),
not inside a user's commit: on a national store that commit took 25-450 ms one write in ten."""
from __future__ import annotations

import shutil
import sqlite3
import time
from contextlib import closing

from sqlalchemy import text

from projections import checkpoints
from projections.writer import create_sqlite_engine


def _wait_until(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_writes_reach_the_database_file_on_the_checkpoint_thread_and_the_thread_ends_when_idle(tmp_path, monkeypatch):
    monkeypatch.setattr(checkpoints, "IDLE_SECONDS", 0.3)
    taken = []
    original = checkpoints.Checkpointer.checkpoint
    monkeypatch.setattr(checkpoints.Checkpointer, "checkpoint", lambda self: (taken.append(1), original(self)))
    path = tmp_path / "store.sqlite"
    engine = create_sqlite_engine(f"sqlite:///{path}")
    checkpointer = checkpoints.attach(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("create table notes (n integer, body text)")
        connection.commit()
    for n in range(40):  # one write a connection, as the read models' batches are committed
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")  # SQLite's own checkpoint off: only the thread's
            connection.execute(text("insert into notes values (:n, :body)"), {"n": n, "body": "x" * 5_000})
            connection.commit()
    assert _wait_until(lambda: taken)
    assert _wait_until(lambda: checkpointer._thread is None)  # idle: the thread has ended, no checkpoint under way
    # The file alone, without its log, holds every row: the thread ran after the last commit.
    assert _rows_in_file_alone(path, tmp_path) == 40
    checkpointer.stop()
    engine.dispose()


def test_closing_the_services_waits_for_the_checkpoint_so_a_backup_can_follow(tmp_path, make_services):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    services = make_services(url)
    services.app.register_board("North", ["Police"], actor="tester")
    ran = []
    checkpointer = next(c.__self__ for c in services._closers if isinstance(getattr(c, "__self__", None), checkpoints.Checkpointer))
    original = checkpointer.checkpoint
    checkpointer.checkpoint = lambda: (ran.append(1), time.sleep(0.3), original())  # a slow checkpoint under way
    services.app.add_agency("North", "Education", actor="tester")
    assert _wait_until(lambda: ran)
    services.close()
    assert checkpointer._thread is None or not checkpointer._thread.is_alive()
    with closing(sqlite3.connect(tmp_path / "store.sqlite", timeout=0)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")  # needs the file to itself: no checkpoint left running


def test_a_store_in_memory_or_on_postgresql_has_no_checkpoint_thread():
    from sqlalchemy import create_engine
    assert checkpoints.attach(create_engine("sqlite://")) is None


def _rows_in_file_alone(path, tmp_path) -> int:
    copy = tmp_path / "alone.sqlite"
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"alone.sqlite{suffix}").unlink(missing_ok=True)
    shutil.copy(path, copy)  # the main file only: what a checkpoint has folded in
    with closing(sqlite3.connect(copy)) as connection:
        try:
            return connection.execute("select count(*) from notes").fetchone()[0]
        except sqlite3.DatabaseError:  # no table yet
            return 0
