"""The year's reviews by kind and stage, and each statutory clock that fell in the year: met, or late by N
working days, with the reason the board recorded for the delay (the note given with the late stage)."""
from __future__ import annotations

from domain.calendar import working_days_between
from domain.statuses import REVIEW_TYPES
from monitoring.reports.chapter.blocks import Block, Bullets, Heading, Paragraph, Table, printable
from monitoring.reports.chapter.wording import TO_COMPLETE, count, sentence, uk_date
from monitoring.reports.chapter.year_data import YearData

STAGES = (("notified", "Notified"), ("rapid_review", "Rapid reviews"), ("decision", "Decisions"),
          ("commissioned", "Commissioned"), ("completed", "Completed"), ("published", "Published"),
          ("deferred", "Publication deferred"))
# The stage whose note explains a late clock; the Panel's notification is recorded without a note.
CLOCK_STAGE = {"notification": None, "rapid review": "rapid_review", "publication": "published",
               "publication (deferred)": "deferred"}
CLOCK_WORDS = {"notification": "notification to the National Panel (5 working days)",
               "rapid review": "rapid review (15 working days)",
               "publication": "publication (6 months from the decision)",
               "publication (deferred)": "publication (6 months from the decision; deferred)"}


def timeliness_section(data: YearData, year_label: str) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Reviews in the year and their statutory timeliness")]
    reached = [(r, stage) for r in data.reviews for stage, _ in STAGES if _in_year(data, r["stage_dates"].get(stage))]
    lines, missing = _clock_lines(data)
    if not reached:
        blocks.append(Paragraph(f"No review of {printable(data.board)} reached a stage between "
                                f"{uk_date(data.start)} and {uk_date(data.as_at)}."))
        if not lines:
            return blocks
    else:
        kinds = sorted({r["review_type"] for r, _ in reached}, key=lambda k: list(REVIEW_TYPES).index(k))
        rows = [(REVIEW_TYPES[k], *(str(sum(1 for r, s in reached if r["review_type"] == k and s == stage))
                                    for stage, _ in STAGES)) for k in kinds]
        blocks.append(Paragraph(
            f"Between {uk_date(data.start)} and {uk_date(data.as_at)}, {count(len({r['code'] for r, _ in reached}), 'review')} "
            f"of {printable(data.board)} reached at least one stage. The table counts the stages reached in {year_label}, "
            "by kind of review."))
        blocks.append(Table(f"Stages reached in {year_label}, by kind of review", ("Kind of review", *(w for _, w in STAGES)),
                            tuple(rows)))
    # A clock still running late at the year's end is reported even when the review reached no stage in the year.
    blocks.append(Paragraph(
        "Working Together to Safeguard Children sets three clocks: the National Panel is notified within 5 working "
        "days of the local authority becoming aware of a serious incident; the rapid review is completed within 15 "
        "working days; a local child safeguarding practice review is published within 6 months of the decision to "
        "hold it. Working days leave out weekends and bank holidays in England."))
    blocks.append(Bullets(tuple(lines)) if lines else Paragraph(f"No statutory clock fell due or was met in {year_label}."))
    for text in missing:
        blocks.append(Paragraph(text, to_complete=True))
    return blocks


def _in_year(data: YearData, day) -> bool:
    return day is not None and data.start <= day <= data.as_at


def _clock_lines(data: YearData) -> tuple[list[str], list[str]]:
    lines, missing = [], []
    for review in data.reviews:
        for clock in review["deadlines"]:
            due, met, state = clock["due"], clock["met_on"], clock["state"]
            if due is None or not (_in_year(data, met) or _in_year(data, due) or state == "late"):
                continue
            what = f"{printable(review['title'])} ({REVIEW_TYPES.get(review['review_type'], review['review_type'])}), {CLOCK_WORDS.get(clock['name'], clock['name'])}"
            if state == "met":
                lines.append(f"{what}: due by {uk_date(due)}, met on {uk_date(met)}.")
                continue
            if state == "pending":
                lines.append(f"{what}: due by {uk_date(due)}, not yet due at {uk_date(data.as_at)}.")
                continue
            late = working_days_between(due, met or data.as_at)
            if met:
                text = f"{what}: due by {uk_date(due)}, met on {uk_date(met)}, late by {count(late, 'working day')}."
            else:
                text = (f"{what}: due by {uk_date(due)}, not met by {uk_date(data.as_at)}, "
                        f"late by {count(late, 'working day')} at that date.")
            stage = CLOCK_STAGE.get(clock["name"])
            note = data.stage_notes.get((review["code"], stage), "") if stage else ""
            if note:
                text += f" Reason recorded: {sentence(printable(note))}"
            else:
                text += " No reason for the delay was recorded."
                missing.append(f"{TO_COMPLETE}say why the {CLOCK_WORDS.get(clock['name'], clock['name'])} for "
                               f"{printable(review['title'])} {'was' if met else 'is'} late.")
            lines.append(text)
    return lines, missing
