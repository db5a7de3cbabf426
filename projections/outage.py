"""The database going away is an expected fault: it is recognised here, once, for every long-running part.

A follower, the scheduler and the pages each meet a restarted or unreachable PostgreSQL server as an
exception from a different layer (psycopg, its pool, SQLAlchemy, eventsourcing's recorder). They all ask
`is_database_away` and wait with a `Backoff`, instead of printing a traceback and stopping.
"""
from __future__ import annotations

import sqlite3

import psycopg
from eventsourcing.persistence import InterfaceError as RecorderInterfaceError
from eventsourcing.persistence import OperationalError as RecorderOperationalError
from sqlalchemy.exc import DBAPIError, DisconnectionError

from domain.errors import DomainError

UNAVAILABLE = "The service is unavailable, try again shortly."
# SQLite is a file on this machine: it is "away" only while another process holds it or it cannot be opened.
_SQLITE_AWAY = ("database is locked", "unable to open database file", "disk i/o error")


class DatabaseAway(DomainError):
    """The store does not answer now; the same command later may well succeed."""


def is_database_away(error: object) -> bool:
    """True when `error` (or what caused it) says the database cannot be reached, not that a query was wrong."""
    seen = 0
    while isinstance(error, BaseException) and seen < 10:
        if isinstance(error, (DatabaseAway, DisconnectionError, ConnectionError, TimeoutError)):
            return True
        if isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError)):
            return True  # includes the pool's PoolTimeout and the server's AdminShutdown
        if isinstance(error, (RecorderOperationalError, RecorderInterfaceError)):
            return True
        if isinstance(error, sqlite3.OperationalError):
            return str(error).lower().startswith(_SQLITE_AWAY)
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return True
        cause = error.orig if isinstance(error, DBAPIError) else None
        error, seen = cause or error.__cause__ or error.__context__, seen + 1
    return False


def reason(error: BaseException) -> str:
    """The first line of what the driver said, for a one-line log entry."""
    text = str(getattr(error, "orig", None) or error).strip().splitlines()
    return text[0] if text else type(error).__name__


class Backoff:
    """Waits that double from `first` to `longest` seconds while the fault lasts; `reset` when it is over."""

    def __init__(self, first: float = 0.5, longest: float = 30.0) -> None:
        self.first, self.longest = first, longest
        self.failures = 0

    def next_wait(self) -> float:
        self.failures += 1
        return min(self.first * 2 ** (self.failures - 1), self.longest)

    def reset(self) -> int:
        """Forget the failures; returns how many there were (0: there was no outage)."""
        failures, self.failures = self.failures, 0
        return failures
