"""The outbox: every notice stored durably, under a unique idempotency key, before anything is sent."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import (
    Boolean, Column, Date, DateTime, Engine, Integer, MetaData, String, Table, Text, and_, func, insert, or_, select,
    update,
)
from sqlalchemy.exc import IntegrityError

from projections.tables import create_tables

metadata = MetaData()

notices = Table(
    "notices",
    metadata,
    Column("key", String(255), primary_key=True),  # the idempotency key: claimed once, ever
    Column("kind", String(20), nullable=False),
    Column("aggregate_id", String(36), nullable=False),
    Column("reference", String(255), nullable=False),
    Column("board", String(255), nullable=False),
    Column("recipient", String(320), nullable=False),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("queued_on", Date, nullable=False),
    Column("queued_at", DateTime, nullable=False),
    Column("event_recorded", Boolean, nullable=False, default=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime, nullable=False),
    Column("last_error", Text),
    Column("lease_owner", String(64)),
    Column("lease_until", DateTime),
    Column("delivered_at", DateTime),
    Column("delivery_recorded", Boolean, nullable=False, default=False),
)

LEASE = timedelta(minutes=5)  # far longer than one message takes; a sender that died lets go after it
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)


def utcnow() -> datetime:
    """Naive UTC: the same on SQLite and PostgreSQL."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after each failed attempt, never more than 6 hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


@dataclass(frozen=True)
class Notice:
    key: str
    kind: str
    aggregate_id: str
    reference: str
    board: str
    recipient: str
    subject: str
    body: str


def ensure_tables(engine: Engine, meta: MetaData = metadata) -> None:
    """Created on first use; two processes creating at once is harmless."""
    create_tables(engine, meta)


class Outbox:
    def __init__(self, engine: Engine, now: Callable[[], datetime] = utcnow):
        self.engine = engine
        self.now = now
        ensure_tables(engine)

    def claim(self, notice: Notice, queued_on: date) -> bool:
        """Store the notice under its key; False when the key was claimed before (by anyone)."""
        now = self.now()
        row = asdict(notice) | {"queued_on": queued_on, "queued_at": now, "next_attempt_at": now,
                                "event_recorded": False, "delivery_recorded": False, "attempts": 0}
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(notices).values(**row))
            return True
        except IntegrityError:
            return False

    def claimed(self, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            with self.engine.connect() as conn:
                found |= set(conn.scalars(select(notices.c.key).where(notices.c.key.in_(keys[start:start + 500]))))
        return found

    def rows(self, where=None, limit: int | None = None) -> list[dict]:
        query = select(notices).order_by(notices.c.queued_at, notices.c.key)
        if where is not None:
            query = query.where(where)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query.limit(limit)).mappings()]

    def mark(self, key: str, **values) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(notices).where(notices.c.key == key).values(**values))

    def due(self, limit: int = 100, ignore_backoff: bool = False) -> list[dict]:
        """Undelivered notices whose next attempt has come (or all of them), that no sender holds."""
        now = self.now()
        due = and_(notices.c.delivered_at.is_(None), self._free(now))
        if not ignore_backoff:
            due = and_(due, notices.c.next_attempt_at <= now)
        return self.rows(due, limit)

    def lease(self, key: str, owner: str) -> bool:
        """Hold one notice while it is sent. The condition is checked inside the UPDATE: of two racing
        senders only one matches, and a notice delivered meanwhile matches for neither."""
        now = self.now()
        with self.engine.begin() as conn:
            taken = conn.execute(
                update(notices).where(notices.c.key == key, notices.c.delivered_at.is_(None), self._free(now))
                .values(lease_owner=owner, lease_until=now + LEASE)
            ).rowcount
        return taken == 1

    @staticmethod
    def _free(now: datetime):
        return or_(notices.c.lease_until.is_(None), notices.c.lease_until < now)

    def delivered(self, key: str, owner: str) -> None:
        self._release(key, owner, delivered_at=self.now(), last_error=None, attempts=notices.c.attempts + 1)

    def failed(self, key: str, owner: str, error: str, attempts: int) -> None:
        self._release(key, owner, last_error=error[:500], attempts=attempts + 1,
                      next_attempt_at=self.now() + backoff(attempts + 1))

    def _release(self, key: str, owner: str, **values) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(notices).where(notices.c.key == key, notices.c.lease_owner == owner)
                .values(lease_owner=None, lease_until=None, **values)
            )

    def waiting(self) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(notices).where(notices.c.delivered_at.is_(None)))

    def pending(self) -> list[dict]:
        return self.rows(notices.c.delivered_at.is_(None))

    def unrecorded(self) -> list[dict]:
        """Notices whose events are not yet on their aggregate (a crash between claim and record)."""
        return self.rows(or_(notices.c.event_recorded.is_(False),
                             and_(notices.c.delivered_at.is_not(None), notices.c.delivery_recorded.is_(False))))
