"""The created events' stored fields and topics: Action, Recommendation and Review declare them as class fields
(eventsourcing's dataclass style), and stores already written hold events with exactly these names."""
from __future__ import annotations

from dataclasses import fields
from datetime import date
from types import SimpleNamespace

from domain.action import Action
from domain.recommendation import Recommendation
from domain.review import Review

TODAY = date(2026, 11, 22)
BASE = {"originator_id", "originator_version", "timestamp", "originator_topic"}

STORED = {
    Action.Agreed: ["board", "review_id", "review_code", "recommendation_id", "recommendation_number", "number", "agency",
                    "text", "target_date", "lead", "measure", "contact", "actor", "on"],
    Recommendation.Made: ["board", "review_id", "review_code", "number", "text", "agencies", "priority", "themes", "actor",
                          "on", "kind", "scope", "addressee"],
    Review.Commissioned: ["board", "code", "title", "review_type", "aware_on", "panel_notified_on", "themes", "actor", "on"],
}


def test_the_created_events_keep_the_field_names_and_topics_stores_hold():
    for event_class, names in STORED.items():
        assert sorted(f.name for f in fields(event_class) if f.name not in BASE) == sorted(names)
    assert [f"{c.__module__}:{c.__qualname__}" for c in STORED] == [
        "domain.action:Action.Agreed", "domain.recommendation:Recommendation.Made", "domain.review:Review.Commissioned"]


def test_a_recommendation_made_before_kinds_existed_replays_as_overview_and_local():
    made = Recommendation.make(review=SimpleNamespace(board="North", id=None, code="child-c"), number=1, text="Share.",
                               agencies=["Police"], priority=False, actor="m", on=date(2024, 1, 3), today=TODAY)
    event = made.collect_events()[0]
    old = {k: v for k, v in vars(event).items() if k not in ("kind", "scope", "addressee")}
    stored = object.__new__(Recommendation.Made)  # as eventsourcing's mapper rebuilds a stored event: its state as found
    object.__setattr__(stored, "__dict__", old)
    replayed = stored.mutate(None)
    assert (replayed.kind, replayed.scope, replayed.addressee) == ("overview", "local", "")
    assert replayed.status == "open" and replayed.made_on == date(2024, 1, 3) and replayed.agencies == ["Police"]
