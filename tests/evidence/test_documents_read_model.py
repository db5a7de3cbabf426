"""The documents read model (view_documents) says what the actions' own record says: after attaching, withdrawing
and purging, whether each change was taken in alone or all in one batch, and after a rebuild; on SQLite and
PostgreSQL. A download by hash finds its file there, but serves only what the record itself says is that file."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from domain.errors import NotFound, PermissionDenied
from monitoring.application.evidence import Upload
from projections import schema
from tests.evidence import files
from tests.security.conftest import build_two_boards

A1, A2, SOUTH = "child-c-2014/R1/A1", "child-c-2014/R1/A2", "adult-d-2020/R1/A1"


def the_record(app, ref: str) -> list[tuple]:
    return [(d.number, d.sha256, d.size, d.kind, d.title, d.filename, d.actor, d.on, d.withdrawn_reason, d.purged_reason, d.live)
            for d in app.action(ref).documents.values()]


def the_read_model(queries, ref: str) -> list[tuple]:
    return [(d["number"], d["sha256"], d["size"], d["kind"], d["title"], d["filename"], d["actor"], d["effective"],
             d["withdrawn_reason"], d["purged_reason"], d["live"]) for d in queries.documents(ref)]


def holders_in_the_record(app, refs, sha: str) -> list[tuple]:
    return sorted((str(app.action(r).id), n) for r in refs for n, d in app.action(r).documents.items() if d.sha256 == sha)


def assert_read_model_matches(services, refs) -> None:
    app, queries = services.app, services.queries
    for ref in refs:
        assert the_read_model(queries, ref) == the_record(app, ref)
    live = {str(app.action(r).id): sum(d.live for d in app.action(r).documents.values()) for r in refs}
    assert queries.document_counts() == {action: n for action, n in live.items() if n}
    for sha in {d.sha256 for r in refs for d in app.action(r).documents.values()}:
        assert sorted((h["action_id"], h["number"]) for h in queries.document_holders(sha)) == holders_in_the_record(app, refs, sha)


@pytest.mark.parametrize("one_batch", [False, True], ids=["each-change-alone", "all-in-one-batch"])
def test_the_documents_read_model_says_what_the_record_says_after_attach_withdraw_purge_and_rebuild(
    make_services, durable_url, one_batch
):
    services = make_services(durable_url, read_your_writes=not one_batch)
    build_two_boards(services)
    app = services.app
    app.attach_documents(A1, [Upload("audit.csv", files.CSV), Upload("notes.txt", files.TEXT, "Notes")], actor="bm", on=date(2024, 2, 1))
    app.attach_documents(A2, [Upload("same audit.csv", files.CSV)], actor="bm", on=date(2024, 2, 2))
    app.attach_documents(SOUTH, [Upload("minutes.odt", files.odt())], actor="bm", on=date(2024, 2, 3))
    app.withdraw_document(A1, 2, "Attached to the wrong action", actor="bm", on=date(2024, 3, 1))
    app.purge_file(app.action(A1).document(1).sha256, "Names a child", actor="bm", on=date(2024, 3, 2))
    app.attach_documents(A1, [Upload("register.xlsx", files.xlsx(), "Register")], actor="bm", on=date(2024, 4, 1))
    services.catch_up()
    refs = (A1, A2, SOUTH)
    assert the_record(app, A1)[0][9] == the_record(app, A2)[0][9] == "Names a child"  # the purge reached both holders
    assert_read_model_matches(services, refs)
    before = {ref: services.queries.documents(ref) for ref in refs}

    services.projections.rebuild()
    assert_read_model_matches(services, refs)
    assert {ref: services.queries.documents(ref) for ref in refs} == before  # recorded_at too


def test_counts_as_at_a_day_leave_out_later_attachments_and_every_withdrawal(services):
    build_two_boards(services)
    app = services.app
    app.attach_documents(A1, [Upload("a.csv", files.CSV)], actor="bm", on=date(2024, 2, 1))
    app.attach_documents(A1, [Upload("b.txt", files.TEXT)], actor="bm", on=date(2024, 2, 1))
    app.attach_documents(A2, [Upload("c.odt", files.odt())], actor="bm", on=date(2024, 5, 1))
    app.withdraw_document(A1, 2, "Wrong file", actor="bm", on=date(2024, 6, 1))  # a correction: counts as never there
    services.catch_up()
    a1, a2 = str(app.action(A1).id), str(app.action(A2).id)
    assert services.queries.document_counts(as_at=date(2024, 3, 31)) == {a1: 1}
    assert services.queries.document_counts() == {a1: 1, a2: 1}
    assert services.queries.document_counts(board="south vale safeguarding adults board") == {}


def test_a_download_serves_only_what_the_record_says_is_that_file_even_from_a_tampered_read_model(with_people):
    app = with_people.app
    app.attach_documents(A1, [Upload("police.csv", files.CSV)], actor="police.lead", on=date(2024, 2, 1))
    app.attach_documents(A2, [Upload("health.txt", files.TEXT)], actor="health.lead", on=date(2024, 2, 1))
    police_sha, health_sha = app.action(A1).document(1).sha256, app.action(A2).document(1).sha256
    assert app.open_file(health_sha, actor="health.lead").content == files.TEXT
    with with_people.engine.begin() as connection:  # the read model now says A2's document is the Police file
        connection.execute(update(schema.documents).where(schema.documents.c.sha256 == health_sha).values(sha256=police_sha))
    with pytest.raises((NotFound, PermissionDenied)):
        app.open_file(police_sha, actor="health.lead")  # A2's own file is not served in its place
    with pytest.raises(PermissionDenied):
        app.open_file(police_sha, actor="south.admin")
    assert app.open_file(police_sha, actor="police.lead").content == files.CSV
