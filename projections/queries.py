"""The only read API: what the CLI, the dashboard, exports and the scheduler ask of the read models.

Every method reads SQL tables (never aggregates) and returns plain dicts; the contract is
docs/queries-api.md. `as_at=None` means today; a future as-at date or an unknown board, review, agency
or status is a DomainError naming the field.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Engine, select

from domain.errors import DomainError, NotFound
from domain.impact import IMPACT_COLUMNS
from domain.statuses import COMPLETED, REVIEW_TYPES, parse_choice
from projections import schema
from projections.read import counts, filters, trends
from projections.read.actions import list_actions
from projections.read.event_log import history_count, history_rows, last_progress as last_progress_rows
from projections.read import evidence
from projections.read import impact
from projections.read.recommendations import list_recommendations, open_priority
from projections.read.reviews import at_risk, list_reviews
from projections.read import theme_answers, themes as theme_reads
from projections.read.year_record import stage_notes, year_record


class Queries:
    def __init__(self, engine: Engine, clock: Callable[[], date] = date.today) -> None:
        self.engine = engine
        self.clock = clock
        self._ready = False

    # --- status ---------------------------------------------------------------------------------

    def status(self, by: str = "agency", *, board=None, review=None, agency=None, as_at=None) -> dict[str, Any]:
        if by not in counts.GROUPS:
            raise DomainError("by", f"unknown grouping {by!r}; expected one of {', '.join(counts.GROUPS)}")
        with self._connect() as c:
            day, current = self._as_at(as_at)
            board = filters.board_name(c, board)
            scope = dict(board=board, review_code=filters.review_code(c, review), agency=filters.agency_name(c, agency, board))
            grouped = counts.grouped(c, by, day, current, **scope)
            impacts, impact_totals = impact.impact_counts(c, by, day, **scope)
        # Impact columns follow the action columns; a group known only from its recommendations still has a row.
        keys = sorted(set(grouped) | set(impacts))
        rows = [{**counts.status_row(_key(by, key), grouped.get(key, {})), **_impact_of(impacts, key)} for key in keys]
        totals = {**counts.status_row("all", counts.add_up(list(grouped.values()))), **impact_totals}
        return {"as_at": day.isoformat(), "by": by, "rows": rows, "totals": totals}

    # --- assurance and impact (domain.impact; contract in docs/queries-api.md) -------------------

    def impact_by(self, by: str = "agency", *, board=None, review=None, agency=None, as_at=None) -> dict[str, Any]:
        """Recommendations whose impact is evidenced, partly, not, not yet tested, and re-tests overdue, per group."""
        if by not in counts.GROUPS:
            raise DomainError("by", f"unknown grouping {by!r}; expected one of {', '.join(counts.GROUPS)}")
        with self._connect() as c:
            day, _ = self._as_at(as_at)
            board = filters.board_name(c, board)
            impacts, totals = impact.impact_counts(
                c, by, day, board=board, review_code=filters.review_code(c, review), agency=filters.agency_name(c, agency, board))
        rows = [{"key": _key(by, key), **n} for key, n in sorted(impacts.items())]
        return {"as_at": day.isoformat(), "by": by, "rows": rows, "totals": {"key": "all", **totals}}

    def recommendations_impact(
        self, *, board=None, review=None, recommendation=None, as_at=None, complete_not_evidenced=False,
    ) -> list[dict[str, Any]]:
        """One row per recommendation: kind, scope, impact plan, latest finding, actions complete and signed off."""
        with self._connect() as c:
            day, current = self._as_at(as_at)
            rows = impact.impact_rows(
                c, day, current, board=filters.board_name(c, board), review_code=filters.review_code(c, review),
                key=self._recommendation_key(c, recommendation))
        return impact.complete_not_evidenced(rows) if complete_not_evidenced else rows

    def retests(self, *, board=None, review=None, recommendation=None, as_at=None) -> list[dict[str, Any]]:
        """Every re-test recorded by the as-at date: what it found (evidenced, partly, not_evidenced) and its result."""
        with self._connect() as c:
            day, _ = self._as_at(as_at)
            return impact.retest_rows(
                c, day, board=filters.board_name(c, board), review_code=filters.review_code(c, review),
                key=self._recommendation_key(c, recommendation))

    def headline(self, *, board=None, as_at=None) -> dict[str, Any]:
        with self._connect() as c:
            day, current = self._as_at(as_at)
            board = filters.board_name(c, board)
            added = counts.add_up(list(counts.grouped(c, "", day, current, due_within_days=30, board=board).values()))
            totals = counts.status_row("all", added)
            priority = open_priority(c, day, board)
        return {
            "as_at": day.isoformat(),
            "actions": totals["total"],
            "percent_complete": totals["percent_complete"],
            "percent_signed_off": totals["percent_signed_off"],
            "overdue": totals["overdue"],
            "due_30": added["due"],
            "awaiting_sign_off": totals[COMPLETED],
            "open_priority_recommendations": priority,
        }

    # --- actions --------------------------------------------------------------------------------

    def actions(
        self, *, as_at=None, board=None, agency=None, review=None, recommendation=None, status=None,
        overdue=False, due_within_days=None, awaiting_sign_off=False, limit=None,
    ) -> list[dict[str, Any]]:
        with self._connect() as c:
            day, current = self._as_at(as_at)
            board = filters.board_name(c, board)
            return list_actions(
                c, day, current, board=board, agency=filters.agency_name(c, agency, board),
                review=filters.review_code(c, review), recommendation=self._recommendation_key(c, recommendation),
                status=filters.check_status(status), overdue=overdue, due_within_days=due_within_days,
                awaiting_sign_off=awaiting_sign_off, limit=limit,
            )

    def action(self, ref_or_id: str) -> dict[str, Any]:
        ref = filters.parse_reference(ref_or_id, "action")
        with self._connect() as c:
            a = schema.actions
            query = select(a.c.id)
            if ref.id is not None:
                query = query.where(a.c.id == ref.id)
            else:
                query = query.where(a.c.review_code == ref.code, a.c.recommendation_number == ref.recommendation, a.c.number == ref.action)
            found = c.execute(query).scalar() if ref.id or ref.action else None
            rows = list_actions(c, self.clock(), True, action_id=found) if found else []
        if not rows:
            raise NotFound("action", f"no action {ref_or_id!r}")
        return rows[0]

    def history(self, ref_or_id: str, *, latest: int | None = None) -> list[dict[str, Any]]:
        """The record's changes in order; with `latest`, the newest that many and every notice."""
        with self._connect() as c:
            return history_rows(c, ref_or_id, latest)

    def history_count(self, ref_or_id: str) -> int:
        with self._connect() as c:
            return history_count(c, ref_or_id)

    def last_progress(self, action_ids: list[str], *, as_at=None, board=None) -> list[dict[str, Any]]:
        """Each action's latest progress by the end of `as_at` (the row's own date may be later than a past year's end)."""
        with self._connect() as c:
            day, _ = self._as_at(as_at)
            return last_progress_rows(c, [str(i) for i in action_ids], day, board=filters.board_name(c, board))

    def documents(self, ref_or_id: str) -> list[dict[str, Any]]:
        """An action's evidence documents in the order attached (title, kind, size, who, when, withdrawn or purged)."""
        with self._connect() as c:
            return evidence.documents(c, ref_or_id)

    def document_counts(self, *, board=None, as_at=None) -> dict[str, int]:
        """Action id -> documents supporting it (attached by `as_at`, not withdrawn or purged); actions with none are absent."""
        with self._connect() as c:
            return evidence.live_counts(c, filters.board_name(c, board), as_at)

    def document_holders(self, sha256: str, *, board=None) -> list[dict[str, Any]]:
        """Every attachment of one file, in the order attached: where a download by hash looks (it opens each through
        the aggregate, which checks the reader and the hash)."""
        with self._connect() as c:
            return evidence.holders(c, (sha256 or "").strip().lower(), filters.board_name(c, board))

    # --- boards, reviews, recommendations -------------------------------------------------------

    def boards(self) -> list[dict[str, Any]]:
        b = schema.boards
        with self._connect() as c:
            rows = c.execute(select(b).order_by(b.c.name)).mappings().all()
        return [
            {"name": r["name"], "agencies": list(r["agencies"]), "chair_contact": r["chair_contact"],
             "agency_contacts": dict(r["agency_contacts"]), "rag_words": dict(r["rag_words"]),
             "assurance_words": dict(r["assurance_words"] or {})}
            for r in sorted(rows, key=lambda r: r["name"])
        ]

    def agencies(self, board=None) -> list[str]:
        with self._connect() as c:
            return filters.known_agencies(c, filters.board_name(c, board))

    def reviews(self, *, board=None, as_at=None) -> list[dict[str, Any]]:
        with self._connect() as c:
            day, current = self._as_at(as_at)
            return list_reviews(c, day, current, board=filters.board_name(c, board))

    def review(self, code: str) -> dict[str, Any]:
        with self._connect() as c:
            found = list_reviews(c, self.clock(), True, code=filters.review_code(c, code))
        if not found:
            raise NotFound("review", f"unknown review {code!r}")
        return found[0]

    def recommendations(self, *, board=None, review=None, as_at=None, open_only=False, priority_only=False) -> list[dict[str, Any]]:
        with self._connect() as c:
            day, current = self._as_at(as_at)
            return list_recommendations(
                c, day, current, board=filters.board_name(c, board), review=filters.review_code(c, review),
                open_only=open_only, priority_only=priority_only,
            )

    def recommendation(self, ref_or_id: str) -> dict[str, Any]:
        ref = filters.parse_reference(ref_or_id, "recommendation")
        with self._connect() as c:
            if ref.id is not None:
                found = list_recommendations(c, self.clock(), True, rec_id=ref.id)
            elif ref.recommendation is not None and ref.action is None:
                found = list_recommendations(c, self.clock(), True, key=(ref.code, ref.recommendation))
            else:
                found = []
        if not found:
            raise NotFound("recommendation", f"no recommendation {ref_or_id!r}")
        return found[0]

    # --- annual report and trends ---------------------------------------------------------------

    def monthly_trend(self, year: int, *, board=None) -> list[dict[str, Any]]:
        with self._connect() as c:
            return trends.monthly_trend(c, int(year), self.clock(), filters.board_name(c, board))

    def time_to_complete(self, *, board=None, as_at=None, year=None) -> list[dict[str, Any]]:
        with self._connect() as c:
            day, _ = self._as_at(as_at)
            return trends.time_to_complete(c, day, filters.board_name(c, board), year)

    def slippage(self, *, board=None, as_at=None) -> list[dict[str, Any]]:
        with self._connect() as c:
            day, current = self._as_at(as_at)
            return trends.slippage(c, day, current, filters.board_name(c, board))

    def year_record(self, start: date, end: date, *, board=None) -> list[dict[str, Any]]:
        """What was decided and done from `start` to `end` (effective dates): stages, decisions, actions' events."""
        end, _ = self._as_at(end)
        with self._connect() as c:
            return year_record(c, start, end, filters.board_name(c, board))

    def stage_notes(self, *, board=None, as_at=None) -> dict[tuple[str, str], str]:
        """(review code, stage) -> the note recorded with that stage by the as-at date (why it was late)."""
        with self._connect() as c:
            day, _ = self._as_at(as_at)
            return stage_notes(c, day, filters.board_name(c, board))

    def deadlines_at_risk(self, *, board=None, as_at=None, within_working_days=5) -> list[dict[str, Any]]:
        day, _ = self._as_at(as_at)
        return at_risk(self.reviews(board=board, as_at=as_at), day, int(within_working_days))

    # --- themes (projections.read.theme_answers) --------------------------------------------------
    # `readable`: the boards the reader may read (None: all). Other boards are answered as counts only.

    def themes(self, *, board=None, as_at=None, review_type=None, agency=None, readable=None) -> dict[str, Any]:
        with self._connect() as c:
            day, _ = self._as_at(as_at)
            shown, others = self._theme_boards(c, board, readable)
            agency = filters.agency_name(c, agency, board and shown[0])
            review_type = parse_choice("kind", review_type, REVIEW_TYPES) if review_type else None
            return theme_answers.themes_answer(c, day, shown=shown, others=others, review_type=review_type, agency=agency)

    def theme_recommendations(self, theme: str, *, year=None, board=None, as_at=None, review_type=None, agency=None,
                              readable=None) -> list[dict[str, Any]]:
        with self._connect() as c:
            day, _ = self._as_at(as_at)
            shown, _ = self._theme_boards(c, board, readable)
            review_type = parse_choice("kind", review_type, REVIEW_TYPES) if review_type else None
            return theme_answers.recommendations_on(c, day, theme, shown=shown, year=year, review_type=review_type,
                                                    agency=filters.agency_name(c, agency, board and shown[0]))

    def theme_scheme(self, *, board, as_at=None):
        """The board's scheme as at the day (domain.theme_scheme.SchemeAsAt)."""
        with self._connect() as c:
            day, _ = self._as_at(as_at)
            name = filters.board_name(c, board)
            return theme_reads.schemes(c, day, [name])[name]

    def theme_words(self, *, board) -> list[str]:
        """Every theme word the board's records carry (old free-text words included)."""
        t = schema.theme_tags
        with self._connect() as c:
            name = filters.board_name(c, board)
            return sorted(set(c.execute(select(t.c.word).where(t.c.board == name, t.c.word != "")).scalars()), key=str.lower)

    def recurrences(self, ref_or_code: str, *, readable=None) -> dict[str, Any]:
        """Earlier recommendations on the same learning, for a recommendation or for each of a review's."""
        with self._connect() as c:
            ids, board = self._recommendation_ids(c, ref_or_code)
            answer = theme_answers.recurrences_answer(c, ids, readable=readable, day=self.clock())
        return {"of": ref_or_code, "board": board, **answer}

    def recurrences_noted(self, *, board=None, since=None, until=None) -> list[dict[str, Any]]:
        with self._connect() as c:
            return theme_reads.noted(c, board=filters.board_name(c, board), since=since, until=until)

    def recurrence_candidates(self, *, board: str) -> dict[str, Any]:
        """What the recurrence check compares a board's new recommendations with (monitoring.application.themes):
        every recommendation's theme words (`record_id, review_code, number, added_on, word`) and the pairs noted."""
        with self._connect() as c:
            return {"rows": theme_reads.recommendation_words(c, board),
                    "noted": {(n["recommendation_id"], n["earlier_id"]) for n in theme_reads.noted(c, board=board)}}

    def recommendation_texts(self, known=()) -> list[tuple]:
        """(id, board, review_code, reference, made_on, text) of the recommendations not in `known` (the recurrence check's cache)."""
        with self._connect() as c:
            return theme_reads.texts(c, known)

    def recurring_learning(self, year: int, *, board=None, as_at=None, readable=None) -> list[dict[str, Any]]:
        """The yearly report's "Recurring learning": the year's recommendations by theme, and how many recur."""
        with self._connect() as c:
            day, _ = self._as_at(as_at)
            shown, _ = self._theme_boards(c, board, readable)
            return theme_answers.recurring_learning(c, int(year), day, boards=shown)

    def _theme_boards(self, c, board, readable) -> tuple[list[str], list[str] | None]:
        everyone = theme_answers.all_boards(c)
        if board:
            shown = [filters.board_name(c, board)]
        else:
            shown = [b for b in everyone if readable is None or b in readable]
        others = None if readable is None else [b for b in everyone if b not in readable]
        return shown, others

    def _recommendation_ids(self, c, ref_or_code: str) -> tuple[list[str], str]:
        ref = filters.parse_reference(ref_or_code, "reference")
        r = schema.recommendations
        if ref.recommendation is None and ref.id is None:
            code = filters.review_code(c, ref_or_code)
            rows = c.execute(select(r.c.id, r.c.board).where(r.c.review_code == code)).all()
            board = c.execute(select(schema.reviews.c.board).where(schema.reviews.c.code == code)).scalar()
            return [row.id for row in rows], board
        found = self.recommendation(ref_or_code)
        return [found["id"]], found["board"]

    # --- plumbing -------------------------------------------------------------------------------

    def _as_at(self, as_at: date | None) -> tuple[date, bool]:
        """The day asked about, and whether today's rows answer it (no change is ever dated after today)."""
        today = self.clock()
        day = filters.check_as_at(as_at, today)
        return day, day >= today

    def _recommendation_key(self, connection, recommendation) -> tuple[str, int] | None:
        if recommendation is None:
            return None
        ref = filters.parse_reference(recommendation, "recommendation")
        r = schema.recommendations
        query = select(r.c.review_code, r.c.number)
        if ref.id is not None:
            query = query.where(r.c.id == ref.id)
        elif ref.recommendation is not None and ref.action is None:
            query = query.where(r.c.review_code == ref.code, r.c.number == ref.recommendation)
        else:
            raise NotFound("recommendation", f"{recommendation!r} is not a recommendation reference like child-c-2014/R3")
        found = connection.execute(query).first()
        if found is None:
            raise NotFound("recommendation", f"no recommendation {recommendation!r}")
        return tuple(found)

    def _connect(self):
        if not self._ready:  # a fresh database answers with empty figures, not a missing-table error
            schema.create_all(self.engine)
            self._ready = True
        return self.engine.connect()


def _impact_of(impacts: dict[tuple, dict[str, int]], key: tuple) -> dict[str, int]:
    return impacts.get(key) or dict.fromkeys(IMPACT_COLUMNS, 0)


def _key(by: str, key: tuple) -> str:
    return f"{key[0]}/R{key[1]}" if by == "recommendation" else key[0]


__all__ = ["Queries"]
