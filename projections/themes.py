"""Themes in the read models: each board's scheme edits, the words records carry, and recurrences noted.

The words are kept as stored (old free-text themes included) with their `same_name` key; which theme a
word counts under is decided when read, by the board's scheme as at the day asked about, so an alias or
a merge added later re-codes earlier records without a rebuild.
"""
from __future__ import annotations

from domain.calendar import reporting_year_of
from domain.names import same_name
from projections import schema
from projections.rows import AggregateView


class ThemeSchemeView(AggregateView):
    """One row per board that edited the shared scheme; its change records are the domain's own."""

    kind = "theme_scheme"
    table = schema.theme_schemes

    def loaded(self, state) -> None:
        state.changes = list(state.changes or [])


def review_themes_set(batch, state, event) -> None:
    """A review's words from this version on (a marker row when it has none, so none is an answer too)."""
    _tags(batch, state.id, event.originator_version, "review", state.board, state.code, None, event.on,
          state.commissioned_on, state.themes)


def recommendation_made(batch, state, event) -> None:
    _tags(batch, state.id, event.originator_version, "recommendation", state.board, state.review_code,
          state.number, state.made_on, state.made_on, state.themes)


def recommendation_themes_set(batch, state, event) -> None:
    """Coded again: the words from this version on (its reporting year stays the year it was made)."""
    _tags(batch, state.id, event.originator_version, "recommendation", state.board, state.review_code,
          state.number, event.on, state.made_on, state.themes)


def recurrence_noted(batch, state, event) -> None:
    seen = set()
    for earlier in event.earlier:
        if earlier["id"] in seen:
            continue
        seen.add(earlier["id"])
        batch.insert(schema.recurrences, {
            "recommendation_id": state.id, "earlier_id": str(earlier["id"]), "board": state.board,
            "reference": f"{state.review_code}/R{state.number}", "earlier_board": earlier["board"],
            "earlier_reference": earlier["reference"], "themes": list(earlier.get("themes") or []),
            "similarity": earlier.get("similarity"), "noted_on": event.noted_on,
        })


def _tags(batch, record_id, version, kind, board, review_code, number, effective, added_on, words) -> None:
    words = [w for w in (words or []) if w and w.strip()] or [""]
    for seq, word in enumerate(words):
        batch.insert(schema.theme_tags, {
            "record_id": record_id, "version": version, "seq": seq, "kind": kind, "board": board,
            "review_code": review_code, "recommendation_number": number, "effective": effective,
            "added_on": added_on, "reporting_year": reporting_year_of(added_on), "word": word,
            "word_key": same_name(word),
        })
