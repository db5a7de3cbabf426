"""A tracker as boards keep it becomes boards, reviews, recommendations and actions with their history."""
from __future__ import annotations

from datetime import date

import pytest

from domain.board import Board
from domain.review import Review
from monitoring.trackers.importing import import_tracker
from tests.importing.trackers import BOARD, CHILD_C, write_csv, write_xlsx


def events(app, ref):
    return [(type(e).__name__, e.on) for e in app.events_of(ref)]


def test_an_xlsx_tracker_with_a_title_row_merged_cells_and_date_cells_is_imported(app, tmp_path):
    path = write_xlsx(tmp_path / "tracker.xlsx", CHILD_C)

    outcome = import_tracker(app, path, actor="manager")

    board = app.board(BOARD)
    assert board.agencies == ["Police", "Acute Trust", "Education", "Children's Social Care"]
    review = app.review("child-c-2014")
    assert (review.title, review.review_type, review.board) == ("Child C (2014)", "scr", BOARD)
    assert review.themes == ["information sharing", "neglect", "voice of the child"]
    r1 = app.recommendation("child-c-2014/R1")
    assert r1.text == "Agencies share information at the point of referral."
    assert r1.priority is True and r1.action_count == 2
    assert app.recommendation("child-c-2014/R2").priority is False
    assert app.action("child-c-2014/R1/A2").agency == "Acute Trust"
    assert app.action("child-c-2014/R2/A3").target_date == date(2024, 3, 31)
    assert outcome.actions_created == [
        "child-c-2014/R1/A1", "child-c-2014/R1/A2", "child-c-2014/R2/A1", "child-c-2014/R2/A2", "child-c-2014/R2/A3",
        "child-c-2014/R3/A1",
    ]


def test_each_imported_status_is_the_history_that_leads_to_it_on_its_status_date(app, tmp_path):
    import_tracker(app, write_xlsx(tmp_path / "tracker.xlsx", CHILD_C), actor="manager")

    assert events(app, "child-c-2014/R1/A1") == [
        ("Agreed", date(2024, 1, 10)), ("Completed", date(2024, 5, 20)), ("SignedOff", date(2024, 5, 20))]
    assert events(app, "child-c-2014/R1/A2") == [("Agreed", date(2024, 1, 10)), ("ProgressReported", date(2024, 4, 15))]
    assert events(app, "child-c-2014/R2/A1") == [("Agreed", date(2024, 2, 1)), ("Completed", date(2025, 1, 15))]
    assert events(app, "child-c-2014/R2/A2") == [("Agreed", date(2024, 2, 1)), ("Withdrawn", date(2024, 3, 1))]
    assert events(app, "child-c-2014/R2/A3") == [("Agreed", date(2024, 2, 1))]
    withdrawn = app.events_of("child-c-2014/R2/A2")[-1]
    assert withdrawn.reason == "Superseded by the revised policy"
    assert app.events_of("child-c-2014/R1/A2")[-1].note == "Audit half done"
    assert app.events_of("child-c-2014/R1/A1")[1].evidence == "Training register: 412 of 420 officers"


def test_review_and_recommendation_are_dated_by_their_earliest_agreed_action(app, tmp_path):
    import_tracker(app, write_xlsx(tmp_path / "tracker.xlsx", CHILD_C), actor="manager")

    assert events(app, "child-c-2014")[0] == ("Commissioned", date(2024, 1, 10))
    assert events(app, "child-c-2014/R3")[0] == ("Made", date(2024, 9, 1))


def test_a_csv_saved_by_excel_with_a_bom_crlf_uk_dates_and_stray_spaces_is_imported(app, tmp_path):
    rows = [dict(r, agency=f"  {r['agency']} ", action=f"{r['action']}  ") for r in CHILD_C]
    path = write_csv(tmp_path / "tracker.csv", rows)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in path.read_bytes()

    import_tracker(app, path, actor="manager")

    action = app.action("child-c-2014/R1/A1")
    assert (action.agency, action.text) == ("Police", "Train officers in referral thresholds")
    assert action.signed_off_on == date(2024, 5, 20)


def test_a_windows_1252_csv_keeps_its_pound_signs_and_curly_quotes(app, tmp_path):
    rows = [dict(CHILD_C[4], action="Fund the £5k “school contact” pilot")]
    path = write_csv(tmp_path / "tracker.csv", [dict(rows[0], recommendation="Schools are told.")], encoding="cp1252")

    import_tracker(app, path, actor="manager")

    assert app.action("child-c-2014/R2/A1").text == "Fund the £5k “school contact” pilot"


def test_iso_and_single_digit_uk_dates_and_excel_numbers_for_the_recommendation_are_read(app, tmp_path):
    row = dict(CHILD_C[4], recommendation="Schools are told.", recommendation_no=2.0,
               target_date="2024-03-31", agreed_date="1/2/2024")
    import_tracker(app, write_xlsx(tmp_path / "t.xlsx", [row]), actor="manager")

    action = app.action("child-c-2014/R2/A1")
    assert (action.agreed_on, action.target_date) == (date(2024, 2, 1), date(2024, 3, 31))


def test_the_first_sheet_with_a_header_row_is_read_unless_a_sheet_is_named(app, tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", CHILD_C[:2], extra_sheets=["Read me"])

    outcome = import_tracker(app, path, actor="manager")

    assert "Action plan" in outcome.filename and len(outcome.actions_created) == 2


def test_the_board_comes_from_the_command_when_the_file_has_no_board_column(app, tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", CHILD_C[:1], board=None)

    outcome = import_tracker(app, path, actor="manager", board="East Vale Safeguarding Partnership")

    assert app.review("child-c-2014").board == "East Vale Safeguarding Partnership"
    assert outcome.boards_registered == {"East Vale Safeguarding Partnership": ["Police"]}


def test_agencies_new_to_a_registered_board_are_added_to_it(app, tmp_path):
    app.register_board(BOARD, ["police"], actor="manager", on=date(2023, 1, 1))

    outcome = import_tracker(app, write_xlsx(tmp_path / "t.xlsx", CHILD_C[:3]), actor="manager")

    assert app.board(BOARD).agencies == ["police", "Acute Trust", "Education"]
    assert outcome.agencies_added == {BOARD: ["Acute Trust", "Education"]}
    assert app.action("child-c-2014/R1/A1").agency == "police"  # the board's own spelling


def test_review_code_and_type_columns_are_used_when_present(app, tmp_path):
    rows = [dict(CHILD_C[0], review_code="NS-SAR-01", review_type="Safeguarding Adults Review", review="Adult D")]

    import_tracker(app, write_xlsx(tmp_path / "t.xlsx", rows), actor="manager")

    review = app.review("ns-sar-01")
    assert (review.title, review.review_type) == ("Adult D", "sar")


def test_agreed_date_defaults_to_the_on_date_and_status_date_to_the_agreed_date(app, tmp_path):
    row = dict(CHILD_C[0], recommendation="Text", target_date=date(2025, 6, 30))
    del row["agreed_date"], row["status_date"]

    import_tracker(app, write_xlsx(tmp_path / "t.xlsx", [row]), actor="manager", on=date(2025, 1, 6))

    assert events(app, "child-c-2014/R1/A1") == [
        ("Agreed", date(2025, 1, 6)), ("Completed", date(2025, 1, 6)), ("SignedOff", date(2025, 1, 6))]


def test_a_dry_run_says_what_it_would_create_and_writes_nothing(app, tmp_path):
    outcome = import_tracker(app, write_xlsx(tmp_path / "t.xlsx", CHILD_C), actor="manager", dry_run=True)

    text = "\n".join(outcome.lines())
    assert f"would register board {BOARD!r} with agencies: Police, Acute Trust, Education, Children's Social Care" in text
    assert "would create 1 review, 3 recommendations, 6 actions" in text
    assert Board.create_id(BOARD) not in app.repository
    assert Review.create_id("child-c-2014") not in app.repository


@pytest.mark.parametrize("word, status", [("Ongoing", "in_progress"), ("complete", "completed"), ("CLOSED", "signed_off"),
                                          ("signed-off", "signed_off"), ("", "not_started"), ("in_progress", "in_progress")])
def test_tracker_status_words_map_to_the_products_statuses(app, tmp_path, word, status):
    row = dict(CHILD_C[1], recommendation="Text", status=word)

    import_tracker(app, write_xlsx(tmp_path / "t.xlsx", [row]), actor="manager")

    assert app.action("child-c-2014/R1/A1").status == status


def test_an_import_is_stored_the_same_in_every_kind_of_store(store_url, make_services, tmp_path):
    app = make_services(store_url).app
    import_tracker(app, write_xlsx(tmp_path / "t.xlsx", CHILD_C), actor="manager")

    reader = app if store_url == "memory:" else make_services(store_url).app
    assert reader.action("child-c-2014/R1/A1").status == "signed_off"
    assert reader.recommendation("child-c-2014/R2").action_count == 3


def test_someone_who_may_not_manage_the_board_imports_nothing(make_services, tmp_path):
    from domain.errors import PermissionDenied

    class ReadOnly:
        def check(self, actor, permission, *, board=None, agency=None):
            if permission == "manage":
                raise PermissionDenied("as", f"{actor} may not manage {board}")

    app = make_services("memory:", policy=ReadOnly()).app

    with pytest.raises(PermissionDenied, match=f"agency.lead may not manage {BOARD}"):
        import_tracker(app, write_xlsx(tmp_path / "t.xlsx", CHILD_C), actor="agency.lead")
    assert Board.create_id(BOARD) not in app.repository


def test_a_store_changed_by_someone_else_during_the_import_is_a_conflict_and_nothing_is_written(make_services, sqlite_url, tmp_path):
    from domain.errors import Conflict

    app = make_services(sqlite_url).app
    other = make_services(sqlite_url).app
    real_save = app.save

    def save_after_someone_else(*aggregates):
        other.register_board(BOARD, ["Police"], actor="someone.else", on=date(2024, 1, 1))
        return real_save(*aggregates)

    app.save = save_after_someone_else

    with pytest.raises(Conflict):
        import_tracker(app, write_xlsx(tmp_path / "t.xlsx", CHILD_C), actor="manager")
    assert Review.create_id("child-c-2014") not in other.repository
