"""Which stored events the read models take in. Every event type must be declared here, or the runner stops.

A new event on Board, Review, Recommendation or Action: add its class name to `state` (it changes the
aggregate's row, by the domain's own rule) or to `history_only` (a record that something happened, e.g.
a notice sent: it goes into the history and moves the row's version, nothing else). An event that also fills a
table of its own (evidence documents: view_documents) names its keeper with `REGISTRY.also_kept`. Events of other
aggregates that have no read model: one `REGISTRY.ignore("module:")` line.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from domain.errors import DomainError
from projections import documents


@dataclass(frozen=True)
class Route:
    kind: str  # "board", "review", "recommendation" or "action": which projection keeps its row
    name: str  # the event's class name, e.g. "Completed"
    changes_state: bool  # False: history (and version) only
    also: Callable[..., None] | None = None  # a table of its own kept from the event: also(batch, row, event, position)


class ProjectionStopped(DomainError):
    """The runner met an event it cannot take in; everything before it is committed."""

    def __init__(self, position: int, topic: str, reason: str) -> None:
        self.position = position
        self.topic = topic
        super().__init__(
            "projections",
            f"stopped at event {position} ({topic}): {reason}; fix it and run `scr-monitor projections rebuild`"
            " or any command again to resume from there",
        )


class Registry:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.ignored: list[str] = []

    def aggregate(self, topic: str, kind: str, *, state: tuple[str, ...], history_only: tuple[str, ...] = ()) -> None:
        for name in state:
            self.routes[f"{topic}.{name}"] = Route(kind, name, True)
        for name in history_only:
            self.routes[f"{topic}.{name}"] = Route(kind, name, False)

    def also_kept(self, topic: str, keepers: dict[str, Callable[..., None]]) -> None:
        """Declared events that also fill a table of their own, by their class name."""
        for name, keep in keepers.items():
            self.routes[f"{topic}.{name}"] = replace(self.routes[f"{topic}.{name}"], also=keep)

    def ignore(self, topic_prefix: str) -> None:
        self.ignored.append(topic_prefix)

    def route(self, topic: str, position: int) -> Route | None:
        """The route of an event type; None when ignored; ProjectionStopped when nobody declared it."""
        route = self.routes.get(topic)
        if route is not None:
            return route
        if topic.startswith(tuple(self.ignored)):
            return None
        raise ProjectionStopped(position, topic, "no read model declares this event type (projections/registry.py)")


REGISTRY = Registry()

NOTICES = ("NoticeQueued", "NoticeDelivered")  # the scheduler's record of who was told
EVIDENCE = tuple(documents.KEEPERS)  # documents (domain.evidence): the history, and view_documents (projections.documents)

REGISTRY.aggregate(
    "domain.board:Board", "board",
    state=("Registered", "AgencyAdded", "ChairContactSet", "AgencyContactSet", "RagBandRenamed", "AssuranceLevelRenamed"),
    history_only=NOTICES,
)
REGISTRY.aggregate(
    "domain.review:Review", "review",
    state=("Commissioned", "StageChanged", "PanelNotified", "ThemesSet"),
    history_only=NOTICES,
)
REGISTRY.aggregate(
    "domain.recommendation:Recommendation", "recommendation",
    state=(
        "Made", "ActionPlanned", "PrioritySet", "Closed", "Rejected", "Superseded",
        "Reclassified", "ResponseRecorded", "ImpactPlanned", "Retested",  # assurance and impact (domain.impact)
        "RecurrenceNoted", "ThemesSet",  # themes (domain.theme_scheme): learning that came up before; coded again
    ),
    history_only=NOTICES,
)
REGISTRY.aggregate(
    "domain.action:Action", "action",
    state=(
        "Agreed", "ProgressReported", "Completed", "SignedOff", "SignOffRefused", "Rescheduled", "Withdrawn",
        "Reopened", "ContactSet",
    ),
    history_only=NOTICES + EVIDENCE,
)
REGISTRY.also_kept("domain.action:Action", documents.KEEPERS)
REGISTRY.aggregate("domain.theme_scheme:ThemeScheme", "theme_scheme", state=("Started", "Changed"))
# Aggregates with no read model here (users and their sessions are kept by monitoring, not shown in views).
REGISTRY.ignore("domain.user:")
