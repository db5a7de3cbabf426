"""Areas with little or no evidence of progress, by agency: overdue, target dates moved twice or more, sign-offs
refused, and actions signed off with no impact evidenced (Working Together's "analysis of any areas where there
has been little or no evidence of progress")."""
from __future__ import annotations

from datetime import date

from domain.impact import IMPACT_MEANING
from domain.statuses import SIGNED_OFF, WITHDRAWN
from monitoring.reports.chapter.blocks import Block, Bullets, Heading, Paragraph, Table, printable
from monitoring.reports.chapter.wording import TO_COMPLETE, uk_date
from monitoring.reports.chapter.year_data import YearData

RESCHEDULED_OFTEN = 2
MEASURES = ("Overdue", f"Target date moved {RESCHEDULED_OFTEN} or more times", "Sign-off refused in the year",
            "Signed off with no impact statement", "Recommendation complete, impact not evidenced")


def signed_off_without_impact(data: YearData) -> list[dict]:
    """Actions signed off at the as-at date whose sign-off (the latest by then) carried no impact statement."""
    impact: dict[str, str] = {}
    for e in data.record:
        if e["event"] == "SignedOff":
            impact[e["reference"]] = e["words"]
    return [a for a in data.actions if a["status"] == SIGNED_OFF and not impact.get(a["reference"])]


def little_progress(data: YearData) -> dict[str, list[list[str]]]:
    """Agency -> the action references under each of MEASURES, in that order."""
    found: dict[str, list[list[str]]] = {}

    def add(agency: str, measure: int, reference: str) -> None:
        found.setdefault(agency, [[] for _ in MEASURES])[measure].append(reference)

    for a in data.actions:
        if a["overdue"]:
            add(a["agency"], 0, a["reference"])
        if a["status"] != WITHDRAWN and a["reschedules"] >= RESCHEDULED_OFTEN:
            add(a["agency"], 1, a["reference"])
    for e in data.in_year():
        if e["event"] == "SignOffRefused":
            add(e["agency"], 2, e["reference"])
    for a in signed_off_without_impact(data):
        add(a["agency"], 3, a["reference"])
    for rec in data.not_evidenced:  # counted under each agency the recommendation names
        for agency in rec["agencies"]:
            add(agency, 4, rec["reference"])
    return dict(sorted(found.items()))


def progress_section(data: YearData, year_label: str) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Areas with little or no evidence of progress")]
    found = little_progress(data)
    if not found:
        return blocks + [Paragraph(
            f"At {uk_date(data.as_at)} no action was overdue or had its target date moved {RESCHEDULED_OFTEN} or more "
            f"times, no sign-off was refused in {year_label}, and every action signed off had a statement of impact.")]
    blocks.append(Paragraph(
        f"The table counts, for each agency, the actions showing little or no evidence of progress at "
        f"{uk_date(data.as_at)}: overdue; target date moved {RESCHEDULED_OFTEN} or more times; sign-off refused by the "
        f"sub-group in {year_label}; signed off with no statement of the impact it made; and recommendations whose "
        "actions are all complete but whose impact no re-test has yet evidenced (counted under each agency they name). "
        "An action can appear under more than one heading."))
    rows = tuple((printable(agency), *(str(len(refs)) for refs in lists)) for agency, lists in found.items())
    totals = ("All agencies", *(str(sum(len(lists[i]) for lists in found.values())) for i in range(len(MEASURES))))
    blocks.append(Table(f"Little or no evidence of progress, by agency, at {uk_date(data.as_at)}",
                        ("Agency", *MEASURES), rows + (totals,)))
    items = []
    for agency, lists in found.items():
        parts = [f"{measure.lower()}: {', '.join(named(data, ref) for ref in refs)}"
                 for measure, refs in zip(MEASURES, lists) if refs]
        items.append(f"{printable(agency)}: " + "; ".join(parts) + ".")
    blocks.append(Bullets(tuple(items)))
    blocks += _not_evidenced(data)
    blocks.append(Paragraph(f"{TO_COMPLETE}the board's analysis of these areas: why progress has been slow, what the "
                            "sub-group has done to challenge it, and what happens next.", to_complete=True))
    return blocks


def _not_evidenced(data: YearData) -> list[Block]:
    """The recommendations behind the last column: complete, yet no re-test has evidenced their impact."""
    if not data.not_evidenced:
        return []
    rows = tuple((r["reference"].split("/", 1)[-1], printable(data.review_title(r["review_code"])),
                  IMPACT_MEANING.get(r["impact"], str(r["impact"])), _due(r.get("retest_by")))
                 for r in data.not_evidenced)
    return [Table(f"Recommendations complete at {uk_date(data.as_at)} whose impact is not evidenced",
                  ("Recommendation", "Review", "Impact at the year's end", "Re-test due"), rows)]


def named(data: YearData, reference: str) -> str:
    """`Baby M (2021) R5/A2` for `baby-m-2021/R5/A2`: the review by the title its readers know, not the tracker's code."""
    code, _, within = reference.partition("/")
    return f"{printable(data.review_title(code))} {within}" if within else printable(reference)


def _due(iso: str | None) -> str:
    return uk_date(date.fromisoformat(iso)) if iso else "no re-test planned"
