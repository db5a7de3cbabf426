"""The trackers boards really keep: totals rows, quotes and near-miss agencies, RAG-only status, template headers,
references, undated statuses, hostile files. Every refusal leaves the store as it was."""
from __future__ import annotations

import csv
import zipfile
from datetime import date

import pytest

from monitoring.cli.main import main
from monitoring.trackers.importing import ImportRejected, headers, import_tracker, limits
from tests.conftest import events_in
from tests.importing.trackers import BOARD, CHILD_C, write_csv, write_xlsx

CSC_CURLY = "Children\u2019s Social Care"


def events(app) -> int:
    return app.recorder.max_notification_id() or 0


def refused(app, path, **options) -> list[str]:
    before = events(app)
    with pytest.raises(ImportRejected) as caught:
        import_tracker(app, path, actor="manager", **options)
    assert events(app) == before, "a refused import writes nothing"
    return [str(p) for p in caught.value.problems]


def write_rows(path, header: list[str], rows: list[list], encoding="utf-8-sig"):
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


# --- real files ----------------------------------------------------------------------------------------------------

def test_a_totals_row_is_skipped_with_a_note_naming_it(app, tmp_path):
    path = write_csv(tmp_path / "t.csv", CHILD_C)
    with open(path, "a", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\r\n").writerow(["Total actions: 6", "", "", "", "", "", "", "", "", "", ""])

    outcome = import_tracker(app, path, actor="manager")

    assert len(outcome.actions_created) == 6
    assert "row 8: skipped: a totals or summary row ('Total actions: 6')" in [str(w) for w in outcome.warnings]


def test_notes_read_down_the_file_the_files_own_first_then_each_row_in_the_order_found(app, tmp_path):
    rows = [{k: v for k, v in dict(r, **{"Chair's comments": "Seen"}).items() if k != "agreed_date"} for r in CHILD_C]
    del rows[1]["status_date"]
    rows[4]["notes"] = "Waiting for the schools list"
    path = write_xlsx(tmp_path / "t.xlsx", [*rows, {"review": "Total actions: 6"}], board=None)

    outcome = import_tracker(app, path, actor="manager", board=BOARD, on=date(2025, 3, 31))

    notes = [line for line in outcome.lines() if line.startswith("note: ")]
    expected = ["note: header: \"Chair's comments\" not read", "note: rows: row 1 above the header skipped", "note: agreed date: 6 rows",
                "note: status date: 1 row", "note: row 8, 'Progress notes': not recorded",
                "note: row 10: skipped: a totals or summary row ('Total actions: 6')"]
    assert len(notes) == len(expected) and all(n.startswith(e) for n, e in zip(notes, expected)), notes


def test_a_summary_row_that_is_a_real_action_is_not_skipped(app, tmp_path):
    rows = [dict(CHILD_C[0]), dict(CHILD_C[1], action="Summary of referrals audited monthly")]
    path = write_csv(tmp_path / "t.csv", rows, board=None, columns=["action", "review", "recommendation_no", "recommendation",
                                                                       "agency", "target_date", "agreed_date"])

    outcome = import_tracker(app, path, actor="manager", board=BOARD)

    assert len(outcome.actions_created) == 2


def test_curly_and_straight_apostrophes_are_one_agency(app, tmp_path):
    import_tracker(app, write_csv(tmp_path / "t.csv", CHILD_C), actor="manager")
    curly = [dict(r, agency=CSC_CURLY) if r["agency"] == "Children's Social Care" else r for r in CHILD_C]

    outcome = import_tracker(app, write_csv(tmp_path / "curly.csv", curly), actor="manager")

    assert not outcome.changed_anything, outcome.lines()


def test_a_store_holding_two_spellings_keeps_working_and_the_import_names_both(app, tmp_path):
    app.register_board(BOARD, ["Police", "Children's Social Care"], actor="manager", on=date(2024, 1, 1))
    app.add_agency(BOARD, CSC_CURLY, actor="manager", on=date(2024, 1, 1))  # held before names were normalised
    rows = [r for r in CHILD_C if r["agency"] in ("Police", "Children's Social Care")]
    rows = [dict(r, recommendation="Text.") for r in rows]

    outcome = import_tracker(app, write_csv(tmp_path / "t.csv", rows), actor="manager")

    assert len(outcome.actions_created) == 2 and not outcome.agencies_added
    assert any(f"holds \"Children's Social Care\" and '{CSC_CURLY}'" in str(w) for w in outcome.warnings), outcome.warnings


def test_a_near_miss_agency_is_refused_naming_the_match_unless_confirmed(app, tmp_path):
    import_tracker(app, write_csv(tmp_path / "t.csv", CHILD_C), actor="manager")
    typo = [dict(CHILD_C[4], action="Check plans again", agency="Childrens Social Care")]
    path = write_csv(tmp_path / "typo.csv", typo)

    assert refused(app, path) == [
        "row 2, 'Lead Agency': 'Childrens Social Care' is not an agency of North Shire Safeguarding Children Partnership, "
        "but \"Children's Social Care\" is; correct the spelling, or import with --new-agency 'Childrens Social Care' "
        "if it is a different agency"]

    outcome = import_tracker(app, path, actor="manager", new_agencies=["Childrens Social Care"])
    assert outcome.agencies_added == {BOARD: ["Childrens Social Care"]}


def test_two_near_spellings_new_in_one_file_are_refused(app, tmp_path):
    rows = [dict(CHILD_C[0], agency="Acute Trust"), dict(CHILD_C[1], agency="Acute Trusts")]

    problems = refused(app, write_csv(tmp_path / "t.csv", rows))

    assert problems == ["row 3, 'Lead Agency': 'Acute Trusts' is not an agency of North Shire Safeguarding Children Partnership, "
                        "but 'Acute Trust' is; correct the spelling, or import with --new-agency 'Acute Trusts' if it is a different agency"]


def test_control_characters_in_cells_are_removed_with_a_note(app, tmp_path):
    rows = [dict(CHILD_C[1], recommendation="Share information.", notes="Audit\x0c half done\x00")]

    outcome = import_tracker(app, write_csv(tmp_path / "t.csv", rows), actor="manager")

    assert "row 2, 'Progress notes': control characters removed" in [str(w) for w in outcome.warnings]
    assert app.events_of("child-c-2014/R1/A1")[-1].note == "Audit half done"


# --- status from RAG -----------------------------------------------------------------------------------------------

RAG_HEADER = ["Name of review", "No.", "Recommendation", "Lead Organisation", "SMART action", "Target date for completion", "RAG Status", "Agency response"]
RAG_ROWS = [
    ["Child C (2014)", "1", "Share information.", "Police", "Train officers", "30/06/2024", "Red", "Half the officers trained"],
    ["Child C (2014)", "1", "", "Acute Trust", "Audit referrals", "30/09/2024", "Green", ""],
    ["Child C (2014)", "2", "Check attendance.", "Education", "Revise the policy", "31/12/2024", "Blue", ""],
]


def test_a_rag_column_alone_is_refused_naming_it(app, tmp_path):
    problems = refused(app, write_rows(tmp_path / "rag.csv", RAG_HEADER, RAG_ROWS), board=BOARD, on=date(2024, 1, 31))

    assert problems == ["'RAG Status': is a RAG rating, not a status; add a status column, or import with --status-from-rag "
                        "to read Red and Amber as in progress, Green as completed, Blue as signed off, Grey as withdrawn"]


def test_status_from_rag_reads_the_bands_and_dates_them_on_the_trackers_date(app, tmp_path):
    path = write_rows(tmp_path / "rag.csv", RAG_HEADER, RAG_ROWS)

    outcome = import_tracker(app, path, actor="manager", board=BOARD, on=date(2024, 1, 31), status_from_rag=True)

    assert [app.action(r).status for r in ("child-c-2014/R1/A1", "child-c-2014/R1/A2", "child-c-2014/R2/A1")] == [
        "in_progress", "completed", "signed_off"]
    assert app.events_of("child-c-2014/R1/A1")[-1].note == "Half the officers trained"
    assert {e.on for e in app.events_of("child-c-2014/R2/A1")[1:]} == {date(2024, 1, 31)}
    assert "status date: 3 rows with a status but no status date: dated 2024-01-31, the date the tracker describes (--on)" \
        in [str(w) for w in outcome.warnings]


def test_the_command_takes_status_from_rag_and_refuses_without_it(tmp_path, capsys):
    path = str(write_rows(tmp_path / "rag.csv", RAG_HEADER, RAG_ROWS))
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"

    assert main(["import", path, "--db", db, "--board", BOARD, "--on", "2024-01-31"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "scr-monitor: import: 1 problem in rag.csv, nothing imported" and "'RAG Status'" in err[1]
    assert events_in(db) == 0

    assert main(["import", path, "--db", db, "--board", BOARD, "--on", "2024-01-31", "--status-from-rag"]) == 0
    assert "created 1 review, 2 recommendations, 3 actions" in capsys.readouterr().out


# --- the published templates' headers -----------------------------------------------------------------------------

def test_a_template_with_ref_completion_date_and_key_milestones_imports(app, tmp_path):
    header = ["Ref", "Name of review", "Recommendation", "Responsibility", "Action to be taken", "Lead Officer", "Due Date",
              "Status", "Completion Date", "Key milestones", "Supporting Evidence"]
    rows = [["1", "Child C (2014)", "Share information.", "Police", "Train officers", "DI Smith", "30/06/2024", "Completed",
             "15/05/2024", "", "Training register"],
            ["2", "Child C (2014)", "Check attendance.", "Education", "Revise the policy", "", "31/12/2024", "In progress",
             "", "Draft in consultation", ""]]

    import_tracker(app, write_rows(tmp_path / "t.csv", header, rows), actor="manager", board=BOARD, on=date(2024, 1, 31))

    done = app.events_of("child-c-2014/R1/A1")[-1]
    assert type(done).__name__ == "Completed" and done.on == date(2024, 5, 15) and done.evidence == "Training register"
    assert app.action("child-c-2014/R1/A1").lead == "DI Smith"
    assert app.events_of("child-c-2014/R2/A1")[-1].note == "Draft in consultation"


def test_a_column_for_a_field_not_held_yet_is_ignored_with_a_note(app, tmp_path, monkeypatch):
    monkeypatch.setitem(headers.IGNORED_NAMES, "panelfeedback", "the national panel's feedback")
    header = ["Review", "Rec No", "Recommendation", "Agency", "Action", "Target date", "Panel feedback"]
    rows = [["Child C (2014)", "1", "Text.", "Police", "Train", "30/06/2024", "Noted"]]

    outcome = import_tracker(app, write_rows(tmp_path / "t.csv", header, rows), actor="manager", board=BOARD, on=date(2024, 1, 31))

    assert "header: 'Panel feedback' ignored: the product does not hold the national panel's feedback yet" in [str(w) for w in outcome.warnings]


def test_date_of_completion_and_outcome_gives_the_date_and_the_evidence(app, tmp_path):
    header = ["Review", "Rec", "Recommendation", "Lead Agency", "Action", "Target date", "Status", "Date of completion and outcome"]
    rows = [["Child C (2014)", "1", "Share information.", "Police", "Train officers", "30/06/2024", "Complete",
             "20/05/2024 - 412 of 420 officers trained"]]

    import_tracker(app, write_rows(tmp_path / "t.csv", header, rows), actor="manager", board=BOARD, on=date(2024, 1, 31))

    done = app.events_of("child-c-2014/R1/A1")[-1]
    assert done.on == date(2024, 5, 20) and done.evidence == "412 of 420 officers trained"


def test_a_missing_required_column_names_the_nearest_header(app, tmp_path):
    header = ["Review", "Rec No", "Recommendation", "Agency", "Action", "Target dte"]
    rows = [["Child C (2014)", "1", "Text.", "Police", "Train", "30/06/2024"]]

    assert refused(app, write_rows(tmp_path / "t.csv", header, rows), board=BOARD) == [
        "row 1, header: missing required column target date (nearest header: 'Target dte'); the headers found are "
        "'Review', 'Rec No', 'Recommendation', 'Agency', 'Action', 'Target dte'"]


# --- references ------------------------------------------------------------------------------------------------------

REF_HEADER = ["Reference", "Review", "Review code", "Recommendation no", "Recommendation", "Agency", "Action", "Target date", "Agreed date"]


def test_two_actions_with_the_same_agency_and_text_are_kept_apart_by_their_references(app, tmp_path):
    rows = [["child-c-2014/R1/A1", "Child C (2014)", "child-c-2014", "1", "Text.", "Police", "Train officers", "30/06/2024", "10/01/2024"],
            ["child-c-2014/R1/A2", "Child C (2014)", "child-c-2014", "1", "", "Police", "Train officers", "30/09/2024", "10/01/2024"]]
    path = write_rows(tmp_path / "t.csv", REF_HEADER, rows)

    assert import_tracker(app, path, actor="manager", board=BOARD).actions_created == ["child-c-2014/R1/A1", "child-c-2014/R1/A2"]
    assert not import_tracker(app, path, actor="manager", board=BOARD).changed_anything


def test_a_reference_that_disagrees_with_its_row_or_repeats_is_refused(app, tmp_path):
    rows = [["child-c-2014/R2/A1", "Child C (2014)", "child-c-2014", "1", "Text.", "Police", "Train", "30/06/2024", "10/01/2024"],
            ["child-d-2015/R1/A1", "Child C (2014)", "child-c-2014", "1", "", "Police", "Audit", "30/06/2024", "10/01/2024"],
            ["child-c-2014/R1/A1", "Child C (2014)", "child-c-2014", "1", "Text.", "Police", "Train", "30/06/2024", "10/01/2024"],
            ["child-c-2014/R1/A1", "Child C (2014)", "child-c-2014", "1", "", "Police", "Audit", "30/06/2024", "10/01/2024"]]

    assert refused(app, write_rows(tmp_path / "t.csv", REF_HEADER, rows), board=BOARD) == [
        "row 2, 'Reference': 'child-c-2014/R2/A1' is not under recommendation 1 given on this row",
        "row 3, 'Reference': 'child-d-2015/R1/A1' is not under review 'child-c-2014' given on this row",
        "row 5, 'Reference': child-c-2014/R1/A1 is also on row 4"]


# --- encodings and hostile files -------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_in_utf8_with_or_without_bom_and_windows_1252_reads_the_same(app, tmp_path, encoding):
    curly = [dict(r, agency=CSC_CURLY) if r["agency"] == "Children's Social Care" else r for r in CHILD_C]

    outcome = import_tracker(app, write_csv(tmp_path / "t.csv", curly, encoding=encoding), actor="manager")

    assert outcome.boards_registered == {BOARD: ["Police", "Acute Trust", "Education", "Children's Social Care"]}


def test_an_archive_that_unpacks_past_the_limit_is_refused_before_it_is_read(app, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 1024 * 1024))

    assert refused(app, path) == ["file: bomb.xlsx unpacks to 3.0 MB; the limit is 1.0 MB (it may be damaged or built to exhaust memory)"]


def test_a_file_or_sheet_past_the_size_and_row_limits_is_refused(app, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "t.csv", CHILD_C)
    monkeypatch.setattr(limits, "MAX_ROWS", 5)
    assert refused(app, path) == ["file: t.csv has more than 5 rows; the limit is 5 (split the tracker by board or review)"]
    monkeypatch.setattr(limits, "MAX_COLUMNS", 10)
    assert refused(app, path) == ["file: t.csv has a row of more than 10 cells; the limit is 10 (is it a tracker?)"]
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    assert refused(app, path)[0].startswith("file: t.csv is 0.0 MB; the limit is 0.0 MB")


def test_an_encrypted_xlsx_is_refused_as_password_protected(app, tmp_path):
    path = tmp_path / "locked.xlsx"  # what Excel writes when a workbook has a password: a compound file, not a zip
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512)

    assert refused(app, path) == ["file: locked.xlsx is password-protected; remove the password (File > Properties, or Save As "
                                  "without one) and import it again"]


def test_an_unknown_extension_says_which_formats_are_read(app, tmp_path):
    (tmp_path / "t.numbers").write_bytes(b"x")

    assert refused(app, tmp_path / "t.numbers") == [
        "file: t.numbers is not a .csv, .xlsx, .xlsm, .xls or .ods file (save it as .xlsx, .ods or .csv)"]


def test_the_command_refuses_a_near_miss_agency_and_adds_it_with_new_agency(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert main(["import", str(write_csv(tmp_path / "t.csv", CHILD_C)), "--db", db]) == 0
    typo = str(write_csv(tmp_path / "typo.csv", [dict(CHILD_C[4], action="Check plans again", agency="Childrens Social Care")]))
    before = events_in(db)
    capsys.readouterr()

    assert main(["import", typo, "--db", db]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "--new-agency 'Childrens Social Care'" in err[1] and events_in(db) == before

    assert main(["import", typo, "--db", db, "--new-agency", "Childrens Social Care"]) == 0
    assert f"added agencies to {BOARD!r}: Childrens Social Care" in capsys.readouterr().out


def test_a_board_registered_with_a_curly_apostrophe_is_the_board_a_file_spells_straight(app, tmp_path):
    curly_board = "St Mary\u2019s Safeguarding Partnership"
    app.register_board(curly_board, ["Police"], actor="manager", on=date(2024, 1, 1))

    outcome = import_tracker(app, write_csv(tmp_path / "t.csv", [CHILD_C[0]], board="St Mary's Safeguarding Partnership"), actor="manager")

    assert not outcome.boards_registered and app.action("child-c-2014/R1/A1").board == curly_board
