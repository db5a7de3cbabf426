"""Every event the store accepted can be projected: a NUL already in a store (saved before the input policy)
is cleaned for the read models while the event stays as stored, and never stops status or a rebuild again.

On the old code PostgreSQL refused the row ("text fields cannot contain NUL"), and `status` and
`projections rebuild` stopped at that event for good.
"""
from __future__ import annotations

from datetime import date

import pytest

from monitoring.cli.main import main
from tests.builders import board_with_action

EVIDENCE = "Audit report\x00 (page 3)"
READABLE = "Audit report\ufffd (page 3)"


def store_with_a_nul_event(app) -> str:
    """An action completed with a NUL in its evidence, written through the recorder past every guard."""
    action = board_with_action(app)
    action._completed(evidence=EVIDENCE, actor="police.lead", on=date(2024, 2, 1))  # the guard would refuse it
    app.recorder.insert_events([app.mapper.to_stored_event(e) for e in action.collect_events()])
    return action.reference


@pytest.mark.timeout(120)
def test_a_nul_event_already_stored_is_projected_with_the_text_cleaned(durable_url, make_services):
    services = make_services(durable_url)
    reference = store_with_a_nul_event(services.app)
    services.catch_up()
    action = services.queries.action(reference)
    assert action["status"] == "completed" and action["evidence"] == READABLE
    assert services.queries.status()["totals"]["completed"] == 1
    details = str(services.queries.history(reference)[-1]["details"])
    assert "\x00" not in details and "Audit report" in details


@pytest.mark.timeout(120)
def test_the_event_itself_stays_as_stored(durable_url, make_services):
    services = make_services(durable_url)
    reference = store_with_a_nul_event(services.app)
    services.catch_up()
    action = services.app.repository.get(services.app.action(reference).id)
    stored = services.app.recorder.select_events(action.id)[-1]
    assert services.app.mapper.to_domain_event(stored).evidence == EVIDENCE


@pytest.mark.timeout(180)
def test_status_and_rebuild_go_past_a_nul_event_from_the_command_line(durable_url, make_services, capsys):
    services = make_services(durable_url)
    store_with_a_nul_event(services.app)
    assert main(["projections", "rebuild", "--db", durable_url]) == 0
    assert main(["action", "add", "child-c-2014/R1", "--agency", "Education", "--text", "Audit referrals.",
                 "--target", "2024-09-30", "--on", "2024-02-02", "--db", durable_url]) == 0  # later writes go on
    capsys.readouterr()
    assert main(["status", "--db", durable_url, "--format", "json", "--as-at", "2024-03-31"]) == 0
    out = capsys.readouterr().out
    assert '"total": 2' in out and '"completed": 1' in out
    assert main(["projections", "status", "--db", durable_url]) == 0
