"""A stand-in for projections.queries.Queries with hand-made rows in the documented shapes (docs/queries-api.md)."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from domain.statuses import rag

BOARD = "Northshire Safeguarding Children Partnership"
AS_AT = date(2025, 3, 31)


def pct(part: int, whole: int) -> float | None:
    if not whole:
        return None
    return float((Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def action(ref: str, agency: str, status: str, target: date, *, agreed_on=date(2024, 4, 10), last_progress_on=None,
           impact: str = "", original=None, reschedules: int = 0, as_at: date = AS_AT) -> dict:
    code, rec, number = ref.split("/")
    overdue = status in ("not_started", "in_progress") and target < as_at
    return {
        "id": f"id-{ref}", "reference": ref, "board": BOARD, "review_code": code, "review_title": code.title(),
        "recommendation_reference": f"{code}/{rec}", "recommendation_number": int(rec[1:]), "number": int(number[1:]),
        "agency": agency, "text": f"Do the thing {ref}", "lead": "Head of Safeguarding", "measure": "", "contact": "",
        "status": status, "rag": rag(status, target, as_at), "overdue": overdue,
        "days_overdue": (as_at - target).days if overdue else 0, "target_date": target,
        "original_target_date": original or target, "reschedules": reschedules, "agreed_on": agreed_on,
        "completed_on": None, "signed_off_on": None, "last_update": last_progress_on or agreed_on,
        "last_progress_on": last_progress_on, "evidence": "", "impact": impact, "version": 1,
    }


def status_row(key: str, rows: list[dict]) -> dict:
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("not_started", "in_progress", "completed", "signed_off", "withdrawn")}
    live = len(rows) - counts["withdrawn"]
    return {"key": key, "total": len(rows), **counts, "overdue": sum(1 for r in rows if r["overdue"]),
            "percent_complete": pct(counts["completed"] + counts["signed_off"], live),
            "percent_signed_off": pct(counts["signed_off"], live)}


class FakeQueries:
    def __init__(self, actions: list[dict], recommendations: list[dict], *, history: dict | None = None,
                 rag_words: dict | None = None):
        self._actions, self._recommendations = actions, recommendations
        self._history = history or {}
        self._rag_words = rag_words or {}
        self.calls: list[tuple] = []

    def boards(self):
        return [{"name": BOARD, "agencies": [], "chair_contact": "", "agency_contacts": {}, "rag_words": self._rag_words}]

    def reviews(self, *, board=None, as_at=None):
        codes = sorted({a["review_code"] for a in self._actions} | {r["review_code"] for r in self._recommendations})
        return [{"code": c, "title": f"{c.split('-')[0].title()} {c.split('-')[1].upper()} ({c.split('-')[-1]})"} for c in codes]

    def status(self, by="agency", *, board=None, review=None, agency=None, as_at=None):
        self.calls.append(("status", by, board, as_at))
        field = {"agency": "agency", "review": "review_code"}[by]
        groups = defaultdict(list)
        for a in self._actions:
            groups[a[field]].append(a)
        totals = status_row("all", self._actions)
        return {"as_at": as_at.isoformat(), "by": by, "rows": [status_row(k, groups[k]) for k in sorted(groups)], "totals": totals}

    def actions(self, *, as_at=None, board=None, overdue=False, **_):
        self.calls.append(("actions", board, as_at))
        rows = [a for a in self._actions if a["overdue"] or not overdue]
        return sorted(rows, key=lambda a: (a["target_date"], a["reference"]))

    def recommendations(self, *, board=None, as_at=None, **_):
        return list(self._recommendations)

    def monthly_trend(self, year, *, board=None):
        self.calls.append(("monthly_trend", year, board))
        if not self._actions:
            return []
        months = [date(year, m, 28) for m in range(4, 13)] + [date(year + 1, m, 28) for m in range(1, 4)]
        return [{"month_end": m, **{k: v for k, v in status_row("all", self._actions).items() if k != "key"}} for m in months]

    def time_to_complete(self, *, board=None, as_at=None, year=None):
        done = [a for a in self._actions if a["status"] in ("completed", "signed_off")]
        if not done:
            return [{"agency": "All agencies", "completed": 0, "median_days": None, "mean_days": None, "p90_days": None}]
        agencies = sorted({a["agency"] for a in done})
        rows = [{"agency": ag, "completed": sum(1 for a in done if a["agency"] == ag), "median_days": 90.0, "mean_days": 100.0,
                 "p90_days": 200.0} for ag in agencies]
        return rows + [{"agency": "All agencies", "completed": len(done), "median_days": 95.0, "mean_days": 100.0, "p90_days": 210.0}]

    def slippage(self, *, board=None, as_at=None):
        agencies = sorted({a["agency"] for a in self._actions})
        rows = []
        for ag in agencies:
            mine = [a for a in self._actions if a["agency"] == ag]
            moved = [a for a in mine if a["reschedules"]]
            rows.append({"agency": ag, "actions": len(mine), "rescheduled": len(moved), "reschedules": sum(a["reschedules"] for a in moved),
                         "percent_rescheduled": pct(len(moved), len(mine)),
                         "mean_days_slipped": (sum((a["target_date"] - a["original_target_date"]).days for a in moved) / len(moved)) if moved else None})
        return rows

    def history(self, ref_or_id):
        self.calls.append(("history", ref_or_id))
        return self._history.get(ref_or_id, [])

    def last_progress(self, action_ids, *, as_at=None, board=None):
        """As projections.read.event_log.last_progress answers, from the fake history."""
        self.calls.append(("last_progress", tuple(action_ids), as_at))
        rows = []
        for ident in action_ids:
            dates = [e["effective"] for e in self._history.get(ident, [])
                     if e["event"] in ("ProgressReported", "Completed") and e["effective"] <= as_at]
            rows.append({"id": ident, "board": BOARD, "agency": "", "last_progress_on": max(dates, default=None)})
        return rows

    def document_counts(self, *, board=None, as_at=None):
        return dict(getattr(self, "documents", {}))  # action id -> evidence documents (issue 16)

    def recurring_learning(self, year, *, board=None, as_at=None):
        # gather asks for it since issue 17: one theme, in the documented shape (docs/queries-api.md), when there is anything
        if not self._recommendations:
            return []
        return [{"theme": "neglect", "name": "Neglect", "recommendations": 2, "recurring": 1, "percent_recurring": 50.0,
                 "earlier_reviews": 1}]

    def recommendations_impact(self, *, board=None, as_at=None, complete_not_evidenced=False, **_):
        self.calls.append(("recommendations_impact", board, as_at))
        # gather asks for it since issue 15: one implemented recommendation whose impact no re-test evidenced
        done = [r for r in self._recommendations if r.get("implementation") in ("implemented", "closed")][:1]
        return [{"reference": r["reference"], "board": r.get("board"), "review_code": r["review_code"], "number": r.get("number"),
                 "text": r.get("text", ""), "agencies": ["Police"], "actions": 1, "complete": 1, "signed_off": 1,
                 "all_complete": True, "implemented": True, "impact": "not_tested", "retest_by": None,
                 "retest_overdue": False, "last_retest_on": None, "plan_expected": None, "plan_measure": None} for r in done]


def recommendation(ref: str, implementation: str, *, status: str = "open", impact: str = "", priority: bool = False) -> dict:
    code, rec = ref.split("/")
    return {"reference": ref, "id": f"id-{ref}", "board": BOARD, "review_code": code, "number": int(rec[1:]),
            "text": f"Recommendation {ref}", "agencies": [], "priority": priority, "themes": [], "status": status,
            "implementation": implementation, "actions": 2, "signed_off": 1, "completed": 0, "withdrawn": 0, "overdue": 0,
            "impact": impact}


def sample_queries() -> FakeQueries:
    """Two reviews, three agencies, every status, an overdue action and a stale one."""
    actions = [
        action("child-r-2019/R1/A1", "Police", "signed_off", date(2024, 9, 30), impact="Referrals now reach CSC within a day."),
        action("child-r-2019/R1/A2", "Education", "in_progress", date(2024, 12, 31), last_progress_on=date(2024, 11, 2)),
        action("child-r-2019/R2/A1", "Police", "completed", date(2025, 2, 28), last_progress_on=date(2025, 2, 20)),
        action("baby-m-2021/R1/A1", "Acute Trust", "not_started", date(2025, 6, 30), agreed_on=date(2024, 6, 1)),
        action("baby-m-2021/R1/A2", "Acute Trust", "in_progress", date(2025, 9, 30), last_progress_on=date(2025, 3, 1)),
        action("baby-m-2021/R2/A1", "Education", "withdrawn", date(2025, 1, 31)),
        action("baby-m-2021/R2/A2", "Police", "in_progress", date(2025, 5, 31), last_progress_on=date(2025, 6, 10),
               original=date(2025, 1, 31), reschedules=2),
    ]
    recommendations = [
        recommendation("child-r-2019/R1", "partly implemented"),
        recommendation("child-r-2019/R2", "not started"),
        recommendation("baby-m-2021/R1", "not started", priority=True),
        recommendation("baby-m-2021/R2", "closed", status="closed", impact="Safe-sleep advice is given at every contact."),
    ]
    history = {"id-baby-m-2021/R2/A2": [
        {"event": "ProgressReported", "effective": date(2024, 10, 1)},
        {"event": "Rescheduled", "effective": date(2025, 1, 20)},
        {"event": "ProgressReported", "effective": date(2025, 6, 10)},
    ]}
    return FakeQueries(actions, recommendations, history=history)
