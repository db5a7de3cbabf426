"""Every annual figure's title, by figure id: each figure's builder and the registry read the same words."""
from __future__ import annotations

TITLES = {
    "completion-by-agency": "Completion of actions by agency",
    "completion-by-review": "Completion of actions by review",
    "monthly-trend": "Actions month by month through the year",
    "overdue-at-year-end": "Overdue actions by agency",
    "time-to-complete": "Time taken to complete actions",
    "target-date-slippage": "Target dates moved (slippage)",
    "recommendations-implemented": "Recommendations implemented",
    "recurring-learning": "Recurring learning",
    "completed-and-improved": "Completed and improved",
}
