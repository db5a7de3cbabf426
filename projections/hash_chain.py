"""Tamper evidence: a SHA-256 chain over the stored events, exactly as they are stored, in notification order.

Each link is sha256(previous hash + the record's bytes: position, aggregate id, version, topic, state), kept
in its own table with its position. `verify()` recomputes the chain from the stored events and reports the
first event altered, removed, inserted or reordered outside the application. Encrypted events are chained
as ciphertext, so verifying needs no encryption key.

Someone able to rewrite both the events and this table could forge both, and could append events the chain
would then take in. Four things stop that (projections.event_signature, projections.anchors): with
SCR_MONITOR_ANCHOR_KEY set, every event the application writes is signed, and an event without a valid
signature after the first signed one (or after a signed anchor) is reported; each verify signs the head
as an anchor, in the database and in SCR_MONITOR_ANCHOR_FILE, and a chain cut back below an anchor or
rewritten under one is reported; a head noted elsewhere can be given (`verify --expect HASH`); and each
aggregate's versions must run 1, 2, 3 ... (an event taken from the middle of a history leaves a gap).
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from sqlalchemy import BigInteger, Column, Engine, MetaData, String, Table, insert, select
from sqlalchemy.exc import IntegrityError

from projections.anchors import Anchor, Anchors
from projections.event_signature import checks, is_signed
from projections.tables import create_tables

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
    parts = (
        str(notification.id).encode(),
        str(notification.originator_id).encode(),
        str(notification.originator_version).encode(),
        notification.topic.encode(),
        bytes(notification.state),
    )
    message = bytes.fromhex(previous) + b"".join(len(part).to_bytes(8, "big") + part for part in parts)
    return hashlib.sha256(message).hexdigest()  # the same bytes as hashing part by part, in one call


@dataclass(frozen=True)
class Problem:
    kind: str  # "altered", "removed", "inserted", "reordered", "missing head", "unsigned", "forged", "anchor"
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
    signed: int = 0  # events whose signature was checked with the key
    anchor: Anchor | None = None  # the anchor this verify recorded (or the latest, when the head had not moved)

    @property
    def intact(self) -> bool:
        return self.problem is None


class HashChain:
    """Follows the application's stored events into the chain table; verifies the chain against them."""

    def __init__(self, app, engine: Engine, key: bytes | None = None, anchor_file: str | None = None) -> None:
        self.app = app
        self.engine = engine
        self.key = key  # SCR_MONITOR_ANCHOR_KEY's bytes: checks event signatures and signs anchors
        self.anchor_file = anchor_file
        self._ready = False
        self._lock = threading.Lock()

    @property
    def anchors(self) -> Anchors:
        self.ensure_table()
        return Anchors(self.engine, self.key, self.anchor_file)

    def ensure_table(self) -> None:
        if not self._ready:
            create_tables(self.engine, metadata)
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
                if len(notifications) < BATCH:
                    return total  # that was the end of the log when we read it: no need to ask again

    def verify(self, expect: str | None = None, *, anchor: str | None = "verify") -> Report:
        """Recompute the chain from the stored events; the first difference is the problem reported.

        Then chain what is new and, unless `anchor` is None, sign the head it checked as an anchor (when it moved)."""
        self.ensure_table()
        anchors = self.anchors
        pinned = anchors.in_force()
        problem = self._forged_anchor(pinned)
        if problem:
            return Report(0, 0, GENESIS, problem)
        at = {}
        for a in pinned:
            at.setdefault(a.position, []).append(a)
        guarded_from = min((a.position for a in pinned if a.mac), default=None)  # unsigned after it: forged
        previous, checked, head_position, signed, signed_seen = GENESIS, 0, 0, 0, False
        versions: dict = {}  # each aggregate's last version: they run 1, 2, 3 ... with no gap
        seen_expected = expect is None or expect == GENESIS
        links = self._links()
        row = next(links, None)
        for n in self._events():
            problem = self._signature_problem(n, signed_seen, guarded_from)
            if problem:
                return Report(checked, head_position, previous, problem)
            if is_signed(n):
                signed_seen, signed = True, signed + bool(self.key)
            following = link(previous, n)
            problem = _chain_problem(row, n, following) if row is not None else None
            if problem is None and n.originator_version != versions.get(n.originator_id, 0) + 1:
                problem = _gap(n, versions.get(n.originator_id, 0))
            if problem:
                return Report(checked, head_position, previous, problem)
            versions[n.originator_id] = n.originator_version
            if row is not None:
                checked, row = checked + 1, next(links, None)
            previous, head_position = following, n.id  # events not chained yet count towards anchors too
            for a in at.pop(n.id, ()):
                if a.hash != previous:
                    return Report(checked, head_position, previous, _rewritten(a))
            seen_expected = seen_expected or previous == expect.lower()
        if row is not None:
            return Report(checked, head_position, previous, _removed(row))
        if at:
            return Report(checked, head_position, previous, _cut_back(min((a for group in at.values() for a in group), key=lambda a: a.position), head_position))
        if not seen_expected:
            problem = Problem("missing head", None, None, None,
                              f"the hash {expect} noted earlier is not in the chain: events or chain rewritten")
            return Report(checked, head_position, previous, problem)
        newly = self.catch_up()
        position, head = self.head()
        recorded = self._anchor(anchors, pinned, head_position, previous, anchor)  # what was checked, not what came since
        return Report(checked, position, head, None, newly, signed, recorded)

    def _forged_anchor(self, pinned: list[Anchor]) -> Problem | None:
        for a in pinned:
            if a.position < 0 or (self.key and a.mac and not a.checks(self.key)):
                return Problem("anchor", a.position, None, None,
                               f"the anchor at {a} does not carry this key's signature: anchors written outside the application")
        return None

    def _signature_problem(self, n, signed_seen: bool, guarded_from: int | None) -> Problem | None:
        if is_signed(n):
            if self.key and not checks(self.key, n):
                return Problem("forged", n.id, str(n.originator_id), n.originator_version,
                               f"event {n.id} ({_where(n)}) has a signature that does not match it: "
                               "written or changed outside the application")
            return None
        if signed_seen or (guarded_from is not None and n.id > guarded_from):
            return Problem("unsigned", n.id, str(n.originator_id), n.originator_version,
                           f"event {n.id} ({_where(n)}) carries no signature: added outside the application "
                           "(or by a process run without SCR_MONITOR_ANCHOR_KEY)")
        return None

    def _anchor(self, anchors: Anchors, pinned: list[Anchor], position: int, head: str, reason: str | None) -> Anchor | None:
        latest = max(pinned, key=lambda a: a.position) if pinned else None
        if reason is None or position == 0 or (latest is not None and latest.hash == head and (latest.mac or not self.key)):
            return latest
        return anchors.record(position, head, reason)

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


def _rewritten(a: Anchor) -> Problem:
    return Problem("anchor", a.position, None, None,
                   f"the chain was anchored at {a} with sha256 {a.hash}, but the events up to there now hash "
                   "differently: events or chain rewritten")


def _cut_back(a: Anchor, head_position: int) -> Problem:
    return Problem("removed", a.position, None, None,
                   f"the chain was anchored at {a}, but the store now ends at event {head_position}: events removed")


def _chain_problem(row, n, following: str) -> Problem | None:
    """The chain's row for this position against the event stored there."""
    if n.id > row.position:
        return _removed(row)
    if n.id < row.position:
        return _inserted(n)
    if following != row.hash:
        return _altered(row, n)
    return None


def _gap(n, last: int) -> Problem:
    return Problem("removed", n.id, str(n.originator_id), n.originator_version,
                   f"event {n.id} ({_where(n)}) follows version {last} of its aggregate: "
                   f"{'an event between them was removed' if n.originator_version > last + 1 else 'versions out of order'}")
