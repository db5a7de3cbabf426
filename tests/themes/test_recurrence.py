"""Recurrence: a new recommendation on learning an earlier review already had, by theme or by text."""
from __future__ import annotations

from datetime import date

import pytest

from domain.errors import NotFound, PermissionDenied
from tests.builders import AGENCIES, BOARD

OTHER = "Eastmoor Safeguarding Partnership"
SHARING = "All agencies should ensure that information about domestic abuse is shared with the GP and health visitor within 24 hours."
REWORDED = "All agencies must ensure that information about domestic abuse is shared with the GP and the health visitor within 24 hours."
# Same opening words, different learning: token_sort_ratio 63 against VOICE, under the threshold of 80.
VOICE = "The partnership should ensure practitioners hear the voice of the child and record the child's wishes in every assessment."
NEAR_MISS = "The partnership should ensure practitioners understand the escalation policy and use it when they disagree with a decision."


@pytest.fixture
def themed(services):
    app, themes = services.app, services.themes
    for board in (BOARD, OTHER):
        app.register_board(board, AGENCIES, actor="manager", on=date(2019, 1, 1))
    themes.commission_review(BOARD, "child-c-2019", "Child C (2019)", "scr", themes=["neglect"], actor="manager", on=date(2019, 2, 1))
    themes.commission_review(BOARD, "baby-m-2024", "Baby M (2024)", "lcspr", themes=["neglect"], actor="manager", on=date(2024, 5, 1))
    themes.commission_review(OTHER, "child-j-2020", "Child J (2020)", "scr", actor="manager", on=date(2020, 2, 1))
    themes.make_recommendation("child-c-2019", 1, VOICE, themes=["voice of the child"], actor="manager", on=date(2019, 3, 1))
    themes.make_recommendation("child-c-2019", 2, "Health visitors should give safe sleep advice at every contact.",
                               themes=["safe sleep"], actor="manager", on=date(2019, 3, 1))
    themes.make_recommendation("child-j-2020", 1, SHARING, themes=["domestic abuse"], actor="manager", on=date(2020, 3, 1))
    app.add_action("child-c-2019/R1", "Police", "Audit assessments for the child's voice.", date(2020, 1, 31), actor="manager", on=date(2019, 3, 2))
    app.complete_action("child-c-2019/R1/A1", "Audit report", actor="manager", on=date(2019, 12, 1))
    app.sign_off_action("child-c-2019/R1/A1", "Children's views now recorded in 9 of 10 files", actor="manager", on=date(2020, 1, 15))
    services.catch_up()
    return services


def test_a_recommendation_on_a_theme_an_earlier_review_had_is_noted_with_the_earlier_actions_and_sign_off(themed):
    rec, found = themed.themes.make_recommendation("baby-m-2024", 1, "Practitioners should speak to the child alone.",
                                                   themes=["Voice of the child"], actor="manager", on=date(2024, 6, 1))
    assert [e["reference"] for e in found] == ["child-c-2019/R1"]
    assert rec.themes == ["voice-of-the-child"]
    themed.catch_up()
    answer = themed.queries.recurrences("baby-m-2024/R1")
    (row,) = answer["rows"]
    assert row["earlier"] == "child-c-2019/R1" and row["themes"] == ["Voice of the child"]
    assert row["actions"][0]["signed_off_on"] == date(2020, 1, 15)
    assert row["impact_evidenced"] == "not re-tested; impact stated at every sign-off"
    assert themed.queries.recurrences("baby-m-2024")["rows"] == answer["rows"]  # the review page's question


def test_a_reworded_recommendation_recurs_by_text_even_in_another_board_and_without_a_shared_theme(themed):
    _, found = themed.themes.make_recommendation("baby-m-2024", 2, REWORDED, actor="manager", on=date(2024, 6, 1))
    assert [(e["reference"], e["board"]) for e in found] == [("child-j-2020/R1", OTHER)]
    assert found[0]["similarity"] >= 80


def test_a_near_miss_under_the_threshold_is_not_flagged(themed):
    _, found = themed.themes.make_recommendation("baby-m-2024", 3, NEAR_MISS, themes=["escalation"], actor="manager", on=date(2024, 6, 1))
    assert found == []


def test_an_unknown_theme_word_is_refused_naming_the_nearest_and_nothing_is_written(themed):
    with pytest.raises(NotFound, match="nearest: 'Safe sleep'"):
        themed.themes.make_recommendation("baby-m-2024", 4, "Text", themes=["safe sleeping"], actor="manager", on=date(2024, 6, 1))
    with pytest.raises(NotFound):
        themed.app.recommendation("baby-m-2024/R4")


def test_an_admin_adds_an_unknown_word_as_a_local_theme_with_new_theme(themed):
    rec, _ = themed.themes.make_recommendation("baby-m-2024", 4, "Text", themes=["Housing"], new_theme=True,
                                               actor="manager", on=date(2024, 6, 1))
    assert rec.themes == ["local:north-shire-safeguarding-children-partnership:housing"]


def test_only_an_admin_of_the_board_may_change_its_scheme(themed):
    users = themed.users
    users.add("manager", "a-long-password-1", role="admin", board=BOARD, actor="manager")
    users.add("chair", "a-long-password-2", role="chair", board=BOARD, actor="manager")
    with pytest.raises(PermissionDenied):
        themed.themes.rename_theme(BOARD, "thresholds", "Levels of need", actor="chair", on=date(2024, 1, 1))
    themed.themes.rename_theme(BOARD, "thresholds", "Levels of need", actor="manager", on=date(2024, 1, 1))
    assert themed.themes.scheme(BOARD).name("thresholds") == "Levels of need"
    assert themed.themes.scheme(OTHER).name("thresholds") == "Thresholds"  # a board's edits are its own


def test_whether_earlier_impact_was_evidenced_is_the_latest_re_test_when_there_is_one(themed):
    app = themed.app
    app.plan_impact("child-c-2019/R1", expected="Children's views recorded", measure="files with the child's views",
                    retest_by=date(2021, 1, 31), actor="manager", on=date(2020, 2, 1))
    app.retest_recommendation("child-c-2019/R1", result="9 of 10 files", evidenced="partly", actor="manager", on=date(2021, 2, 1))
    themed.themes.make_recommendation("baby-m-2024", 1, "Speak to the child alone.", themes=["voice of the child"],
                                      actor="manager", on=date(2024, 6, 1))
    themed.catch_up()
    (row,) = themed.queries.recurrences("baby-m-2024/R1")["rows"]
    assert row["impact_evidenced"] == "partly evidenced (re-tested)"
