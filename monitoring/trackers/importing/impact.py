"""The tracker's assurance and impact columns (domain.impact): read from a row's cells, and applied to the
recommendation (kind, scope, addressee, impact plan, latest re-test) and to a signed-off action (assurance
level, critical-friend comment). Importing the same file again changes nothing.
"""
from __future__ import annotations

from domain.errors import DomainError
from domain.impact import EVIDENCED, parse_assurance, parse_evidenced, parse_kind, parse_scope
from monitoring.trackers.importing import cells
from monitoring.trackers.importing.problems import Problem

TEXTS = ("addressee", "assurance_comment", "impact_expected", "impact_measure", "baseline", "impact_target", "retest_result")
DATES = ("baseline_date", "retest_by", "retest_on")
# "Assessment of progress: 1 Fully achieved ... 4" (a published template) read as the four assurance levels.
ASSESSMENT_NUMBERS = {"1": "substantial", "2": "reasonable", "3": "limited", "4": "none"}
KIND_WORDS = {"multi-agency": "overview", "multi agency": "overview", "imr": "single_agency", "single agency": "single_agency"}
FOUND = {finding: word for word, finding in EVIDENCED.items()}  # stored finding -> the tracker's yes|partly|no
CHANGED = "As the imported tracker gives it"


def text_key(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def _domain(parse):
    """A domain word parser as a cell parser: blank is None, a refusal is the cell's problem."""
    def cell(value):
        raw = cells.text(value)
        if not raw:
            return None
        try:
            return parse(raw)
        except DomainError as error:
            raise cells.CellError(error.reason) from None
    return cell


PARSERS = {
    "recommendation_kind": _domain(lambda raw: parse_kind(KIND_WORDS.get(raw.lower(), raw))),
    "recommendation_scope": _domain(parse_scope),
    "assurance": _domain(lambda raw: parse_assurance(ASSESSMENT_NUMBERS.get(raw.split()[0].rstrip("."), raw))),
    "impact_evidenced": _domain(parse_evidenced),
}
COLUMNS = (*TEXTS, *DATES, *PARSERS)  # a sheet with none of them has no impact cells to read


def read_impact(raw, parse) -> dict:
    """The row's assurance and impact cells: {field: value} for those given. `parse(column, parser)` notes problems."""
    values = {name: cells.text(raw(name)) for name in TEXTS}
    values.update({name: parse(name, cells.parse_date) for name in DATES})
    values.update({name: parse(name, parser) for name, parser in PARSERS.items()})
    return {name: value for name, value in values.items() if value not in (None, "")}


def classification(rows) -> dict:
    """kind, scope and addressee for Recommendation.make, from the first rows that give them."""
    found = {name: _first(rows, f"recommendation_{name}")[0] for name in ("kind", "scope")}
    found["addressee"] = _first(rows, "addressee")[0]
    return {name: value for name, value in found.items() if value}


def apply_to_recommendation(planner, plan, recommendation) -> None:
    if recommendation is None:
        return
    rows = [r for r in plan.rows if r.ok]
    _reclassify(planner, rows, recommendation)
    _plan(planner, plan, rows, recommendation)
    _retest(planner, rows, recommendation)


def assurance_of(row) -> dict:
    """The sign-off's keywords from the row: assurance level and critical-friend comment."""
    return {"assurance": row.impact.get("assurance", ""), "comment": row.impact.get("assurance_comment", "")}


def check_graded(planner, action, row) -> None:
    """A stored sign-off's level is the sub-group's record: a different one in the file is reported, not applied."""
    level = row.impact.get("assurance")
    if level and action.status == "signed_off" and getattr(action, "assurance", "") not in (level, ""):
        planner.outcome.warnings.append(Problem(row.row, "assurance", f"differs from the stored {action.assurance!r} of {action.reference}; not changed"))


def _first(rows, name):
    return next(((r.impact[name], r.row) for r in rows if r.impact.get(name)), (None, 0))


def _reclassify(planner, rows, recommendation) -> None:
    given = classification(rows)
    if not given:
        return
    new = {"kind": given.get("kind", recommendation.kind), "scope": given.get("scope", recommendation.scope),
           "addressee": given.get("addressee", recommendation.addressee)}
    if (new["kind"], new["scope"]) == (recommendation.kind, recommendation.scope) and text_key(new["addressee"] or "") == text_key(recommendation.addressee or ""):
        return
    row = min(r.row for r in rows)
    if planner.attempt(row, "recommendation_scope", lambda: recommendation.reclassify(
            **new, reason=CHANGED, actor=planner.options.actor, on=planner.later(recommendation), today=planner.options.today)):
        planner.touch(recommendation)
        planner.outcome.other_changes.append(f"kind and scope of {recommendation.reference} to {new['kind']}, {new['scope']}")


def _plan(planner, plan, rows, recommendation) -> None:
    fields = {"expected": "impact_expected", "measure": "impact_measure", "baseline": "baseline", "target": "impact_target"}
    given = {key: _first(rows, column)[0] for key, column in fields.items()}
    baseline_on, retest_by = _first(rows, "baseline_date")[0], _first(rows, "retest_by")[0]
    if not any(given.values()) and retest_by is None:
        return
    stored = recommendation.impact_plan or {}
    same = all(text_key(given[k] or "") == text_key(stored.get(k) or "") for k in given) and retest_by == recommendation.retest_by \
        and baseline_on == stored.get("baseline_on")
    if same:
        return
    row = _first(rows, "impact_measure")[1] or min(r.row for r in rows)
    on = plan.made_on or planner.options.on if recommendation.impact_plan is None else planner.later(recommendation)
    on = max(on, recommendation.last_effective)
    if planner.attempt(row, "impact_measure", lambda: recommendation.plan_impact(
            expected=given["expected"] or "", measure=given["measure"] or "", baseline=given["baseline"] or "",
            baseline_on=baseline_on, target=given["target"] or "", retest_by=retest_by,
            reason=CHANGED if recommendation.impact_plan is not None else "", actor=planner.options.actor, on=on,
            today=planner.options.today)):
        planner.touch(recommendation)
        planner.outcome.other_changes.append(f"impact plan of {recommendation.reference}")


def _retest(planner, rows, recommendation) -> None:
    finding, row = _first(rows, "impact_evidenced")
    result = _first(rows, "retest_result")[0]
    if finding is None and not result:
        return
    on = _first(rows, "retest_on")[0] or planner.later(recommendation)
    if recommendation.last_retest_on == on and recommendation.last_finding == finding:
        return  # already recorded (the same file imported again)
    if planner.attempt(row or min(r.row for r in rows), "retest_result", lambda: recommendation.retest(
            result=result or "", evidenced=FOUND.get(finding, "") if finding else "", actor=planner.options.actor, on=on,
            today=planner.options.today)):
        planner.touch(recommendation)
        planner.outcome.other_changes.append(f"re-test of {recommendation.reference}: impact {finding.replace('_', ' ')}")
