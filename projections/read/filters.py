"""What a query is about: the as-at date and filters, checked against the read models, spelled as stored."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, and_, func, or_, select

from domain.errors import DomainError, NotFound
from domain.references import Reference, parse_reference  # noqa: F401 - the read side's callers find them here
from domain.statuses import ACTION_STATUSES
from projections import schema

IN_LIST = 500  # ids in one IN (...): SQLite takes at most 32,766 parameters in a statement, PostgreSQL 65,535


def in_chunks(items: list, size: int = IN_LIST):
    """`items` a slice at a time, for IN lists of ids that may run to thousands."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def check_as_at(as_at: date | None, today: date) -> date:
    if as_at is None:
        return today
    if not isinstance(as_at, date):
        raise DomainError("as-at", f"{as_at!r} is not a date")
    if as_at > today:
        raise DomainError("as-at", f"{as_at.isoformat()} is in the future (today is {today.isoformat()})")
    return as_at


def check_status(status: str | None) -> str | None:
    if status is None:
        return None
    key = status.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in ACTION_STATUSES:
        raise NotFound("status", f"unknown status {status!r}; expected one of {', '.join(ACTION_STATUSES)}")
    return key


def board_name(connection: Connection, name: str | None) -> str | None:
    if name is None:
        return None
    found = connection.execute(
        select(schema.boards.c.name).where(func.lower(schema.boards.c.name) == name.strip().lower())
    ).scalar()
    if found is None:
        raise NotFound("board", f"unknown board {name!r}")
    return found


def agency_name(connection: Connection, name: str | None, board: str | None = None) -> str | None:
    if name is None:
        return None
    wanted = name.strip().lower()
    for agency in known_agencies(connection, board):
        if agency.lower() == wanted:
            return agency
    where = f" of {board}" if board else ""
    raise NotFound("agency", f"unknown agency {name!r}{where}")


def known_agencies(connection: Connection, board: str | None = None) -> list[str]:
    query = select(schema.boards.c.agencies)
    if board is not None:
        query = query.where(schema.boards.c.name == board)
    names = {agency for (agencies,) in connection.execute(query) for agency in agencies}
    return sorted(names)


def review_code(connection: Connection, code: str | None) -> str | None:
    if code is None:
        return None
    found = connection.execute(
        select(schema.reviews.c.code).where(schema.reviews.c.code == code.strip().lower())
    ).scalar()
    if found is None:
        raise NotFound("review", f"unknown review {code!r}")
    return found


def in_force(periods, as_at: date):
    """The period of each action in force at the end of `as_at`."""
    return and_(periods.c.valid_from <= as_at, or_(periods.c.valid_to.is_(None), periods.c.valid_to > as_at))
