"""The words of each notice: subject and plain-text body, from read-model rows (pure functions)."""
from __future__ import annotations

from datetime import date

from domain.calendar import long_date
from monitoring.application import page_addresses as urls  # the dashboard's own page addresses (pure; no Dash import)

FOOTER = "This is an automatic notice from the board's action-plan monitor (scr-monitor); it is sent once."


def action_link(dashboard_url: str, reference: str) -> str:
    return dashboard_url.rstrip("/") + urls.action_url(reference)


def review_link(dashboard_url: str, code: str) -> str:
    return dashboard_url.rstrip("/") + urls.review_url(code)


def board_link(dashboard_url: str, board: str) -> str:
    return dashboard_url.rstrip("/") + urls.overview_url(board=board)


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _action_lines(action: dict) -> list[str]:
    lines = [
        f"Review: {action['review_title']} ({action['review_code']})",
        f"Agency: {action['agency']}" + (f", lead: {action['lead']}" if action.get("lead") else ""),
        f"Action: {action['text']}",
        f"Status: {action['status'].replace('_', ' ')}",
    ]
    if action.get("reschedules"):
        lines.append(f"Original target date: {long_date(action['original_target_date'])} "
                     f"(moved {action['reschedules']} time{'s' if action['reschedules'] != 1 else ''})")
    return lines


def _recommendation_lines(rec: dict) -> list[str]:
    return [f"Recommendation {rec['reference']}: {rec['text']}", f"Expected to change: {rec.get('plan_expected') or '-'}",
            f"Measure: {rec.get('plan_measure') or '-'}", f"Baseline: {rec.get('plan_baseline') or 'not given'}; "
            f"target: {rec.get('plan_target') or 'not given'}"]


def recommendation_link(dashboard_url: str, reference: str) -> str:
    return dashboard_url.rstrip("/") + urls.recommendation_url(reference)


def retest_reminder(rec: dict, today: date, dashboard_url: str) -> tuple[str, str]:
    due = date.fromisoformat(rec["retest_by"])
    subject = f"Re-test due: the impact of recommendation {rec['reference']} by {long_date(due)}"
    body = [f"For the sub-group chair: the impact plan of recommendation {rec['reference']} asks for a re-test by "
            f"{long_date(due)}.", "", *_recommendation_lines(rec), "",
            "Record what the re-test finds (impact evidenced, partly, or not) on the recommendation's page.", "",
            f"Open the recommendation: {recommendation_link(dashboard_url, rec['reference'])}", "", FOOTER]
    return subject, "\n".join(body)


def retest_escalation(rec: dict, today: date, dashboard_url: str) -> tuple[str, str]:
    due = date.fromisoformat(rec["retest_by"])
    subject = f"Re-test overdue: recommendation {rec['reference']} was due to be re-tested by {long_date(due)}"
    body = [f"For the board's chair contact: the re-test of recommendation {rec['reference']}'s impact was due by "
            f"{long_date(due)} ({_days((today - due).days)} ago) and none has been recorded.", "", *_recommendation_lines(rec), "",
            f"Open the recommendation: {recommendation_link(dashboard_url, rec['reference'])}", "", FOOTER]
    return subject, "\n".join(body)


def reminder(action: dict, today: date, dashboard_url: str) -> tuple[str, str]:
    due, left = action["target_date"], (action["target_date"] - today).days
    when = "today" if left == 0 else f"in {_days(left)}"
    subject = f"Reminder: action {action['reference']} is due on {long_date(due)}"
    body = [f"Action {action['reference']} is due on {long_date(due)} ({when}).", "", *_action_lines(action), "",
            "Please report progress, or mark it complete with its evidence, by the target date. If the date "
            "cannot be met, ask the sub-group for a new target date now, with a reason.",
            "", f"Open the action: {action_link(dashboard_url, action['reference'])}", "", FOOTER]
    return subject, "\n".join(body)


def overdue(action: dict, today: date, dashboard_url: str) -> tuple[str, str]:
    days = (today - action["target_date"]).days
    subject = f"Overdue: action {action['reference']} was due on {long_date(action['target_date'])}"
    body = [f"Action {action['reference']} passed its target date of {long_date(action['target_date'])} "
            f"{_days(days)} ago and is not complete.", "", *_action_lines(action), "",
            "Please report progress or completion with evidence, or ask the sub-group for a new target date "
            "with a reason.", "", f"Open the action: {action_link(dashboard_url, action['reference'])}", "", FOOTER]
    return subject, "\n".join(body)


def escalation(action: dict, today: date, dashboard_url: str) -> tuple[str, str]:
    days = (today - action["target_date"]).days
    subject = f"Escalation: action {action['reference']} ({action['agency']}) is {_days(days)} overdue"
    body = [f"For the sub-group chair: action {action['reference']} of {action['agency']} is still overdue "
            f"{_days(days)} after its target date of {long_date(action['target_date'])}. The agency was told "
            "when it became overdue.", "", *_action_lines(action), "",
            f"Open the action: {action_link(dashboard_url, action['reference'])}", "", FOOTER]
    return subject, "\n".join(body)


def clock(row: dict, today: date, dashboard_url: str) -> tuple[str, str]:
    name, due, left = row["deadline"], row["due"], row.get("working_days_left")
    if row["state"] == "late":
        subject = f"Statutory deadline passed: {name} for {row['review_code']} was due on {long_date(due)}"
        opening = f"The {name} deadline for review {row['review_code']} ({row['title']}) was {long_date(due)} and is not met."
    else:
        when = "today" if not left else f"in {left} working day{'s' if left != 1 else ''}"
        subject = f"Statutory deadline near: {name} for {row['review_code']} is due on {long_date(due)}"
        opening = f"The {name} deadline for review {row['review_code']} ({row['title']}) falls due {when}, on {long_date(due)}."
    body = [opening, "", "Working days exclude weekends and bank holidays in England.", "",
            f"Open the review: {review_link(dashboard_url, row['review_code'])}", "", FOOTER]
    return subject, "\n".join(body)


def digest(board: str, today: date, sections: dict[str, list[dict]], dashboard_url: str) -> tuple[str, str]:
    """`sections`: overdue, due_soon, awaiting_sign_off, refused (action rows; refused rows carry `reason`)."""
    year, week, _ = today.isocalendar()
    counts = {name: len(rows) for name, rows in sections.items()}
    subject = (f"Weekly digest for {board}, week {week} of {year}: {counts['overdue']} overdue, "
               f"{counts['due_soon']} due soon, {counts['awaiting_sign_off']} awaiting sign-off")
    body = [f"Action plans of {board} as at {long_date(today)}.",
            f"Dashboard: {board_link(dashboard_url, board)}"]
    for name, heading in DIGEST_SECTIONS.items():
        rows = sections.get(name, [])
        body += ["", f"{heading} ({len(rows)})"]
        body += [_digest_line(name, row, today, dashboard_url) for row in rows] or ["  None."]
    return subject, "\n".join(body + ["", FOOTER])


DIGEST_SECTIONS = {
    "recurring": "Recurring learning noted in the week before this one",  # each new recurrence in one digest only
    "overdue": "Overdue",
    "due_soon": "Due soon",
    "awaiting_sign_off": "Completed, awaiting sign-off",
    "refused": "Sign-off refused in the past week",
}


def _digest_line(section: str, row: dict, today: date, dashboard_url: str) -> str:
    if section == "recurring":
        earlier = ", ".join(row["earlier"][:5]) + (", ..." if len(row["earlier"]) > 5 else "")
        link = dashboard_url.rstrip("/") + urls.recommendation_url(row["reference"])
        return f"- {row['reference']}: {len(row['earlier'])} earlier recommendation(s) on the same learning ({earlier})\n  {link}"
    head = f"- {row['reference']} ({row['agency']}): {row['text']}"
    if section == "overdue":
        detail = f"due {long_date(row['target_date'])}, {_days((today - row['target_date']).days)} overdue"
    elif section == "due_soon":
        detail = f"due {long_date(row['target_date'])}"
    elif section == "awaiting_sign_off":
        detail = f"completed {long_date(row['completed_on'])}" if row.get("completed_on") else "completed"
    else:
        detail = f"refused {long_date(row['refused_on'])}: {row['reason']}"
    return f"{head}\n  {detail}\n  {action_link(dashboard_url, row['reference'])}"
