"""Assurance and impact: the board's judgement beside the agency's own claim that an action is done.

Why a module of its own: the words (kinds, scopes, assurance levels, re-test findings) and the rule
that turns a recommendation's plan and re-tests into "impact evidenced, partly, not, not yet tested,
re-test overdue" are used by the aggregates, the read models, the forms, the import and the pack;
they are written once, here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.errors import DomainError
from domain.statuses import parse_choice

OVERVIEW, SINGLE_AGENCY = "overview", "single_agency"
KINDS = (OVERVIEW, SINGLE_AGENCY)
LOCAL, REGIONAL, NATIONAL = "local", "regional", "national"
SCOPES = (LOCAL, REGIONAL, NATIONAL)

# As public audit opinions are given; "not_graded" is a sign-off without one (and every older sign-off).
ASSURANCE_LEVELS = ("substantial", "reasonable", "limited", "none")
NOT_GRADED = "not_graded"
ASSURANCE_COLUMNS = tuple(f"signed_off_{level}" for level in (*ASSURANCE_LEVELS, NOT_GRADED))
ASSURANCE_MEANING = {
    "substantial": "Substantial assurance",
    "reasonable": "Reasonable assurance",
    "limited": "Limited assurance",
    "none": "No assurance",
    NOT_GRADED: "Not graded",
}

# What a re-test found; "not_tested" is a recommendation with no re-test yet.
EVIDENCED = {"yes": "evidenced", "partly": "partly", "no": "not_evidenced"}
IMPACT_STATES = ("evidenced", "partly", "not_evidenced", "not_tested")
IMPACT_MEANING = {
    "evidenced": "Impact evidenced",
    "partly": "Impact partly evidenced",
    "not_evidenced": "Impact not evidenced",
    "not_tested": "Not yet re-tested",
}
# The columns `status` gains, after the existing ones, in this order.
IMPACT_COLUMNS = ("recommendations", *(f"impact_{state}" for state in IMPACT_STATES), "retests_overdue")
NEW_STATUS_COLUMNS = (*ASSURANCE_COLUMNS, *IMPACT_COLUMNS)


def parse_kind(value: str) -> str:
    return parse_choice("kind", value, KINDS)


def parse_scope(value: str) -> str:
    return parse_choice("scope", value, SCOPES)


def parse_assurance(value: str | None, field: str = "assurance") -> str:
    """A sub-group's assurance word; blank means not graded. The board's own words are accepted too."""
    if not (value or "").strip():
        return ""
    key = value.strip().lower().removesuffix(" assurance")
    key = "none" if key == "no" else key
    return parse_choice(field, key, ASSURANCE_LEVELS)


def parse_evidenced(value: str, field: str = "evidenced") -> str:
    """yes|partly|no (or the finding's own words) -> the stored finding."""
    key = (value or "").strip().lower().replace("-", "_").replace(" ", "_")
    for word, finding in EVIDENCED.items():
        if key in (word, finding, f"impact_{finding}"):
            return finding
    raise DomainError(field, f"unknown value {value!r}; expected one of yes, partly, no")


@dataclass(frozen=True)
class ImpactRecord:
    """One dated fact about a recommendation's impact: a plan set (with its re-test date) or a re-test."""

    on: date
    kind: str  # "plan" or "retest"
    retest_by: date | None = None
    finding: str | None = None


@dataclass(frozen=True)
class ImpactPosition:
    state: str  # one of IMPACT_STATES
    planned: bool
    retest_by: date | None
    retest_overdue: bool
    last_retest_on: date | None
    awaiting_retest: bool = False  # a plan asks for a re-test and none has been recorded since it was set


def impact_as_at(records: list[ImpactRecord], as_at: date) -> ImpactPosition:
    """The position at the end of `as_at`: the latest re-test's finding, and whether a re-test is overdue.

    A re-test is overdue when the plan in force asks for one before `as_at` and none has been recorded
    since that plan was set (a plan edited after a re-test asks for the next one)."""
    state, plan, last_retest = "not_tested", None, None
    for record in sorted((r for r in records if r.on <= as_at), key=lambda r: (r.on, r.kind == "retest")):
        if record.kind == "plan":
            plan = record
        else:
            state, last_retest = record.finding, record.on
    retest_by = plan.retest_by if plan else None
    waiting = plan is not None and (last_retest is None or last_retest < plan.on)
    overdue = bool(waiting and retest_by is not None and retest_by < as_at)
    return ImpactPosition(state, plan is not None, retest_by, overdue, last_retest, bool(waiting))
