"""Two workers of one service: a change made on one is shown on the other within the page lag, and at once to the
person who made it, whichever worker answers them (dashboard/read_cache.py)."""
from __future__ import annotations

import re
import time

import pytest

from dashboard.app import create_app
from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from tests.conftest import TODAY
from tests.security.conftest import BOARD, PASSWORD
from tests.security.test_hand_made_requests import call

LAG = 3.0  # seconds: long enough for the steps below on a busy machine
REVIEW = {"_pages_location.pathname": "/review/child-c-2014", "_pages_location.search": ""}
IN_PROGRESS = '"status": "in progress"'  # A1's row in the review's table of actions
FORM = '{"form":"progress","type":"action-form"}'
FIELD = '{"form":"progress","name":"%s","type":"action-field"}'


@pytest.fixture
def workers(store, sqlite_url):
    """Two apps on the same store, as two gunicorn workers are, each with its own kept answers."""
    built = [bootstrap(Settings(db_url=sqlite_url, local_user="tester", page_lag_seconds=LAG), clock=lambda: TODAY)
             for _ in range(2)]
    yield [create_app(services).server for services in built]
    for services in built:
        services.close()


def signed_in(server, username: str):
    client = server.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True))[1]
    assert client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token}).status_code == 302
    return client


def same_person_on(server, client):
    """The same browser's next request, answered by another worker."""
    other = server.test_client()
    for name in ("scr_monitor_session", "_csrf_token"):
        other.set_cookie(name, client.get_cookie(name).value)
    return other


def review_page(client) -> str:
    code, body = call(client, "_pages_content", REVIEW)
    assert code == 200
    return body


def test_a_change_on_one_worker_reaches_the_others_pages_within_the_lag_and_its_author_at_once(workers):
    first, second = workers
    chair, lead = signed_in(first, "chair"), signed_in(second, "police.lead")
    before = review_page(chair)
    assert IN_PROGRESS not in before
    code, answer = call(lead, FORM, {f"{FORM}.n_submit": 1, "action-ref.data": "child-c-2014/R1/A1", "action-version.data": None,
                                     f"{FIELD % 'note'}.value": "Briefings booked.", f"{FIELD % 'on'}.value": TODAY.isoformat()})
    assert code == 200 and "is now" in answer

    assert review_page(chair) == before  # someone else, within the lag: the page as it was a moment ago
    assert IN_PROGRESS in review_page(same_person_on(first, lead))  # its author, on the other worker: at once
    time.sleep(LAG + 0.1)
    assert IN_PROGRESS in review_page(chair)


def test_a_page_kept_for_one_person_is_never_served_to_another(workers):
    first, _ = workers
    chair, lead = signed_in(first, "chair"), signed_in(first, "police.lead")
    assert "child-c-2014/R1/A2" in review_page(chair)  # the Acute Trust's action: the whole board's page
    assert "child-c-2014/R1/A2" not in review_page(lead)  # the Police lead's own page, drawn for them


def test_a_role_taken_away_on_another_worker_takes_effect_at_once_on_this_one(workers, store):
    first, second = workers
    chair = signed_in(first, "chair")
    assert "child-c-2014/R1/A2" in review_page(chair)
    with second.app_context():
        second.extensions["scr_monitor_services"].users.revoke("chair", role="chair", board=BOARD, actor="bm")
    page = review_page(chair)
    assert "child-c-2014/R1/A2" not in page and "may not read" in page


def test_a_kept_page_is_not_served_to_a_hand_made_request_without_sign_in(workers):
    first, _ = workers
    assert "child-c-2014/R1/A2" in review_page(signed_in(first, "chair"))
    body = {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": p, "value": REVIEW[f"_pages_location.{p}"]} for p in ("pathname", "search")],
            "changedPropIds": ["_pages_location.pathname"]}
    stranger = first.test_client()
    answer = stranger.post("/_dash-update-component", json=body)
    assert answer.status_code == 403 and "child-c-2014" not in answer.get_data(as_text=True)  # no CSRF token
    stranger.get("/login")  # a CSRF token, as the sign-in page gives
    answer = stranger.post("/_dash-update-component", json=body, headers={"X-CSRFToken": stranger.get_cookie("_csrf_token").value})
    assert answer.status_code == 401 and "child-c-2014" not in answer.get_data(as_text=True)  # not signed in
