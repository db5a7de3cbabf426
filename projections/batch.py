"""A batch of events applied to the rows it touches: read once, changed in memory, written back together."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, Table, select

from projections import schema
from projections.rows import AggregateView, State
from projections.writer import Statement, TableWriter

CHUNK = 500  # ids per IN (...) list: well under every database's limit on bound parameters


class MissingRow(LookupError):
    pass


class Batch:
    """The rows one batch changes, and the rows it adds to the append-only tables.

    `carried`: the rows as the previous batch left them, perhaps not committed yet (a pipelined rebuild
    commits batch k while batch k+1 is applied)."""

    def __init__(self, views: dict[str, AggregateView], carried: dict[str, dict[str, State]] | None = None) -> None:
        self.views = views
        self.carried = carried or {}
        self.states: dict[str, dict[str, State]] = {kind: {} for kind in views}
        self.new: dict[str, set[str]] = {kind: set() for kind in views}
        self.inserts: dict[Table, list[dict]] = defaultdict(list)
        self.period_updates: dict[tuple[str, int], dict] = {}
        self.updates: dict[tuple[Table, tuple[str, ...]], list[dict]] = defaultdict(list)
        self.history: list[tuple] = []  # view_history rows, ready to send

    def load(self, connection: Connection, kind: str, ids: Iterable[str]) -> None:
        """The current rows of aggregates this batch changes: carried over, else read (one query per 500)."""
        view, known, carried = self.views[kind], self.states[kind], self.carried.get(kind, {})
        wanted = []
        for aggregate_id in set(ids) - known.keys():
            if aggregate_id in carried:
                known[aggregate_id] = carried[aggregate_id]
            else:
                wanted.append(aggregate_id)
        wanted.sort()
        for start in range(0, len(wanted), CHUNK):
            query = select(view.table).where(view.table.c.id.in_(wanted[start : start + CHUNK]))
            for row in connection.execute(query).mappings():
                state = State(dict(row))
                view.loaded(state)
                known[state.id] = state

    def add(self, kind: str, state: State) -> None:
        self.states[kind][state.id] = state
        self.new[kind].add(state.id)

    def get(self, kind: str, aggregate_id: str) -> State:
        try:
            return self.states[kind][aggregate_id]
        except KeyError:
            raise MissingRow(f"no {kind} row for {aggregate_id}: the event that created it was never projected") from None

    def insert(self, table: Table, row: dict) -> dict:
        """Queue a row for an append-only table; the caller may still change it until statements()."""
        self.inserts[table].append(row)
        return row

    def update(self, table: Table, row: dict, settable: tuple[str, ...]) -> None:
        """Set these columns of a row found by its primary key; sent after the batch's inserts, so the row may be one."""
        self.updates[(table, settable)].append(row)

    def period_update(self, action_id: str, seq: int, in_force: tuple) -> dict:
        """The changes to a period already in the table (closing it, or a same-day correction)."""
        key = (action_id, seq)
        if key not in self.period_updates:
            status, target_date, reschedules, assurance = in_force
            self.period_updates[key] = {
                "action_id": action_id, "seq": seq, "valid_to": None,
                "status": status, "target_date": target_date, "reschedules": reschedules, "assurance": assurance,
            }
        return self.period_updates[key]

    def statements(self, writers: "Writers") -> list[Statement]:
        """Every row as the driver's parameters, one (sql, rows) per table and kind of write."""
        statements = []
        for kind, view in self.views.items():
            new, states = self.new[kind], self.states[kind]
            writer = writers.get(view.table)
            statements.append(writer.insert([s for i, s in states.items() if i in new]))
            statements.append(writer.update([s for i, s in states.items() if i not in new]))
        for table, rows in self.inserts.items():
            statements.append(writers.get(table).insert(rows, from_dicts=True))
        for (table, settable), rows in self.updates.items():
            statements.append(writers.get(table, settable).update(rows, from_dicts=True))
        statements.append(writers.periods.update(self.period_updates.values(), from_dicts=True))
        statements.append(writers.get(schema.history).insert_tuples(self.history))
        return statements

    def carry(self) -> dict[str, dict[str, State]]:
        """The rows as this batch leaves them (call after statements()), for the next batch to start from."""
        for kind, states in self.states.items():
            for state in states.values():
                self.views[kind].loaded(state)
        return self.states


class Writers:
    """The statements of every view table, made once per database dialect."""

    def __init__(self, dialect) -> None:
        self._dialect = dialect
        self._made: dict[tuple[Table, tuple[str, ...] | None], TableWriter] = {}
        self.periods = TableWriter(
            schema.action_periods, dialect, key=("action_id", "seq"),
            settable=("valid_to", "status", "target_date", "reschedules", "assurance"),
        )

    def get(self, table: Table, settable: tuple[str, ...] | None = None) -> TableWriter:
        """Inserts of every column; updates by primary key of `settable` (default: every other column)."""
        if (table, settable) not in self._made:
            self._made[(table, settable)] = TableWriter(table, self._dialect, settable=settable)
        return self._made[(table, settable)]
