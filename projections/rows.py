"""One aggregate's row, changed by the domain's own event bodies, so a view can never disagree with it."""
from __future__ import annotations

import copy
from datetime import date
from typing import Any

from eventsourcing.domain import CanInitAggregate
from sqlalchemy import Table

from domain.text import for_read_model
from projections.schema import Id
from projections.writer import id_text


class State:
    """An aggregate's row as attributes: `event.apply(state)` runs the domain's rule on it."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def readable(event: Any) -> Any:
    """The event with text the read models can hold (domain.text.for_read_model: a NUL stopped PostgreSQL's
    tables for good); the stored event is untouched, and an event with nothing to clean comes back as is."""
    changes = {name: cleaned for name, value in vars(event).items() if (cleaned := for_read_model(value)) is not value}
    if not changes:
        return event
    cleaned_event = copy.copy(event)
    cleaned_event.__dict__.update(changes)  # events are frozen dataclasses: this copy is the read side's alone
    return cleaned_event


def is_creation(event: Any) -> bool:
    return isinstance(event, CanInitAggregate)


class AggregateView:
    """The row kept for each aggregate of one kind; subclasses add what the domain does not keep."""

    kind: str
    table: Table

    def __init__(self) -> None:
        self.id_columns = [c.name for c in self.table.columns if isinstance(c.type, Id) and c.name != "id"]

    def create(self, batch, event) -> State:
        """The row of a new aggregate: the domain builds it, the view adds its own fields."""
        aggregate = event.mutate(None)
        state = State({k: v for k, v in vars(aggregate).items() if not k.startswith("_")})
        state.id = id_text(event.originator_id)
        for name in self.id_columns:  # UUIDs the event carries (review_id, ...) are kept as text
            setattr(state, name, id_text(getattr(state, name)))
        state.last_update = event.on
        self.created(batch, state, event)
        return state

    def change(self, batch, state: State, event) -> None:
        event.apply(state)
        on = getattr(event, "on", None)
        if isinstance(on, date):
            state.last_update = max(on, getattr(state, "last_update", None) or on)
        self.changed(batch, state, event)

    def created(self, batch, state: State, event) -> None:
        """Hook: fields only the read model keeps, on creation."""

    def changed(self, batch, state: State, event) -> None:
        """Hook: fields only the read model keeps, after the domain changed the row."""

    def loaded(self, state: State) -> None:
        """Hook: a row read back from the table before this batch changes it."""
