"""A re-test of a recommendation's impact: the chair is reminded before it falls due and the board's chair contact
told when it is overdue, once each (the outbox's exactly-once rule: the notices are recorded on the recommendation)."""
from __future__ import annotations

from datetime import date

from monitoring.scheduler.jobs import run
from monitoring.scheduler.timetable import Schedule
from tests.scheduler.builders import CHAIR, plan

SCHEDULE = Schedule.from_env({})
REC = "child-c-2014/R1"


def with_impact_plan(app) -> None:
    plan(app)
    app.plan_impact(REC, expected="Referrals give reasons", measure="Referrals sampled with reasons", retest_by=date(2024, 9, 30),
                    actor="manager", on=date(2024, 2, 1))


def run_on(wired, url, today, job, smtp):
    services = wired(url, today, smtp_url=smtp.url)
    run(services, job, schedule=SCHEDULE)
    return services


def retest_subjects(smtp) -> list[tuple[str, str]]:
    return [(m["To"], str(m["Subject"])) for m in smtp.inbox.messages if "Re-test" in str(m["Subject"])]


def test_the_chair_is_reminded_once_when_a_retest_falls_due(sqlite_url, wired, smtp):
    with_impact_plan(wired(sqlite_url, date(2024, 9, 1)).app)
    run_on(wired, sqlite_url, date(2024, 9, 15), "reminders", smtp)  # fifteen days before: not yet
    assert retest_subjects(smtp) == []
    for day in (date(2024, 9, 16), date(2024, 9, 16), date(2024, 9, 20)):
        services = run_on(wired, sqlite_url, day, "reminders", smtp)
    assert retest_subjects(smtp) == [(CHAIR, "Re-test due: the impact of recommendation child-c-2014/R1 by 30 September 2024")]
    assert "https://scr.example.org/recommendation/child-c-2014--R1" in smtp.inbox.messages[-1].get_content()
    notices = [e for e in services.app.events_of(REC) if type(e).__name__ == "NoticeQueued"]
    assert [n.kind for n in notices] == ["reminder"]


def test_an_overdue_retest_is_escalated_once_and_not_after_it_is_recorded(sqlite_url, wired, smtp):
    with_impact_plan(wired(sqlite_url, date(2024, 9, 1)).app)
    run_on(wired, sqlite_url, date(2024, 9, 30), "overdue", smtp)  # due today: not overdue yet
    for day in (date(2024, 10, 1), date(2024, 10, 8)):
        run_on(wired, sqlite_url, day, "overdue", smtp)
    assert retest_subjects(smtp) == [(CHAIR, "Re-test overdue: recommendation child-c-2014/R1 was due to be re-tested by 30 September 2024")]
    services = wired(sqlite_url, date(2024, 10, 9))
    services.app.retest_recommendation(REC, result="Sample: 70%", evidenced="partly", actor="manager", on=date(2024, 10, 9))
    run_on(wired, sqlite_url, date(2024, 10, 20), "overdue", smtp)
    assert len(retest_subjects(smtp)) == 1
