"""Names as people type them (domain.names): one key for the same name, a hint for a near miss, never a silent new name."""
from __future__ import annotations

from domain.names import distance, nearest, nearest_any, same_name, tidy


def test_curly_quotes_dashes_and_odd_spaces_make_the_same_name():
    assert same_name("Children\u2019s  Social\u00a0Care") == same_name("children's social care")
    assert same_name("Health \u2013 Acute Trust") == same_name("Health - Acute Trust")


def test_different_names_keep_different_keys():
    assert same_name("Police") != same_name("Probation")


def test_tidy_keeps_the_case_but_straightens_quotes_and_spaces():
    assert tidy("  Children\u2019s   Social Care ") == "Children's Social Care"
    assert tidy(None) == ""


def test_distance_counts_edits_and_stops_past_the_limit():
    assert distance("police", "police") == 0
    assert distance("polise", "police") == 1
    assert distance("childrens", "children's") == 1
    assert distance("a", "abcdefgh", limit=3) == 4


def test_a_near_miss_is_named_and_a_far_one_is_not():
    known = ["Children's Social Care", "Police", "Education"]
    assert nearest("Childrens Social Care", known) == "Children's Social Care"
    assert nearest("Polise", known) == "Police"
    assert nearest("Probation Service", known) is None


def test_nearest_any_also_offers_the_closest_by_similarity_for_hints():
    headers = ["recommendation_no", "target_date", "success_measure"]
    assert nearest_any("target date", headers) == "target_date"  # one edit: the space for the underscore
    assert nearest_any("sucess measures", headers) == "success_measure"
    assert nearest_any("zzz", headers) is None
