"""Boards: their agencies, contacts and the words they use for the RAG bands."""
from __future__ import annotations

from projections import schema
from projections.rows import AggregateView


class BoardView(AggregateView):
    kind = "board"
    table = schema.boards

    def created(self, batch, state, event) -> None:
        state.registered_on = event.on
