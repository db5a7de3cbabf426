"""Importing the same file again changes nothing; an updated version records only what changed."""
from __future__ import annotations

from datetime import date

import pytest

from monitoring.trackers.importing import ImportRejected, import_tracker
from tests.importing.trackers import CHILD_C, write_csv, write_xlsx


def names(app, ref):
    return [type(e).__name__ for e in app.events_of(ref)]


def test_importing_the_same_file_again_changes_nothing(app, tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", CHILD_C)
    import_tracker(app, path, actor="manager")
    versions = {ref: len(app.events_of(ref)) for ref in ("child-c-2014", "child-c-2014/R1", "child-c-2014/R2/A2")}

    again = import_tracker(app, path, actor="manager")

    assert not again.changed_anything
    assert "nothing to change: the store already matches the file" in again.lines()
    assert {ref: len(app.events_of(ref)) for ref in versions} == versions


def test_the_same_file_as_csv_matches_despite_spacing_and_case(app, tmp_path):
    import_tracker(app, write_xlsx(tmp_path / "t.xlsx", CHILD_C), actor="manager")
    respelled = [dict(r, agency=r["agency"].upper() + " ", action="  " + r["action"]) for r in CHILD_C]

    again = import_tracker(app, write_csv(tmp_path / "t.csv", respelled), actor="manager")

    assert not again.changed_anything


def test_an_updated_tracker_records_only_what_changed(app, tmp_path):
    import_tracker(app, write_xlsx(tmp_path / "march.xlsx", CHILD_C), actor="manager")
    updated = [dict(r) for r in CHILD_C]
    updated[1].update(status="Signed off", status_date=date(2025, 6, 1), evidence="Audit report")   # in progress -> signed off
    updated[4].update(target_date=date(2025, 9, 30), notes="Waiting for the schools list")           # rescheduled, note ignored
    updated[2].update(status="Signed off", status_date=date(2025, 6, 1))                              # completed -> signed off
    updated.append(dict(CHILD_C[1], action="Repeat the audit in 2026", status="Not started", target_date=date(2026, 6, 30),
                        agreed_date=date(2025, 6, 1), status_date=None, notes=None))

    outcome = import_tracker(app, write_xlsx(tmp_path / "june.xlsx", updated), actor="manager", on=date(2025, 6, 2))

    assert names(app, "child-c-2014/R1/A2") == ["Agreed", "ProgressReported", "Completed", "SignedOff"]
    assert app.events_of("child-c-2014/R1/A2")[-1].on == date(2025, 6, 1)
    assert names(app, "child-c-2014/R2/A1") == ["Agreed", "Completed", "SignedOff"]
    assert names(app, "child-c-2014/R2/A3") == ["Agreed", "Rescheduled"]
    rescheduled = app.events_of("child-c-2014/R2/A3")[-1]
    assert (rescheduled.target_date, rescheduled.reason, rescheduled.on) == (
        date(2025, 9, 30), "Waiting for the schools list", date(2025, 6, 2))
    assert app.action("child-c-2014/R1/A3").text == "Repeat the audit in 2026"   # numbered after the existing ones
    assert names(app, "child-c-2014/R1/A1") == ["Agreed", "Completed", "SignedOff"]   # untouched
    assert outcome.actions_created == ["child-c-2014/R1/A3"]
    assert sorted(outcome.actions_changed) == ["child-c-2014/R1/A2", "child-c-2014/R2/A1", "child-c-2014/R2/A3"]
    assert outcome.events == {"Completed": 1, "SignedOff": 2, "Rescheduled": 1}


def test_a_new_progress_note_is_recorded_and_a_reopened_action_goes_back_to_work(app, tmp_path):
    import_tracker(app, write_xlsx(tmp_path / "t.xlsx", CHILD_C), actor="manager")
    updated = [dict(r) for r in CHILD_C]
    updated[1].update(notes="Audit three quarters done", status_date=date(2025, 2, 1))
    updated[0].update(status="In progress", status_date=date(2025, 2, 1), notes="Audit found gaps; reopened")
    updated[3].update(status="Not started", status_date=date(2025, 2, 1), notes="Brought back")

    import_tracker(app, write_xlsx(tmp_path / "t2.xlsx", updated), actor="manager")

    assert names(app, "child-c-2014/R1/A2")[-1] == "ProgressReported"
    assert app.events_of("child-c-2014/R1/A2")[-1].note == "Audit three quarters done"
    assert names(app, "child-c-2014/R1/A1")[-1] == "Reopened"
    assert app.action("child-c-2014/R1/A1").status == "in_progress"
    assert app.action("child-c-2014/R2/A2").status == "not_started"   # reopened to where it was withdrawn from
    import_tracker(app, write_xlsx(tmp_path / "t2.xlsx", updated), actor="manager")
    assert len(app.events_of("child-c-2014/R1/A1")) == 4   # and that update, imported again, is not repeated


def test_an_update_that_cannot_happen_is_a_problem_and_nothing_is_written(app, tmp_path):
    import_tracker(app, write_xlsx(tmp_path / "t.xlsx", CHILD_C), actor="manager")
    updated = [dict(r) for r in CHILD_C]
    updated[1].update(status="Not started")                                          # in progress cannot un-start
    updated[2].update(status="Signed off", status_date=date(2024, 12, 1))            # before its completion
    updated[5].update(target_date=date(2025, 12, 31))                                # a signed-off action's target

    with pytest.raises(ImportRejected) as caught:
        import_tracker(app, write_xlsx(tmp_path / "t2.xlsx", updated), actor="manager")

    assert [str(p) for p in caught.value.problems] == [
        "row 5, 'Status': child-c-2014/R1/A2 is in progress; it cannot go back to not started",
        "row 6, 'Status_Date': 2024-12-01 is before this record's last change on 2025-01-15",
        "row 9, 'Target date': cannot reschedule child-c-2014/R3/A1: it is signed off (allowed only when not started or in progress)",
    ]
    assert names(app, "child-c-2014/R2/A1") == ["Agreed", "Completed"]


def test_a_changed_priority_is_recorded_and_a_changed_recommendation_text_is_reported(app, tmp_path):
    import_tracker(app, write_xlsx(tmp_path / "t.xlsx", CHILD_C), actor="manager")
    updated = [dict(r) for r in CHILD_C]
    updated[2].update(priority="yes", recommendation="Schools check attendance.")

    outcome = import_tracker(app, write_xlsx(tmp_path / "t2.xlsx", updated), actor="manager")

    assert app.recommendation("child-c-2014/R2").priority is True
    assert "changed priority of child-c-2014/R2 to yes" in outcome.lines()
    assert [str(w) for w in outcome.warnings] == [
        "rows: row 1 above the header skipped (a title)",
        "row 6, 'Recommendation': differs from the stored text of child-c-2014/R2; the stored text is kept"]


def test_a_moved_target_is_dated_by_the_import_unless_the_row_was_re_dated(app, tmp_path):
    import_tracker(app, write_xlsx(tmp_path / "t.xlsx", CHILD_C), actor="manager")
    updated = [dict(r) for r in CHILD_C]
    # The not-started row keeps its status date (its agreed date): the move is not back-dated to it.
    updated[4].update(status_date=date(2024, 2, 1), target_date=date(2025, 12, 31))
    # The in-progress row was re-dated with its new target: the move takes that date.
    updated[1].update(status_date=date(2025, 5, 5), target_date=date(2025, 12, 31))

    import_tracker(app, write_xlsx(tmp_path / "t2.xlsx", updated), actor="manager", on=date(2025, 6, 2))

    assert app.events_of("child-c-2014/R2/A3")[-1].on == date(2025, 6, 2)
    assert app.events_of("child-c-2014/R1/A2")[-1].on == date(2025, 5, 5)


def test_a_new_action_under_a_closed_recommendation_is_a_problem(app, tmp_path):
    import_tracker(app, write_xlsx(tmp_path / "t.xlsx", CHILD_C), actor="manager")
    app.close_recommendation("child-c-2014/R3", "Health visitors now record what children say", actor="chair", on=date(2025, 4, 1))
    updated = CHILD_C + [dict(CHILD_C[5], action="Audit the template", status="Not started", status_date=None)]

    with pytest.raises(ImportRejected) as caught:
        import_tracker(app, write_xlsx(tmp_path / "t2.xlsx", updated), actor="manager")

    assert [str(p) for p in caught.value.problems] == [
        "row 10, 'Rec. No': child-c-2014/R3 is closed; actions can be added only while it is open"]
