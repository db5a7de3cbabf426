"""The input policy at every door: a hand-made HTTP request, the command line and an over-large body are
refused with one line naming the field in the user's words, and nothing is written.

On the old code a NUL in a callback's evidence was saved (and then stopped PostgreSQL's read models), and a
10 MB note was read whole and held the event table's lock.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from dashboard.request_limits import REQUEST_LIMIT_BYTES
from monitoring.cli.main import main
from monitoring.cli.output import table
from tests.security.conftest import add_people, build_two_boards
from tests.security.test_hand_made_requests import call, signed_in

POLICE_ACTION = "child-c-2014/R1/A1"
FORM = '{"form":"%s","type":"action-form"}'
FIELD = '{"form":"%s","name":"%s","type":"action-field"}'


def send(client, form: str, name: str, text: str) -> tuple[int, str]:
    return call(client, FORM % form, {
        f"{FORM % form}.n_submit": 1, "action-ref.data": POLICE_ACTION, "action-version.data": 1,
        f"{FIELD % (form, name)}.value": text, f"{FIELD % (form, 'on')}.value": "2024-02-01",
    })


def events(store) -> int:
    return store.app.action(POLICE_ACTION).version


@pytest.mark.timeout(60)
def test_a_nul_in_evidence_from_a_hand_made_request_is_refused_beside_the_field(store):
    client = signed_in(store, "police.lead")
    code, body = send(client, "complete", "evidence", "Audit\x00report")
    assert code == 200
    assert "Evidence that it is done contains a control character (NUL); remove it and try again." in body
    assert events(store) == 1 and store.queries.action(POLICE_ACTION)["status"] == "not_started"


@pytest.fixture
def pg_store(make_services, pg_url):
    services = make_services(pg_url)
    build_two_boards(services)
    add_people(services)
    services.catch_up()
    return services


@pytest.mark.timeout(120)
def test_on_postgres_a_nul_from_a_hand_made_request_is_refused_and_the_figures_go_on(pg_store):
    client = signed_in(pg_store, "police.lead")
    code, body = send(client, "complete", "evidence", "Audit\x00report")
    assert code == 200 and "contains a control character (NUL)" in body and events(pg_store) == 1
    code, body = send(client, "complete", "evidence", "Audit report")
    assert code == 200 and events(pg_store) == 2
    pg_store.catch_up()
    assert pg_store.queries.status()["totals"]["completed"] == 1


@pytest.mark.timeout(60)
def test_a_note_over_its_limit_is_refused_beside_the_field_naming_the_limit(store):
    client = signed_in(store, "police.lead")
    code, body = send(client, "progress", "note", "x" * 100_000)
    assert code == 200 and "Progress note is 100,000 characters long; the limit is 20,000." in body
    assert events(store) == 1


@pytest.mark.timeout(60)
def test_a_ten_megabyte_body_is_refused_at_once_with_a_readable_line(store):
    client = signed_in(store, "police.lead")
    started = time.perf_counter()
    code, body = send(client, "progress", "note", "x" * 10_000_000)
    assert code == 413 and time.perf_counter() - started < 10
    assert body.startswith("The request was refused: it is larger than 2 MB.")
    assert events(store) == 1


def test_the_body_limit_leaves_room_for_every_field_of_a_form_at_its_limit():
    assert 8 * 6 * 20_000 < REQUEST_LIMIT_BYTES <= 4 * 1024 * 1024


@pytest.mark.timeout(60)
def test_the_command_line_refuses_a_control_character_in_one_line_naming_the_option(store, capsys):
    url = store.settings.db_url
    assert main(["action", "progress", POLICE_ACTION, "--note", "Half done\x1b[31m", "--as", "police.lead", "--db", url]) == 2
    err = capsys.readouterr().err
    assert err == "scr-monitor: note: contains a control character (U+001B); remove it and try again\n"
    assert main(["action", "add", "child-c-2014/R1", "--agency", "Police", "--text", "x" * 5_001,
                 "--target", "2024-09-30", "--on", "2024-02-01", "--as", "bm", "--db", url]) == 2
    assert capsys.readouterr().err == "scr-monitor: text: is 5,001 characters long; the limit is 5,000\n"
    assert events(store) == 1


@pytest.mark.timeout(120)
def test_bytes_that_are_not_utf8_on_the_command_line_are_refused_not_a_traceback(store):
    done = subprocess.run(
        [sys.executable, "-m", "monitoring", "action", "progress", POLICE_ACTION, "--note", b"caf\xe9 au lait",
         "--as", "police.lead", "--db", store.settings.db_url],
        capture_output=True, timeout=100,
    )
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err
    assert err.startswith("scr-monitor: note: contains a character that is not valid text (U+DCE9")
    assert events(store) == 1
    assert json.dumps(store.queries.history(POLICE_ACTION), default=str).count("caf") == 0


def test_a_table_on_the_terminal_shows_each_record_on_one_line_without_control_sequences():
    out = table([{"change": "Progress reported", "details": "note: Line one\n\tLine two\x1b[2J"}], ["change", "details"])
    lines = out.splitlines()
    assert len(lines) == 3 and "\x1b" not in out and lines[-1].endswith("note: Line one  Line two[2J")
