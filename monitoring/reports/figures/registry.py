"""The one registry of the annual report's figures and tables, read by the dashboard page and the export pack.

Each entry ties a figure's title, caption, source query, data columns, builder and text alternative together, so
they are defined once.
"""
from __future__ import annotations

from monitoring.reports.figures.completion import completion_by_agency, completion_by_review
from monitoring.reports.figures.completion_time import time_to_complete
from monitoring.reports.figures.describe import (
    describe_completion, describe_overdue, describe_recommendations, describe_slippage, describe_time_to_complete,
    describe_trend,
)
from monitoring.reports.figures.improved import completed_and_improved, describe_improved
from monitoring.reports.figures.overdue import overdue_at_year_end
from monitoring.reports.figures.recommendations import recommendations_implemented
from monitoring.reports.figures.recurring import describe_recurring, recurring_learning
from monitoring.reports.figures.slippage import target_date_slippage
from monitoring.reports.figures.specs import AnnualFigure, AnnualTable, Column
from monitoring.reports.figures.titles import TITLES
from monitoring.reports.figures.trend import monthly_trend

STATUS_COLUMNS = (
    Column("total", "Actions", "int"), Column("not_started", "Not started", "int"),
    Column("in_progress", "In progress", "int"), Column("completed", "Completed (awaiting sign-off)", "int"),
    Column("signed_off", "Signed off", "int"), Column("withdrawn", "Withdrawn", "int"), Column("overdue", "Overdue", "int"),
    Column("percent_complete", "% complete", "percent"), Column("percent_signed_off", "% signed off", "percent"),
)

FIGURES: tuple[AnnualFigure, ...] = (
    AnnualFigure(
        "completion-by-agency", TITLES["completion-by-agency"],
        "Each agency's actions by RAG band at the end of the year (or today, for the year in progress). "
        "Complete means completed or signed off; withdrawn actions are left out of the percentage.",
        "status(by='agency', as_at=year end)", lambda r: r.by_agency,
        (Column("key", "Agency"),) + STATUS_COLUMNS, completion_by_agency, describe_completion,
        data=lambda r: r.by_agency + [r.agency_totals],
    ),
    AnnualFigure(
        "completion-by-review", TITLES["completion-by-review"],
        "Each review's action plan by RAG band at the end of the year; the label gives the percentage complete.",
        "status(by='review', as_at=year end)", lambda r: r.by_review,
        (Column("key", "Review code"), Column("title", "Review")) + STATUS_COLUMNS, completion_by_review,
        lambda rows, ctx: describe_completion(rows, ctx, "review"),
        data=lambda r: r.by_review + [r.review_totals],
    ),
    AnnualFigure(
        "monthly-trend", TITLES["monthly-trend"],
        "Actions at each month end from April to March by RAG band, with the percentage complete above each bar: "
        "how the position moved through the year.",
        "monthly_trend(year)", lambda r: r.trend,
        (Column("month_end", "Month end", "date"),) + STATUS_COLUMNS, monthly_trend, describe_trend,
    ),
    AnnualFigure(
        "overdue-at-year-end", TITLES["overdue-at-year-end"],
        "Actions past their target date and not yet complete at the end of the year, by agency and by how long "
        "they have been overdue. The data lists every one.",
        "actions(overdue=True, as_at=year end)", lambda r: r.overdue,
        (Column("reference", "Action"), Column("review_code", "Review code"), Column("agency", "Agency"),
         Column("text", "Action text"), Column("lead", "Lead"), Column("status", "Status"), Column("rag", "RAG", "rag"),
         Column("target_date", "Target date", "date"), Column("original_target_date", "Original target date", "date"),
         Column("reschedules", "Times rescheduled", "int"), Column("days_overdue", "Days overdue", "int")),
        overdue_at_year_end, describe_overdue,
    ),
    AnnualFigure(
        "time-to-complete", TITLES["time-to-complete"],
        "Median days from agreeing an action to the agency first marking it complete, for actions completed in "
        "the year; the diamond marks the 90th percentile and the dashed line the median for all agencies.",
        "time_to_complete(year=year)", lambda r: r.time_to_complete,
        (Column("agency", "Agency"), Column("completed", "Actions completed", "int"),
         Column("median_days", "Median days", "number"), Column("mean_days", "Mean days", "number"),
         Column("p90_days", "90th percentile days", "number")),
        time_to_complete, describe_time_to_complete,
    ),
    AnnualFigure(
        "target-date-slippage", TITLES["target-date-slippage"],
        "The share of each agency's actions whose target date has been moved at least once, with how many days "
        "later the current target is than the original, on average.",
        "slippage(as_at=year end)", lambda r: r.slippage,
        (Column("agency", "Agency"), Column("actions", "Actions", "int"), Column("rescheduled", "Rescheduled", "int"),
         Column("reschedules", "Reschedules in all", "int"), Column("percent_rescheduled", "% rescheduled", "percent"),
         Column("mean_days_slipped", "Mean days slipped", "number")),
        target_date_slippage, describe_slippage,
    ),
    AnnualFigure(
        "recommendations-implemented", TITLES["recommendations-implemented"],
        "Each review's recommendations by how far they are implemented: implemented means every action that is "
        "not withdrawn is signed off; closed means the board has also recorded its impact.",
        "recommendations(as_at=year end)", lambda r: r.recommendations,
        (Column("reference", "Recommendation"), Column("review_title", "Review"), Column("text", "Recommendation text"),
         Column("priority", "Priority"), Column("status", "Board's decision"), Column("implementation", "Implementation"),
         Column("actions", "Actions", "int"), Column("signed_off", "Signed off", "int"), Column("overdue", "Overdue", "int"),
         Column("impact", "Impact statement")),
        recommendations_implemented, describe_recommendations,
    ),
    AnnualFigure(
        "recurring-learning", TITLES["recurring-learning"],
        "The themes of the recommendations made in the year, and how many of them recur learning from earlier "
        "reviews (the same theme in an earlier review of the board, or a recommendation in close words).",
        "recurring_learning(year)", lambda r: r.recurring_learning,
        (Column("name", "Theme"), Column("recommendations", "Recommendations made in the year", "int"),
         Column("recurring", "Of which recur from earlier reviews", "int"),
         Column("percent_recurring", "% recurring", "percent"), Column("earlier_reviews", "Earlier reviews recurred from", "int")),
        recurring_learning, describe_recurring,
    ),
    AnnualFigure(
        "completed-and-improved", TITLES["completed-and-improved"],
        "Actions complete, actions signed off, and recommendations whose impact was evidenced. "
        "Completion is the agency's own claim; sign-off is the sub-group's judgement on the evidence; impact evidenced "
        "means a re-test (a re-audit, a survey, case sampling) found the change the recommendation's impact plan "
        "expected. The numbers are those of `scr-monitor status --as-at` the year's end.",
        "status(by='agency', as_at=year end) totals", lambda r: r.improved,
        (Column("measure", "Measure"), Column("count", "Number", "int"), Column("of", "Of", "int"), Column("whole", "Out of"),
         Column("percent", "%", "percent"), Column("partly", "Impact partly evidenced", "int"),
         Column("not_evidenced", "Impact not evidenced", "int"), Column("not_tested", "Not yet re-tested", "int")),
        completed_and_improved, describe_improved,
    ),
)

TABLES: tuple[AnnualTable, ...] = (
    AnnualTable(
        "complete-not-evidenced", "Complete but impact not evidenced",
        "Recommendations whose every action (not withdrawn) was complete or signed off at the end of the year, but "
        "whose impact no re-test had evidenced: partly evidenced, not evidenced, or not yet re-tested.",
        lambda r: r.not_evidenced,
        (Column("reference", "Recommendation"), Column("review_title", "Review"), Column("text", "Recommendation text"),
         Column("agencies", "Agencies", "list"), Column("actions", "Actions", "int"), Column("signed_off", "Signed off", "int"),
         Column("impact", "Impact at the year's end"), Column("last_retest_on", "Last re-test"), Column("retest_by", "Re-test due"),
         Column("plan_expected", "Expected to change"), Column("plan_measure", "Measure")),
    ),
    AnnualTable(
        "recommendations-and-impact", "Recommendations, actions taken and improvements evidenced",
        "Working Together 2018 asks the yearly report to record the decisions and actions taken on each review's "
        "recommendations and any resulting improvements. Impact statements come from sign-offs and closures.",
        lambda r: r.impact,
        (Column("review_title", "Review"), Column("reference", "Recommendation"), Column("text", "Recommendation text"),
         Column("decision", "Board's decision"), Column("implementation", "Implementation"),
         Column("actions_taken", "Actions taken", "list"), Column("improvements", "Improvements evidenced", "list"),
         Column("impact_evidenced", "Impact evidenced")),
    ),
    AnnualTable(
        "little-or-no-progress", "Areas with little or no evidence of progress",
        "Actions overdue at the end of the year, and open actions with no progress reported for three months or more.",
        lambda r: r.little_progress,
        (Column("reference", "Action"), Column("review_title", "Review"), Column("agency", "Agency"),
         Column("text", "Action text"), Column("lead", "Lead"), Column("status", "Status"), Column("rag", "RAG", "rag"),
         Column("target_date", "Target date", "date"), Column("last_progress_on", "Last progress reported", "date"),
         Column("reason", "Why it is listed")),
    ),
)


def figure_by_id(figure_id: str) -> AnnualFigure:
    return next(f for f in FIGURES if f.id == figure_id)
