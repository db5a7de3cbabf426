"""Rotating the encryption key: every event re-encrypted, the old key stops working, the chain re-made."""
from __future__ import annotations

import io
import sqlite3

import pytest

from domain.errors import DomainError
from monitoring.bootstrap import bootstrap
from monitoring.cli.main import main
from monitoring.config import Settings
from monitoring.security.encryption import new_key, rotate
from tests.builders import board_with_action
from tests.conftest import TODAY


def open_store(url, key):
    return bootstrap(Settings(db_url=url, key=key), clock=lambda: TODAY)


@pytest.fixture(params=["sqlite", "postgres"])
def encrypted(request, sqlite_url, pg_url):
    url = sqlite_url if request.param == "sqlite" else pg_url
    key = new_key()
    services = open_store(url, key)
    board_with_action(services.app)
    services.hash_chain.catch_up()
    services.close()
    return url, key


def test_after_rotation_only_the_new_key_reads_the_store(encrypted):
    url, old_key = encrypted
    services, key = open_store(url, old_key), new_key()
    count, before, after = rotate(services, key)
    services.close()

    assert count == 5 and before != after
    with pytest.raises(DomainError, match="wrong key"):
        open_store(url, old_key).app
    reader = open_store(url, key)
    try:
        assert reader.app.action("child-c-2014/R1/A1").text == "Train all officers in referral thresholds."
        assert reader.hash_chain.verify().intact
    finally:
        reader.close()


def test_a_store_that_fails_verification_is_not_rotated(sqlite_url):
    key = new_key()
    services = open_store(sqlite_url, key)
    board_with_action(services.app)
    services.hash_chain.catch_up()
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as conn:
        conn.execute("delete from stored_events where rowid = 2")
    with pytest.raises(DomainError, match="verify: event 2 .* was removed; not rotating"):
        rotate(services, new_key())
    services.close()


def test_the_new_key_comes_from_stdin_not_the_command_line(encrypted, monkeypatch, capsys):
    url, old_key = encrypted
    key = new_key()
    monkeypatch.setenv("SCR_MONITOR_KEY", old_key)
    monkeypatch.setattr("sys.stdin", io.StringIO(key + "\n"))
    assert main(["--db", url, "key", "rotate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("5 events re-encrypted with the new key; set SCR_MONITOR_KEY to it now\n")
    assert key not in out
    monkeypatch.setenv("SCR_MONITOR_KEY", key)
    assert main(["--db", url, "verify"]) == 0
