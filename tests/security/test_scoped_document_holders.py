"""Where a file is attached (Queries.document_holders) is read through the scoped read API like every other read:
another board's reader, or another agency's lead, gets nothing of it."""
from __future__ import annotations

from datetime import date

from monitoring.application.evidence import Upload
from monitoring.security.scoped_reads import scoped_queries
from tests.evidence import files

A1, A2, SOUTH = "child-c-2014/R1/A1", "child-c-2014/R1/A2", "adult-d-2020/R1/A1"


def holders_seen_by(services, username: str, sha: str) -> list[str]:
    return [h["action_id"] for h in scoped_queries(services, username).document_holders(sha)]


def test_where_a_file_is_attached_is_seen_only_within_the_readers_board_and_agency(with_people):
    app = with_people.app
    for ref, actor in ((A1, "police.lead"), (A2, "health.lead"), (SOUTH, "south.admin")):
        app.attach_documents(ref, [Upload("audit.csv", files.CSV)], actor=actor, on=date(2024, 2, 1))
    with_people.catch_up()
    sha = app.action(A1).document(1).sha256
    a1, a2, south = (str(app.action(ref).id) for ref in (A1, A2, SOUTH))
    assert [h["action_id"] for h in with_people.queries.document_holders(sha)] == [a1, a2, south]
    assert holders_seen_by(with_people, "police.lead", sha) == [a1]
    assert holders_seen_by(with_people, "health.lead", sha) == [a2]
    assert holders_seen_by(with_people, "viewer", sha) == [a1, a2]
    assert holders_seen_by(with_people, "south.admin", sha) == [south]
