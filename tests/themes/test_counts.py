"""Counts by theme and reporting year: as at any date, with a board's renames and merges in force then."""
from __future__ import annotations

from datetime import date

import pytest

from domain.theme_scheme import scheme_id
from tests.builders import AGENCIES, BOARD

OTHER = "Eastmoor Safeguarding Partnership"


@pytest.fixture
def counted(services):
    app, themes = services.app, services.themes
    for board in (BOARD, OTHER):
        app.register_board(board, AGENCIES, actor="manager", on=date(2019, 1, 1))
    themes.commission_review(BOARD, "child-c-2019", "Child C (2019)", "scr", themes=["neglect"], actor="manager", on=date(2019, 5, 1))
    themes.commission_review(BOARD, "baby-m-2024", "Baby M (2024)", "lcspr", themes=["supervision"], actor="manager", on=date(2024, 5, 1))
    themes.make_recommendation("child-c-2019", 1, "Supervise neglect cases.", themes=["supervision"], actor="manager", on=date(2019, 6, 1))
    themes.make_recommendation("child-c-2019", 2, "Be curious.", themes=["professional curiosity"], actor="manager", on=date(2020, 2, 1))
    themes.make_recommendation("baby-m-2024", 1, "Supervise again.", themes=["supervision"], actor="manager", on=date(2024, 6, 1))
    app.add_action("baby-m-2024/R1", "Police", "Audit supervision.", date(2025, 3, 31), actor="manager", on=date(2024, 6, 2))
    themes.commission_review(OTHER, "child-j-2020", "Child J (2020)", "scr", themes=["supervision"], actor="manager", on=date(2020, 5, 1))
    themes.make_recommendation("child-j-2020", 1, "Supervise.", themes=["supervision"], actor="manager", on=date(2020, 6, 1))
    return services


def row(answer, name):
    return next(r for r in answer["rows"] if r["name"] == name)


def test_counts_are_by_reporting_year_and_as_at_a_date(counted):
    answer = counted.queries.themes(board=BOARD)
    assert answer["years"] == [2019, 2020, 2021, 2022, 2023, 2024]
    supervision = row(answer, "Supervision")
    assert supervision["years"][2019] == {"reviews": 0, "recommendations": 1}
    assert supervision["years"][2024] == {"reviews": 1, "recommendations": 1}
    assert row(answer, "Professional curiosity")["years"][2019]["recommendations"] == 1  # February 2020 is in 2019/20
    earlier = counted.queries.themes(board=BOARD, as_at=date(2024, 3, 31))
    assert row(earlier, "Supervision")["recommendations"] == 1 and row(earlier, "Supervision")["reviews"] == 0


def test_a_rename_shows_the_name_in_force_at_the_as_at_date(counted):
    counted.themes.rename_theme(BOARD, "supervision", "Management oversight and supervision", actor="manager", on=date(2025, 1, 1))
    counted.catch_up()
    assert row(counted.queries.themes(board=BOARD, as_at=date(2024, 12, 31)), "Supervision")["recommendations"] == 2
    after = counted.queries.themes(board=BOARD)
    assert row(after, "Management oversight and supervision")["recommendations"] == 2
    assert "Supervision" not in [r["name"] for r in after["rows"]]
    assert row(counted.queries.themes(board=OTHER), "Supervision")["recommendations"] == 1  # the other board's name stays


def test_a_merge_counts_the_two_themes_together_only_from_its_date(counted):
    counted.themes.merge_themes(BOARD, "professional curiosity", "supervision", actor="manager", on=date(2025, 1, 1))
    counted.catch_up()
    before = counted.queries.themes(board=BOARD, as_at=date(2024, 12, 31))
    assert row(before, "Supervision")["recommendations"] == 2 and row(before, "Professional curiosity")["recommendations"] == 1
    after = counted.queries.themes(board=BOARD)
    assert row(after, "Supervision")["recommendations"] == 3
    assert "Professional curiosity" not in [r["name"] for r in after["rows"]]
    kept = counted.app.repository.get(scheme_id(BOARD))  # the change is a dated event: history kept
    assert [(c["change"], c["theme"], c["into"], c["on"]) for c in kept.changes] == [
        ("merge", "professional-curiosity", "supervision", "2025-01-01")]


def test_filters_by_review_kind_and_agency(counted):
    by_kind = counted.queries.themes(board=BOARD, review_type="lcspr")
    assert [r["name"] for r in by_kind["rows"]] == ["Supervision"] and row(by_kind, "Supervision")["recommendations"] == 1
    by_agency = counted.queries.themes(board=BOARD, agency="Police")
    assert row(by_agency, "Supervision")["recommendations"] == 1  # only baby-m-2024/R1 has a Police action


def test_stored_free_text_themes_count_under_their_scheme_theme_or_as_a_word_until_aliased(counted):
    app = counted.app
    app.commission_review(BOARD, "old-2018", "Old (2018)", "scr", themes=["Escalation", "Housing"], actor="manager", on=date(2019, 1, 2))
    counted.catch_up()
    names = [r["name"] for r in counted.queries.themes(board=BOARD)["rows"]]
    assert "Escalation and challenge" in names and "Housing" in names
    counted.themes.alias_theme(BOARD, "Housing", "neglect", actor="manager", on=date(2025, 1, 1))
    counted.catch_up()
    assert row(counted.queries.themes(board=BOARD), "Neglect")["reviews"] == 2


def test_the_yearly_reports_recurring_learning_counts_the_years_recommendations_that_recur(counted):
    rows = counted.queries.recurring_learning(2024, board=BOARD)
    assert rows == [{"theme": "supervision", "name": "Supervision", "recommendations": 1, "recurring": 1,
                     "percent_recurring": 100.0, "earlier_reviews": 1}]  # baby-m-2024/R1 recurs child-c-2019/R1
    assert counted.queries.recurring_learning(2019, board=BOARD)[0]["recurring"] == 0


def test_themes_and_recurrences_read_the_same_on_sqlite_and_postgresql(make_services, durable_url):
    services = make_services(durable_url)
    app, themes = services.app, services.themes
    app.register_board(BOARD, AGENCIES, actor="manager", on=date(2019, 1, 1))
    themes.commission_review(BOARD, "child-c-2019", "Child C (2019)", "scr", themes=["neglect"], actor="manager", on=date(2019, 5, 1))
    themes.commission_review(BOARD, "baby-m-2024", "Baby M (2024)", "lcspr", themes=["Neglect"], actor="manager", on=date(2024, 5, 1))
    themes.make_recommendation("child-c-2019", 1, "Act on neglect early.", themes=["neglect"], actor="manager", on=date(2019, 6, 1))
    _, found = themes.make_recommendation("baby-m-2024", 1, "Act on neglect early, again.", themes=["neglect"],
                                          actor="manager", on=date(2024, 6, 1))
    themes.merge_themes(BOARD, "thresholds", "neglect", actor="manager", on=date(2024, 7, 1))
    services.catch_up()
    assert [e["reference"] for e in found] == ["child-c-2019/R1"]
    neglect = row(services.queries.themes(board=BOARD), "Neglect")
    assert (neglect["reviews"], neglect["recommendations"]) == (2, 2)
    assert services.queries.recurrences("baby-m-2024/R1")["rows"][0]["earlier"] == "child-c-2019/R1"
    services.projections.rebuild()  # the theme tables are read models: a rebuild gives the same answer
    assert row(services.queries.themes(board=BOARD), "Neglect") == neglect
