"""The Themes column: every word must name a theme of its board's scheme, or the file is refused naming the nearest.

An admin who means a new theme says so (`import --new-theme`): each unknown word becomes a local theme of the
board, saved in the import's own transaction (nothing of it when the file is refused). Words are stored as the
file gives them; the read side counts each under its theme (projections.read.themes), so a re-import changes nothing.
"""
from __future__ import annotations

from datetime import date

from domain.errors import DomainError
from monitoring.trackers.importing.problems import Problem

RECURRENCE_CHECK_LIMIT = 2_000  # new recommendations checked after an import; a national back-load is checked later


def check_themes(themes, rows, problems: list[Problem], *, new_themes: bool, actor: str, on: date) -> list:
    """The schemes the import changes (local themes added), to be saved with it; problems for unknown words."""
    schemes: dict[str, object] = {}
    for row in rows:
        if not row.themes or not row.board:
            continue
        scheme = schemes.get(row.board.lower())
        if scheme is None:
            scheme = schemes[row.board.lower()] = themes.editable_scheme(row.board, actor=actor, on=on, allowed=new_themes)
        for word in row.themes:
            known = scheme.as_at()
            if known.lookup(word) is not None:
                continue
            try:
                if not new_themes:
                    known.check(word)
                scheme.add_local(name=word, definition="", actor=actor, on=on, today=themes.app.clock())
            except DomainError as error:
                problems.append(Problem(row.row, "themes", error.reason))
    # A scheme started only to look words up is not a change: saving it would make a re-import write events.
    return [s for s in schemes.values() if any(type(e).__name__ != "Started" for e in s.pending_events)]


def note_recurrences(themes, outcome, *, actor: str) -> None:
    """After the save: the new recommendations' recurring learning, as `recommendation add` notes it."""
    created = outcome.recommendations_created
    if len(created) > RECURRENCE_CHECK_LIMIT:
        outcome.other_changes.append(f"recurrence not checked for {len(created)} new recommendations (more than "
                                     f"{RECURRENCE_CHECK_LIMIT}); see the README's Themes section")
        return
    recurring = themes.note_recurrences(created, actor=actor)
    if recurring:
        outcome.other_changes.append(f"recurring learning noted on {recurring} new recommendation(s): see "
                                     "`scr-monitor recurrences REVIEW`")
