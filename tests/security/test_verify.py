"""Tamper evidence: `scr-monitor verify` finds the first event altered, removed or reordered outside the application."""
from __future__ import annotations

import sqlite3

import psycopg
import pytest

from monitoring.cli.main import main
from tests.builders import board_with_action


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, make_services, sqlite_url, pg_url):
    """A store with 5 events, chained; `store.sql(statement, params)` edits its events table directly."""
    url = sqlite_url if request.param == "sqlite" else pg_url
    services = make_services(url)
    board_with_action(services.app)
    services.hash_chain.catch_up()  # (saves may already have chained them)
    assert services.hash_chain.head()[0] == 5
    services.close()
    table, position = ("stored_events", "rowid") if request.param == "sqlite" else ("scr_monitor_events", "notification_id")

    def sql(statement: str, *params):
        statement = statement.format(table=table, position=position)
        if request.param == "sqlite":
            with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
                return conn.execute(statement.replace("%s", "?"), params).fetchall()
        with psycopg.connect(url) as conn:
            cursor = conn.execute(statement, params)
            return cursor.fetchall() if cursor.description else None

    sql.url = url
    return sql


def verify(url: str, capsys, *extra: str) -> tuple[int, str, str]:
    code = main(["--db", url, "verify", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def event(store, position: int) -> tuple[str, int]:
    (originator_id, version), = store("select originator_id, originator_version from {table} where {position} = %s", position)
    return str(originator_id).replace("-", ""), version


def test_an_untouched_store_is_intact_and_the_head_hash_printed(store, capsys):
    code, out, err = verify(store.url, capsys)
    assert (code, err) == (0, "")
    assert out.startswith("intact: 5 events checked; head 5 sha256 ") and len(out.splitlines()[0].split()[-1]) == 64
    assert "not signed: SCR_MONITOR_ANCHOR_KEY is not set" in out and "anchored at event 5" in out


def test_an_edited_payload_is_reported_at_its_position(store, capsys):
    originator_id, version = event(store, 3)
    store("update {table} set state = %s where {position} = 3", b'{"text": "Nothing to see"}')
    code, out, err = verify(store.url, capsys)
    assert code == 1 and "intact:" not in out
    assert "event 3 (aggregate " in err and f"version {version}) was altered" in err
    assert originator_id in err.replace("-", "")
    assert "(the 2 events before it are intact)" in err


def test_a_removed_event_is_reported(store, capsys):
    store("delete from {table} where {position} = 4")
    code, _, err = verify(store.url, capsys)
    assert code == 1 and "verify: event 4 (aggregate " in err and ") was removed" in err


def test_removing_the_latest_event_is_reported(store, capsys):
    store("delete from {table} where {position} = 5")
    code, _, err = verify(store.url, capsys)
    assert code == 1 and "event 5 (aggregate " in err and "was removed" in err


def test_two_events_swapped_are_reported_as_reordered(store, capsys):
    rows = store("select originator_id, originator_version, topic, state from {table} where {position} in (2, 3) order by {position}")
    store("delete from {table} where {position} in (2, 3)")
    for position, row in zip((2, 3), reversed(rows)):
        store("insert into {table} ({position}, originator_id, originator_version, topic, state) values (%s, %s, %s, %s, %s)", position, *row)
    code, _, err = verify(store.url, capsys)
    assert code == 1 and "event 2 should be aggregate " in err and "moved or reordered" in err


def test_a_noted_head_hash_catches_a_rewrite_of_events_and_chain_together(store, capsys):
    noted = verify(store.url, capsys)[1].splitlines()[0].split()[-1]
    store("delete from {table} where {position} = 5")
    store("delete from event_hash_chain where position = 5")  # someone who knows the scheme covers their tracks
    store("delete from event_chain_anchors")

    assert verify(store.url, capsys)[0] == 0  # the chain alone cannot tell...
    code, _, err = verify(store.url, capsys, "--expect", noted)
    assert code == 1 and f"the hash {noted} noted earlier is not in the chain" in err  # ...the noted head can


def test_new_events_are_chained_as_they_are_written_from_the_shell(store, capsys):
    assert main(["--db", store.url, "action", "progress", "child-c-2014/R1/A1", "--note", "Half trained", "--on", "2024-02-01"]) == 0
    capsys.readouterr()
    code, out, _ = verify(store.url, capsys)
    assert code == 0 and out.startswith("intact: 6 events checked; head 6 ")
