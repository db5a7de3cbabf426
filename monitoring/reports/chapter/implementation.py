"""For each review with recommendations open at any time in the year: what was decided and done to implement
them, the resulting improvements, and what is planned (Working Together's "record of decisions and actions")."""
from __future__ import annotations

from collections import Counter
from datetime import date

from domain.impact import ASSURANCE_LEVELS, ASSURANCE_MEANING, NOT_GRADED
from domain.statuses import OPEN_STATUSES, REVIEW_TYPES
from monitoring.reports.chapter.blocks import Block, Bullets, Heading, Paragraph, Table, printable
from monitoring.reports.chapter.wording import TO_COMPLETE, count, listed, percent_text, sentence, uk_date
from monitoring.reports.chapter.year_data import YearData

DONE = (("Agreed", "action agreed", "actions agreed"), ("ProgressReported", "progress update", "progress updates"),
        ("Completed", "action marked complete", "actions marked complete"),
        ("SignedOff", "sign-off", "sign-offs"), ("SignOffRefused", "sign-off refused", "sign-offs refused"),
        ("Rescheduled", "target date moved", "target dates moved"), ("Withdrawn", "action withdrawn", "actions withdrawn"),
        ("Reopened", "action reopened", "actions reopened"))
DECIDED = {"Made": "made", "Closed": "closed with a statement of impact", "Rejected": "rejected",
           "Superseded": "superseded"}
PLANNED_SHOWN = 12  # open actions listed per review; the rest are counted


def open_in_year(data: YearData) -> dict[str, list[dict]]:
    """Review code -> its recommendations that were open at some time in the year."""
    reviews: dict[str, list[dict]] = {}
    for rec in data.recommendations:
        if rec["reference"] not in data.closed_before:
            reviews.setdefault(rec["review_code"], []).append(rec)
    return reviews


def implementation_section(data: YearData, year_label: str) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Implementing the reviews' recommendations")]
    t = data.totals
    if t["total"] == t["withdrawn"]:
        blocks.append(Paragraph(f"At {uk_date(data.as_at)}, {printable(data.board)} had no action to monitor "
                                f"({count(t['withdrawn'], 'action')} withdrawn)."))
    else:
        blocks.append(Paragraph(
            f"At {uk_date(data.as_at)}, {printable(data.board)} was monitoring {count(t['total'], 'action')} "
            f"({t['withdrawn']} withdrawn). Of those not withdrawn, {percent_text(t['percent_complete'])} were complete "
            f"(completed or signed off) and {percent_text(t['percent_signed_off'])} signed off; "
            f"{count(t['overdue'], 'action was', 'actions were')} overdue."))
    reviews = open_in_year(data)
    if not reviews:
        return blocks + [Paragraph(f"No review of {printable(data.board)} had a recommendation open in {year_label}.")]
    events = data.in_year()
    for code in sorted(reviews, key=lambda c: data.review_title(c)):
        blocks += _review(data, code, reviews[code], [e for e in events if e["review_code"] == code], year_label)
    return blocks


def _review(data: YearData, code: str, recs: list[dict], events: list[dict], year_label: str) -> list[Block]:
    review = next((r for r in data.reviews if r["code"] == code), {"title": code, "review_type": ""})
    title = printable(review["title"])
    row = data.by_review.get(code, {})
    kind = REVIEW_TYPES.get(review["review_type"], "")
    blocks: list[Block] = [Heading(3, f"{title}{f' ({kind})' if kind else ''}")]
    implemented = sum(1 for r in recs if r["implementation"] in ("implemented", "closed"))
    blocks.append(Paragraph(
        f"{count(len(recs), 'recommendation was', 'recommendations were')} open at some time in {year_label}; "
        f"at {uk_date(data.as_at)} {_of_them(implemented)} implemented or closed. "
        f"The action plan held {count(row.get('total', 0), 'action')}: {percent_text(row.get('percent_complete'))} complete, "
        f"{percent_text(row.get('percent_signed_off'))} signed off and {row.get('overdue', 0)} overdue."))
    if review["review_type"] == "dhr":
        blocks.append(Paragraph("This is a domestic homicide review: the community safety partnership monitors its "
                                "action plan and reports its progress."))
    blocks += _decided_and_done(events, year_label, title, data.assurance_words)
    blocks += _improvements(events, year_label, title)
    blocks += _retests(data, code, year_label, title)
    blocks += _national(data, code)
    blocks += _planned(data, code, title)
    blocks += _retests_planned(data, code)
    return blocks


def _decided_and_done(events: list[dict], year_label: str, title: str, words: dict[str, str]) -> list[Block]:
    blocks: list[Block] = [Paragraph(f"Decided and done in {year_label}:")]
    tally = Counter(e["event"] for e in events if e["kind"] == "action")
    done = [count(tally[name], one, many) for name, one, many in DONE if tally[name]]
    decisions = [f"{e['reference'].split('/')[-1]} {DECIDED[e['event']]} on {uk_date(e['effective'])}"
                 + (f" (reason: {printable(e['words']).rstrip('.')})" if e["event"] in ("Rejected", "Superseded") and e["words"] else "")
                 for e in events if e["kind"] == "recommendation" and e["event"] in DECIDED]
    items = []
    if decisions:
        items.append("Recommendations: " + "; ".join(decisions) + ".")
    if done:
        items.append("Actions: " + listed(done) + ".")
    graded = Counter(e["assurance"] or NOT_GRADED for e in events if e["event"] == "SignedOff")
    if graded:
        items.append("The sub-group's assurance at sign-off: " + listed(
            [f"{printable(words.get(level) or ASSURANCE_MEANING.get(level, level))} {graded[level]}"
             for level in (*ASSURANCE_LEVELS, NOT_GRADED)
             if graded[level]]) + ".")
    refused = [e for e in events if e["event"] == "SignOffRefused"]
    items += [f"Sign-off of {e['reference'].split('/', 1)[1]} ({printable(e['agency'])}) refused on {uk_date(e['effective'])}: "
              f"{sentence(printable(e['words']))}" for e in refused]
    if not items:
        return [Paragraph(f"Nothing was recorded for {title} in {year_label}: no decision on a recommendation and no "
                          "change to an action.")]
    return blocks + [Bullets(tuple(items))]


def _improvements(events: list[dict], year_label: str, title: str) -> list[Block]:
    stated = [e for e in events if e["event"] in ("SignedOff", "Closed") and e["words"]]
    unstated = [e for e in events if e["event"] == "SignedOff" and not e["words"]]
    blocks: list[Block] = [Paragraph(f"Resulting improvements recorded in {year_label}:")]
    if stated:
        blocks.append(Bullets(tuple(
            f"{_who(e)}, {'signed off' if e['event'] == 'SignedOff' else 'closed'} on {uk_date(e['effective'])}: "
            f"{sentence(printable(e['words']))}" for e in stated)))
    else:
        blocks = [Paragraph(f"No improvement was recorded for {title} in {year_label}.")]
    if unstated:
        blocks.append(Paragraph(
            f"{TO_COMPLETE}{count(len(unstated), 'action was', 'actions were')} signed off in {year_label} with no "
            f"statement of impact ({', '.join(e['reference'].split('/', 1)[1] for e in unstated)}): say what changed "
            "for children and families as a result, or that it is not yet known.", to_complete=True))
    elif not stated:
        blocks.append(Paragraph(f"{TO_COMPLETE}say what improvement, if any, the work on {title} has made so far.",
                                to_complete=True))
    return blocks


FINDINGS = {"evidenced": "impact evidenced", "partly": "impact partly evidenced", "not_evidenced": "impact not evidenced"}


def _retests(data: YearData, code: str, year_label: str, title: str) -> list[Block]:
    """What the board's re-tests found in the year (the impact plan's measure tested again)."""
    found = [r for r in data.retests if r["review_code"] == code and data.start <= r["on"] <= data.as_at]
    if not found:
        return [Paragraph(f"No re-test of the impact of {title}'s recommendations was recorded in {year_label}.")]
    return [Paragraph(f"Re-tests of impact in {year_label}:"), Bullets(tuple(
        f"{r['reference'].split('/', 1)[1]}, re-tested on {uk_date(r['on'])}: {FINDINGS.get(r['impact'], str(r['impact']))}"
        + (f". {sentence(printable(r['result']))}" if r.get("result") else ".") for r in found))]


def _national(data: YearData, code: str) -> list[Block]:
    """Recommendations addressed to a national body: when the board asked for its response, and whether it came."""
    national = [r for r in data.impact_plans if r["review_code"] == code and r.get("scope") == "national"]
    if not national:
        return []
    lines = []
    for r in national:
        to = printable(r.get("addressee") or "a national body (not named)")
        asked, received = (_by(r.get(name), data.as_at) for name in ("response_asked_on", "response_received_on"))
        if not asked:
            lines.append(f"{r['reference'].split('/', 1)[1]}, to {to}: no response has been asked for.")
            continue
        answer = f"received on {uk_date(received)}" if received else f"not received by {uk_date(data.as_at)}"
        lines.append(f"{r['reference'].split('/', 1)[1]}, to {to}: response asked for on {uk_date(asked)}, {answer}.")
    return [Paragraph("Recommendations to national bodies:"), Bullets(tuple(lines))]


def _by(iso: str | None, as_at: date) -> date | None:
    """A date the row holds today, if it had happened by the as-at date (the row is not kept as at a date)."""
    day = date.fromisoformat(iso) if iso else None
    return day if day and day <= as_at else None


def _retests_planned(data: YearData, code: str) -> list[Block]:
    """Impact plans whose re-test is still to come (or overdue) at the as-at date: part of what is planned."""
    due = [r for r in data.impact_plans if r["review_code"] == code and r.get("retest_by") and r["impact"] != "evidenced"
           and (r.get("retest_overdue") or date.fromisoformat(r["retest_by"]) >= data.as_at)]
    if not due:
        return []
    return [Paragraph("Re-tests of impact planned:"), Bullets(tuple(
        f"{r['reference'].split('/', 1)[1]}: re-test due by {uk_date(date.fromisoformat(r['retest_by']))}"
        + (" (overdue)" if r.get("retest_overdue") else "")
        + (f"; measure: {sentence(printable(r['plan_measure']))}" if r.get("plan_measure") else ".") for r in due))]


def _planned(data: YearData, code: str, title: str) -> list[Block]:
    still_open = sorted((a for a in data.actions if a["review_code"] == code and a["status"] in OPEN_STATUSES),
                        key=lambda a: (a["target_date"], a["recommendation_number"], a["number"]))
    if not still_open:
        return [Paragraph(f"What is planned: no action for {title} was open at {uk_date(data.as_at)}.")]
    last = max(a["target_date"] for a in still_open)
    overdue = sum(1 for a in still_open if a["overdue"])
    if len(still_open) == 1:
        planned = (f"What is planned: 1 action remains open at {uk_date(data.as_at)}, due by {uk_date(last)}; "
                   f"it {'is' if overdue else 'is not'} overdue.")
    else:
        planned = (f"What is planned: {len(still_open)} actions remain open at {uk_date(data.as_at)}, the last due by "
                   f"{uk_date(last)}; {_of_them(overdue, 'overdue')}.")
    blocks: list[Block] = [Paragraph(planned)]
    rows = tuple((a["reference"].split("/", 1)[1], printable(a["agency"]), printable(a["text"]), uk_date(a["target_date"]),
                  ("overdue" if a["overdue"] else a["status"].replace("_", " "))) for a in still_open[:PLANNED_SHOWN])
    blocks.append(Table(f"Open actions for {title} at {uk_date(data.as_at)}",
                        ("Action", "Agency", "Action text", "Target date", "Status"), rows))
    if len(still_open) > PLANNED_SHOWN:
        blocks.append(Paragraph(f"The table shows the first {PLANNED_SHOWN} by target date; "
                                f"{len(still_open) - PLANNED_SHOWN} more are in the pack's data."))
    return blocks


def _of_them(n: int, what: str = "") -> str:
    """'none of them was', '1 of them was', '3 of them were' (or '... overdue' when `what` is given)."""
    if what:
        return f"none of them {what}" if n == 0 else f"{n} of them {what}"
    return "none of them was" if n == 0 else f"{n} of them {'was' if n == 1 else 'were'}"


def _who(event: dict) -> str:
    """`R2/A1 (Police)` for an action, `R2` for a recommendation."""
    within = event["reference"].split("/", 1)[1]
    return f"{within} ({printable(event['agency'])})" if event["agency"] else within
