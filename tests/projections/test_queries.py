"""The read API against a year of plans worked out by hand, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date, timezone

import pytest

from domain.impact import IMPACT_COLUMNS, NEW_STATUS_COLUMNS

from domain.errors import DomainError, NotFound
from domain.history_wording import event_details
from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from projections.read.counts import percent
from tests import pg
from tests.conftest import TODAY
from tests.projections.stories import AGENCIES, BOARD, OTHER_BOARD, d, year_of_plans

ACTION_KEYS = {
    "id", "reference", "board", "review_code", "review_title", "recommendation_reference", "recommendation_number",
    "number", "agency", "text", "lead", "measure", "contact", "status", "rag", "overdue", "days_overdue",
    "target_date", "original_target_date", "reschedules", "agreed_on", "completed_on", "signed_off_on",
    "last_update", "last_progress_on", "evidence", "impact", "version", "assurance", "assurance_comment",
}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def services(request, tmp_path_factory):
    """One store per dialect for the whole module: these tests only read."""
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path_factory.mktemp('queries') / 'store.sqlite'}", lambda: None
    else:
        url, drop = pg.fresh_database()
    built = bootstrap(Settings(db_url=url, local_user="tester"), clock=lambda: TODAY)
    year_of_plans(built.app)
    built.catch_up()
    yield built
    built.close()
    drop()


@pytest.fixture(scope="module")
def queries(services):
    return services.queries


def row(status, key):
    return next(r for r in status["rows"] if r["key"] == key)


def action_columns(counts: dict) -> dict:
    """A status row without the assurance and impact columns (tests/impact checks those)."""
    return {k: v for k, v in counts.items() if k not in NEW_STATUS_COLUMNS}


# --- status -------------------------------------------------------------------------------------


def test_status_as_at_mid_year_counts_what_was_in_force_at_the_end_of_that_day(queries):
    status = queries.status(as_at=d("2024-06-30"))
    assert status["as_at"] == "2024-06-30" and status["by"] == "agency"
    assert [r["key"] for r in status["rows"]] == ["Acute Trust", "Children's Social Care", "Education", "Housing", "Police"]
    assert action_columns(row(status, "Police")) == {
        "key": "Police", "total": 3, "not_started": 1, "in_progress": 1, "completed": 0, "signed_off": 1,
        "withdrawn": 0, "overdue": 1, "percent_complete": 33.3, "percent_signed_off": 33.3,
    }
    assert action_columns(status["totals"]) == {
        "key": "all", "total": 8, "not_started": 2, "in_progress": 3, "completed": 0, "signed_off": 3,
        "withdrawn": 0, "overdue": 2, "percent_complete": 37.5, "percent_signed_off": 37.5,
    }


def test_actions_count_only_from_the_day_they_were_agreed_and_withdrawn_ones_leave_the_denominator(queries):
    status = queries.status(as_at=d("2024-03-01"))
    assert status["totals"]["total"] == 6  # two actions were agreed on 10 March
    assert action_columns(row(status, "Education")) == {
        "key": "Education", "total": 1, "not_started": 0, "in_progress": 0, "completed": 0, "signed_off": 0,
        "withdrawn": 1, "overdue": 0, "percent_complete": None, "percent_signed_off": None,
    }


def test_status_today_reads_the_current_rows(queries):
    police = row(queries.status(), "Police")
    assert (police["signed_off"], police["not_started"], police["overdue"], police["percent_complete"]) == (2, 1, 1, 66.7)
    assert queries.status(as_at=TODAY) == queries.status()


def test_status_groups_by_board_review_and_recommendation(queries):
    by_board = queries.status("board", as_at=d("2024-06-30"))
    assert [(r["key"], r["total"], r["overdue"], r["percent_complete"]) for r in by_board["rows"]] == [
        (BOARD, 6, 1, 50.0), (OTHER_BOARD, 2, 1, 0.0),
    ]
    assert [r["key"] for r in queries.status("review")["rows"]] == ["adult-a-2024", "baby-m-2023", "child-c-2014"]
    assert [r["key"] for r in queries.status("recommendation")["rows"]] == [
        "adult-a-2024/R1", "baby-m-2023/R1", "child-c-2014/R1", "child-c-2014/R2",
    ]


def test_status_filters_accept_any_case_and_keep_to_their_scope(queries):
    assert queries.status(board=BOARD.upper())["totals"]["total"] == 6
    assert queries.status(review="CHILD-C-2014")["totals"]["total"] == 4
    assert [r["key"] for r in queries.status("review", agency="police")["rows"]] == ["adult-a-2024", "baby-m-2023", "child-c-2014"]


def test_percentages_round_half_up_to_one_place():
    assert [percent(1, 16), percent(1, 3), percent(2, 3), percent(1, 8), percent(0, 0)] == [6.3, 33.3, 66.7, 12.5, None]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda q: q.status(board="Nowhere Board"), "board"),
        (lambda q: q.status(review="child-z-1999"), "review"),
        (lambda q: q.status(agency="Fire Service"), "agency"),
        (lambda q: q.status(board=OTHER_BOARD, agency="Education"), "agency"),
        (lambda q: q.actions(status="finished"), "status"),
        (lambda q: q.actions(recommendation="child-c-2014/R9"), "recommendation"),
        (lambda q: q.action("child-c-2014/R1/A9"), "action"),
        (lambda q: q.review("child-z-1999"), "review"),
        (lambda q: q.recommendation("child-c-2014/R9"), "recommendation"),
        (lambda q: q.history("child-z-1999/R1"), "reference"),
    ],
)
def test_unknown_names_in_filters_are_not_found_naming_the_field(queries, call, field):
    with pytest.raises(NotFound) as error:
        call(queries)
    assert error.value.field == field


def test_an_as_at_date_in_the_future_is_refused(queries):
    with pytest.raises(DomainError, match="2026-11-23 is in the future") as error:
        queries.status(as_at=date(2026, 11, 23))
    assert error.value.field == "as-at"


def test_headline_sums_up_a_board(queries):
    assert queries.headline(board=BOARD, as_at=d("2024-06-30")) == {
        "as_at": "2024-06-30", "actions": 6, "percent_complete": 50.0, "percent_signed_off": 50.0, "overdue": 1,
        "due_30": 0, "awaiting_sign_off": 0, "open_priority_recommendations": 2,
    }


# --- actions ------------------------------------------------------------------------------------


def test_overdue_actions_as_at_a_date_with_days_overdue(queries):
    rows = queries.actions(overdue=True, as_at=d("2024-06-30"))
    assert [(r["reference"], r["days_overdue"], r["rag"]) for r in rows] == [
        ("child-c-2014/R2/A1", 91, "Red"), ("adult-a-2024/R1/A2", 61, "Red"),
    ]


def test_action_lists_filter_by_sign_off_due_date_status_and_limit(queries):
    awaiting = queries.actions(awaiting_sign_off=True, as_at=d("2024-03-10"))
    assert [r["reference"] for r in awaiting] == ["baby-m-2023/R1/A1", "child-c-2014/R1/A2"]
    assert [r["reference"] for r in queries.actions(due_within_days=30, as_at=d("2024-06-15"))] == ["adult-a-2024/R1/A1"]
    assert [r["reference"] for r in queries.actions(status="withdrawn", as_at=d("2024-03-01"))] == ["child-c-2014/R2/A1"]
    assert len(queries.actions(limit=2)) == 2
    assert {r["agency"] for r in queries.actions(agency="POLICE", board=BOARD)} == {"Police"}
    assert [r["number"] for r in queries.actions(recommendation="child-c-2014/R1")] == [1, 2]


@pytest.mark.parametrize("as_at", [None, d("2024-06-30"), d("2025-03-31")])
def test_a_limited_list_is_the_first_rows_of_the_full_one_today_and_as_at(queries, as_at):
    full = queries.actions(as_at=as_at)
    assert len(full) > 3
    for limit in range(1, len(full) + 2):
        assert queries.actions(as_at=as_at, limit=limit) == full[:limit], limit
    overdue = queries.actions(as_at=as_at, overdue=True)
    assert queries.actions(as_at=as_at, overdue=True, limit=1) == overdue[:1]


def test_an_action_as_at_a_past_date_has_that_days_status_and_target_but_todays_text(queries):
    past = next(r for r in queries.actions(as_at=d("2024-06-30")) if r["reference"] == "child-c-2014/R1/A2")
    now = queries.action("child-c-2014/R1/A2")
    assert (past["status"], past["target_date"], past["reschedules"]) == ("in_progress", d("2024-07-31"), 1)
    assert (now["status"], now["target_date"], now["reschedules"], now["rag"]) == ("in_progress", d("2024-10-31"), 2, "Red")
    assert past["text"] == now["text"] == "Audit referrals."
    assert now["original_target_date"] == d("2024-04-30")


def test_one_action_has_every_documented_field(queries, services):
    action = queries.action("child-c-2014/R1/A1")
    assert set(action) == ACTION_KEYS
    assert action == queries.action(action["id"])
    assert (action["status"], action["rag"], action["completed_on"], action["signed_off_on"]) == ("signed_off", "Blue", d("2024-08-15"), d("2024-09-10"))
    assert (action["evidence"], action["impact"], action["review_title"]) == ("Register: 412 of 420 officers", "Referrals now name the threshold", "Child C (2014)")
    assert action["version"] == services.app.action("child-c-2014/R1/A1").version


def test_a_reopened_action_is_back_in_progress_with_its_sign_off_cleared(queries):
    action = queries.action("child-c-2014/R2/A2")
    assert (action["status"], action["signed_off_on"], action["completed_on"], action["last_update"]) == ("in_progress", None, None, d("2024-08-01"))


# --- history ------------------------------------------------------------------------------------


@pytest.mark.parametrize("reference", ["child-c-2014/R1/A2", "child-c-2014/R1", "child-c-2014", "baby-m-2023/R1/A1"])
def test_history_tells_every_event_as_the_domain_does(queries, services, reference):
    history = queries.history(reference)
    events = services.app.events_of(reference)
    assert [h["event"] for h in history] == [type(e).__name__ for e in events]
    assert [h["details"] for h in history] == [event_details(e) for e in events]
    assert [h["effective"] for h in history] == [e.on for e in events]
    assert all(h["recorded_at"].tzinfo == timezone.utc for h in history)
    assert [h["recorded_at"] for h in history] == [e.timestamp for e in events]


def test_history_of_a_board_by_its_name(queries):
    history = queries.history(OTHER_BOARD)
    assert [(h["event"], h["change"]) for h in history] == [("Registered", "Board registered")]


# --- boards, reviews, recommendations ----------------------------------------------------------


def test_boards_and_agencies(queries):
    boards = queries.boards()
    assert [b["name"] for b in boards] == [BOARD, OTHER_BOARD]
    assert boards[0]["agencies"] == AGENCIES
    assert queries.agencies() == ["Acute Trust", "Children's Social Care", "Education", "Housing", "Police"]
    assert queries.agencies(board=OTHER_BOARD.lower()) == ["Housing", "Police"]


def test_a_review_as_at_a_date_has_that_days_stage_and_clocks(queries):
    (review,) = queries.reviews(as_at=d("2024-01-25"))
    assert (review["code"], review["stage"], review["review_type_label"]) == ("child-c-2014", "rapid_review", "Serious Case Review")
    assert review["deadlines"] == [
        {"name": "notification", "due": d("2024-01-09"), "met_on": d("2024-01-05"), "state": "met"},
        {"name": "rapid review", "due": d("2024-01-23"), "met_on": d("2024-01-20"), "state": "met"},
        {"name": "publication", "due": None, "met_on": None, "state": "not started"},
    ]
    assert (review["actions"], review["recommendations"]) == (4, 2)


def test_reviews_today_and_their_deadlines_at_risk(queries):
    review = queries.review("child-c-2014")
    assert review["stage"] == "decision" and review["panel_notified_on"] == d("2024-01-05")
    assert review["deadlines"][2] == {"name": "publication", "due": d("2024-08-01"), "met_on": None, "state": "late"}
    soon = queries.deadlines_at_risk(as_at=d("2024-02-01"))
    assert [(r["review_code"], r["deadline"], r["state"], r["working_days_left"]) for r in soon] == [
        ("baby-m-2023", "notification", "pending", 2),
    ]
    assert {r["state"] for r in queries.deadlines_at_risk()} == {"late"}


def test_recommendations_show_the_boards_status_and_how_far_they_are_implemented(queries):
    now = {r["reference"]: (r["status"], r["implementation"]) for r in queries.recommendations()}
    assert now == {
        "adult-a-2024/R1": ("rejected", "rejected"), "baby-m-2023/R1": ("closed", "closed"),
        "child-c-2014/R1": ("open", "partly implemented"), "child-c-2014/R2": ("open", "partly implemented"),
    }
    may = {r["reference"]: r["implementation"] for r in queries.recommendations(as_at=d("2024-05-20"))}
    assert may["baby-m-2023/R1"] == "implemented"
    february = {r["reference"]: r["implementation"] for r in queries.recommendations(as_at=d("2024-02-15"))}
    assert february == {"baby-m-2023/R1": "not started", "child-c-2014/R1": "partly implemented", "child-c-2014/R2": "not started"}


def test_open_and_priority_recommendations(queries):
    assert [r["reference"] for r in queries.recommendations(open_only=True)] == ["child-c-2014/R1", "child-c-2014/R2"]
    assert [r["reference"] for r in queries.recommendations(priority_only=True, board=BOARD)] == ["child-c-2014/R1", "child-c-2014/R2"]
    closed = queries.recommendation("baby-m-2023/R1")
    assert (closed["impact"], closed["actions"], closed["signed_off"]) == ("Fewer unsafe sleep incidents", 2, 2)


# --- annual report ------------------------------------------------------------------------------


def test_the_monthly_trend_is_the_status_at_each_month_end(queries):
    trend = queries.monthly_trend(2024)
    assert [r["month_end"] for r in trend][:3] == [d("2024-04-30"), d("2024-05-31"), d("2024-06-30")]
    assert len(trend) == 12
    for month in trend:
        totals = queries.status(as_at=month["month_end"])["totals"]
        # The trend is of actions: the recommendations' impact columns are status's alone.
        assert {k: v for k, v in month.items() if k != "month_end"} == {k: v for k, v in totals.items() if k != "key" and k not in IMPACT_COLUMNS}
    assert len(queries.monthly_trend(2026)) == 7  # April to October: November has not ended


def test_time_to_complete_from_agreed_to_first_completion(queries):
    rows = queries.time_to_complete()
    assert rows[-1] == {"agency": "All agencies", "completed": 5, "median_days": 52.0, "mean_days": 89.6, "p90_days": 218}
    assert rows[0] == {"agency": "Acute Trust", "completed": 2, "median_days": 63.5, "mean_days": 63.5, "p90_days": 107}
    in_2023 = queries.time_to_complete(year=2023)
    assert [(r["agency"], r["completed"]) for r in in_2023] == [("Acute Trust", 1), ("Children's Social Care", 1), ("All agencies", 2)]


def test_slippage_counts_moved_target_dates_per_agency(queries):
    now = {r["agency"]: r for r in queries.slippage()}
    assert now["Children's Social Care"] == {
        "agency": "Children's Social Care", "actions": 1, "rescheduled": 1, "reschedules": 2,
        "percent_rescheduled": 100.0, "mean_days_slipped": 184.0,
    }
    assert (now["Police"]["percent_rescheduled"], now["Police"]["mean_days_slipped"]) == (33.3, 92.0)
    midyear = {r["agency"]: r for r in queries.slippage(as_at=d("2024-06-30"))}
    assert (midyear["Children's Social Care"]["reschedules"], midyear["Children's Social Care"]["mean_days_slipped"]) == (1, 92.0)


def test_history_details_are_the_same_when_the_store_is_encrypted(sqlite_url):
    from monitoring.security.encryption import new_key

    encrypted = bootstrap(Settings(db_url=sqlite_url, key=new_key(), local_user="tester"), clock=lambda: TODAY)
    try:
        year_of_plans(encrypted.app)
        encrypted.catch_up()
        history = encrypted.queries.history("child-c-2014/R1/A2")
        assert [h["details"] for h in history] == [event_details(e) for e in encrypted.app.events_of("child-c-2014/R1/A2")]
    finally:
        encrypted.close()


def test_last_progress_as_at_a_date_is_the_latest_report_or_completion_by_then(queries):
    by_ref = {a["reference"]: a["id"] for a in queries.actions()}
    ids = [by_ref["child-c-2014/R1/A1"], by_ref["child-c-2014/R1/A2"], by_ref["child-c-2014/R2/A1"]]
    found = {r["id"]: r for r in queries.last_progress(ids, as_at=d("2024-05-31"))}
    assert found[ids[0]]["last_progress_on"] == d("2024-02-01")  # progress on 1 Feb; completed only on 15 Aug
    assert found[ids[1]]["last_progress_on"] == d("2024-03-01")  # its completion is progress too
    assert found[ids[2]]["last_progress_on"] is None  # withdrawn and reopened: no progress reported
    assert found[ids[0]]["board"] == BOARD and found[ids[0]]["agency"] == "Police"  # for the reader's scope
    assert queries.last_progress(ids[:1], as_at=d("2024-08-15"))[0]["last_progress_on"] == d("2024-08-15")
    assert queries.last_progress(ids, as_at=d("2024-05-31"), board=OTHER_BOARD) == []
