"""A big import is one save: when the store refuses any of its events, none of the import is written.

The issue saw an import exit with a traceback after writing 11 events. Here a tracker of 1,200 rows
(about 3,800 events: PostgreSQL's streamed path) meets an event already in the store with the id and
version of one of its actions (as a concurrent writer's would be), late in the file.
"""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from domain.action import Action
from domain.review import code_from_name
from monitoring.cli.main import main
from tests.benchmarks.import_10k import tracker_rows, write_csv
from tests.conftest import TODAY

ROWS = 1_200


def stored(services) -> int:
    return len(services.app.recorder.select_notifications(start=1, limit=10**6))


@pytest.mark.timeout(300)
def test_an_import_whose_save_is_refused_part_way_writes_nothing(durable_url, make_services, tmp_path, capsys):
    rows = list(tracker_rows(ROWS))
    write_csv(tmp_path / "tracker.csv", rows)
    review, recommendation = rows[-1][1], rows[-1][3]  # the last row's review and recommendation
    under = SimpleNamespace(board=rows[-1][0], review_id=None, review_code=code_from_name(review), id=None, number=recommendation)
    stray = Action.agree(recommendation=under, number=1, agency="Police", text="Written elsewhere.",
                         target_date=date(2026, 1, 1), actor="other", on=date(2025, 1, 1), today=TODAY)
    services = make_services(durable_url)
    services.app.recorder.insert_events([services.app.mapper.to_stored_event(e) for e in stray.collect_events()])

    code = main(["import", str(tmp_path / "tracker.csv"), "--db", durable_url, "--on", "2025-03-31"])

    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err == "scr-monitor: version: changed by someone else since you loaded it; reload and try again\n"
    assert stored(services) == 1  # the stray event alone: no board, review, recommendation or action of the file
