"""Assurance and impact on both stores (a SQLite file and PostgreSQL): the same figures after the writes, and
after `projections rebuild` from the events."""
from __future__ import annotations

from datetime import date

from tests.impact.conftest import build
from tests.impact.test_impact_use_cases import HEALTH, POLICE, R1, R2, VOICE, plan, sign_off

AS_AT = date(2024, 10, 1)


def test_assurance_and_impact_figures_survive_a_rebuild(make_services, durable_url):
    services = make_services(durable_url)
    app = services.app
    build(app)
    app.reclassify_recommendation(R2, scope="national", addressee="Department for Education", reason="Guidance", actor="bm", on=date(2024, 1, 5))
    sign_off(app, POLICE, date(2024, 3, 1), assurance="limited", comment="Five files only")
    sign_off(app, HEALTH, date(2024, 3, 1))
    sign_off(app, VOICE, date(2024, 3, 2), assurance="none")
    plan(app, R1, on=date(2024, 3, 5), retest_by=date(2024, 9, 1))
    plan(app, R2, on=date(2024, 3, 5), retest_by=date(2024, 6, 1))
    app.retest_recommendation(R1, result="Referrals up a third", evidenced="yes", actor="chair", on=date(2024, 9, 10))
    services.catch_up()
    before = {by: services.queries.status(by, as_at=AS_AT) for by in ("agency", "board", "review", "recommendation")}
    assert before["board"]["totals"]["impact_evidenced"] == 1 and before["board"]["totals"]["retests_overdue"] == 1
    assert before["board"]["totals"]["signed_off_none"] == 1 and before["board"]["totals"]["signed_off_limited"] == 1
    services.projections.rebuild()
    after = {by: services.queries.status(by, as_at=AS_AT) for by in before}
    assert after == before
    assert services.queries.recommendations_impact(recommendation=R2)[0]["addressee"] == "Department for Education"
