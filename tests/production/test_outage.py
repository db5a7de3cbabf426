"""Which errors mean "the database is away, wait and try again", and which are ours to fix."""
from __future__ import annotations

import sqlite3

import psycopg
import pytest
from eventsourcing.persistence import OperationalError as RecorderOperationalError
from sqlalchemy.exc import OperationalError, ProgrammingError

from projections.outage import Backoff, DatabaseAway, is_database_away


def _wrapped(cause: BaseException, outer: type[BaseException]) -> BaseException:
    try:
        try:
            raise cause
        except BaseException as error:
            raise outer("outer") from error
    except BaseException as error:
        return error


@pytest.mark.parametrize("error", [
    psycopg.OperationalError("connection failed: Connection refused"),
    OperationalError("select 1", {}, psycopg.OperationalError("server closed the connection unexpectedly")),
    RecorderOperationalError("couldn't get a connection after 5.00 sec"),
    sqlite3.OperationalError("database is locked"),
    DatabaseAway("db", "no PostgreSQL server answers at 127.0.0.1:5432"),
    _wrapped(psycopg.OperationalError("terminating connection due to administrator command"), RuntimeError),
], ids=lambda e: type(e).__name__)
def test_the_database_being_away_is_recognised_through_every_layer(error):
    assert is_database_away(error)


@pytest.mark.parametrize("error", [
    sqlite3.OperationalError("no such table: actions"),
    ProgrammingError("select nope", {}, psycopg.errors.UndefinedColumn("column nope does not exist")),
    ValueError("invalid literal for int() with base 10: 'x'"),
    _wrapped(KeyError("board"), RuntimeError),
    1,  # a log record's argument that is not an error at all
    None,
], ids=lambda e: type(e).__name__)
def test_a_mistake_in_a_query_or_the_code_is_not_an_outage(error):
    assert not is_database_away(error)


def test_back_off_doubles_to_a_ceiling_and_starts_again_after_the_outage():
    backoff = Backoff(first=0.5, longest=4)
    assert [backoff.next_wait() for _ in range(6)] == [0.5, 1, 2, 4, 4, 4]
    assert backoff.reset() == 6
    assert backoff.next_wait() == 0.5
