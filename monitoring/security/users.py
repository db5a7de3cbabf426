"""User use cases: add, grant, disable, set a password, sign in. Users live in the same record as everything else."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from eventsourcing.application import AggregateNotFoundError

from domain.board import Board, check_email
from domain.errors import DomainError, NotFound, PermissionDenied
from domain.user import ADMIN, AGENCY_LEAD, User, UserDirectory, check_role, check_username
from monitoring.security.permissions import RolePolicy

MIN_PASSWORD = 12
MAX_PASSWORD = 1024
# OWASP's recommended Argon2id (Password Storage Cheat Sheet): 19 MiB, 2 passes, 1 lane, about 40 ms of one core.
# argon2-cffi's default (RFC 9106's low-memory profile: 64 MiB, 3 passes, 4 lanes) took 250 ms of CPU and both of a
# small server's cores for every sign-in, so that a few people signing in (or a script trying passwords) stalled
# every page. A hash made with other settings is still checked, and replaced at the next sign-in (authenticate).
HASHING = {"memory_cost": 19 * 1024, "time_cost": 2, "parallelism": 1}


def check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise DomainError("password", f"must be at least {MIN_PASSWORD} characters (three random words work well)")
    if len(password) > MAX_PASSWORD:
        raise DomainError("password", f"must be at most {MAX_PASSWORD} characters")
    return password


class Users:
    """The people who may use the monitor, kept as event-sourced User aggregates in the application's store."""

    def __init__(self, app, hasher: PasswordHasher | None = None) -> None:
        self.app = app
        self.hasher = hasher or PasswordHasher(**HASHING)
        self.policy = RolePolicy(self)
        self._dummy_hash: str | None = None

    # --- Directory (what the policy reads) --------------------------------------------------

    def find(self, username: str) -> User | None:
        try:
            user = self.app.repository.get(User.create_id(username))
        except (AggregateNotFoundError, DomainError):
            return None
        return user if isinstance(user, User) else None

    def any_users(self) -> bool:
        return self.app.repository.__contains__(UserDirectory.create_id())

    def board_exists(self, name: str) -> bool:
        return self.app.repository.__contains__(Board.create_id(name or ""))

    # --- reads ------------------------------------------------------------------------------

    def get(self, username: str) -> User:
        user = self.find(username)
        if user is None:
            raise NotFound("username", f"unknown user {username!r}")
        return user

    def all(self) -> list[User]:
        if not self.any_users():
            return []
        directory = self.app.repository.get(UserDirectory.create_id())
        return [self.get(name) for name in directory.usernames]

    def visible_to(self, actor: str) -> list[User]:
        """Users sharing a board the actor manages (everyone in open mode)."""
        me = self.policy.user(actor)
        if me is None:
            return self.all()
        managed = {g.board.lower() for g in me.grants if g.role == ADMIN}
        if not managed:
            raise PermissionDenied("as", f"{me.username} is not a board business manager (admin) and may not list users")
        return [u for u in self.all() if u.username == me.username or managed & {b.lower() for b in u.boards()}]

    # --- writes -----------------------------------------------------------------------------

    def add(self, username: str, password: str, *, role: str, board: str, agency: str | None = None,
            email: str = "", actor: str) -> User:
        username = check_username(username)
        first = not self.any_users()
        role = check_role(role, agency)
        if first and role != ADMIN:
            raise DomainError("role", "the first user must be an admin, or nobody could manage users")
        board, agency = self._board_and_agency(board, agency)
        self._check_may_grant(actor, board)
        if self.find(username) is not None:
            raise DomainError("username", f"{username} already exists")
        user = User.add(username=username, email=check_email("email", email) if email else "", actor=actor)
        user.grant(role=role, board=board, agency=agency, actor=actor)
        user.set_password_hash(password_hash=self.hasher.hash(check_password(password)), actor=actor)
        directory = UserDirectory(actor=actor) if first else self.app.repository.get(UserDirectory.create_id())
        directory.enrol(username=username, actor=actor)
        self.app.save(user, directory)  # one transaction: two people adding at once cannot both be "first"
        return user

    def grant(self, username: str, *, role: str, board: str, agency: str | None = None, actor: str) -> User:
        user = self.get(username)
        board, agency = self._board_and_agency(board, agency)
        self._check_may_grant(actor, board)
        user.grant(role=role, board=board, agency=agency, actor=actor)
        self.app.save(user)
        return user

    def revoke(self, username: str, *, role: str, board: str, agency: str | None = None, actor: str) -> User:
        user = self.get(username)
        board, agency = self._board_and_agency(board, agency)
        self.policy.check(actor, "manage", board=board)
        user.revoke(role=role, board=board, agency=agency, actor=actor)
        self._check_an_admin_remains(user)
        self.app.save(user)
        return user

    def disable(self, username: str, *, actor: str) -> User:
        user = self.get(username)
        self._check_manages(actor, user)
        user.disable(actor=actor)
        self._check_an_admin_remains(user)
        self.app.save(user)
        return user

    def enable(self, username: str, *, actor: str) -> User:
        user = self.get(username)
        self._check_manages(actor, user)
        user.enable(actor=actor)
        self.app.save(user)
        return user

    def set_password(self, username: str, password: str, *, actor: str) -> User:
        user = self.get(username)
        me = self.policy.user(actor)
        if me is None or me.username != user.username:
            self._check_manages(actor, user)
        user.set_password_hash(password_hash=self.hasher.hash(check_password(password)), actor=actor)
        self.app.save(user)
        return user

    def authenticate(self, username: str, password: str) -> User | None:
        """The enabled user whose password this is, else None; unknown names cost as much time as known ones."""
        user = self.find(username) if username else None
        stored = user.password_hash if user and user.password_hash else self._dummy()
        try:
            self.hasher.verify(stored, password or "")
        except (VerificationError, InvalidHashError):
            return None
        if user is None or not user.enabled or not user.password_hash:
            return None
        if self.hasher.check_needs_rehash(stored):
            user.set_password_hash(password_hash=self.hasher.hash(password), actor=user.username)
            self.app.save(user)
        return user

    # --- rules ------------------------------------------------------------------------------

    def _board_and_agency(self, board: str, agency: str | None) -> tuple[str, str | None]:
        """The board's own spelling of the board and agency; both must exist."""
        the_board = self.app.board(board)
        return the_board.name, the_board.agency_named(agency) if agency else None

    def _check_may_grant(self, actor: str, board: str) -> None:
        """An admin of the board may grant on it; a board nobody manages yet may be taken on by any admin."""
        me = self.policy.user(actor)
        if me is None or any(g.role == ADMIN and g.board.lower() == board.lower() for g in me.grants):
            return
        if any(g.role == ADMIN for g in me.grants) and not self._admins_of(board):
            return
        self.policy.check(actor, "manage", board=board)

    def _check_manages(self, actor: str, user: User) -> None:
        me = self.policy.user(actor)
        if me is None:
            return
        managed = {g.board.lower() for g in me.grants if g.role == ADMIN}
        if not managed & {b.lower() for b in user.boards()}:
            raise PermissionDenied("as", f"{me.username} is not an admin of any board of {user.username}")

    def _admins_of(self, board: str) -> list[User]:
        return [u for u in self.all() if u.enabled and any(g.role == ADMIN and g.board.lower() == board.lower() for g in u.grants)]

    def _check_an_admin_remains(self, changed: User) -> None:
        others = [u for u in self.all() if u.username != changed.username] + [changed]
        if not any(u.enabled and any(g.role == ADMIN for g in u.grants) for u in others):
            raise DomainError("username", f"{changed.username} is the last enabled admin; add another admin first")

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = self.hasher.hash("not a password of anyone")
        return self._dummy_hash


__all__ = ["Users", "check_password", "AGENCY_LEAD"]
