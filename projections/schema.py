"""The read-model tables, in the same database as the events (SQLite or PostgreSQL).

Every table is derived: `scr-monitor projections rebuild` drops and refills them from the events.
Bump SCHEMA_VERSION whenever a table changes; the runner then rebuilds by itself.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from uuid import UUID

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Engine,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    text,
)

from projections.tables import create_tables

SCHEMA_VERSION = 11  # 4-9: assurance and impact (issue 15; 5: the critical-friend comment; 6: recommendation agencies; 7-9: impact periods); 10: evidence documents; 11: covering indexes in GROUP BY order
PROJECTION = "read_models"  # the one row of `projection_position`

metadata = MetaData()


class Id(TypeDecorator):
    """An aggregate id as text, whether the event carried a UUID or a string."""

    impl = String(36)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else str(value)


class DateDict(TypeDecorator):
    """{name: date} as JSON with ISO dates (a review's stage dates)."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else {k: v.isoformat() for k, v in value.items()}

    def process_result_value(self, value, dialect):
        return None if value is None else {k: date.fromisoformat(v) for k, v in value.items()}


GROUPINGS = {"agency": ("agency",), "board": ("board",), "review": ("review_code",), "recommendation": ("review_code", "recommendation_number")}


def _covering(table: str, tail: tuple[str, ...]) -> list[Index]:
    """One index per `status` grouping: the group's columns first, then what the count groups by (status, assurance),
    then everything else it reads, so the count walks the index in order (no sort: 100 ms -> 28 ms nationally)."""
    return [Index(f"ix_{table}_by_{name}", *columns, *tail) for name, columns in GROUPINGS.items()]


def _dates(*names: str) -> list[Column]:
    return [Column(name, Date) for name in names]


position = Table(
    "projection_position",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("position", BigInteger, nullable=False),
    Column("schema_version", Integer, nullable=False),
)

boards = Table(
    "view_boards",
    metadata,
    Column("id", Id, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("agencies", JSON, nullable=False),
    Column("agency_contacts", JSON, nullable=False),
    Column("chair_contact", Text),
    Column("rag_words", JSON, nullable=False),
    Column("assurance_words", JSON, nullable=False),
    Column("registered_on", Date),
    Column("version", Integer, nullable=False),
)

reviews = Table(
    "view_reviews",
    metadata,
    Column("id", Id, primary_key=True),
    Column("code", String(200), nullable=False, unique=True),
    Column("board", Text, nullable=False, index=True),
    Column("title", Text, nullable=False),
    Column("review_type", String(40), nullable=False),
    Column("stage", String(40), nullable=False),
    Column("stage_dates", DateDict, nullable=False),
    Column("themes", JSON, nullable=False),
    *_dates("aware_on", "panel_notified_on", "commissioned_on", "last_effective", "last_update"),
    Column("version", Integer, nullable=False),
)

# A review's stage and clocks after each change, by effective date: answers "which stage on 31 March?".
review_changes = Table(
    "view_review_changes",
    metadata,
    Column("review_id", Id, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("effective", Date, nullable=False),
    Column("stage", String(40), nullable=False),
    Column("panel_notified_on", Date),
    Column("stage_dates", DateDict, nullable=False),
)

recommendations = Table(
    "view_recommendations",
    metadata,
    Column("id", Id, primary_key=True),
    Column("board", Text, nullable=False, index=True),
    Column("review_id", Id, nullable=False),
    Column("review_code", String(200), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("agencies", JSON, nullable=False),
    Column("themes", JSON, nullable=False),
    Column("priority", Boolean, nullable=False),
    Column("status", String(20), nullable=False),
    Column("status_on", Date),  # effective date it left `open` (no way back in the domain)
    Column("impact", Text),
    Column("action_count", Integer, nullable=False),
    *_dates("made_on", "last_effective", "last_update"),
    Column("version", Integer, nullable=False),
    # Assurance and impact (domain.impact): kind and scope, the impact plan in force, the latest re-test.
    Column("kind", String(20), nullable=False),
    Column("scope", String(20), nullable=False),
    Column("addressee", Text, nullable=False),
    Column("impact_plan", JSON),
    Column("retests", Integer, nullable=False),
    Column("last_finding", String(20), nullable=False),
    *_dates("response_asked_on", "response_received_on", "plan_on", "retest_by", "last_retest_on"),
    Index("ix_view_recommendations_decided", "status", "status_on"),  # the few rejected or superseded, for impact counts
)

# Each agency a recommendation names (they never change after it is made): `status --by agency` counts a
# recommendation under each, in SQL, without reading every recommendation's JSON list.
recommendation_agencies = Table(
    "view_recommendation_agencies",
    metadata,
    Column("recommendation_id", Id, primary_key=True),
    Column("agency", Text, primary_key=True),
    Column("board", Text, nullable=False),  # board, review and made_on never change either: counted from here alone
    Column("review_code", String(200), nullable=False),
    Column("made_on", Date, nullable=False),
    Index("ix_view_recommendation_agencies_agency", "agency", "made_on", "board", "review_code"),
)

# Every impact plan and re-test of a recommendation, by effective date: answers "impact evidenced on 31 March?".
impact_records = Table(
    "view_impact_records",
    metadata,
    Column("recommendation_id", Id, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("effective", Date, nullable=False),
    Column("kind", String(10), nullable=False),  # "plan" or "retest"
    Column("retest_by", Date),
    Column("finding", String(20)),
    Column("result", Text),
)

# Each planned recommendation's impact position from each change (projections.impact_periods: domain.impact's rule
# applied as the change is projected). Rows are only added: in force at the end of day d is a recommendation's
# latest row (highest seq) with valid_from <= d; its re-test is overdue on d when retest_awaited_by < d.
impact_periods = Table(
    "view_impact_periods",
    metadata,
    Column("recommendation_id", Id, primary_key=True),
    Column("seq", Integer, primary_key=True),  # the event's version
    Column("valid_from", Date, nullable=False),
    Column("state", String(20), nullable=False),  # one of domain.impact.IMPACT_STATES
    Column("retest_awaited_by", Date),  # the plan's re-test date while no re-test has followed the plan
    # The recommendation's board, review, number and made date (they never change): counted without reading it.
    Column("board", Text, nullable=False),
    Column("review_code", String(200), nullable=False),
    Column("recommendation_number", Integer, nullable=False),
    Column("made_on", Date, nullable=False),
    # The agencies it names, as one sorted JSON list: counted per list in SQL, then under each agency in Python.
    Column("agencies", Text, nullable=False),
)

ACTION_DATES = (
    "target_date", "original_target_date", "agreed_on", "completed_on", "signed_off_on", "first_completed_on",
    "last_effective", "last_update", "last_progress_on", "period_from",
)

actions = Table(
    "view_actions",
    metadata,
    Column("id", Id, primary_key=True),
    Column("board", Text, nullable=False),
    Column("review_id", Id, nullable=False),
    Column("review_code", String(200), nullable=False),
    Column("recommendation_id", Id, nullable=False, index=True),
    Column("recommendation_number", Integer, nullable=False),
    Column("number", Integer, nullable=False),
    Column("agency", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("lead", Text, nullable=False),
    Column("measure", Text, nullable=False),
    Column("contact", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("status_before_withdrawal", String(20), nullable=False),
    Column("reschedules", Integer, nullable=False),
    Column("assurance", String(20), nullable=False),  # the sub-group's level while signed off, else ""
    *_dates(*ACTION_DATES),
    Column("evidence", Text),
    Column("impact", Text),
    Column("assurance_comment", Text),  # the critical-friend comment of the sign-off in force (domain.impact)
    Column("version", Integer, nullable=False),
    Column("period_seq", Integer, nullable=False),  # the open row of view_action_periods
    # Covering indexes: `status` today counts each grouping (and board filter) straight from an index.
    *_covering("view_actions", ("status", "assurance", "target_date")),
    Index("ix_view_actions_board_agency", "board", "agency", "status", "target_date"),
    Index("ix_view_actions_agency_records", "agency", "recommendation_id", "review_code"),  # themes filtered by agency
)

# What was in force for each action from `valid_from` until the day before `valid_to` (NULL: still in force).
# In force at the end of day d: valid_from <= d and (valid_to is null or valid_to > d). Same-day changes
# replace the period in place, so a period always lasts at least a day.
action_periods = Table(
    "view_action_periods",
    metadata,
    Column("action_id", Id, primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date),
    Column("status", String(20), nullable=False),
    Column("target_date", Date, nullable=False),
    Column("reschedules", Integer, nullable=False),
    Column("assurance", String(20), nullable=False),
    Column("board", Text, nullable=False),
    Column("agency", Text, nullable=False),
    Column("review_code", String(200), nullable=False),
    Column("recommendation_number", Integer, nullable=False),
    # `status` as at a date reads only these indexes: the whole period, grouped, never the table itself.
    *_covering("view_action_periods", ("status", "assurance", "valid_from", "valid_to", "target_date")),
)

# One row per event. `state` is the event's attributes as JSON (the store's own encoding when it is plain
# JSON, so a rebuild does not encode 600,000 events again); queries turn it into domain.history_wording details.
history = Table(
    "view_history",
    metadata,
    # INTEGER on SQLite makes the position the rowid itself: no second B-tree on the largest table.
    Column("position", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
    Column("aggregate_id", Id, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Column("recorded_us", BigInteger, nullable=False),  # recording time, microseconds since 1970 (UTC)
    Column("effective", Date),
    Column("actor", Text),
    Column("event", String(80), nullable=False),
    Column("change", Text, nullable=False),
    Column("state", LargeBinary, nullable=False),
    Index("ix_view_history_aggregate", "aggregate_id", "version"),
)


def _live_only() -> dict:
    """A partial index's rows: documents neither withdrawn nor purged (the counts' own condition, word for word)."""
    live = text("withdrawn_reason IS NULL AND purged_reason IS NULL")
    return {"sqlite_where": live, "postgresql_where": live}


# Evidence documents (issue 16): one row per attachment, with what became of it (projections.documents), so an
# action's list, the counts per action and the attachments of one file are read by key, not from every event.
documents = Table(
    "view_documents",
    metadata,
    Column("action_id", Id, primary_key=True),
    Column("number", Integer, primary_key=True),  # 1, 2, ... on its action, in the order attached
    Column("position", BigInteger, nullable=False),  # the attaching event's: the order attached across actions
    Column("board", Text, nullable=False),
    Column("agency", Text, nullable=False),
    Column("review_code", String(200), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("filename", Text, nullable=False),
    Column("effective", Date),  # attached on
    Column("actor", Text),
    Column("recorded_us", BigInteger, nullable=False),  # recording time, microseconds since 1970 (UTC)
    Column("withdrawn_reason", Text),
    Column("purged_reason", Text),
    Index("ix_view_documents_sha256", "sha256", "position"),
    # Documents counted per action (projections.read.evidence.live_counts) from these alone: the live ones only.
    Index("ix_view_documents_board", "board", "action_id", "effective", **_live_only()),
    Index("ix_view_documents_live", "action_id", "effective", **_live_only()),
)

# Themes (issue 17): each board's edits to the shared scheme, the theme words every review and
# recommendation carries (a review's per version, so "as at" can be answered), and recurrences noted.
theme_schemes = Table(
    "view_theme_schemes",
    metadata,
    Column("id", Id, primary_key=True),
    Column("board", Text, nullable=False, unique=True),
    Column("changes", JSON, nullable=False),  # domain.theme_scheme change records, oldest first
    *_dates("last_effective", "last_update"),
    Column("version", Integer, nullable=False),
)

theme_tags = Table(
    "view_theme_tags",
    metadata,
    Column("record_id", Id, primary_key=True),
    Column("version", Integer, primary_key=True),  # a review's themes may be set again: one set per version
    Column("seq", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # "review" or "recommendation"
    Column("board", Text, nullable=False),
    Column("review_code", String(200), nullable=False),
    Column("recommendation_number", Integer),
    Column("effective", Date, nullable=False),  # from when this set of words is in force
    Column("added_on", Date, nullable=False),  # when the record was made: its reporting year
    Column("reporting_year", Integer, nullable=False),
    Column("word", Text, nullable=False),
    Column("word_key", Text, nullable=False),  # domain.names.same_name(word)
    Index("ix_view_theme_tags_board", "board", "kind", "word_key", "added_on"),
    # The themes page: a board's distinct words (coded in Python), then each (board, word)'s rows counted from
    # the index alone, whatever the filters.
    Index("ix_view_theme_tags_words", "board", "word_key", "word", "record_id", "version", "effective", "added_on", "kind",
          "reporting_year", "review_code"),
    Index("ix_view_theme_tags_versions", "record_id", "version", "effective", "added_on"),  # records coded again by a day
)

recurrences = Table(
    "view_recurrences",
    metadata,
    Column("recommendation_id", Id, primary_key=True),
    Column("earlier_id", Id, primary_key=True),
    Column("board", Text, nullable=False),
    Column("reference", String(220), nullable=False),
    Column("earlier_board", Text, nullable=False),
    Column("earlier_reference", String(220), nullable=False),
    Column("themes", JSON, nullable=False),  # the theme ids they share
    Column("similarity", Integer),  # rapidfuzz score of their texts, when that is why
    Column("noted_on", Date, nullable=False),
    Index("ix_view_recurrences_board_noted", "board", "noted_on"),
    Index("ix_view_recurrences_earlier", "earlier_id"),
)

VIEW_TABLES = [boards, reviews, review_changes, recommendations, recommendation_agencies, impact_records, impact_periods, actions, action_periods, history, theme_schemes, theme_tags, recurrences, documents]
LARGEST_FIRST = [history, action_periods, actions, theme_tags, recommendations, recommendation_agencies, impact_records, impact_periods, documents, recurrences, review_changes, reviews, boards, theme_schemes]  # for work two at a time


def create_all(engine: Engine) -> None:
    create_tables(engine, metadata)


def secondary_indexes(tables: list[Table] = VIEW_TABLES) -> list[Index]:
    return [index for table in tables for index in table.indexes if not index.unique]


def drop_indexes(connection) -> None:
    for index in secondary_indexes():
        index.drop(connection, checkfirst=True)


def create_indexes(engine: Engine) -> None:
    """The secondary indexes (after a rebuild's bulk load). PostgreSQL builds them two at a time, each in
    its own server process (the machine has two cores; Python only waits); SQLite has one writer, and
    sorts with a helper thread of its own."""
    indexes = secondary_indexes(LARGEST_FIRST)
    if engine.dialect.name != "postgresql":
        with engine.begin() as connection:
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("PRAGMA threads=2")
            for index in indexes:
                index.create(connection, checkfirst=True)
        return

    def build(index: Index) -> None:
        with engine.begin() as connection:
            connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '128MB'")
            index.create(connection, checkfirst=True)

    with ThreadPoolExecutor(2, thread_name_prefix="create-index") as pool:
        list(pool.map(build, indexes))


def vacuum(engine: Engine) -> None:
    """After a bulk load on PostgreSQL: statistics for the planner, and the visibility map that lets
    `status` count from its covering indexes alone (index-only scans). Two tables at a time."""
    if engine.dialect.name != "postgresql":
        return

    def clean(table: Table) -> None:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql(f"VACUUM (ANALYZE) {table.name}")

    with ThreadPoolExecutor(2, thread_name_prefix="vacuum") as pool:
        list(pool.map(clean, LARGEST_FIRST))


SECURE_DELETE = {0: "OFF", 1: "ON", 2: "FAST"}


def drop_views(connection) -> None:
    """Drop every read model. On SQLite the freed pages are not zeroed one by one (secure_delete FAST for the
    drops, the connection's own setting restored after): Debian builds SQLite with SECURE_DELETE on, and dropping
    a national store's read models wrote 586 MB to the log for it, 3 s of a 24 s rebuild. What the read models
    hold is derived from the events, which stay in the file, so zeroing it protects nothing; every other delete
    (an evidence purge among them) keeps the setting."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        before = connection.exec_driver_sql("PRAGMA secure_delete").scalar()
        connection.exec_driver_sql("PRAGMA secure_delete=FAST")
    try:
        for table in reversed(VIEW_TABLES):
            table.drop(connection, checkfirst=True)
    finally:
        if sqlite:
            connection.exec_driver_sql(f"PRAGMA secure_delete={SECURE_DELETE[before]}")


def as_text(value: UUID | str | None) -> str | None:
    return None if value is None else str(value)
