"""A board's first day: its two-year-old tracker, saved by LibreOffice, with no "date agreed" column, imports whole.

Without an agreed date an action is taken as agreed with its review's plan, on the earliest date the review's rows
give (never after --on), so past target dates and completion dates are not refused and "time to complete" is real.
"""
from __future__ import annotations

from datetime import date

import pytest

from monitoring.cli.main import main
from monitoring.trackers.importing import ImportRejected, import_tracker
from tests.conftest import events_in
from tests.importing.calc import copy_as, needs_calc
from tests.importing.trackers import write_csv

BOARD = "West Shire Safeguarding Children Partnership"
HEADERS = {"ref": "Ref", "review": "Name of review", "recommendation": "Recommendation", "agency": "Lead Organisation",
           "action": "SMART action", "target_date": "Target date for completion", "status": "Status",
           "completion_date": "Completion Date", "agreed_date": "Date agreed", "status_date": "Status date"}
REVIEW = "Child D (2023)"
# The earliest date any row gives is Police's completion, 15 February 2024: the plan is taken as agreed then.
TRACKER = [
    dict(ref=1, review=REVIEW, recommendation="Agencies share information at the point of referral.", agency="Police",
         action="Train officers in referral thresholds", target_date=date(2024, 3, 31), status="Completed",
         completion_date=date(2024, 2, 15)),
    dict(ref=1, review=REVIEW, agency="Acute Trust", action="Audit referrals from the emergency department",
         target_date=date(2024, 6, 30), status="In progress"),
    dict(ref=2, review=REVIEW, recommendation="Schools check the attendance of children on plans.", agency="Education",
         action="Revise the attendance policy", target_date=date(2024, 9, 30), status="Completed",
         completion_date=date(2024, 11, 20)),
    dict(ref=2, review=REVIEW, agency="Children's Social Care", action="Check every plan names a school contact",
         target_date=date(2024, 12, 31), status="Not started"),
    dict(ref=3, review=REVIEW, recommendation="Health visitors record the voice of the child.", agency="Health Visiting",
         action="Add the child's voice to the health visiting template", target_date=date(2025, 1, 31), status="Completed",
         completion_date=date(2025, 1, 10)),
]
PLAN_AGREED = date(2024, 2, 15)


def tracker(path, rows=TRACKER):
    return write_csv(path, rows, headers=HEADERS, board=None)


def agreed_on(app, reference: str) -> date:
    return app.events_of(reference)[0].on


@needs_calc
@pytest.mark.timeout(600)  # LibreOffice starts slowly on a busy machine
def test_a_calc_tracker_without_an_agreed_column_imports_whole_with_real_completion_times(calc, tmp_path, capsys, make_services):
    path = copy_as(calc.save(tracker(tmp_path / "source.csv"), "xlsx"), tmp_path / "West Shire tracker.xlsx")
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"

    code = main(["import", str(path), "--board", BOARD, "--on", "2025-03-31", "--db", db])

    out = capsys.readouterr().out
    assert code == 0 and "created 1 review, 3 recommendations, 5 actions" in out
    assert [line for line in out.splitlines() if "agreed date" in line] == [
        "note: agreed date: 5 rows have no agreed date: each is taken as agreed on the earliest date its review's rows "
        "give (a target, status, completion or agreed date), or 2025-03-31, the date the tracker describes (--on), when that is earlier"]
    assert main(["status", "--db", db, "--as-at", "2025-03-31"]) == 0
    status = capsys.readouterr().out.splitlines()
    assert status[-1].split() == ["All", "5", "1", "1", "3", "0", "0", "2", "60.0", "0.0"]  # Acute Trust and CSC overdue
    services = make_services(db)
    services.catch_up()
    overall = services.queries.time_to_complete(as_at=date(2025, 3, 31))[-1]
    assert (overall["completed"], overall["median_days"]) == (3, 279.0)  # 0, 279 and 330 days from 15 February 2024
    assert agreed_on(services.app, "child-d-2023/R2/A1") == PLAN_AGREED


def test_an_import_again_of_the_same_tracker_changes_nothing(tmp_path, capsys):
    path, db = str(tracker(tmp_path / "tracker.csv")), f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert main(["import", path, "--board", BOARD, "--db", db]) == 0
    before = events_in(db)
    capsys.readouterr()

    code = main(["import", path, "--board", BOARD, "--db", db])

    assert code == 0 and "nothing to change: the store already matches the file" in capsys.readouterr().out
    assert events_in(db) == before


def test_a_stored_action_keeps_its_agreed_date_when_a_later_file_gives_earlier_dates(app, tmp_path):
    import_tracker(app, tracker(tmp_path / "first.csv", TRACKER[2:4]), actor="manager", board=BOARD)
    assert agreed_on(app, "child-d-2023/R2/A1") == date(2024, 9, 30)  # that file's earliest date, Education's target
    later = [*TRACKER, dict(TRACKER[3], action="Brief head teachers", target_date=date(2025, 6, 30))]

    outcome = import_tracker(app, tracker(tmp_path / "later.csv", later), actor="manager", board=BOARD)

    assert agreed_on(app, "child-d-2023/R2/A1") == date(2024, 9, 30)
    assert agreed_on(app, "child-d-2023/R1/A1") == PLAN_AGREED  # a new recommendation takes the file's earliest date
    assert agreed_on(app, "child-d-2023/R2/A3") == date(2024, 9, 30)  # a new action of R2: not before R2 was made
    assert outcome.actions_created == ["child-d-2023/R1/A1", "child-d-2023/R1/A2", "child-d-2023/R2/A3", "child-d-2023/R3/A1"]


def test_a_blank_agreed_cell_takes_the_review_plan_date_and_a_given_one_is_kept(app, tmp_path):
    rows = [dict(r, agreed_date=date(2024, 1, 8) if i == 1 else None) for i, r in enumerate(TRACKER)]

    import_tracker(app, tracker(tmp_path / "t.csv", rows), actor="manager", board=BOARD, on=date(2025, 3, 31))

    assert agreed_on(app, "child-d-2023/R1/A2") == date(2024, 1, 8)
    assert agreed_on(app, "child-d-2023/R1/A1") == date(2024, 1, 8)  # the given date is the review's earliest
    assert agreed_on(app, "child-d-2023/R3/A1") == date(2024, 1, 8)


def test_without_an_earlier_date_in_the_file_an_action_is_agreed_on_the_trackers_date(app, tmp_path):
    rows = [dict(TRACKER[3], ref=1, recommendation="Schools check attendance.", target_date=date(2026, 12, 31))]

    import_tracker(app, tracker(tmp_path / "t.csv", rows), actor="manager", board=BOARD, on=date(2025, 3, 31))

    assert agreed_on(app, "child-d-2023/R1/A1") == date(2025, 3, 31)


def test_a_given_agreed_date_after_the_target_and_a_completion_in_the_future_are_still_refused(app, tmp_path):
    rows = [dict(TRACKER[1], recommendation="Agencies share information.", agreed_date=date(2024, 8, 1)),
            dict(TRACKER[2], completion_date=date(2027, 1, 5))]

    with pytest.raises(ImportRejected) as rejected:
        import_tracker(app, tracker(tmp_path / "t.csv", rows), actor="manager", board=BOARD)

    assert [str(p) for p in rejected.value.problems] == [
        "row 2, 'Target date for completion': 2024-06-30 is before the action was agreed on 2024-08-01",
        "row 3, 'Completion Date': 2027-01-05 is in the future (today is 2026-11-22)",
    ]
