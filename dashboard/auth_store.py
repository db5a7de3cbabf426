"""What sign-in keeps in the database: sessions (so sign-out and timeouts hold server-side), failed
attempts (so the slow-down survives a restart and is shared by workers), and the cookie-signing secret."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import Column, DateTime, Engine, Integer, MetaData, String, Table, case, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from monitoring.storage.database import read_only
from projections.tables import create_tables

metadata = MetaData()
sessions = Table(
    "web_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),  # sha256 of the id: a copy of this table signs nobody in
    Column("username", String(64), nullable=False, index=True),
    Column("credential", String(64), nullable=False),  # fingerprint of the password hash: a new password ends it
    Column("started", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
)
failures = Table(
    "sign_in_failures",
    metadata,
    Column("key", String(200), primary_key=True),  # username|address, or *|address for the address as a whole
    Column("count", Integer, nullable=False),  # failures in a row, none of them more than a window apart
    Column("last_failure", DateTime(timezone=True), nullable=False),
)
web_secrets = Table(
    "web_secrets",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
)

FREE_FAILURES = 3  # per username and address; then 2, 4, 8 ... seconds, up to the window, before the next try
FREE_FROM_ONE_ADDRESS = 20  # any usernames: past this, an address is suspect and each account there gets 1 free failure
WINDOW = timedelta(minutes=15)  # the default; SCR_MONITOR_SIGN_IN_WINDOW_MINUTES (monitoring.config) sets it


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class AuthStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        create_tables(engine, metadata)  # several gunicorn workers start at once

    # --- the cookie secret ------------------------------------------------------------------

    def secret(self) -> str:
        """Made once and kept, so every worker and every restart signs cookies alike."""
        with self.engine.begin() as connection:
            found = connection.execute(select(web_secrets.c.value).where(web_secrets.c.name == "session")).scalar()
        if found:
            return found
        try:
            with self.engine.begin() as connection:
                connection.execute(insert(web_secrets).values(name="session", value=secrets.token_urlsafe(48)))
        except IntegrityError:
            pass  # another worker made it first
        return self.secret()

    # --- sessions ---------------------------------------------------------------------------

    def start(self, username: str, credential: str, now: datetime) -> str:
        session_id = secrets.token_urlsafe(32)
        with self.engine.begin() as connection:
            connection.execute(insert(sessions).values(
                id_hash=_hash(session_id), username=username, credential=credential, started=now, last_seen=now))
        return session_id

    def resume(self, session_id: str | None, now: datetime, idle: timedelta, longest: timedelta):
        """The session's (username, credential), if neither idle too long nor too old; touches it."""
        if not session_id:
            return None
        key = _hash(session_id)
        with read_only(self.engine).connect() as connection:  # every request: one round trip, no transaction
            row = connection.execute(select(sessions).where(sessions.c.id_hash == key)).first()
        if row is None:
            return None
        if now - _aware(row.last_seen) > idle or now - _aware(row.started) > longest:
            with self.engine.begin() as connection:
                connection.execute(delete(sessions).where(sessions.c.id_hash == key))
            return None
        if now - _aware(row.last_seen) > timedelta(seconds=30):  # spare the database a write per request
            with self.engine.begin() as connection:
                connection.execute(update(sessions).where(sessions.c.id_hash == key).values(last_seen=now))
        return row.username, row.credential

    def end(self, session_id: str | None) -> None:
        if session_id:
            with self.engine.begin() as connection:
                connection.execute(delete(sessions).where(sessions.c.id_hash == _hash(session_id)))

    def end_all(self, username: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(sessions).where(sessions.c.username == username))

    # --- the slow-down ----------------------------------------------------------------------

    def recent(self, key: str, now: datetime, window: timedelta = WINDOW) -> int:
        """Failures under this key, unless the last was more than a window ago (then they are forgotten)."""
        with self.engine.connect() as connection:
            row = connection.execute(select(failures).where(failures.c.key == key)).first()
        if row is None or now - _aware(row.last_failure) > window:
            return 0
        return row.count

    def wait(self, key: str, now: datetime, free: int = FREE_FAILURES, window: timedelta = WINDOW) -> int:
        """Seconds before another attempt under this key is heard (0: go ahead); never longer than the window."""
        with self.engine.connect() as connection:
            row = connection.execute(select(failures).where(failures.c.key == key)).first()
        if row is None or row.count < free or now - _aware(row.last_failure) > window:
            return 0
        penalty = min(timedelta(seconds=2 ** min(row.count - free + 1, 20)), window)
        left = _aware(row.last_failure) + penalty - now
        return max(int(left.total_seconds() + 0.999), 0)

    def failed(self, key: str, now: datetime, window: timedelta = WINDOW) -> None:
        """One more failure; a count whose last failure is older than the window starts again at 1."""
        count = case((failures.c.last_failure < now - window, 1), else_=failures.c.count + 1)
        for _ in range(2):  # two workers recording the first failure at once: the second one updates
            try:
                with self.engine.begin() as connection:
                    done = connection.execute(
                        update(failures).where(failures.c.key == key).values(count=count, last_failure=now)
                    ).rowcount
                    if not done:
                        connection.execute(insert(failures).values(key=key, count=1, last_failure=now))
                return
            except IntegrityError:
                continue

    def forget_older_than(self, moment: datetime) -> None:
        """Failures nobody would count any more: the table stays as small as the last window's attempts."""
        with self.engine.begin() as connection:
            connection.execute(delete(failures).where(failures.c.last_failure < moment))

    def succeeded(self, key: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(failures).where(failures.c.key == key))
