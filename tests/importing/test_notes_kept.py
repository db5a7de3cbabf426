"""A tracker's progress note on a completed or signed-off row is kept as the action's progress, not dropped by the
completion (found trying a board's first import: "Audit done, report to sub-group" vanished)."""
from __future__ import annotations

from datetime import date

from monitoring.trackers.importing import import_tracker
from tests.importing.trackers import CHILD_C, write_csv


def names(app, ref):
    return [type(e).__name__ for e in app.events_of(ref)]


def test_a_completed_rows_progress_note_is_recorded_before_its_completion(app, tmp_path):
    rows = [dict(CHILD_C[2], notes="Audit done, report to sub-group", evidence=None)]

    import_tracker(app, write_csv(tmp_path / "t.csv", rows), actor="manager")

    events = app.events_of("child-c-2014/R2/A1")
    assert [type(e).__name__ for e in events] == ["Agreed", "ProgressReported", "Completed"]
    assert events[1].note == "Audit done, report to sub-group"
    assert events[1].on == events[2].on == date(2025, 1, 15)


def test_importing_it_again_changes_nothing(app, tmp_path):
    rows = [dict(CHILD_C[0], notes="Training finished in May")]
    path = write_csv(tmp_path / "t.csv", rows)
    import_tracker(app, path, actor="manager")

    again = import_tracker(app, path, actor="manager")

    assert not again.changed_anything
    assert names(app, "child-c-2014/R1/A1") == ["Agreed", "ProgressReported", "Completed", "SignedOff"]


def test_a_new_note_on_an_action_already_signed_off_is_named_not_dropped_silently(app, tmp_path):
    import_tracker(app, write_csv(tmp_path / "t.csv", [dict(CHILD_C[0])]), actor="manager")

    outcome = import_tracker(app, write_csv(tmp_path / "u.csv", [dict(CHILD_C[0], notes="Re-audit planned")]), actor="manager")

    assert any(str(w).startswith("row 2, ") and "child-c-2014/R1/A1 is signed off, so a progress note cannot be added" in str(w)
               for w in outcome.warnings)

