"""Refusals of an attach say what was refused and who can (found trying the CLI: another agency's lead was told
they 'may not sign off (grading assurance) ...', and a 20.03 MB file 'is 20 MB; the limit is 20 MB')."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from domain.errors import DomainError, PermissionDenied
from domain.evidence import MB, classify
from monitoring.application.evidence import Upload
from tests.builders import board_with_action
from tests.evidence import files

A2 = "child-c-2014/R1/A2"  # Acute Trust's action


@pytest.mark.parametrize("who", ["police.lead", "viewer"])
def test_a_refused_attach_names_attaching_and_who_may(with_people, who):
    with pytest.raises(PermissionDenied) as refused:
        with_people.app.attach_documents(A2, [Upload("a.csv", files.CSV)], actor=who, on=date(2024, 2, 1))

    reason = refused.value.reason
    assert f"{who} may not attach documents to actions of " in reason and " for Acute Trust. " in reason
    assert "sign off" not in reason
    assert "Only the action's own agency lead, the review sub-group (its chair or members) or the board's business manager can" in reason


def test_a_file_just_over_the_limit_is_not_said_to_be_the_limit():
    with pytest.raises(DomainError) as refused:
        classify("big.pdf", b"%PDF-1.4\n" + b"a" * (20 * MB + 30_000), limit=20 * MB)
    assert refused.value.reason == "is 20.03 MB, over the limit of 20 MB"


def test_another_agencys_lead_refused_a_download_is_told_who_can_without_contradiction(with_people):
    app = with_people.app
    app.attach_documents(A2, [Upload("discharge.csv", files.CSV)], actor="health.lead", on=date(2024, 2, 1))

    with pytest.raises(PermissionDenied) as refused:
        app.open_document(A2, 1, actor="police.lead")

    reason = refused.value.reason
    assert "Only people with a role on that board can" not in reason  # police.lead has one: that read as a contradiction
    assert "Only Acute Trust's own agency lead or people with a board-wide role on that board" in reason


def test_opening_a_document_whose_bytes_were_deleted_names_the_document_and_says_run_verify(make_services, sqlite_url):
    services = make_services(sqlite_url)
    board_with_action(services.app)
    services.app.attach_documents("child-c-2014/R1/A1", [Upload("b.txt", files.TEXT)], actor="manager", on=date(2024, 2, 1))
    sha = services.app.action("child-c-2014/R1/A1").document(1).sha256
    with sqlite3.connect(sqlite_url[len("sqlite:///"):]) as connection:
        connection.execute("delete from evidence_files where sha256=?", (sha,))
    connection.close()

    with pytest.raises(DomainError) as refused:
        services.app.open_document("child-c-2014/R1/A1", 1, actor="manager")

    assert (refused.value.field, refused.value.reason) == (
        "number", "document 1 of child-c-2014/R1/A1 is missing from the store; run `scr-monitor verify`")


def test_a_refused_purge_says_purge_and_who_can(with_people):
    app = with_people.app
    app.attach_documents(A2, [Upload("discharge.csv", files.CSV)], actor="health.lead", on=date(2024, 2, 1))
    sha = app.action(A2).document(1).sha256

    with pytest.raises(PermissionDenied) as refused:
        app.purge_file(sha, "Names a child", actor="health.lead")

    reason = refused.value.reason
    assert "health.lead may not purge evidence files (destroy a document's bytes) of " in reason
    assert "Only the board's business manager can" in reason and "manage reviews" not in reason


def test_purged_bytes_attached_again_are_refused_naming_the_file_and_nothing_else_is_stored(make_services, sqlite_url):
    services = make_services(sqlite_url)
    app = services.app
    board_with_action(app)
    app.attach_documents("child-c-2014/R1/A1", [Upload("b.txt", files.TEXT)], actor="manager", on=date(2024, 2, 1))
    app.purge_file(app.action("child-c-2014/R1/A1").document(1).sha256, "Names a child", actor="manager")
    with sqlite3.connect(sqlite_url[len("sqlite:///"):]) as connection:
        before = connection.execute("select count(*) from evidence_files").fetchone()[0]
    connection.close()

    with pytest.raises(DomainError) as refused:
        app.attach_documents("child-c-2014/R1/A1", [Upload("new.csv", files.CSV), Upload("again.txt", files.TEXT)],
                             actor="manager", on=date(2024, 2, 2))

    assert refused.value.field == "again.txt" and "were purged on " in refused.value.reason
    with sqlite3.connect(sqlite_url[len("sqlite:///"):]) as connection:
        assert connection.execute("select count(*) from evidence_files").fetchone()[0] == before
    connection.close()
