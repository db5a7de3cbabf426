"""Tamper evidence: a SHA-256 chain over the stored events, exactly as they are stored, in notification order.

Each link is sha256(previous hash + the record's bytes: position, aggregate id, version, topic, state), kept
in its own table with its position. `verify()` recomputes the chain from the stored events and reports the
first event altered, removed, inserted or reordered outside the application. Encrypted events are chained
as ciphertext, so verifying needs no key. Someone able to rewrite both the events and this table can forge
both: compare the head hash with one noted elsewhere (`scr-monitor verify --expect HASH`).
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from sqlalchemy import BigInteger, Column, Engine, MetaData, String, Table, insert, select
from sqlalchemy.exc import IntegrityError

GENESIS = hashlib.sha256(b"scr-monitor event hash chain, version 1").hexdigest()
BATCH = 5_000

metadata = MetaData()
chain = Table(
    "event_hash_chain",
    metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("originator_id", String(36), nullable=False),
    Column("originator_version", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)


def link(previous: str, notification) -> str:
    """The next hash: every field length-prefixed, so no two different records share bytes."""
    digest = hashlib.sha256(bytes.fromhex(previous))
    for part in (
        str(notification.id).encode(),
        str(notification.originator_id).encode(),
        str(notification.originator_version).encode(),
        notification.topic.encode(),
        bytes(notification.state),
    ):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


@dataclass(frozen=True)
class Problem:
    kind: str  # "altered", "removed", "inserted", "reordered", "missing head"
    position: int | None
    originator_id: str | None
    originator_version: int | None
    detail: str

    def __str__(self) -> str:
        return self.detail


@dataclass(frozen=True)
class Report:
    checked: int
    head_position: int
    head_hash: str
    problem: Problem | None
    newly_chained: int = 0

    @property
    def intact(self) -> bool:
        return self.problem is None


class HashChain:
    """Follows the application's stored events into the chain table; verifies the chain against them."""

    def __init__(self, app, engine: Engine) -> None:
        self.app = app
        self.engine = engine
        self._ready = False
        self._lock = threading.Lock()

    def ensure_table(self) -> None:
        if not self._ready:
            metadata.create_all(self.engine, checkfirst=True)
            self._ready = True

    def head(self) -> tuple[int, str]:
        self.ensure_table()
        with self.engine.connect() as connection:
            row = connection.execute(select(chain.c.position, chain.c.hash).order_by(chain.c.position.desc()).limit(1)).first()
        return (row.position, row.hash) if row else (0, GENESIS)

    def catch_up(self) -> int:
        """Chain every event stored since the head; returns how many were chained."""
        self.ensure_table()
        total = 0
        with self._lock:
            while True:
                position, previous = self.head()
                notifications = self.app.recorder.select_notifications(start=position, limit=BATCH, inclusive_of_start=False)
                if not notifications:
                    return total
                rows = []
                for n in notifications:
                    previous = link(previous, n)
                    rows.append({"position": n.id, "originator_id": str(n.originator_id),
                                 "originator_version": n.originator_version, "hash": previous})
                try:
                    with self.engine.begin() as connection:
                        connection.execute(insert(chain), rows)
                except IntegrityError:
                    continue  # another process chained these first; start again from its head
                total += len(rows)

    def verify(self, expect: str | None = None) -> Report:
        """Recompute the chain from the stored events; the first difference is the problem reported."""
        self.ensure_table()
        previous, checked, head_position = GENESIS, 0, 0
        seen_expected = expect is None or expect == GENESIS
        events = self._events()
        pending = next(events, None)
        for row in self._links():
            n = pending
            if n is None or n.id > row.position:
                return self._report(checked, head_position, previous, _removed(row))
            if n.id < row.position:
                return self._report(checked, head_position, previous, _inserted(n))
            if link(previous, n) != row.hash:
                return self._report(checked, head_position, previous, _altered(row, n))
            previous, head_position, checked = row.hash, row.position, checked + 1
            seen_expected = seen_expected or row.hash == expect.lower()
            pending = next(events, None)
        if not seen_expected:
            problem = Problem("missing head", None, None, None,
                              f"the hash {expect} noted earlier is not in the chain: events or chain rewritten")
            return self._report(checked, head_position, previous, problem)
        newly = self.catch_up()
        position, head = self.head()
        return Report(checked, position, head, None, newly)

    def _report(self, checked, position, head, problem) -> Report:
        return Report(checked, position, head, problem)

    def _links(self):
        after = -1
        while True:
            with self.engine.connect() as connection:
                rows = connection.execute(
                    select(chain).where(chain.c.position > after).order_by(chain.c.position).limit(BATCH)
                ).all()
            if not rows:
                return
            yield from rows
            after = rows[-1].position

    def _events(self):
        after = None
        while True:
            batch = self.app.recorder.select_notifications(start=after, limit=BATCH, inclusive_of_start=False)
            if not batch:
                return
            yield from batch
            after = batch[-1].id


def _where(row) -> str:
    return f"aggregate {row.originator_id} version {row.originator_version}"


def _removed(row) -> Problem:
    return Problem("removed", row.position, row.originator_id, row.originator_version,
                   f"event {row.position} ({_where(row)}) was removed")


def _inserted(n) -> Problem:
    return Problem("inserted", n.id, str(n.originator_id), n.originator_version,
                   f"event {n.id} ({_where(n)}) is not in the chain: inserted outside the application")


def _altered(row, n) -> Problem:
    if (str(n.originator_id), n.originator_version) != (row.originator_id, row.originator_version):
        return Problem("reordered", row.position, row.originator_id, row.originator_version,
                       f"event {row.position} should be {_where(row)} but the store has {_where(n)} there: moved or reordered")
    return Problem("altered", row.position, row.originator_id, row.originator_version,
                   f"event {row.position} ({_where(row)}) was altered")
