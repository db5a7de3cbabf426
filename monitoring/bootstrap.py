"""The one composition root: builds the application, the read-model database and the queries."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import StaticPool

from domain.errors import DomainError
from monitoring.application.themes import ThemeWork
from monitoring.application.use_cases import Monitoring
from monitoring.config import Settings, eventsourcing_env, sqlalchemy_url
from monitoring.evidence.store import FileStore
from monitoring.security.encryption import check_key, probe
from monitoring.security.permissions import Policy
from monitoring.security.signing import anchor_key, check_signing
from monitoring.security.users import Users
from monitoring.storage.database import CONNECT_TIMEOUT_SECONDS, check_database, read_only
from monitoring.storage.idle_ping import ping_when_idle
from projections.hash_chain import HashChain
from projections.outage import DatabaseAway, is_database_away
from projections.queries import Queries
from projections.registry import ProjectionStopped
from projections.runner import ProjectionRunner
from projections import checkpoints
from projections.writer import create_sqlite_engine


def create_read_engine(settings: Settings) -> Engine:
    url = sqlalchemy_url(settings)
    if settings.is_memory:
        return create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    if url.startswith("sqlite"):
        return create_sqlite_engine(url, connect_args={"check_same_thread": False})
    return ping_when_idle(create_engine(url, pool_size=5, max_overflow=5,
                                        connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS}))  # an unreachable host fails, not hangs


@dataclass
class Services:
    """Everything a command, a page or a job needs, built once per process."""

    settings: Settings
    clock: Callable[[], date] = date.today
    policy: Policy | None = None
    read_your_writes: bool = True  # off only where a test needs events the read models have not taken in
    projection_problem: str | None = None
    _closers: list = field(default_factory=list)

    @cached_property
    def app(self) -> Monitoring:
        check_key(self.settings.key)
        anchor_key(self.settings.anchor_key)  # a malformed SCR_MONITOR_ANCHOR_KEY stops us before any write
        check_database(self.settings)  # a missing database or role is named, with the command that creates it
        for attempt in range(3):
            try:
                app = Monitoring(env=eventsourcing_env(self.settings), clock=self.clock, policy=self.policy)
                break
            except DomainError:
                raise
            except Exception as error:  # a store that cannot be opened: say which and why, in one line
                # Two processes opening PostgreSQL at once both replace its SQL function: "tuple concurrently updated".
                if attempt < 2 and "concurrently updated" in str(error):
                    continue
                wrapper = DatabaseAway if is_database_away(error) else DomainError  # away: worth trying again
                raise wrapper("db", f"cannot open the store {self.settings.db_url!r}: {error}".splitlines()[0]) from None
        try:
            check_signing(app, anchor_key(self.settings.anchor_key))  # a signed store needs its anchor key
            probe(app, key_set=bool(self.settings.key))  # a wrong or missing key stops here, before any write
        except DomainError:
            app.close()
            raise
        if self.policy is None:  # roles from the users' record; open until the first user exists
            app.policy = Users(app).policy
        app.files = FileStore(self.engine, app.mapper.cipher if self.settings.key else None)  # evidence bytes: same database and key
        app.evidence_limit = self.settings.evidence_limit_bytes
        app.document_holders = lambda sha: self.queries.document_holders(sha)  # where a download by hash finds its file
        if self.read_your_writes:
            app.after_save(self._read_your_writes)
        return app

    @cached_property
    def users(self):
        """Users, roles and sign-in (monitoring.security.users)."""

        return Users(self.app)

    @cached_property
    def engine(self) -> Engine:
        engine = create_read_engine(self.settings)
        checkpointer = checkpoints.attach(engine)  # SQLite: its log folded into the file off the write path
        if checkpointer is not None:
            self._closers.append(checkpointer.stop)  # before the engine goes: a backup or restore may follow
        self._closers.append(engine.dispose)
        return engine

    @cached_property
    def projections(self):
        return ProjectionRunner(self.app, self.engine)

    @cached_property
    def queries(self):
        return Queries(read_only(self.engine), clock=self.clock)

    @cached_property
    def themes(self) -> ThemeWork:
        """The theme scheme, coded writes and the recurrence check (monitoring.application.themes)."""
        return ThemeWork(self.app, self.queries, self.catch_up, self.settings.recurrence_similarity)

    @cached_property
    def hash_chain(self):
        """Tamper evidence over the stored events (projections.hash_chain)."""

        return HashChain(self.app, self.engine, key=anchor_key(self.settings.anchor_key), anchor_file=self.settings.anchor_file)

    def catch_up(self) -> None:
        """Bring the read models up to the last write, so the next read shows it."""
        self.projections.catch_up()
        self.hash_chain.catch_up()

    def _read_your_writes(self) -> None:
        """After every save (monitoring.application.store): the change is saved whatever happens here, so a
        read model that cannot take it is reported (`projection_problem`), never mistaken for a failed save."""
        try:
            self.catch_up()
        except ProjectionStopped as stopped:
            self.projection_problem = str(stopped)
            logging.getLogger(__name__).warning("the change is saved, but %s", stopped)

    def close(self) -> None:
        if "app" in self.__dict__:
            self.app.close()
        for closer in self._closers:
            closer()


def bootstrap(
    settings: Settings | None = None, *, clock: Callable[[], date] = date.today, policy: Policy | None = None,
    read_your_writes: bool = True,
) -> Services:
    return Services(settings=settings or Settings.from_env(), clock=clock, policy=policy, read_your_writes=read_your_writes)
