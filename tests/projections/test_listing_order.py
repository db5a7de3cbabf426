"""A limited listing is the first rows of the full one, even where many actions share a target date."""
from __future__ import annotations

from datetime import date

from tests.conftest import TODAY


def test_actions_tied_on_target_date_and_recommendation_are_cut_in_number_order(durable_url, make_services):
    services = make_services(durable_url)
    app = services.app
    app.register_board("North", ["Police"], actor="m", on=date(2024, 1, 1))
    app.commission_review("North", "north-1", "North 1", "lcspr", actor="m", on=date(2024, 1, 1))
    app.make_recommendation("north-1", 1, "Recommendation", actor="m", on=date(2024, 1, 1))
    for n in range(1, 10):
        app.add_action("north-1/R1", "Police", "Do it", date(2024, 5, n), actor="m", on=date(2024, 2, 1))
    for n in range(9, 0, -1):  # then one target date for all nine, set last to first: only the number orders them
        app.reschedule_action(f"north-1/R1/A{n}", date(2024, 6, 30), "moved", actor="m", on=date(2024, 3, 1))
    services.catch_up()
    for as_at in (date(2024, 12, 31), TODAY):
        full = [r["reference"] for r in services.queries.actions(as_at=as_at, overdue=True)]
        assert full == [f"north-1/R1/A{n}" for n in range(1, 10)]
        for limit in range(1, 10):
            assert [r["reference"] for r in services.queries.actions(as_at=as_at, overdue=True, limit=limit)] == full[:limit]
