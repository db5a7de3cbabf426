"""Reads, held to the same roles as writes: a user sees only the boards they have a role on.

`scoped_queries(services, username)` wraps `projections.queries.Queries`; the CLI's listings and the
dashboard read through it, so a hand-made request for another board's data meets the same refusal.
An agency lead sees its board's figures and its own agency's actions (docs/domain.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.board import Board
from domain.errors import NotFound, PermissionDenied
from monitoring.security.permissions import allows


# The read API's answers scoped by their `board` argument: kept to the reader's boards, rows of other boards
# (and, for an agency lead, other agencies' actions) left out. A method of `Queries` in neither this list nor
# `ScopedQueries`'s own methods is refused to a scoped reader: a new query is closed until it is declared here.
BY_BOARD = frozenset({
    "actions", "agencies", "deadlines_at_risk", "document_counts", "document_holders", "headline", "impact_by", "last_progress",
    "monthly_trend", "recommendations", "recommendations_impact", "recurrence_candidates", "recurrences_noted", "retests", "reviews",
    "slippage", "stage_notes", "status", "theme_scheme", "theme_words", "time_to_complete", "year_record",
})


@dataclass(frozen=True)
class Scope:
    """What one person may read; `grants is None` is open mode (no users yet): everything."""

    username: str | None
    grants: tuple | None

    @property
    def is_open(self) -> bool:
        return self.grants is None

    def boards(self) -> list[str]:
        return sorted({g.board for g in self.grants or ()}, key=str.lower)

    def may_read(self, board: str | None, agency: str | None = None) -> bool:
        return self.is_open or allows(list(self.grants), "read", board, agency)

    def board_named(self, board: str) -> str:
        for name in self.boards():
            if name.lower() == (board or "").strip().lower():
                return name
        raise PermissionDenied("board", f"{self.username} may not read {board!r} (your boards: {', '.join(self.boards()) or 'none'})")


def scope_for(users, username: str | None) -> Scope:
    """The reader's scope; PermissionDenied for an unknown or disabled user once users exist."""
    user = users.policy.user(username or "")
    return Scope(username, None) if user is None else Scope(user.username, tuple(user.grants))


def readable_boards(users, username: str | None) -> list[str] | None:
    """The boards this person may read, or None for every board (open mode)."""
    scope = scope_for(users, username)
    return None if scope.is_open else scope.boards()


def scoped_queries(services, username: str | None):
    """`services.queries`, or a wrapper that keeps this person inside their boards."""
    scope = scope_for(services.users, username)
    return services.queries if scope.is_open else ScopedQueries(services.queries, scope)


class ScopedQueries:
    """The read API restricted to a Scope: the methods below, and those declared in BY_BOARD."""

    def __init__(self, queries, scope: Scope) -> None:
        self._queries = queries
        self.scope = scope
        # Records found readable by this reader (a page reads one several ways): actions apart, since an action's
        # documents are for those who may read that action, not any record of the same reference.
        self._readable: set[str] = set()
        self._readable_actions: set[str] = set()

    # --- one record ---------------------------------------------------------------------------

    def action(self, ref_or_id: str) -> dict:
        row = self._queries.action(ref_or_id)
        self._check(row["board"], row["agency"], what=row["reference"])
        self._readable_actions.add(str(ref_or_id))
        return row

    def review(self, code: str, *args, **kwargs) -> dict:
        row = self._queries.review(code, *args, **kwargs)
        self._check(row["board"], what=row.get("code", code))
        return row

    def recommendation(self, ref_or_id: str, *args, **kwargs) -> dict:
        row = self._queries.recommendation(ref_or_id, *args, **kwargs)
        self._check(row["board"], what=row.get("reference", ref_or_id))
        return row

    def history(self, ref_or_id: str, *args, **kwargs) -> list[dict]:
        self._check_any_record(ref_or_id)
        return self._queries.history(ref_or_id, *args, **kwargs)

    def history_count(self, ref_or_id: str) -> int:
        self._check_any_record(ref_or_id)
        return self._queries.history_count(ref_or_id)

    def documents(self, ref_or_id: str) -> list[dict]:
        """An action's documents: only for those who may read the action (its board, and an agency lead's own agency)."""
        if str(ref_or_id) not in self._readable_actions:
            self.action(ref_or_id)
        return self._queries.documents(ref_or_id)

    def boards(self) -> list[dict]:
        return [b for b in self._queries.boards() if self.scope.may_read(b["name"])]

    # --- themes: every board counts, but only the reader's boards in full (projections.read.theme_answers) ---

    def themes(self, *, board=None, **kwargs) -> dict:
        return self._queries.themes(board=board and self.scope.board_named(board), readable=tuple(self.scope.boards()), **kwargs)

    def theme_recommendations(self, theme: str, *, board=None, **kwargs) -> list[dict]:
        return self._queries.theme_recommendations(theme, board=board and self.scope.board_named(board),
                                                   readable=tuple(self.scope.boards()), **kwargs)

    def recurring_learning(self, year: int, *, board=None, **kwargs) -> list[dict]:
        return self._queries.recurring_learning(year, board=board and self.scope.board_named(board),
                                                readable=tuple(self.scope.boards()), **kwargs)

    def recurrences(self, ref_or_code: str) -> dict:
        answer = self._queries.recurrences(ref_or_code, readable=tuple(self.scope.boards()))
        self._check(answer["board"], what=ref_or_code)
        return answer

    # --- everything else: by board ----------------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._queries, name)
        if name.startswith("_") or not callable(method):
            return method

        def scoped(*args, **kwargs):
            return self._call(method, args, kwargs)

        return scoped

    def _call(self, method, args, kwargs):
        if method.__name__ not in BY_BOARD:
            raise PermissionDenied("board", f"{method.__name__} is not available to {self.scope.username}: it is not scoped by board")
        if kwargs.get("board"):
            kwargs["board"] = self.scope.board_named(kwargs["board"])
            return self._filter(method(*args, **kwargs))
        mine = self.scope.boards()
        if {b.lower() for b in mine} >= {b["name"].lower() for b in self._queries.boards()}:
            return self._filter(method(*args, **kwargs))  # reads every board there is
        if len(mine) == 1:
            return self._filter(method(*args, **{**kwargs, "board": mine[0]}))
        result = method(*args, **kwargs)
        if _is_rows(result):
            return self._filter(result)
        raise PermissionDenied("board", f"choose one of your boards: {', '.join(mine)}")

    def _filter(self, result):
        """Rows of boards (and agencies) this person may not read are left out."""
        if not _is_rows(result):
            return result
        return [r for r in result if "board" not in r or self.scope.may_read(r["board"], r.get("agency"))]

    def _check(self, board: str, agency: str | None = None, *, what: str) -> None:
        if not self.scope.may_read(board, agency):
            raise PermissionDenied("as", f"{self.scope.username} may not read {what}")

    def _check_any_record(self, ref_or_id: str) -> None:
        """Whether this reader may read the record, whichever kind it is; asked once for each record (a record's
        board and agency never change, so neither does the answer)."""
        if str(ref_or_id) in self._readable | self._readable_actions:
            return
        for find in (self.action, self.recommendation, self.review):
            try:
                find(ref_or_id)
                self._readable.add(str(ref_or_id))
                return
            except NotFound:
                continue
        if any(str(Board.create_id(b)) == str(ref_or_id).strip() for b in self.scope.boards()):
            return
        raise PermissionDenied("as", f"{self.scope.username} may not read {ref_or_id}")


def _is_rows(result: Any) -> bool:
    return isinstance(result, list) and all(isinstance(r, dict) for r in result)


def check_may_read_events(services, username: str | None, events: list) -> None:
    """For readers of raw history (the CLI's `history`): the record's board, and an action's agency."""
    first = events[0]
    board = getattr(first, "board", None) or (getattr(first, "name", None) if type(first).__name__ == "Registered" else None)
    services.app.policy.check(username or "", "read", board=board, agency=getattr(first, "agency", None))
