"""People who use the monitor: their roles on boards, and the record of who granted what."""
from __future__ import annotations

import re
from typing import NamedTuple

from eventsourcing.domain import Aggregate, event

from domain.base import id_for, optional_text
from domain.errors import AlreadyExists, DomainError, NotFound
from domain.text import NAME

ADMIN, CHAIR, AGENCY_LEAD, VIEWER = "admin", "chair", "agency_lead", "viewer"
ROLES = (ADMIN, CHAIR, AGENCY_LEAD, VIEWER)
ROLE_LABELS = {
    ADMIN: "board business manager",
    CHAIR: "sub-group chair or member",
    AGENCY_LEAD: "agency lead",
    VIEWER: "viewer",
}
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")


class Grant(NamedTuple):
    """One role on one board; an agency lead's role also names the agency."""

    role: str
    board: str
    agency: str | None = None

    def describe(self) -> str:
        where = f"{self.board}, {self.agency}" if self.agency else self.board
        return f"{self.role} ({where})"


def check_username(username: str) -> str:
    name = (username or "").strip().lower()
    if not _USERNAME.match(name):
        raise DomainError(
            "username", f"{username!r} must be 2-64 characters: letters, digits, '.', '_', '-' or '@'"
        )
    return name


def check_role(role: str, agency: str | None) -> str:
    role = (role or "").strip().lower().replace("-", "_")
    if role not in ROLES:
        raise DomainError("role", f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    if role == AGENCY_LEAD and not agency:
        raise DomainError("agency", "an agency lead must be bound to one agency (--agency)")
    if role != AGENCY_LEAD and agency:
        raise DomainError("agency", f"only an agency lead is bound to an agency, not a {role}")
    return role


class User(Aggregate):
    """A person's account. The password itself is never recorded, only its argon2 hash."""

    @staticmethod
    def create_id(username: str, **_: object):
        return id_for("user", check_username(username))

    @classmethod
    def add(cls, *, username: str, email: str, actor: str) -> "User":
        return cls(username=check_username(username), email=optional_text("email", email, NAME), actor=actor)

    @event("Added")
    def __init__(self, username: str, email: str, actor: str) -> None:
        self.username = username
        self.email = email
        self.grants: list[Grant] = []
        self.enabled = True
        self.password_hash: str | None = None

    def grant(self, *, role: str, board: str, agency: str | None, actor: str) -> None:
        role = check_role(role, agency)
        grant = Grant(role, board, agency or None)
        if grant in self.grants:
            raise AlreadyExists("role", f"{self.username} already has {grant.describe()}")
        self._role_granted(role=role, board=board, agency=agency or None, actor=actor)

    @event("RoleGranted")
    def _role_granted(self, role: str, board: str, agency: str | None, actor: str) -> None:
        self.grants.append(Grant(role, board, agency))

    def revoke(self, *, role: str, board: str, agency: str | None, actor: str) -> None:
        grant = Grant(check_role(role, agency), board, agency or None)
        if grant not in self.grants:
            raise NotFound("role", f"{self.username} does not have {grant.describe()}")
        self._role_revoked(role=grant.role, board=board, agency=grant.agency, actor=actor)

    @event("RoleRevoked")
    def _role_revoked(self, role: str, board: str, agency: str | None, actor: str) -> None:
        self.grants.remove(Grant(role, board, agency))

    def disable(self, *, actor: str) -> None:
        if not self.enabled:
            raise DomainError("username", f"{self.username} is already disabled")
        self._disabled(actor=actor)

    @event("Disabled")
    def _disabled(self, actor: str) -> None:
        self.enabled = False

    def enable(self, *, actor: str) -> None:
        if self.enabled:
            raise DomainError("username", f"{self.username} is already enabled")
        self._enabled(actor=actor)

    @event("Enabled")
    def _enabled(self, actor: str) -> None:
        self.enabled = True

    def set_password_hash(self, *, password_hash: str, actor: str) -> None:
        if not password_hash.startswith("$argon2"):
            raise DomainError("password", "only an argon2 hash is stored, never a password")
        self._password_set(password_hash=password_hash, actor=actor)

    @event("PasswordSet")
    def _password_set(self, password_hash: str, actor: str) -> None:
        self.password_hash = password_hash

    def boards(self) -> list[str]:
        return sorted({g.board for g in self.grants}, key=str.lower)


class UserDirectory(Aggregate):
    """The list of usernames; its existence is what ends open mode."""

    @staticmethod
    def create_id(**_: object):
        return id_for("users", "directory")

    @event("Started")
    def __init__(self, actor: str) -> None:
        self.usernames: list[str] = []

    def enrol(self, *, username: str, actor: str) -> None:
        if username in self.usernames:
            raise AlreadyExists("username", f"{username} already exists")
        self._enrolled(username=username, actor=actor)

    @event("Enrolled")
    def _enrolled(self, username: str, actor: str) -> None:
        self.usernames.append(username)
