"""A column the import does not know is named in a note, never left out without a word (a misspelt
"Completeion date" vanished); the exported tracker's own Documents count column draws no note."""
from __future__ import annotations

from monitoring.trackers.importing import import_tracker
from tests.importing.trackers import CHILD_C, ODD_HEADERS, write_csv


def test_an_unknown_column_is_named_in_a_note(app, tmp_path):
    rows = [dict(r, completeion_date="01/06/2024") for r in CHILD_C]
    headers = {**ODD_HEADERS, "completeion_date": "Completeion date", "documents": "Documents"}
    columns = [*ODD_HEADERS, "completeion_date", "documents"]

    outcome = import_tracker(app, write_csv(tmp_path / "t.csv", rows, headers=headers, columns=columns), actor="manager")

    notes = [str(w) for w in outcome.warnings]
    assert "header: 'Completeion date' not read: it is not a column the import knows (the README lists the headers it reads)" in notes
    assert not any("'Documents'" in note for note in notes)
    assert len(outcome.actions_created) == len(CHILD_C)
