"""References map to page addresses and back, whatever the review code looks like."""
from __future__ import annotations

import pytest

from monitoring.application.page_addresses import action_url, agency_url, recommendation_url, review_url, slug_to_ref


@pytest.mark.parametrize(
    "reference",
    ["child-c-2014/R3/A2", "child-c-2014/R3", "child-c-2014", "a--b/R1/A10", "sar_2021-x/R12/A3"],
)
def test_a_reference_survives_the_round_trip_through_its_address(reference):
    url = action_url(reference) if reference.count("/") == 2 else recommendation_url(reference)
    assert slug_to_ref(url.rsplit("/", 1)[1]) == reference


def test_addresses_are_single_path_segments():
    assert action_url("child-c-2014/R3/A2") == "/action/child-c-2014--R3--A2"
    assert recommendation_url("child-c-2014/R3") == "/recommendation/child-c-2014--R3"
    assert review_url("child-c-2014") == "/review/child-c-2014"


def test_a_typed_or_percent_encoded_reference_is_accepted_too():
    assert slug_to_ref("child-c-2014%2FR3%2FA2") == "child-c-2014/R3/A2"


def test_agency_names_are_encoded_and_optional_filters_appended():
    assert agency_url("Children's Social Care") == "/agency/Children%27s%20Social%20Care"
    assert agency_url("Police", board="North Shire") == "/agency/Police?board=North+Shire"
