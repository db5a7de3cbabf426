"""What every use case stands on: the event store, the clock, the permission policy, and one save.

Every change of any aggregate is saved through `Store.save`: a stale copy becomes a `Conflict`, and
the read models are brought up to date once, here, after the save (read-your-writes), unless a
caller that saves many times asks to catch up once at the end (`read_models_after`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoding

from domain.errors import Conflict, NotFound
from monitoring.application.references import parse_reference
from monitoring.security.permissions import OpenPolicy, Policy

T = TypeVar("T")


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class Store(Application):
    """The event-sourced application every use-case group is mixed into."""

    def __init__(self, env=None, *, clock: Callable[[], date] = date.today, policy: Policy | None = None):
        super().__init__(env)
        self.clock = clock
        self.policy = policy or OpenPolicy()
        self._after_save: list[Callable[[], None]] = []
        self._holding = 0
        self._held = False

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    # --- the one save -----------------------------------------------------------------------

    def save(self, *aggregates, **kwargs):
        """Save in one transaction; then the read models follow (read-your-writes)."""
        try:
            recordings = super().save(*aggregates, **kwargs)
        except IntegrityError:
            raise Conflict() from None
        if self._holding:
            self._held = True
        else:
            self._saved()
        return recordings

    _save = save  # the name the use cases end with: get, change, save

    def after_save(self, hook: Callable[[], None]) -> None:
        """Run `hook` after every save (the composition root gives the read models' catch-up)."""
        self._after_save.append(hook)

    @contextmanager
    def read_models_after(self) -> Iterator[None]:
        """Many saves (the demo, a scheduler run): the read models catch up once, at the end."""
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1
            if not self._holding and self._held:
                self._held = False
                self._saved()

    def _saved(self) -> None:
        for hook in self._after_save:
            hook()

    # --- getting aggregates -----------------------------------------------------------------

    def events_of(self, ref: str) -> list[Any]:
        """Every stored event of a review, recommendation or action, oldest first."""
        reference = parse_reference(ref)
        events = list(self.repository.event_store.get(reference.id))
        if not events:
            raise NotFound("reference", f"no review, recommendation or action {ref!r}")
        return events

    def _on(self, on: date | None) -> date:
        return on or self.clock()

    def _exists(self, aggregate_id: UUID) -> bool:
        return aggregate_id in self.repository

    def _get(self, aggregate_id: UUID, field: str, message: str):
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise NotFound(field, message) from None

    def _get_ref(self, ref: str, cls: type[T], kind: str) -> T:
        reference = parse_reference(ref, kind)
        aggregate = self._get(reference.id, kind, f"no {kind} {ref!r}")
        if not isinstance(aggregate, cls):
            raise NotFound(kind, f"{ref!r} is not a {kind}")
        return aggregate
