"""A rebuild's second core: batch k is written and committed in a child process while the runner reads,
decodes and applies batch k+1.

Python runs one thread at a time: a writer thread gained nothing, because the database driver hands the
interpreter lock back and forth for every row. A process has its own interpreter. Only one batch is ever
in flight and batches commit in order, each in one transaction with the position it reaches, so the
exactly-once guarantee is the sequential runner's; what the next batch needs from the one still being
written, the runner takes from memory (`Batch.carry`), never from the table.
"""
from __future__ import annotations

import gc
import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Callable

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.pool import NullPool

from projections import position
from projections.writer import Statement, create_sqlite_engine, execute, prepare_bulk


class LostClaim(Exception):
    """Another follower moved the position first: the runner carries on from wherever it got to."""


class CommitterDied(RuntimeError):
    """The child process ended without saying how its batch went (killed from outside)."""


def commit_batch(
    connection: Connection, start: int, end: int, rows: Callable[[Connection], list[Statement]], *,
    bulk: bool = True, before_commit: Callable[[int], None] | None = None,
) -> None:
    """One batch's rows and the position they reach, in one transaction on `connection`: the one place
    both the runner and the committer process write a batch.

    The claim comes first: it takes the position's row lock (SQLite: the write lock), so a second follower
    waits there, then finds the position moved. `rows` makes the statements once the claim is held (the
    runner reads the rows it changes inside the same transaction)."""
    with connection.begin():
        if bulk:
            prepare_bulk(connection)
        if not position.claim(connection, start, end):
            raise LostClaim(f"the position moved from {start} while this batch was prepared")
        execute(connection, rows(connection))
        if before_commit is not None:
            before_commit(end)  # tests: fail after the rows are written, before the commit


class CommitterProcess:
    """The parent's side: `submit` a batch once the previous one has committed; `wait` for the last.

    The child is a fresh interpreter (`python -m projections.committer`), talking pickles over its stdin
    and stdout: nothing of the parent is forked (it may hold threads) or re-imported (its main module)."""

    def __init__(self, engine: Engine, before_commit: Callable[[int], None] | None = None) -> None:
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self._process = subprocess.Popen(
            [sys.executable, "-m", "projections.committer"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=environment,
            start_new_session=True,  # out of the terminal's process group: Ctrl+C is the runner's to handle
        )
        self._in_flight = False
        self._send((engine.url.render_as_string(hide_password=False), before_commit))

    def submit(self, start: int, end: int, statements: list[Statement]) -> None:
        self.wait()
        self._send((start, end, statements))
        self._in_flight = True

    def wait(self) -> None:
        """Until the batch in flight has committed; raises what stopped it."""
        if not self._in_flight:
            return
        self._in_flight = False
        try:
            outcome, detail = pickle.load(self._process.stdout)
        except EOFError:
            raise CommitterDied(f"the projection committer ended (exit code {self._process.wait()})") from None
        if outcome == "failed":
            raise detail

    def close(self) -> None:
        try:
            self._send(None)
            self._process.stdin.close()
        except (OSError, CommitterDied):
            pass  # it has already gone
        try:
            self._process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process.stdout.close()

    def __enter__(self) -> "CommitterProcess":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _send(self, message) -> None:
        try:
            pickle.dump(message, self._process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self._process.stdin.flush()
        except BrokenPipeError:
            raise CommitterDied(f"the projection committer ended (exit code {self._process.wait()})") from None


def serve(requests, replies) -> None:
    """The child: commit each batch it is sent, in order, on one connection; stop at the first failure."""
    gc.disable()  # like the runner's batches: many live objects, no cycles
    url, before_commit = pickle.load(requests)
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            while True:
                try:
                    job = pickle.load(requests)
                except EOFError:
                    return  # the runner has gone; what it sent is committed, nothing is half-written
                if job is None:
                    return
                start, end, statements = job
                try:
                    commit_batch(connection, start, end, lambda _: statements, before_commit=before_commit)
                except BaseException as error:
                    _reply(replies, ("failed", _portable(error)))
                    return
                if not _reply(replies, ("committed", end)):
                    return  # the runner was killed: its batch is committed, and a restart reads the position
    finally:
        engine.dispose()


def _reply(replies, message) -> bool:
    """Send one answer; False when nobody is listening any more (an orphan: the runner was killed)."""
    try:
        pickle.dump(message, replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()
        return True
    except BrokenPipeError:
        return False


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        return create_sqlite_engine(url, poolclass=NullPool)
    return create_engine(url, poolclass=NullPool)


def _portable(error: BaseException) -> BaseException:
    """The error itself when it can cross to the parent, else its type and message."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")


if __name__ == "__main__":
    # Interrupting is the runner's to do: it closes the pipe, and this process finishes the batch in hand
    # (or not) and ends quietly at the end of its input.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # the replies' channel carries pickles only
    serve(sys.stdin.buffer, replies)
    # An orphan's unsent answer would be flushed again at exit and print BrokenPipeError: leave without it.
    sys.stderr.flush()
    os._exit(0)
