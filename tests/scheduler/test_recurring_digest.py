"""(Issue 17.) The chair's weekly digest lists each new recurrence of learning once: in the week after it was noted."""
from __future__ import annotations

from datetime import date

from monitoring.scheduler.jobs import run
from monitoring.scheduler.timetable import Schedule
from tests.scheduler.builders import BOARD, CHAIR

SCHEDULE = Schedule.from_env({})


def test_a_recurrence_noted_one_week_is_in_the_next_weeks_digest_and_in_no_other(sqlite_url, wired, smtp):
    # Noted on Wednesday 3 July 2024 (week 27): the digest of Monday 8 July lists it; those of 1 and 15 July do not.
    services = wired(sqlite_url, date(2024, 7, 3))
    app, themes = services.app, services.themes
    app.register_board(BOARD, ["Police"], actor="manager", on=date(2019, 1, 1))
    app.set_chair_contact(BOARD, CHAIR, actor="manager", on=date(2019, 1, 1))
    themes.commission_review(BOARD, "child-c-2019", "Child C (2019)", "scr", actor="manager", on=date(2019, 2, 1))
    themes.commission_review(BOARD, "baby-m-2024", "Baby M (2024)", "lcspr", actor="manager", on=date(2024, 5, 1))
    themes.make_recommendation("child-c-2019", 1, "Speak to the child alone.", themes=["voice of the child"], actor="manager", on=date(2019, 3, 1))
    _, found = themes.make_recommendation("baby-m-2024", 1, "Record the child's wishes.", themes=["voice of the child"],
                                          actor="manager", on=date(2024, 7, 3))
    assert found

    bodies = {}
    for day in (date(2024, 7, 1), date(2024, 7, 8), date(2024, 7, 15)):
        before = len(smtp.inbox.messages)
        run(wired(sqlite_url, day, smtp_url=smtp.url), "digest", schedule=SCHEDULE)
        bodies[day] = smtp.inbox.messages[before].get_content() if len(smtp.inbox.messages) > before else ""
    assert "Recurring learning noted in the week before this one (1)\n- baby-m-2024/R1: 1 earlier recommendation(s)" \
           " on the same learning (child-c-2019/R1)" in bodies[date(2024, 7, 8)]
    assert "/recommendation/baby-m-2024--R1" in bodies[date(2024, 7, 8)]
    assert "Recurring learning noted in the week before this one (0)" in bodies[date(2024, 7, 15)]
