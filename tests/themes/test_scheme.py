"""The coding scheme: the shared defaults, a board's local themes, renames and merges kept with their history."""
from __future__ import annotations

from datetime import date

import pytest

from domain.errors import AlreadyExists, NotFound
from domain.theme_scheme import DEFAULT_THEMES, SchemeAsAt, ThemeScheme

TODAY = date(2026, 11, 22)
LISTED = ("neglect", "domestic abuse", "parental mental health", "parental substance misuse", "voice of the child",
          "professional curiosity", "information sharing", "escalation and challenge", "supervision", "safe sleep",
          "non-mobile babies and bruising", "transitions to adult services", "exploitation",
          "working with fathers and men", "disguised compliance", "thresholds", "self-neglect")


def scheme() -> ThemeScheme:
    return ThemeScheme.start(board="Northshire", actor="manager", on=date(2020, 1, 1), today=TODAY)


def test_the_default_scheme_has_every_theme_the_issue_lists_each_with_a_definition():
    defaults = SchemeAsAt("Northshire", [])
    assert [defaults.name(defaults.check(word)) .lower() for word in LISTED] == list(LISTED)
    assert len({t.id for t in DEFAULT_THEMES}) == len(DEFAULT_THEMES) == 17
    assert all(len(t.definition) > 20 for t in DEFAULT_THEMES)


def test_words_trackers_use_are_aliases_of_scheme_themes_whatever_the_quotes_or_case():
    defaults = SchemeAsAt("Northshire", [])
    assert defaults.lookup("Escalation") == "escalation-and-challenge"
    assert defaults.lookup("child\u2019s  voice") == "voice-of-the-child"
    assert defaults.lookup("DV") == "domestic-abuse"


def test_an_unknown_word_is_refused_naming_the_nearest_theme():
    with pytest.raises(NotFound) as refused:
        SchemeAsAt("Northshire", []).check("informaton sharing")
    assert refused.value.field == "themes"
    assert "nearest: 'Information sharing'" in str(refused.value)


def test_a_rename_shows_the_name_in_force_at_each_date_and_the_old_name_still_finds_the_theme():
    s = scheme()
    s.rename(theme="voice of the child", name="Child's lived experience", actor="manager", on=date(2023, 5, 1), today=TODAY)
    assert s.as_at(date(2023, 4, 30)).name("voice-of-the-child") == "Voice of the child"
    assert s.as_at(date(2023, 5, 1)).name("voice-of-the-child") == "Child's lived experience"
    assert s.as_at().lookup("Voice of the child") == "voice-of-the-child"


def test_a_merge_counts_both_themes_as_one_only_from_its_date():
    s = scheme()
    s.merge(theme="supervision", into="professional curiosity", actor="manager", on=date(2024, 4, 1), today=TODAY)
    assert s.as_at(date(2024, 3, 31)).canonical("supervision") == "supervision"
    assert s.as_at(date(2024, 4, 1)).canonical("supervision") == "professional-curiosity"
    assert "supervision" not in [t.id for t in s.as_at().current()]


def test_a_local_theme_gets_an_id_of_the_board_and_its_name_cannot_clash():
    s = scheme()
    theme_id = s.add_local(name="Housing", definition="Temporary accommodation", actor="manager", on=date(2021, 1, 1), today=TODAY)
    assert theme_id == "local:northshire:housing"
    assert s.as_at().lookup("housing") == theme_id and s.as_at(date(2020, 12, 31)).themes.get(theme_id) is None
    with pytest.raises(AlreadyExists):
        s.add_local(name="Neglect", definition="", actor="manager", on=date(2021, 1, 2), today=TODAY)
