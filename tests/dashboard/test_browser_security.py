"""(Issue 8, with tests/security/.) In Chromium: sign-in, sign-out, CSRF against another site's page, a reader kept to their board, and
text typed into fields shown as text (a <script> and an onerror image that must never run)."""
from __future__ import annotations

import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from monitoring.application.page_addresses import action_url
from tests.dashboard import data
from tests.dashboard.conftest import wait_for_dash
from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.browser

PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">Train officers'
NOTE = '<b>bold?</b><img src=x onerror="window.__pwned=3"> half done'
PAYLOAD_ACTION = "child-c-2014/R1/A4"
SOUTH = "South Vale Safeguarding Adults Board"


def seed(app) -> None:
    data.seed(app)
    app.add_action("child-c-2014/R1", "Police", PAYLOAD, date(2026, 12, 31), actor=data.MANAGER, on=date(2024, 2, 1),
                   lead='"><svg onload="window.__pwned=4">', measure="<i>measured</i>")
    app.report_progress(PAYLOAD_ACTION, NOTE, actor=data.POLICE_LEAD, on=date(2024, 3, 1))
    app.register_board(SOUTH, ["Police"], actor=data.MANAGER, on=date(2024, 1, 1))


@pytest.fixture(scope="module")
def services(make_dashboard_services):
    from argon2 import PasswordHasher

    from monitoring.security.users import Users

    services = make_dashboard_services(seed=seed)
    users = Users(services.app, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    services.__dict__["users"] = users
    users.add(data.MANAGER, PASSWORD, role="admin", board=data.BOARD, actor=data.MANAGER)
    users.add(data.CHAIR, PASSWORD, role="chair", board=data.BOARD, actor=data.MANAGER)
    users.add(data.POLICE_LEAD, PASSWORD, role="agency_lead", board=data.BOARD, agency="Police", actor=data.MANAGER)
    users.add("south.viewer", PASSWORD, role="viewer", board=SOUTH, actor=data.MANAGER)
    return services


@pytest.fixture(scope="module")
def url(live_server, services):
    return live_server(services)


def sign_in(page, url: str, username: str, password: str = PASSWORD, path: str = "/") -> None:
    page.goto(url + path)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_signing_in_and_out_in_the_browser(browser_page, url):
    page = browser_page
    page.goto(url + "/")
    assert page.url == url + "/login?next=/"
    sign_in(page, url, data.CHAIR, "wrong password here")
    assert "do not match an account" in page.get_by_role("alert").inner_text()

    sign_in(page, url, data.CHAIR)
    wait_for_dash(page)
    assert page.url == url + "/"
    assert page.locator("#acting-user").inner_text() == f"Acting as {data.CHAIR}"
    page.get_by_role("button", name="Sign out").click()
    assert page.url == url + "/login?signed_out=1" and "You have signed out." in page.content()
    page.goto(url + "/")
    assert page.url.startswith(url + "/login")


def test_another_sites_page_cannot_write_with_the_users_cookies(browser_page, url):
    """A page on another port (the same site, so SameSite cookies are sent) posts a form to sign-out."""
    page = browser_page
    sign_in(page, url, data.CHAIR)
    wait_for_dash(page)
    evil = _serve_evil_page(url)
    try:
        page.goto(evil)
        with page.expect_navigation():
            page.evaluate("document.forms[0].submit()")
        assert "CSRF token missing or wrong" in page.locator("body").inner_text()
    finally:
        evil.server.shutdown()
    page.goto(url + "/")
    wait_for_dash(page)
    assert page.locator("#acting-user").inner_text() == f"Acting as {data.CHAIR}"  # still signed in


def test_a_callback_from_the_page_without_its_token_is_refused(browser_page, url):
    page = browser_page
    sign_in(page, url, data.CHAIR)
    wait_for_dash(page)
    status = page.evaluate("""async () => {
        const xhr = new XMLHttpRequest();   // not fetch: the page's fetch adds the token
        xhr.open('POST', '/_dash-update-component', false);
        xhr.setRequestHeader('Content-Type', 'application/json');
        xhr.send('{}');
        return xhr.status;
    }""")
    assert status == 403


def test_an_agency_lead_writes_through_the_form_with_the_token(browser_page, url, services):
    page = browser_page
    sign_in(page, url, data.POLICE_LEAD, path=action_url("baby-m-2023/R1/A3"))
    wait_for_dash(page)
    form = page.locator("#form-progress")
    form.get_by_label("Progress note").fill("Flag live on the police system")
    form.get_by_role("button", name="Report progress").click()
    page.get_by_text("baby-m-2023/R1/A3 is now in progress").wait_for(timeout=30_000)  # the form's own success message
    assert services.queries.history("baby-m-2023/R1/A3")[-1]["details"]["note"] == "Flag live on the police system"


def test_a_reader_of_one_board_is_told_they_may_not_read_another(browser_page, url):
    page = browser_page
    sign_in(page, url, "south.viewer", path=action_url("child-c-2014/R1/A1"))
    wait_for_dash(page)
    body = page.locator("#main").inner_text()
    assert "may not read child-c-2014/R1/A1" in body
    assert "Train all officers" not in body


def test_markup_typed_into_fields_is_shown_as_text_and_never_runs(browser_page, url):
    page = browser_page
    sign_in(page, url, data.CHAIR, path=action_url(PAYLOAD_ACTION))
    wait_for_dash(page)
    page.get_by_text("half done").first.wait_for()
    text = page.locator("#main").inner_text()

    assert "<script>window.__pwned=1</script>" in text and 'onerror="window.__pwned=2"' in text
    assert '<b>bold?</b><img src=x onerror="window.__pwned=3"> half done' in text
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#main script, #main img[onerror], #main svg[onload], #main b").count() == 0
    assert page.watched.console_errors == []  # nor did the page's Content-Security-Policy block anything of its own


def _serve_evil_page(target: str):
    """Another origin whose form posts to sign-out, as a forged write would."""
    html = f"""<!DOCTYPE html><html><body>
      <form method="post" action="{target}/logout"><input name="x" value="1"></form>
      </body></html>""".encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    class Url(str):
        pass

    url = Url(f"http://127.0.0.1:{server.server_port}/")
    url.server = server
    return url


def test_a_callback_after_the_session_ended_takes_you_to_sign_in_and_back(browser_page, url, services):
    from dashboard.auth_store import AuthStore

    page = browser_page
    path = action_url("baby-m-2023/R1/A3")
    sign_in(page, url, data.POLICE_LEAD, path=path)
    wait_for_dash(page)
    AuthStore(services.engine).end_all(data.POLICE_LEAD)  # as a timeout, or a sign-out elsewhere, would
    form = page.locator("#form-progress")
    form.get_by_label("Progress note").fill("Written after the session ended")
    form.get_by_role("button", name="Report progress").click()
    page.wait_for_url("**/login?expired=1**")
    assert "Your session timed out" in page.locator("main").inner_text()
    assert "Written after the session ended" not in str(services.queries.history("baby-m-2023/R1/A3"))
    page.get_by_label("Username").fill(data.POLICE_LEAD)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url + path)
