"""Kept pages as two people see them in Chromium, on the service as the recipe runs it (gunicorn, two workers, so
that a person's next page may come from the other worker): the agency lead who marks an action complete sees it
on the recommendation's page at once; the sub-group chair watching the same page sees it within the page lag."""
from __future__ import annotations

import subprocess
import time
from datetime import date

import pytest

from monitoring.bootstrap import bootstrap
from monitoring.config import Settings
from tests.dashboard.conftest import axe_violations, describe, screenshot, wait_for_dash
from tests.production.service import BIN, DEMO_PASSWORDS, Process, environment, free_port, wait_until_healthy

pytestmark = pytest.mark.browser

RECOMMENDATION = "child-r-2019/R5"  # the demo's, on the board the Police lead reports to
PAGE = "/recommendation/child-r-2019--R5"
COMPLETED = "Green: Completed, awaiting sign-off"
LAG = 2.0  # seconds: SCR_MONITOR_PAGE_LAG_SECONDS's default


@pytest.fixture
def service(tmp_path):
    port = free_port()
    env = environment(f"sqlite:///{tmp_path}/store.sqlite", port, workers=2)
    subprocess.run([str(BIN / "scr-monitor"), "demo"], env=env, check=True, capture_output=True, timeout=180)
    action = _a_police_action(env["SCR_MONITOR_DB"])
    web = Process("web", env, tmp_path)
    web.start()
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_healthy(base)
        yield base, action
    finally:
        web.stop()


def _a_police_action(url: str) -> str:
    """A new Police action on the recommendation, not yet started (the demo's Police actions are all done)."""
    services = bootstrap(Settings(db_url=url, local_user="business.manager"))
    try:
        added = services.app.add_action(RECOMMENDATION, "Police", "Brief every response team on Operation Encompass.",
                                        date(2027, 3, 31), actor="business.manager")
        return services.queries.action(str(added.id))["reference"]
    finally:
        services.close()


def signed_in(browser, base: str, username: str):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(base + PAGE)  # sent to sign in first, and back here after
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORDS[username])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + PAGE)
    wait_for_dash(page)
    return page


def rag_shown(page, action: str) -> str:
    """The action's RAG rating and its meaning, in the recommendation page's grid of actions."""
    return page.locator(f'[role=row][row-id="{action}"] [col-id="rag"]').first.inner_text()


def test_the_lead_sees_their_change_at_once_and_the_chair_within_the_lag(browser, service):
    service, action = service
    chair = signed_in(browser, service, "subgroup.chair")
    lead = signed_in(browser, service, "police.lead")
    assert rag_shown(chair, action) == rag_shown(lead, action) == "Amber: On track"

    lead.goto(f"{service}/action/{action.replace('/', '--')}")
    wait_for_dash(lead)
    form = lead.locator("#form-complete")
    form.get_by_label("Evidence that it is done").fill("Every public protection team briefed; attendance register kept.")
    form.get_by_role("button", name="Mark complete").click()
    lead.locator("#action-flash", has_text="Marked complete").wait_for()
    reported = time.monotonic()

    for _ in range(4):  # each visit may be answered by either worker: every one shows the change
        lead.goto(service + PAGE)
        wait_for_dash(lead)
        assert rag_shown(lead, action) == COMPLETED
    screenshot(lead, "page-lag-lead-recommendation")

    while rag_shown(chair, action) != COMPLETED:
        assert time.monotonic() - reported < LAG + 5, "the chair's page never showed the change"
        time.sleep(0.3)
        chair.reload()
        wait_for_dash(chair)
    screenshot(chair, "page-lag-chair-recommendation")
    violations = axe_violations(chair)
    assert violations == [], describe(violations)
    for page in (chair, lead):
        page.context.close()
