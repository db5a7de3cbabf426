"""What the themes page counts, pinned on both stores: the counting is done in SQL, so SQLite and PostgreSQL
must agree with each other and with the rules (records not words; the words in force at the end of the day)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.builders import AGENCIES, BOARD

OTHER = "Eastmoor Safeguarding Partnership"


@pytest.fixture
def store(make_services, durable_url):
    services = make_services(durable_url)
    app, themes = services.app, services.themes
    for board in (BOARD, OTHER):
        app.register_board(board, AGENCIES, actor="manager", on=date(2019, 1, 1))
    # Stored as the trackers had them: two words for one theme ("DV" and "domestic violence" are both domestic abuse).
    app.commission_review(BOARD, "child-c-2019", "Child C (2019)", "scr", themes=["DV", "domestic violence", "Housing"],
                          actor="manager", on=date(2019, 5, 1))
    app.make_recommendation("child-c-2019", 1, "Ask about abuse at home.", themes=["Domestic abuse", "dva", "neglect"],
                            actor="manager", on=date(2019, 6, 1))
    themes.commission_review(BOARD, "baby-m-2024", "Baby M (2024)", "lcspr", themes=["neglect"], actor="manager", on=date(2024, 5, 1))
    themes.make_recommendation("baby-m-2024", 1, "Escalate neglect.", themes=["neglect", "escalation"], actor="manager", on=date(2024, 6, 1))
    app.add_action("baby-m-2024/R1", "Police", "Audit escalations.", date(2025, 3, 31), actor="manager", on=date(2024, 6, 2))
    themes.commission_review(OTHER, "child-j-2020", "Child J (2020)", "scr", themes=["neglect"], actor="manager", on=date(2020, 5, 1))
    for number in range(1, 7):
        themes.make_recommendation("child-j-2020", number, f"Neglect step {number}.", themes=["neglect"], actor="manager",
                                   on=date(2020, 6, number))
    services.catch_up()
    return services


def row(answer, theme):
    return next((r for r in answer["rows"] if r["theme"] == theme), None)


def test_a_record_with_two_words_for_one_theme_counts_once(store):
    answer = store.queries.themes(board=BOARD)
    abuse = row(answer, "domestic-abuse")
    assert (abuse["reviews"], abuse["recommendations"]) == (1, 1)
    assert abuse["years"][2019] == {"reviews": 1, "recommendations": 1}
    assert row(answer, "word:housing")["name"] == "Housing" and row(answer, "word:housing")["local"]


def test_an_alias_that_makes_two_words_one_theme_still_counts_the_record_once(store):
    store.themes.alias_theme(BOARD, "Housing", "domestic abuse", actor="manager", on=date(2025, 1, 1))
    store.catch_up()
    assert row(store.queries.themes(board=BOARD), "domestic-abuse")["reviews"] == 1
    assert row(store.queries.themes(board=BOARD), "word:housing") is None


def test_a_reviews_themes_set_again_count_from_that_date_and_an_empty_set_counts_none(store):
    store.themes.set_themes("baby-m-2024", ["supervision"], actor="manager", on=date(2025, 1, 10))
    store.themes.set_themes("child-c-2019", [], actor="manager", on=date(2025, 2, 1))
    store.catch_up()
    before = store.queries.themes(board=BOARD, as_at=date(2025, 1, 9))
    assert row(before, "neglect")["reviews"] == 1 and row(before, "supervision") is None
    assert row(before, "domestic-abuse")["reviews"] == 1
    after = store.queries.themes(board=BOARD)
    assert row(after, "neglect")["reviews"] == 0 and row(after, "supervision")["reviews"] == 1
    assert row(after, "domestic-abuse")["reviews"] == 0 and row(after, "word:housing") is None


def test_a_recommendation_coded_again_is_listed_under_its_new_theme_only_from_that_date(store):
    store.themes.set_themes("baby-m-2024/R1", ["supervision"], actor="manager", on=date(2025, 1, 10))
    store.catch_up()
    def refs(theme, **filters):
        return [r["reference"] for r in store.queries.theme_recommendations(theme, board=BOARD, **filters)]

    assert refs("neglect", as_at=date(2025, 1, 9)) == ["child-c-2019/R1", "baby-m-2024/R1"]
    assert refs("neglect") == ["child-c-2019/R1"] and refs("supervision") == ["baby-m-2024/R1"]
    assert refs("neglect", year=2024, as_at=date(2025, 1, 9)) == ["baby-m-2024/R1"]
    assert row(store.queries.themes(board=BOARD), "escalation-and-challenge") is None


def test_the_agency_filter_counts_a_recommendation_by_its_actions_and_a_review_by_its_recommendations_actions(store):
    answer = store.queries.themes(board=BOARD, agency="Police")
    assert [r["theme"] for r in answer["rows"]] == ["neglect", "escalation-and-challenge"]
    assert (row(answer, "neglect")["reviews"], row(answer, "neglect")["recommendations"]) == (1, 1)
    assert [r["reference"] for r in store.queries.theme_recommendations("neglect", board=BOARD, agency="Police")] == ["baby-m-2024/R1"]


def test_other_boards_are_counts_by_shared_theme_with_under_five_banded(store):
    answer = store.queries.themes(readable=[BOARD])
    others = {r["theme"]: r for r in answer["other_boards"]["rows"]}
    assert (others["neglect"]["reviews"], others["neglect"]["recommendations"]) == ("fewer than 5", 6)
    assert others["safe-sleep"]["recommendations"] == 0
    assert answer["boards"] == [BOARD] and row(answer, "neglect")["recommendations"] == 2
