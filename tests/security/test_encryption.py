"""Encryption at rest: with SCR_MONITOR_KEY the stored events hold no readable text; a wrong key writes nothing."""
from __future__ import annotations

import sqlite3
from base64 import b64encode
from pathlib import Path

import psycopg
import pytest

from domain.errors import DomainError
from monitoring.cli.main import main
from monitoring.config import Settings
from monitoring.security.encryption import new_key
from tests.builders import board_with_action
from tests.security.conftest import PASSWORD

SECRET_TEXT = "Agencies share information at the point of referral."  # the builder's recommendation text


def fill(make_services, url: str, key: str | None):
    """The events only: the read models (plain text, as the README says) are not built here."""
    services = make_services(url, settings=Settings(db_url=url, key=key, local_user="tester"), read_your_writes=False)
    board_with_action(services.app)
    services.users.add("bm", PASSWORD, role="admin", board="North Shire Safeguarding Children Partnership", actor="bm")
    return services


@pytest.fixture
def make_services(make_services):
    """make_services, but with full Settings (the key) when given."""
    from monitoring.bootstrap import bootstrap
    from tests.conftest import TODAY

    built = []

    def make(url="memory:", settings=None, **kwargs):
        services = bootstrap(settings or Settings(db_url=url, local_user="tester"), clock=lambda: TODAY, **kwargs)
        built.append(services)
        return services

    yield make
    for services in built:
        services.close()


def sqlite_states(url: str) -> list[bytes]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:  # eventsourcing's SQLite table name
        return [bytes(row[0]) for row in conn.execute("select state from stored_events")]


def pg_states(url: str) -> list[bytes]:
    with psycopg.connect(url) as conn:
        return [bytes(row[0]) for row in conn.execute("select state from scr_monitor_events")]


def test_without_a_key_the_text_is_stored_readable(make_services, sqlite_url):
    fill(make_services, sqlite_url, key=None)
    assert any(SECRET_TEXT.encode() in state for state in sqlite_states(sqlite_url))  # the check below can fail


def test_sqlite_events_hold_no_recommendation_text_and_no_password_hash(make_services, sqlite_url):
    services = fill(make_services, sqlite_url, key=new_key())
    services.close()
    states = sqlite_states(sqlite_url)
    assert len(states) == 10  # 5 of the plan, 3 of the user, 2 of the directory
    assert not any(b"referral" in s or b"argon2" in s or b"North Shire" in s for s in states)
    raw_files = b"".join(p.read_bytes() for p in Path(sqlite_url.removeprefix("sqlite:///")).parent.glob("store.sqlite*"))
    assert SECRET_TEXT.encode() not in raw_files


def test_postgres_events_hold_no_recommendation_text(make_services, pg_url):
    key = new_key()
    fill(make_services, pg_url, key=key)
    states = pg_states(pg_url)
    assert len(states) == 10  # 5 of the plan, 3 of the user, 2 of the directory
    assert not any(b"referral" in s or b"argon2" in s for s in states)
    reader = make_services(pg_url, settings=Settings(db_url=pg_url, key=key))
    assert reader.app.recommendation("child-c-2014/R1").text == SECRET_TEXT


@pytest.mark.parametrize("store", ["sqlite", "postgres"])
def test_a_wrong_key_is_refused_before_anything_is_written(make_services, sqlite_url, pg_url, store):
    url = sqlite_url if store == "sqlite" else pg_url
    fill(make_services, url, key=new_key()).close()
    before = sqlite_states(url) if store == "sqlite" else pg_states(url)
    with pytest.raises(DomainError, match="^SCR_MONITOR_KEY: cannot decrypt this store's events: wrong key$"):
        make_services(url, settings=Settings(db_url=url, key=new_key())).app
    assert (sqlite_states(url) if store == "sqlite" else pg_states(url)) == before


def test_a_missing_key_on_an_encrypted_store_says_so(make_services, sqlite_url):
    fill(make_services, sqlite_url, key=new_key()).close()
    with pytest.raises(DomainError, match="SCR_MONITOR_KEY: this store's events are encrypted; set SCR_MONITOR_KEY"):
        make_services(sqlite_url).app


def test_a_key_on_a_plain_store_is_refused(make_services, sqlite_url):
    fill(make_services, sqlite_url, key=None).close()
    with pytest.raises(DomainError, match="SCR_MONITOR_KEY: is set, but this store's events are not encrypted"):
        make_services(sqlite_url, settings=Settings(db_url=sqlite_url, key=new_key())).app


@pytest.mark.parametrize("key, reason", [
    ("not base64!", "is not base64"),
    (b64encode(b"x" * 16).decode(), "decodes to 16 bytes, not 32"),
])
def test_a_malformed_key_is_one_line_and_nothing_is_created(sqlite_url, capsys, monkeypatch, key, reason):
    monkeypatch.setenv("SCR_MONITOR_KEY", key)
    code = main(["--db", sqlite_url, "board", "add", "North Shire", "--agency", "Police"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(f"scr-monitor: SCR_MONITOR_KEY: {reason}") and err.count("\n") == 1
    assert not Path(sqlite_url.removeprefix("sqlite:///")).exists()


def test_the_command_line_with_a_wrong_key_exits_2_and_writes_nothing(make_services, sqlite_url, capsys, monkeypatch):
    fill(make_services, sqlite_url, key=new_key()).close()
    before = sqlite_states(sqlite_url)
    monkeypatch.setenv("SCR_MONITOR_KEY", new_key())
    code = main(["--db", sqlite_url, "board", "add", "South Vale", "--agency", "Police", "--as", "bm"])
    assert (code, capsys.readouterr().err) == (2, "scr-monitor: SCR_MONITOR_KEY: cannot decrypt this store's events: wrong key\n")
    assert sqlite_states(sqlite_url) == before
