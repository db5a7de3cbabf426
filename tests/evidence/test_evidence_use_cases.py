"""Attaching, storing, opening, withdrawing and purging evidence documents through the application."""
from __future__ import annotations

import hashlib
import sqlite3
from datetime import date

import pytest
from sqlalchemy import select

from domain.errors import DomainError, PermissionDenied
from monitoring.application.evidence import Upload
from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from monitoring.evidence.store import files as files_table
from monitoring.evidence.verification import check_files
from monitoring.security.encryption import new_key, rotate
from tests.builders import board_with_action
from tests.conftest import TODAY
from tests.evidence import files

A1, A2 = "child-c-2014/R1/A1", "child-c-2014/R1/A2"  # Police, Acute Trust
ON = date(2024, 2, 1)


def stored_rows(services) -> list:
    services.app.files.ensure_table()
    with services.engine.connect() as connection:
        return connection.execute(select(files_table)).all()


def test_documents_are_numbered_on_their_action_in_the_order_attached(services):
    board_with_action(services.app)
    register = files.xlsx()
    _, first = services.app.attach_documents(A1, [Upload("audit.csv", files.CSV)], actor="manager", on=ON)
    action, more = services.app.attach_documents(
        A1, [Upload("register.xlsx", register, "Training register"), Upload("notes.txt", files.TEXT)], actor="manager", on=ON)
    assert (first, more) == ([1], [2, 3])
    assert [(d.title, d.kind) for d in action.documents.values()] == [("audit", "csv"), ("Training register", "xlsx"), ("notes", "txt")]
    services.catch_up()
    listed = services.queries.documents(A1)
    assert [(d["number"], d["title"], d["size"], d["actor"]) for d in listed] == [
        (1, "audit", len(files.CSV), "manager"), (2, "Training register", len(register), "manager"), (3, "notes", len(files.TEXT), "manager")]


def test_the_attaching_event_carries_hash_size_kind_and_title(services):
    board_with_action(services.app)
    minutes = files.odt()
    services.app.attach_documents(A1, [Upload("minutes.odt", minutes, "Minutes, May")], actor="manager", on=ON)
    event = services.app.events_of(A1)[-1]
    assert type(event).__name__ == "EvidenceAttached"
    assert (event.size, event.kind, event.title, event.filename) == (len(minutes), "odt", "Minutes, May", "minutes.odt")
    assert event.sha256 == hashlib.sha256(minutes).hexdigest()


def test_the_same_file_attached_twice_is_stored_once(services):
    board_with_action(services.app)
    services.app.attach_documents(A1, [Upload("a.csv", files.CSV)], actor="manager", on=ON)
    services.app.attach_documents(A1, [Upload("copy.csv", files.CSV)], actor="manager", on=ON)
    assert len(services.app.action(A1).documents) == 2 and len(stored_rows(services)) == 1


def test_one_refused_file_means_nothing_is_written(services):
    board_with_action(services.app)
    before = services.app.recorder.max_notification_id()
    with pytest.raises(DomainError, match="audit.pdf: is HTML"):
        services.app.attach_documents(A1, [Upload("good.csv", files.CSV), Upload("audit.pdf", files.HTML_AS_PDF)], actor="manager", on=ON)
    assert services.app.recorder.max_notification_id() == before and stored_rows(services) == []


def test_a_withdrawn_action_takes_no_documents(services):
    board_with_action(services.app)
    services.app.withdraw_action(A1, "Superseded", actor="manager", on=ON)
    with pytest.raises(DomainError, match="withdrawn and takes no documents; reopen it first"):
        services.app.attach_documents(A1, [Upload("a.csv", files.CSV)], actor="manager", on=ON)
    assert stored_rows(services) == []


def test_a_file_over_the_configured_limit_is_refused(make_services):
    services = make_services("memory:")
    board_with_action(services.app)
    services.app.evidence_limit = 1024
    with pytest.raises(DomainError, match="big.txt: is 2 KB, over the limit of 1 KB"):
        services.app.attach_documents(A1, [Upload("big.txt", b"x" * 2048)], actor="manager", on=ON)


def test_the_limit_is_read_from_the_environment():
    assert Settings.from_env(environ={"SCR_MONITOR_EVIDENCE_LIMIT_MB": "5"}).evidence_limit_bytes == 5 * 1024 * 1024
    assert Settings.from_env(environ={}).evidence_limit_bytes == 20 * 1024 * 1024
    with pytest.raises(DomainError, match="SCR_MONITOR_EVIDENCE_LIMIT_MB"):
        Settings.from_env(environ={"SCR_MONITOR_EVIDENCE_LIMIT_MB": "lots"})


# --- who may ---------------------------------------------------------------------------------------


def test_an_agency_lead_attaches_to_their_own_agency_only(with_people):
    app = with_people.app
    app.attach_documents(A1, [Upload("a.csv", files.CSV)], actor="police.lead", on=ON)
    with pytest.raises(PermissionDenied):
        app.attach_documents(A2, [Upload("a.csv", files.CSV)], actor="police.lead", on=ON)


def test_a_chair_may_attach_to_a_sign_off_and_a_viewer_may_not_attach(with_people):
    app = with_people.app
    app.complete_action(A1, "Register", actor="police.lead", on=ON)
    app.sign_off_action(A1, "Better referrals", actor="chair", on=ON)
    _, numbers = app.attach_documents(A1, [Upload("minutes.odt", files.odt())], actor="chair", on=ON)
    assert numbers == [1]
    with pytest.raises(PermissionDenied):
        app.attach_documents(A1, [Upload("a.csv", files.CSV)], actor="viewer", on=ON)


def test_only_readers_of_the_action_open_its_documents(with_people):
    app = with_people.app
    app.attach_documents(A2, [Upload("discharge.csv", files.CSV)], actor="health.lead", on=ON)
    assert app.open_document(A2, 1, actor="viewer").content == files.CSV
    with pytest.raises(PermissionDenied):
        app.open_document(A2, 1, actor="police.lead")
    with pytest.raises(PermissionDenied):
        app.open_document(A2, 1, actor="south.admin")
    sha = app.action(A2).document(1).sha256
    with pytest.raises(PermissionDenied):
        app.open_file(sha, actor="police.lead")


def test_a_withdrawn_document_stays_in_the_record_and_opens_for_admins_only(with_people):
    app = with_people.app
    app.attach_documents(A1, [Upload("wrong.csv", files.CSV)], actor="police.lead", on=ON)
    app.withdraw_document(A1, 1, "Attached to the wrong action", actor="police.lead", on=ON)
    with pytest.raises(PermissionDenied, match="was withdrawn .*only an admin may open it"):
        app.open_document(A1, 1, actor="chair")
    assert app.open_document(A1, 1, actor="bm").content == files.CSV
    with_people.catch_up()
    assert with_people.queries.documents(A1)[0]["withdrawn_reason"] == "Attached to the wrong action"


def test_a_purge_destroys_the_bytes_keeps_the_hash_and_is_for_admins(with_people):
    app = with_people.app
    app.attach_documents(A1, [Upload("names-a-child.txt", files.TEXT)], actor="police.lead", on=ON)
    sha = app.action(A1).document(1).sha256
    with pytest.raises(PermissionDenied):
        app.purge_file(sha, "Names a child", actor="chair")
    app.purge_file(sha, "Names a child", actor="bm")
    assert app.action(A1).document(1).purged_reason == "Names a child"
    assert app.files.get(sha).content is None and app.files.get(sha).sha256 == sha
    with pytest.raises(DomainError, match="was purged: Names a child"):
        app.open_document(A1, 1, actor="bm")
    with pytest.raises(DomainError, match="were purged"):
        app.attach_documents(A1, [Upload("again.txt", files.TEXT)], actor="police.lead", on=ON)


# --- stored safely -----------------------------------------------------------------------------------


def test_bytes_are_in_the_same_database_as_the_events(make_services, sqlite_url):
    services = make_services(sqlite_url)
    board_with_action(services.app)
    policy = files.docx_file()
    services.app.attach_documents(A1, [Upload("policy.docx", policy)], actor="manager", on=ON)
    path = sqlite_url[len("sqlite:///"):]
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("select name from sqlite_master where type='table'")}
        (content,) = connection.execute("select content from evidence_files").fetchone()
    assert {"evidence_files", "stored_events"} <= tables and bytes(content) == policy


def test_with_a_key_the_bytes_are_encrypted_at_rest_and_read_back_plain(sqlite_url):
    services = bootstrap(Settings(db_url=sqlite_url, key=new_key()), clock=lambda: TODAY)
    try:
        board_with_action(services.app)
        services.app.attach_documents(A1, [Upload("notes.txt", files.TEXT)], actor="manager", on=ON)
        (row,) = stored_rows(services)
        assert row.encrypted and files.TEXT not in bytes(row.content) and b"child's own words" not in bytes(row.content)
        assert services.app.open_document(A1, 1, actor="manager").content == files.TEXT
        assert check_files(services.app).intact
    finally:
        services.close()


def test_key_rotation_re_encrypts_the_files(sqlite_url):
    old = new_key()
    services = bootstrap(Settings(db_url=sqlite_url, key=old), clock=lambda: TODAY)
    board_with_action(services.app)
    services.app.attach_documents(A1, [Upload("notes.txt", files.TEXT)], actor="manager", on=ON)
    services.hash_chain.catch_up()
    before = bytes(stored_rows(services)[0].content)
    key = new_key()
    rotate(services, key)
    services.close()
    reader = bootstrap(Settings(db_url=sqlite_url, key=key), clock=lambda: TODAY)
    try:
        assert bytes(stored_rows(reader)[0].content) != before
        assert reader.app.open_document(A1, 1, actor="manager").content == files.TEXT
        assert check_files(reader.app).intact
    finally:
        reader.close()


def test_verify_names_a_changed_byte_a_missing_file_and_reports_a_purge_as_a_purge(make_services, sqlite_url):
    services = make_services(sqlite_url)
    board_with_action(services.app)
    services.app.attach_documents(
        A1, [Upload("a.csv", files.CSV), Upload("b.txt", files.TEXT), Upload("c.odt", files.odt())], actor="manager", on=ON)
    csv_sha, text_sha, odt_sha = (services.app.action(A1).document(n).sha256 for n in (1, 2, 3))
    assert check_files(services.app).intact
    path = sqlite_url[len("sqlite:///"):]
    with sqlite3.connect(path) as connection:
        changed = bytearray(connection.execute("select content from evidence_files where sha256=?", (csv_sha,)).fetchone()[0])
        changed[5] ^= 0x01
        connection.execute("update evidence_files set content=? where sha256=?", (bytes(changed), csv_sha))
        connection.execute("delete from evidence_files where sha256=?", (text_sha,))
    services.app.purge_file(odt_sha, "Names a member of staff", actor="manager")
    report = check_files(services.app)
    assert sorted(report.problems) == sorted([(csv_sha, "changed"), (text_sha, "missing")])
    assert report.purged == [odt_sha]


def test_a_purge_marked_by_hand_is_tampering_not_a_purge(make_services, sqlite_url):
    services = make_services(sqlite_url)
    board_with_action(services.app)
    services.app.attach_documents(A1, [Upload("a.csv", files.CSV)], actor="manager", on=ON)
    sha = services.app.action(A1).document(1).sha256
    with sqlite3.connect(sqlite_url[len("sqlite:///"):]) as connection:
        connection.execute("update evidence_files set content=NULL, purged_on='2024-02-02', purged_reason='x' where sha256=?", (sha,))
    assert check_files(services.app).problems == [(sha, "missing")]


def test_attach_open_and_verify_on_sqlite_and_postgresql(make_services, durable_url):
    services = make_services(durable_url)
    board_with_action(services.app)
    register = files.xlsx()
    services.app.attach_documents(A1, [Upload("register.xlsx", register), Upload("a.csv", files.CSV)], actor="manager", on=ON)
    services.app.attach_documents(A1, [Upload("copy.xlsx", register)], actor="manager", on=ON)
    assert services.app.open_document(A1, 3, actor="manager").content == register
    assert len(stored_rows(services)) == 2
    assert check_files(services.app).checked == 2 and check_files(services.app).intact


def test_a_progress_report_and_its_documents_are_saved_in_one_transaction(services, monkeypatch):
    board_with_action(services.app)
    app, inserts = services.app, []
    original = app.recorder.insert_events
    monkeypatch.setattr(app.recorder, "insert_events", lambda events, **kw: inserts.append(len(events)) or original(events, **kw))
    with app.documents_with_next_save(A1, [Upload("a.csv", files.CSV), Upload("b.txt", files.TEXT)], actor="manager", on=ON) as pending:
        app.report_progress(A1, "Audit done", actor="manager", on=ON)
    assert inserts == [3] and pending.numbers == [1, 2]
    assert [type(e).__name__ for e in app.events_of(A1)[-3:]] == ["ProgressReported", "EvidenceAttached", "EvidenceAttached"]


def test_a_change_that_fails_takes_its_documents_with_it(services):
    board_with_action(services.app)
    app = services.app
    before = app.recorder.max_notification_id()
    with pytest.raises(DomainError, match="note"):
        with app.documents_with_next_save(A1, [Upload("a.csv", files.CSV)], actor="manager", on=ON):
            app.report_progress(A1, "   ", actor="manager", on=ON)
    assert app.recorder.max_notification_id() == before and stored_rows(services) == []
