"""Tamper evidence a forger cannot extend: signed events (SCR_MONITOR_ANCHOR_KEY) and signed anchors of the
chain's head, in the database and in a file, on SQLite and PostgreSQL."""
from __future__ import annotations

import io
import json
import sqlite3

import psycopg
import pytest

from monitoring.bootstrap import bootstrap
from monitoring.cli.main import main
from monitoring.config import Settings
from monitoring.scheduler.anchoring import AnchorReport
from monitoring.scheduler.jobs import run
from monitoring.security.encryption import new_key
from tests.builders import board_with_action
from tests.conftest import TODAY


class Store:
    """A store with a signed-off action (A1) and an open one (A2), written with the anchor key."""

    def __init__(self, kind: str, url: str, key: str, anchor_file) -> None:
        self.kind, self.url, self.key, self.anchor_file = kind, url, key, str(anchor_file)
        self.table, self.position = ("stored_events", "rowid") if kind == "sqlite" else ("scr_monitor_events", "notification_id")

    def services(self, key: str | None = "same"):
        key = self.key if key == "same" else key
        return bootstrap(Settings(db_url=self.url, anchor_key=key, anchor_file=self.anchor_file), clock=lambda: TODAY)

    def sql(self, statement: str, *params):
        statement = statement.format(table=self.table, position=self.position)
        if self.kind == "sqlite":
            with sqlite3.connect(self.url.removeprefix("sqlite:///")) as conn:
                return conn.execute(statement.replace("%s", "?"), params).fetchall()
        with psycopg.connect(self.url) as conn:
            cursor = conn.execute(statement, params)
            return cursor.fetchall() if cursor.description else None

    def verify(self, capsys, monkeypatch, *extra: str, key: str | None = "same") -> tuple[int, str, str]:
        key = self.key if key == "same" else key
        monkeypatch.setenv("SCR_MONITOR_ANCHOR_FILE", self.anchor_file)
        if key:
            monkeypatch.setenv("SCR_MONITOR_ANCHOR_KEY", key)
        else:
            monkeypatch.delenv("SCR_MONITOR_ANCHOR_KEY", raising=False)
        code = main(["--db", self.url, "verify", *extra])
        out, err = capsys.readouterr()
        return code, out, err

    def append_signed_off_for_a2(self, *, signature: bool) -> None:
        """What a forger with SQL would do: copy the chair's real SignedOff of A1 onto A2, as its next event."""
        topic, state = self.sql("select topic, state from {table} where topic like %s", "%Action.SignedOff")[0]
        a2, version = self.sql("select originator_id, max(originator_version) from {table} where originator_id = "
                               "(select originator_id from {table} where {position} = 9) group by originator_id")[0]
        if not signature:
            state = bytes(state)[8 + 32:]  # the plain JSON, as a forger unaware of the signature would write it
        self.sql("insert into {table} (originator_id, originator_version, topic, state) values (%s, %s, %s, %s)",
                 a2, version + 1, topic, state)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, sqlite_url, pg_url, tmp_path) -> Store:
    kind = request.param
    made = Store(kind, sqlite_url if kind == "sqlite" else pg_url, new_key(), tmp_path / "anchors.jsonl")
    services = made.services()
    app = services.app
    board_with_action(app)
    app.complete_action("child-c-2014/R1/A1", "Training register", actor="police.lead")
    app.sign_off_action("child-c-2014/R1/A1", "Referrals now name the threshold", actor="chair")
    app.add_action("child-c-2014/R1", "Acute Trust", "Audit discharge planning.", TODAY, actor="manager")  # event 9
    services.hash_chain.catch_up()
    services.close()
    return made


def head_of(out: str) -> str:
    return out.splitlines()[0].split()[-1]


def test_every_event_is_signed_and_verify_signs_the_head_in_the_store_and_the_file(store, capsys, monkeypatch):
    code, out, err = store.verify(capsys, monkeypatch)
    assert code == 0, err
    assert "signed: 9 event signatures checked with SCR_MONITOR_ANCHOR_KEY; anchored at event 9" in out
    (position, head, mac), = store.sql("select position, hash, mac from event_chain_anchors")
    assert position == 9 and head == head_of(out) and len(mac) == 64
    line = json.loads(open(store.anchor_file).read().splitlines()[-1])
    assert (line["position"], line["hash"], line["mac"]) == (9, head, mac)


def test_a_signed_off_copied_by_sql_onto_another_action_is_reported_even_with_the_previous_head(store, capsys, monkeypatch):
    noted = head_of(store.verify(capsys, monkeypatch)[1])
    store.append_signed_off_for_a2(signature=True)
    code, out, err = store.verify(capsys, monkeypatch, "--expect", noted)
    assert code == 1 and "intact:" not in out
    assert "event 10 (aggregate " in err and "has a signature that does not match it: written or changed outside the application" in err


def test_an_event_appended_by_sql_without_a_signature_is_reported(store, capsys, monkeypatch):
    noted = head_of(store.verify(capsys, monkeypatch)[1])
    store.append_signed_off_for_a2(signature=False)
    code, _, err = store.verify(capsys, monkeypatch, "--expect", noted)
    assert code == 1 and "event 10 (aggregate " in err and "carries no signature: added outside the application" in err


def test_an_unsigned_event_after_signed_ones_is_reported_even_by_a_verifier_without_the_key(store, capsys, monkeypatch):
    store.append_signed_off_for_a2(signature=False)
    code, _, err = store.verify(capsys, monkeypatch, key=None)
    assert code == 2 and "SCR_MONITOR_ANCHOR_KEY: this store's events are signed; set SCR_MONITOR_ANCHOR_KEY" in err


def test_a_changed_event_is_still_reported_as_altered(store, capsys, monkeypatch):
    store.verify(capsys, monkeypatch)
    (position, state), = store.sql("select {position}, state from {table} where topic like %s", "%Action.SignedOff")
    changed = bytes(state).replace(b"Referrals", b"Nothing")
    assert changed != bytes(state)
    store.sql("update {table} set state = %s where {position} = %s", changed, position)
    code, _, err = store.verify(capsys, monkeypatch)
    assert code == 1 and f"event {position} (aggregate " in err and "does not match it" in err


def test_a_log_cut_back_with_its_chain_is_reported_by_the_anchor_in_the_store(store, capsys, monkeypatch):
    store.verify(capsys, monkeypatch)
    store.sql("delete from {table} where {position} = 9")
    store.sql("delete from event_hash_chain where position = 9")
    code, _, err = store.verify(capsys, monkeypatch)
    assert code == 1 and "the chain was anchored at event 9 (verify, " in err and "now ends at event 8: events removed" in err


def test_a_log_cut_back_with_its_chain_and_anchors_is_reported_by_the_anchor_file(store, capsys, monkeypatch):
    store.verify(capsys, monkeypatch)
    store.sql("delete from {table} where {position} = 9")
    store.sql("delete from event_hash_chain where position = 9")
    store.sql("delete from event_chain_anchors")
    code, _, err = store.verify(capsys, monkeypatch)
    assert code == 1 and "the chain was anchored at event 9" in err and "events removed" in err


def test_an_anchor_written_by_sql_is_reported(store, capsys, monkeypatch):
    head = head_of(store.verify(capsys, monkeypatch)[1])
    store.sql("insert into event_chain_anchors (position, hash, recorded_at, reason, rechained, mac) values "
              "(%s, %s, %s, %s, %s, %s)", 9, head, "2026-11-22T00:00:00+00:00", "key rotate", True, "0" * 64)
    code, _, err = store.verify(capsys, monkeypatch)
    assert code == 1 and "does not carry this key's signature: anchors written outside the application" in err


def test_a_wrong_anchor_key_is_refused_before_anything_is_written(store, capsys, monkeypatch):
    code, out, err = store.verify(capsys, monkeypatch, key=new_key())
    assert (code, out) == (2, "") and "SCR_MONITOR_ANCHOR_KEY: does not match the key this store's events were signed with" in err


def test_a_store_written_before_the_key_was_set_is_guarded_from_its_first_signed_anchor(sqlite_url, tmp_path, capsys, monkeypatch):
    old = Store("sqlite", sqlite_url, new_key(), tmp_path / "anchors.jsonl")
    services = old.services(key=None)
    board_with_action(services.app)
    services.close()
    assert old.verify(capsys, monkeypatch)[0] == 0  # unsigned history, anchored and signed at event 5
    services = old.services()
    services.app.report_progress("child-c-2014/R1/A1", "Half the officers trained", actor="police.lead")
    services.close()
    assert old.verify(capsys, monkeypatch)[0] == 0  # event 6 signed
    old.sql("insert into {table} (originator_id, originator_version, topic, state) select originator_id, "
            "originator_version + 100, topic, state from {table} where {position} = 5")  # an old unsigned event, replayed
    code, _, err = old.verify(capsys, monkeypatch)
    assert code == 1 and "event 7 (aggregate " in err and "carries no signature" in err


def test_key_rotate_re_signs_re_anchors_and_records_it(durable_url, tmp_path, capsys, monkeypatch):
    encryption = new_key()
    monkeypatch.setenv("SCR_MONITOR_KEY", encryption)
    made = Store("sqlite" if durable_url.startswith("sqlite") else "postgres", durable_url, new_key(), tmp_path / "anchors.jsonl")
    services = bootstrap(Settings(db_url=durable_url, key=encryption, anchor_key=made.key, anchor_file=made.anchor_file))
    board_with_action(services.app)
    services.close()
    before = head_of(made.verify(capsys, monkeypatch)[1])
    new = new_key()
    monkeypatch.setattr("sys.stdin", io.StringIO(new + "\n"))
    monkeypatch.setenv("SCR_MONITOR_ANCHOR_KEY", made.key)
    assert main(["--db", durable_url, "key", "rotate"]) == 0
    assert "re-anchored at the new head (signed with SCR_MONITOR_ANCHOR_KEY)" in capsys.readouterr().out
    (reason, rechained), = made.sql("select reason, rechained from event_chain_anchors order by id desc limit 1")
    assert reason == f"key rotate: every event re-encrypted, chain re-made; head was sha256 {before}" and rechained
    monkeypatch.setenv("SCR_MONITOR_KEY", new)
    code, out, err = made.verify(capsys, monkeypatch)
    assert code == 0, err
    assert "signed: 5 event signatures checked" in out and head_of(out) != before


def test_rotating_the_anchor_key_re_signs_everything_and_only_the_new_key_verifies(store, capsys, monkeypatch):
    before = head_of(store.verify(capsys, monkeypatch)[1])
    new = new_key()
    monkeypatch.setattr("sys.stdin", io.StringIO(new + "\n"))
    assert main(["--db", store.url, "key", "rotate-anchor"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("9 events signed with the new anchor key; set SCR_MONITOR_ANCHOR_KEY to it now") and new not in out
    (reason, rechained), = store.sql("select reason, rechained from event_chain_anchors order by id desc limit 1")
    assert reason == f"anchor key rotated: every event signed again, chain re-made; head was sha256 {before}" and rechained
    code, out, err = store.verify(capsys, monkeypatch, key=new)
    assert code == 0 and "signed: 9 event signatures checked" in out, err
    code, _, err = store.verify(capsys, monkeypatch)  # the old key
    assert code == 2 and "does not match the key this store's events were signed with" in err


def anchor_report(reports) -> AnchorReport:
    return next(r for r in reports if isinstance(r, AnchorReport))


def test_the_weekly_digest_anchors_the_head_and_reports_a_failed_verify(store, tmp_path):
    services = store.services()
    try:
        anchored = anchor_report(run(services, "digest")).summary()
        assert anchored.startswith("anchor: 9 events intact; head 9 sha256 ") and anchored.endswith("anchored, signed")
        (reason,), = store.sql("select reason from event_chain_anchors order by id desc limit 1")
        assert reason == "scheduled digest" and json.loads(open(store.anchor_file).read().splitlines()[-1])["reason"] == "scheduled digest"
    finally:
        services.close()
    store.append_signed_off_for_a2(signature=False)
    services = store.services()
    try:
        assert "NOT anchored, verify failed: event 10 (aggregate " in anchor_report(run(services, "digest")).summary()
    finally:
        services.close()


def test_an_anchor_file_that_cannot_be_written_is_one_line_naming_the_setting(store, capsys, monkeypatch, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where a folder should be")
    store.anchor_file = str(blocked / "anchors.jsonl")
    code, out, err = store.verify(capsys, monkeypatch)
    assert code == 2 and err.startswith(f"scr-monitor: SCR_MONITOR_ANCHOR_FILE: cannot append to {blocked / 'anchors.jsonl'}: ")
    assert err.count("\n") == 1


def test_an_event_removed_from_the_middle_with_chain_and_anchors_rewritten_is_still_found(store, capsys, monkeypatch):
    store.verify(capsys, monkeypatch)
    (position,), = store.sql("select {position} from {table} where topic like %s", "%Action.Completed")
    store.sql("delete from {table} where {position} = %s", position)  # the agency's 'complete' before the sign-off
    store.sql("delete from event_hash_chain")  # a forger who knows the scheme: chain re-made, anchors gone
    store.sql("delete from event_chain_anchors")
    monkeypatch.delenv("SCR_MONITOR_ANCHOR_FILE", raising=False)
    store.anchor_file = str(store.anchor_file) + ".unused"
    code, _, err = store.verify(capsys, monkeypatch)
    assert code == 1 and "follows version" in err and "an event between them was removed" in err
