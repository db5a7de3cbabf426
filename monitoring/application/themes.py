"""Use cases about themes: the board's scheme, coding reviews and recommendations, and noticing recurrence.

Why here and not in the aggregates: whether a new recommendation's learning came up before is a question
about every earlier recommendation, answered from the read models (projections.queries) in one query and
one rapidfuzz pass, inside the use case that adds the recommendation.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError
from rapidfuzz import fuzz, process, utils

from domain.errors import Conflict
from domain.recommendation import Recommendation
from domain.review import Review
from domain.theme_scheme import SchemeAsAt, ThemeScheme, scheme_id

# rapidfuzz's token_sort_ratio (word order ignored, every word counts: a reworded recommendation still matches),
# computed as fuzz.ratio over each text's words sorted once: the same score, without sorting 24,000 texts per check.
SCORER = fuzz.token_sort_ratio
MOST_BY_TEXT = 20  # earlier recommendations named by text similarity, best first
MOST_BY_THEME = 50  # by theme, within the board
EDIT_SCHEME = "manage"  # who may edit a board's scheme (monitoring.security.permissions' word): its business manager


class ThemeWork:
    """Scheme edits (an admin of the board), coded writes, and the recurrence check."""

    def __init__(self, app, queries, catch_up: Callable[[], None], similarity: int = 80) -> None:
        self.app = app
        self.queries = queries
        self.catch_up = catch_up
        self.similarity = similarity
        self._texts: dict[str, tuple] = {}  # id -> (board, review code, reference, made on, sorted words): texts never change

    # --- the scheme -------------------------------------------------------------------------------

    def check_editor(self, board: str, actor: str) -> str:
        """The board's name when `actor` may edit its scheme, else PermissionDenied: asked by every edit below and by
        the dashboard before it offers the forms, so the rule (EDIT_SCHEME) is written once."""
        name = self.app.board(board).name
        self.app.policy.check(actor, EDIT_SCHEME, board=name)
        return name

    def scheme(self, board: str, as_at: date | None = None) -> SchemeAsAt:
        name = self.app.board(board).name
        found = self._stored_scheme(name)
        return found.as_at(as_at) if found else SchemeAsAt(name, [], as_at)

    def add_local_theme(self, board: str, name: str, definition: str = "", *, actor: str, on: date | None = None) -> str:
        return self._edit(board, actor, on, lambda s, on, today: s.add_local(name=name, definition=definition, actor=actor, on=on, today=today))

    def rename_theme(self, board: str, theme: str, name: str, *, actor: str, on: date | None = None) -> str:
        return self._edit(board, actor, on, lambda s, on, today: s.rename(theme=theme, name=name, actor=actor, on=on, today=today))

    def merge_themes(self, board: str, theme: str, into: str, *, actor: str, on: date | None = None) -> tuple[str, str]:
        return self._edit(board, actor, on, lambda s, on, today: s.merge(theme=theme, into=into, actor=actor, on=on, today=today))

    def alias_theme(self, board: str, word: str, theme: str, *, actor: str, on: date | None = None) -> str:
        return self._edit(board, actor, on, lambda s, on, today: s.alias(word=word, theme=theme, actor=actor, on=on, today=today))

    def coded(self, board: str, words: list[str] | None, *, actor: str, on: date | None = None, new_theme: bool = False) -> list[str]:
        """Each word as its theme's id; an unknown word is an error naming the nearest theme, unless an
        admin asks for it to be added (`new_theme`) as a local theme of the board."""
        ids: list[str] = []
        for word in words or []:
            if not word or not word.strip():
                continue
            scheme = self.scheme(board)
            found = scheme.lookup(word)
            if found is None:
                if not new_theme:
                    scheme.check(word)  # raises, naming the nearest
                found = self.add_local_theme(board, word, actor=actor, on=on)
            if found not in ids:
                ids.append(found)
        return ids

    # --- coded writes ---------------------------------------------------------------------------

    def commission_review(self, board: str, code: str, title: str, review_type: str, *, themes=None, new_theme=False,
                          actor: str, on: date | None = None, **dates) -> Review:
        self.app.policy.check(actor, "manage", board=self.app.board(board).name)
        coded = self.coded(board, themes, actor=actor, on=on, new_theme=new_theme)
        return self.app.commission_review(board, code, title, review_type, actor=actor, on=on, themes=coded, **dates)

    def make_recommendation(self, review_ref: str, number: int, text: str, *, themes=None, new_theme=False,
                            actor: str, on: date | None = None, **options) -> tuple[Recommendation, list[dict]]:
        """Add a recommendation; returns it and the earlier recommendations on the same learning (noted)."""
        review = self.app.review(review_ref)
        self.app.policy.check(actor, "manage", board=review.board)
        coded = self.coded(review.board, themes, actor=actor, on=on, new_theme=new_theme)
        recommendation = self.app.make_recommendation(review_ref, number, text, actor=actor, on=on, themes=coded, **options)
        return recommendation, self.note_recurrence(recommendation, actor=actor)

    def set_themes(self, ref: str, words: list[str], *, new_theme: bool = False, actor: str,
                   on: date | None = None) -> tuple[Review | Recommendation, list[dict]]:
        """Code a review (`CODE`) or a recommendation (`CODE/Rn`) again; a recommendation's new learning is checked."""
        record = self.app.recommendation(ref) if "/" in ref else self.app.review(ref)
        self.app.policy.check(actor, "manage", board=record.board)
        coded = self.coded(record.board, words, actor=actor, on=on, new_theme=new_theme)
        record = self.app.recommendation(ref) if "/" in ref else self.app.review(ref)  # a local theme may have been added
        record.set_themes(themes=coded, actor=actor, on=on or self.app.clock(), today=self.app.clock())
        self._save(record)
        found = self.note_recurrence(record, actor=actor) if isinstance(record, Recommendation) else []
        return record, found

    # --- recurrence -----------------------------------------------------------------------------

    def note_recurrence(self, recommendation: Recommendation, *, actor: str) -> list[dict]:
        """Find earlier reviews' recommendations on the same learning and record them on this one."""
        found = self.recurrences_of(recommendation)
        if found:
            recommendation.note_recurrence(earlier=found, actor=actor, noted_on=self.app.clock())
            self._save(recommendation)
        return found

    def note_recurrences(self, refs: list[str], *, actor: str) -> int:
        """The check for recommendations written without the use case (an import, the demo), read once per board and
        saved in one transaction; returns how many recur."""
        self.catch_up()
        boards: dict[str, tuple] = {}
        noted = []
        for ref in refs:
            recommendation = self.app.recommendation(ref)
            found = self.recurrences_of(recommendation, boards, caught_up=True)
            if found:
                recommendation.note_recurrence(earlier=found, actor=actor, noted_on=self.app.clock())
                noted.append(recommendation)
        if noted:
            self._save(*noted)
        return len(noted)

    def recurrences_of(self, recommendation: Recommendation, boards: dict | None = None, *, caught_up: bool = False) -> list[dict]:
        """The earlier recommendations on its learning: by theme within its board, by text in any board.
        `boards`: what was read for each board so far (a batch reads each board once)."""
        if not caught_up:
            self.catch_up()  # earlier writes of this process are in the read models
        boards = {} if boards is None else boards
        board = recommendation.board
        if board not in boards:
            scheme, candidates = self.scheme(board), self.queries.recurrence_candidates(board=board)
            boards[board] = (scheme, _coded(scheme, candidates["rows"]), candidates["noted"])
        scheme, rows, noted = boards[board]
        own = str(recommendation.id)
        found: dict[str, dict] = {}
        for earlier in self._by_theme(recommendation, scheme, rows)[:MOST_BY_THEME]:
            found[earlier["id"]] = earlier
        for rec_id, other_board, reference, score in self._alike(recommendation):
            entry = found.setdefault(rec_id, {"id": rec_id, "board": other_board, "reference": reference, "themes": []})
            entry["similarity"] = score
        return [e for e in found.values() if e["id"] != own and (own, e["id"]) not in noted]

    @staticmethod
    def _by_theme(recommendation: Recommendation, scheme: SchemeAsAt, rows: list[tuple]) -> list[dict]:
        """Recommendations of the board's other reviews, made by its date, sharing one of its themes (as coded today)."""
        themes = {scheme.canonical(t) for t in (scheme.lookup(w) for w in recommendation.themes) if t}
        found: dict[str, dict] = {}
        for record_id, code, number, added_on, theme in rows:
            if theme in themes and code != recommendation.review_code and added_on <= recommendation.made_on:
                entry = found.setdefault(record_id, {"id": record_id, "board": recommendation.board, "themes": [],
                                                     "reference": f"{code}/R{number}", "similarity": None})
                if theme not in entry["themes"]:
                    entry["themes"].append(theme)
        return sorted(found.values(), key=lambda e: e["reference"])

    def _alike(self, recommendation: Recommendation) -> list[tuple[str, str, str, int]]:
        """Earlier reviews' recommendations whose text scores at least the threshold (token_sort_ratio: the
        words sorted once per text and kept, so each check is one C pass of `fuzz.ratio` over them all)."""
        for rec_id, board, code, reference, made_on, text in self.queries.recommendation_texts(self._texts.keys()):
            self._texts[rec_id] = (board, code, reference, made_on, _sorted_words(text))
        made_on, code = recommendation.made_on, recommendation.review_code
        pool = [(rec_id, entry) for rec_id, entry in self._texts.items() if entry[3] <= made_on and entry[1] != code]
        matches = process.extract(_sorted_words(recommendation.text), [entry[4] for _, entry in pool], scorer=fuzz.ratio,
                                  processor=None, score_cutoff=self.similarity, limit=MOST_BY_TEXT)
        return [(pool[i][0], pool[i][1][0], pool[i][1][2], round(score)) for _, score, i in matches]

    # --- plumbing ---------------------------------------------------------------------------------

    def editable_scheme(self, board: str, *, actor: str, on: date, allowed: bool) -> ThemeScheme:
        """The board's scheme to change in memory (the import saves it with its own aggregates). `allowed`: the
        caller may add themes, so the actor must be an admin of the board; a board not yet registered starts one."""
        if allowed:
            self.app.policy.check(actor, EDIT_SCHEME, board=board)
        today = self.app.clock()
        return self._stored_scheme(board) or ThemeScheme.start(board=board, actor=actor, on=min(on, today), today=today)

    def _stored_scheme(self, board: str) -> ThemeScheme | None:
        try:
            return self.app.repository.get(scheme_id(board))
        except AggregateNotFoundError:
            return None

    def _edit(self, board: str, actor: str, on: date | None, change):
        name = self.check_editor(board, actor)
        on, today = on or self.app.clock(), self.app.clock()
        scheme = self._stored_scheme(name) or ThemeScheme.start(board=name, actor=actor, on=min(on, today), today=today)
        result = change(scheme, on, today)
        self._save(scheme)
        return result

    def _save(self, *aggregates) -> None:
        try:
            self.app.save(*aggregates)
        except IntegrityError:
            raise Conflict() from None


def _sorted_words(text: str) -> str:
    """What token_sort_ratio compares: the text lower-cased, punctuation removed, words in alphabetical order."""
    return " ".join(sorted(utils.default_process(text).split()))


def _coded(scheme: SchemeAsAt, rows: list[tuple]) -> list[tuple]:
    """Each stored word as the theme it counts under today (each distinct word looked up once)."""
    themes: dict[str, str | None] = {}
    for *_, word in rows:
        if word not in themes:
            found = scheme.lookup(word)
            themes[word] = scheme.canonical(found) if found else None
    return [(record_id, code, number, added_on, themes[word]) for record_id, code, number, added_on, word in rows]
