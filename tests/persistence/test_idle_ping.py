"""PostgreSQL connections are asked whether they answer only after lying idle; one the server dropped is replaced
before a read that comes after a pause, and a read in the moment between fails once and the next one works."""
from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import exc, text

from monitoring.bootstrap import create_read_engine
from monitoring.config import Settings
from monitoring.storage import idle_ping


@pytest.fixture
def engine(pg_url):
    built = create_read_engine(Settings(db_url=pg_url))
    yield built
    built.dispose()


def backend_pid(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("select pg_backend_pid()")).scalar_one()


def terminate(pg_url: str, pid: int) -> None:
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute("select pg_terminate_backend(%s)", (pid,))


def counting_pings(engine, monkeypatch) -> list:
    pings, ping = [], engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda dbapi_connection: pings.append(1) or ping(dbapi_connection))
    return pings


def test_a_connection_in_use_a_moment_ago_is_not_asked_again(engine, monkeypatch):
    pings = counting_pings(engine, monkeypatch)
    first = backend_pid(engine)
    assert [backend_pid(engine) for _ in range(5)] == [first] * 5
    assert pings == []


def test_after_a_pause_a_connection_the_server_dropped_is_replaced_before_the_read(engine, pg_url, monkeypatch):
    pings = counting_pings(engine, monkeypatch)
    dropped = backend_pid(engine)
    terminate(pg_url, dropped)
    monkeypatch.setattr(idle_ping, "IDLE_SECONDS", 0.0)  # as if it had lain idle
    assert backend_pid(engine) != dropped  # no error: asked, found dead, replaced
    assert pings


def test_a_connection_dropped_in_the_moment_between_fails_one_read_and_the_next_works(engine, pg_url, monkeypatch):
    dropped = backend_pid(engine)
    terminate(pg_url, dropped)
    monkeypatch.setattr(idle_ping, "IDLE_SECONDS", 3600.0)  # in use a moment ago: not asked
    with pytest.raises(exc.OperationalError) as raised:
        backend_pid(engine)
    assert raised.value.connection_invalidated
    assert backend_pid(engine) != dropped
