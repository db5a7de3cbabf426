"""In Chromium: a chair sets a recommendation's impact plan, records a re-test and signs off with an assurance level
from the dashboard alone; an agency lead's crafted callback requests (with a valid session and CSRF token) to grade
assurance or record a re-test are refused by the application, and nothing is written."""
from __future__ import annotations

import json
from datetime import date

import pytest
from argon2 import PasswordHasher

from monitoring.application.page_addresses import action_url, recommendation_url
from monitoring.security.users import Users
from tests.dashboard import data
from tests.dashboard.conftest import axe_violations, screenshot, wait_for_dash
from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.browser

REC = "child-c-2014/R1"
CSC_ACTION = "child-c-2014/R1/A2"  # completed by Children's Social Care: awaits the sub-group
POLICE_ACTION = "baby-m-2023/R1/A3"


def seed(app) -> None:
    data.seed(app)
    app.complete_action(POLICE_ACTION, "Flag live", actor=data.POLICE_LEAD, on=date(2025, 10, 1))


@pytest.fixture(scope="module")
def services(make_dashboard_services):
    services = make_dashboard_services(seed=seed)
    users = Users(services.app, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    services.__dict__["users"] = users
    users.add(data.MANAGER, PASSWORD, role="admin", board=data.BOARD, actor=data.MANAGER)
    users.add(data.CHAIR, PASSWORD, role="chair", board=data.BOARD, actor=data.MANAGER)
    users.add(data.POLICE_LEAD, PASSWORD, role="agency_lead", board=data.BOARD, agency="Police", actor=data.MANAGER)
    return services


@pytest.fixture(scope="module")
def url(live_server, services):
    return live_server(services)


def sign_in(page, url: str, username: str, path: str) -> None:
    page.goto(url + path)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    wait_for_dash(page)


def test_a_chair_plans_impact_and_records_a_retest_from_the_recommendation_page(browser_page, url, services):
    page = browser_page
    sign_in(page, url, data.CHAIR, recommendation_url(REC))
    page.get_by_label("What is expected to change").fill("Referrals give the threshold reasons")
    page.get_by_label("Measure", exact=True).fill("Share of referrals with reasons, sampled quarterly")
    page.get_by_label("Baseline (optional)").fill("40%")
    page.get_by_label("Target (optional)").fill("90%")
    page.get_by_label("Re-test by").fill("2027-06-30")
    page.get_by_role("button", name="Save the impact plan").click()
    page.get_by_text("Impact plan saved.").wait_for()
    assert page.locator("#impact-retest-by").inner_text() == "2027-06-30"

    page.get_by_label("What the re-test found").fill("Sample of 40: 88% gave reasons")
    page.get_by_label("Impact evidenced?").select_option("partly")
    page.get_by_role("button", name="Record the re-test").click()
    page.get_by_text("Re-test recorded.").wait_for()
    assert page.locator("#impact-finding").inner_text() == "Impact partly evidenced"
    assert "Impact re-tested" in page.locator("#timeline").inner_text()  # the history shows it without a reload
    assert services.queries.retests(recommendation=REC)[-1]["result"] == "Sample of 40: 88% gave reasons"
    assert axe_violations(page) == []
    screenshot(page, "recommendation-impact")


def test_the_retest_form_is_used_from_the_keyboard_alone(browser_page, url, services):
    page = browser_page
    sign_in(page, url, data.CHAIR, recommendation_url("child-c-2014/R2"))
    page.get_by_label("What is expected to change").fill("Staff check the system")
    page.get_by_label("Measure", exact=True).fill("CP-IS checks sampled")
    page.get_by_label("Re-test by").fill("2027-01-31")
    page.get_by_label("Reason for the change (needed when a plan is already set)").focus()
    page.keyboard.press("Tab")  # to the effective date
    page.keyboard.press("Tab")  # to the button
    page.keyboard.press("Enter")
    page.get_by_text("Impact plan saved.").wait_for()
    page.get_by_label("What the re-test found").focus()
    page.keyboard.type("Sample of 20: all checked")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the select: first choice after "Choose one"
    page.get_by_label("Impact evidenced?").select_option("yes")
    page.get_by_role("button", name="Record the re-test").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Re-test recorded.").wait_for()
    assert services.app.recommendation("child-c-2014/R2").last_finding == "evidenced"


def test_a_chair_signs_off_with_an_assurance_level_and_a_critical_friend_comment(browser_page, url, services):
    page = browser_page
    sign_in(page, url, data.CHAIR, action_url(CSC_ACTION))
    form = page.locator("#form-sign-off")
    form.get_by_label("Assurance level (optional)").select_option("reasonable")
    form.get_by_label("Critical-friend comment (optional)").fill("Audit covers one team only")
    form.get_by_role("button", name="Sign off").click()
    page.get_by_text(f"{CSC_ACTION} is now signed off").wait_for()
    assert services.queries.history(CSC_ACTION)[-1]["details"] == {"assurance": "reasonable", "comment": "Audit covers one team only"}


CRAFT = """async ([input, values]) => {
    const deps = await (await fetch('/_dash-dependencies')).json();
    const cb = deps.find(d => d.inputs.some(i => i.id === input.id && i.property === input.property));
    const parse = id => id.startsWith('{') ? JSON.parse(id) : id;
    const outputs = cb.output.replace(/^\\.\\./, '').replace(/\\.\\.$/, '').split('...').map(o => {
        const at = o.lastIndexOf('.'); return {id: parse(o.slice(0, at)), property: o.slice(at + 1).split('@')[0]};
    });
    const body = {output: cb.output, outputs: outputs.length > 1 || cb.output.startsWith('..') ? outputs : outputs[0],
        inputs: [{id: parse(input.id), property: input.property, value: 1}],
        state: cb.state.map(s => ({id: parse(s.id), property: s.property, value: values[s.id] ?? values[s.id.split('"name":"')[1]?.split('"')[0]] ?? null})),
        changedPropIds: [input.id + '.' + input.property]};
    const response = await fetch('/_dash-update-component', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
    return [response.status, await response.text()];
}"""


def test_an_agency_leads_crafted_request_cannot_record_a_retest(browser_page, url, services):
    page = browser_page
    sign_in(page, url, data.POLICE_LEAD, "/")
    before = len(services.app.events_of(REC))
    values = {"recommendation-ref": REC, "impact-retest-result": "All fixed", "impact-retest-evidenced": "yes", "impact-retest-on": "2025-10-02"}
    status, text = page.evaluate(CRAFT, [{"id": "impact-retest-form", "property": "n_submit"}, values])
    assert status == 200 and "Nothing was saved" in text and "may not sign off" in text
    assert len(services.app.events_of(REC)) == before


def test_an_agency_leads_crafted_request_cannot_grade_assurance(browser_page, url, services):
    page = browser_page
    sign_in(page, url, data.POLICE_LEAD, action_url(POLICE_ACTION))
    version = services.app.action(POLICE_ACTION).version
    form_id = json.dumps({"form": "sign-off", "type": "action-form"}, separators=(",", ":"))
    values = {"action-ref": POLICE_ACTION, "action-version": version, "impact": "", "assurance": "substantial", "comment": "Mine", "on": "2025-10-02"}
    status, text = page.evaluate(CRAFT, [{"id": form_id, "property": "n_submit"}, values])
    assert status == 200 and "may not sign off" in text
    assert services.app.action(POLICE_ACTION).version == version and services.app.action(POLICE_ACTION).status == "completed"
