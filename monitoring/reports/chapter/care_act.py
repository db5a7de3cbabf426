"""Care Act 2014, Schedule 2, paragraph 4: what a Safeguarding Adults Board's annual report must hold about its
safeguarding adults reviews, items (d) to (g), as headed sections. A review's findings are its recommendations."""
from __future__ import annotations

from collections import Counter

from monitoring.reports.chapter.blocks import Block, Bullets, Heading, Paragraph, printable
from monitoring.reports.chapter.implementation import DONE
from monitoring.reports.chapter.wording import count, listed, sentence, uk_date
from monitoring.reports.chapter.year_data import YearData

SAR = "sar"
CONCLUDED = ("completed", "published")
ITEMS = {
    "d": "(d) Findings of the safeguarding adults reviews concluded in the year",
    "e": "(e) Safeguarding adults reviews ongoing at the end of the year",
    "f": "(f) What the board has done in the year to implement their findings",
    "g": "(g) Findings the board decided not to implement, and its reasons",
}


def has_sars(data: YearData) -> bool:
    return any(r["review_type"] == SAR for r in data.reviews)


def concluded_on(review: dict):
    dates = [review["stage_dates"].get(stage) for stage in CONCLUDED if review["stage_dates"].get(stage)]
    return min(dates) if dates else None


def care_act_section(data: YearData, year_label: str) -> list[Block]:
    if not has_sars(data):
        return []
    sars = sorted((r for r in data.reviews if r["review_type"] == SAR), key=lambda r: r["title"])
    blocks: list[Block] = [
        Heading(2, "Safeguarding adults reviews (Care Act 2014, Schedule 2)"),
        Paragraph("The Care Act 2014, Schedule 2, paragraph 4 asks a Safeguarding Adults Board's annual report for "
                  "items (d) to (g) below. A review's findings are its recommendations."),
    ]
    blocks += _concluded(data, sars, year_label)
    blocks += _ongoing(data, sars)
    blocks += _implemented(data, sars, year_label)
    blocks += _not_implemented(data, sars, year_label)
    return blocks


def _findings(data: YearData, code: str) -> list[str]:
    return [f"{r['reference'].split('/', 1)[1]}: {sentence(printable(r['text']))}"
            for r in data.recommendations if r["review_code"] == code]


def _concluded(data: YearData, sars: list[dict], year_label: str) -> list[Block]:
    blocks: list[Block] = [Heading(3, ITEMS["d"])]
    done = [r for r in sars if concluded_on(r) and data.start <= concluded_on(r) <= data.as_at]
    if not done:
        return blocks + [Paragraph(f"No safeguarding adults review was concluded in {year_label}.")]
    for review in done:
        findings = _findings(data, review["code"])
        blocks.append(Paragraph(f"{printable(review['title'])}, concluded on {uk_date(concluded_on(review))}: "
                                f"{count(len(findings), 'finding')}." + ("" if findings else " No finding has been recorded yet.")))
        if findings:
            blocks.append(Bullets(tuple(findings)))
    return blocks


def _ongoing(data: YearData, sars: list[dict]) -> list[Block]:
    blocks: list[Block] = [Heading(3, ITEMS["e"])]
    ongoing = [r for r in sars if not concluded_on(r)]
    if not ongoing:
        return blocks + [Paragraph(f"No safeguarding adults review was ongoing at {uk_date(data.as_at)}.")]
    return blocks + [Bullets(tuple(
        f"{printable(r['title'])}: at stage {r['stage'].replace('_', ' ')} on {uk_date(data.as_at)}, "
        f"begun {uk_date(r['stage_dates'].get('notified') or r['aware_on'])}." for r in ongoing))]


def _implemented(data: YearData, sars: list[dict], year_label: str) -> list[Block]:
    blocks: list[Block] = [Heading(3, ITEMS["f"])]
    events = data.in_year()
    items = []
    for review in sars:
        tally = Counter(e["event"] for e in events if e["review_code"] == review["code"] and e["kind"] == "action")
        row = data.by_review.get(review["code"], {})
        done = [count(tally[name], one, many) for name, one, many in DONE if tally[name]]
        items.append(f"{printable(review['title'])}: " + (listed(done) if done else "nothing recorded") + f" in {year_label}; "
                     f"at {uk_date(data.as_at)}, {row.get('total', 0)} actions, {row.get('overdue', 0)} overdue.")
    return blocks + [Bullets(tuple(items)), Paragraph(
        "The section on implementing the reviews' recommendations gives each review's decisions, improvements and "
        "open actions.")]


def _not_implemented(data: YearData, sars: list[dict], year_label: str) -> list[Block]:
    blocks: list[Block] = [Heading(3, ITEMS["g"])]
    codes = {r["code"] for r in sars}
    rejected = [e for e in data.in_year() if e["event"] == "Rejected" and e["review_code"] in codes]
    if not rejected:
        return blocks + [Paragraph(f"The board did not decide against implementing any finding in {year_label}.")]
    return blocks + [Bullets(tuple(
        f"{data.review_title(e['review_code'])}, {e['reference'].split('/', 1)[1]}, rejected on {uk_date(e['effective'])}: "
        + (sentence(printable(e["words"])) if e["words"] else "no reason recorded.") for e in rejected))]
