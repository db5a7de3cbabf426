"""A pooled connection is asked whether it still answers before use only when it has lain idle a while.

SQLAlchemy's `pool_pre_ping` asks before every use: a round trip per read, a page's twenty reads forty round
trips. A connection handed back a moment ago was answering a moment ago; one idle longer (the database may have
restarted since) is asked first, and replaced if it does not answer. A connection that died in the moment
between is found out by the read itself: SQLAlchemy sees the disconnect, drops every connection of the pool,
and the page answers "the service is unavailable, try again shortly" (dashboard/service_health.py) once.
"""
from __future__ import annotations

import time

from sqlalchemy import Engine, event, exc

IDLE_SECONDS = 1.0
RETURNED_AT = "returned_at"


def ping_when_idle(engine: Engine) -> Engine:
    event.listen(engine.pool, "checkin", _returned)
    event.listen(engine.pool, "checkout", lambda dbapi_connection, record, _proxy: _check(engine, dbapi_connection, record))
    return engine


def _returned(_dbapi_connection, record) -> None:
    if record is not None:
        record.info[RETURNED_AT] = time.monotonic()


def _check(engine: Engine, dbapi_connection, record) -> None:
    returned = record.info.get(RETURNED_AT)
    if returned is None or time.monotonic() - returned < IDLE_SECONDS:
        return  # new, or in use a moment ago
    try:
        engine.dialect.do_ping(dbapi_connection)
    except Exception as error:
        raise exc.DisconnectionError(f"the connection no longer answers: {error}") from None  # the pool connects anew
