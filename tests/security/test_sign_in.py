"""Dashboard sign-in over HTTP (Flask's test client): sessions, cookie flags, CSRF, slow-down, timeout, sign-out."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from dashboard.app import create_app
from dashboard.auth import EXTENSION
from tests.security.conftest import PASSWORD, add_people, build_two_boards


@pytest.fixture
def store(make_services, sqlite_url):
    services = make_services(sqlite_url)
    build_two_boards(services)
    add_people(services)
    return services


@pytest.fixture
def server(store):
    return create_app(store).server


@pytest.fixture
def client(server):
    return server.test_client()


def csrf_of(client, path: str = "/login") -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html)[1]


def sign_in(client, username: str = "chair", password: str = PASSWORD, **extra):
    token = csrf_of(client)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token, **extra})


def cookie(response, name: str) -> str:
    return next(c for c in response.headers.getlist("Set-Cookie") if c.startswith(name + "="))


def test_pages_send_a_stranger_to_sign_in_and_callbacks_answer_401(client):
    response = client.get("/review/child-c-2014")
    assert response.status_code == 302 and response.headers["Location"] == "/login?next=/review/child-c-2014"
    assert client.get("/_dash-layout").status_code == 401
    assert client.get("/assets/00-bootstrap-5.3.9.min.css").status_code == 200


def test_the_login_page_has_labelled_fields_and_a_csrf_token(client):
    html = client.get("/login").get_data(as_text=True)
    assert '<label for="username"' in html and '<label for="password"' in html
    assert 'autocomplete="current-password"' in html and re.search(r'name="csrf_token" value="[\w-]{30,}"', html)


def test_signing_in_returns_to_the_page_asked_for_with_httponly_samesite_cookies(client):
    response = sign_in(client, next="/review/child-c-2014")
    assert response.status_code == 302 and response.headers["Location"] == "/review/child-c-2014"
    session_cookie = cookie(response, "scr_monitor_session")
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie and "Secure" not in session_cookie
    assert "SameSite=Strict" in cookie(response, "_csrf_token")
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200 and "chair" in layout.get_data(as_text=True)


def test_cookies_are_secure_over_https(client):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login", base_url="https://localhost").get_data(as_text=True))[1]
    response = client.post("/login", base_url="https://localhost", data={"username": "chair", "password": PASSWORD, "csrf_token": token})
    assert "Secure" in cookie(response, "scr_monitor_session") and "Secure" in cookie(response, "_csrf_token")


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client):
    wrong = sign_in(client, password="not the password")
    unknown = sign_in(client, username="nobody")
    assert wrong.status_code == unknown.status_code == 401
    assert "do not match an account that is enabled" in wrong.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401


def test_the_login_form_without_its_csrf_token_is_refused(client):
    client.get("/login")
    response = client.post("/login", data={"username": "chair", "password": PASSWORD})
    assert response.status_code == 403 and client.get("/_dash-layout").status_code == 401


def test_a_callback_without_the_csrf_header_is_refused(client):
    sign_in(client)
    body = {"output": "x.children", "outputs": {"id": "x", "property": "children"}, "inputs": [], "changedPropIds": []}
    assert client.post("/_dash-update-component", json=body).status_code == 403
    token = client.get_cookie("_csrf_token").value
    assert client.post("/_dash-update-component", json=body, headers={"X-CSRFToken": "forged" + token}).status_code == 403
    assert client.post("/_dash-update-component", json=body, headers={"X-CSRFToken": token}).status_code != 403


def test_repeated_failures_slow_down_and_then_lock_out_for_longer(client, server):
    auth = server.extensions[EXTENSION]
    for _ in range(3):
        assert sign_in(client, password="guess").status_code == 401
    locked = sign_in(client)  # even the right password is not heard during the wait
    assert locked.status_code == 429 and "Try again in 2 seconds." in locked.get_data(as_text=True)
    start = auth.now()
    auth.now = lambda: start + timedelta(seconds=3)
    assert sign_in(client, password="guess").status_code == 401
    assert "Try again in 4 seconds" in sign_in(client).get_data(as_text=True)
    auth.now = lambda: start + timedelta(seconds=10)
    assert sign_in(client).status_code == 302


def test_the_slow_down_survives_a_restart_and_is_per_username(store, client):
    for _ in range(3):
        sign_in(client, password="guess")
    restarted = create_app(store).server.test_client()
    assert sign_in(restarted).status_code == 429
    assert sign_in(restarted, username="viewer").status_code == 302


def test_an_idle_session_times_out(client, server):
    auth = server.extensions[EXTENSION]
    sign_in(client)
    start = auth.now()
    auth.now = lambda: start + timedelta(minutes=29)
    assert client.get("/_dash-layout").status_code == 200
    auth.now = lambda: start + timedelta(minutes=29 + 31)
    response = client.get("/overview-page")
    assert response.status_code == 302 and "expired=1" in response.headers["Location"]
    assert "timed out" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_signing_out_ends_the_session_even_for_a_copied_cookie(client, server):
    sign_in(client)
    stolen = client.get_cookie("scr_monitor_session").value
    token = client.get_cookie("_csrf_token").value
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/login?signed_out=1"
    replay = server.test_client()
    replay.set_cookie("scr_monitor_session", stolen)
    assert replay.get("/_dash-layout").status_code == 401


def test_sign_out_needs_the_csrf_token(client):
    sign_in(client)
    assert client.post("/logout").status_code == 403
    assert client.get("/_dash-layout").status_code == 200


def test_a_new_password_or_disabling_ends_existing_sessions(client, store):
    sign_in(client)
    store.users.set_password("chair", "a rotated passphrase", actor="chair")
    assert client.get("/_dash-layout").status_code == 401
    assert sign_in(client, password="a rotated passphrase").status_code == 302
    store.users.disable("chair", actor="bm")
    assert client.get("/_dash-layout").status_code == 401


def test_sign_in_never_sends_you_to_another_site(client):
    for target in ("//evil.example", "https://evil.example/", "/\\evil.example"):
        assert sign_in(client, next=target).headers["Location"] == "/"
        client.post("/logout", data={"csrf_token": client.get_cookie("_csrf_token").value})


def test_what_was_typed_is_shown_back_as_text(client):
    html = sign_in(client, username='<img src=x onerror="alert(1)">').get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x onerror=" in html


def test_pages_are_not_cached_or_framed(client):
    sign_in(client)
    response = client.get("/_dash-layout")
    assert response.headers["Cache-Control"] == "no-store" and response.headers["X-Frame-Options"] == "DENY"


def test_a_store_with_no_users_runs_open_with_a_banner_but_still_checks_csrf(make_services):
    services = make_services("memory:")
    build_two_boards(services)
    client = create_app(services, local_user="jo").server.test_client()
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "No users yet: running open as jo (admin)" in layout
    assert client.get("/login").headers["Location"] == "/"
    assert client.post("/_dash-update-component", json={}).status_code == 403


def test_one_address_trying_many_usernames_is_slowed_down_but_others_there_still_sign_in(client):
    for n in range(20):
        assert sign_in(client, username=f"guess{n}", password="Password1!").status_code == 401
    assert sign_in(client, username="guess3", password="Password1!").status_code == 429  # one free failure each now
    assert sign_in(client, username="viewer").status_code == 302  # no failures of its own: always heard
