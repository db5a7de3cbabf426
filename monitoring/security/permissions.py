"""Who may do what. Checked in the application layer, so every interface is held to the same rule."""
from __future__ import annotations

from typing import Protocol

from domain.errors import PermissionDenied
from domain.user import ADMIN, AGENCY_LEAD, CHAIR, ROLE_LABELS, Grant, User

# Permissions the use cases ask for:
#   manage  - set up boards, reviews, recommendations and action plans; manage users (board business manager)
#   update  - report progress, complete, ask for a new target date (the action's agency)
#   assure  - sign off (with an assurance level), refuse, reopen, withdraw; set a recommendation's impact
#             plan and record its re-tests (sub-group chair or member)
#   read    - see a board's data (an agency lead: the board's figures, and its own agency's actions)
_WHAT = {
    "manage": "manage reviews, recommendations, action plans and users of",
    "update": "update actions of",
    "assure": "sign off (grading assurance), refuse, reopen or withdraw actions, or plan and re-test impact, of",
    "read": "read the data of",
    "attach": "attach documents to actions of",
    "purge": "purge evidence files (destroy a document's bytes) of",
}
# Who may, said as a person would: the sentence after a refusal.
_WHO = {
    "manage": "the board's business manager",
    "update": "the action's own agency lead or the board's business manager",
    "assure": "the review sub-group (its chair or members) or the board's business manager",
    "read": "people with a role on that board",
    "attach": "the action's own agency lead, the review sub-group (its chair or members) or the board's business manager",
    "purge": "the board's business manager",
}
UNKNOWN_USER_HINT = ("name who is acting with --as USER (or set SCR_MONITOR_USER); a board's business manager can list "
                     "the users with `scr-monitor user list --as USER`, and `scr-monitor demo` prints the demo's accounts")


class Policy(Protocol):
    def check(self, actor: str, permission: str, *, board: str | None = None, agency: str | None = None) -> None:
        """Raise PermissionDenied when `actor` may not do this."""


class OpenPolicy:
    """A store with no users yet runs open: the local operator acts as admin."""

    def check(self, actor: str, permission: str, *, board: str | None = None, agency: str | None = None) -> None:
        return None


class Directory(Protocol):
    """What the policy needs to know about people and boards (monitoring.security.users.Users provides it)."""

    def find(self, username: str) -> User | None: ...

    def any_users(self) -> bool: ...

    def board_exists(self, name: str) -> bool: ...


def allows(grants: list[Grant], permission: str, board: str | None, agency: str | None = None) -> bool:
    """The rule itself, over one user's grants: admins everything on their board, chairs assure, leads update."""
    on_board = [g for g in grants if g.board.lower() == (board or "").lower()]
    roles = {g.role for g in on_board}
    same_agency = any(g.role == AGENCY_LEAD and (g.agency or "").lower() == (agency or "").lower() for g in on_board)
    if permission == "manage":
        return ADMIN in roles
    if permission == "update":
        return ADMIN in roles or same_agency
    if permission == "assure":
        return bool(roles & {ADMIN, CHAIR})
    if permission == "purge":  # destroying evidence for legal reasons: the business manager, as managing the board
        return ADMIN in roles
    if permission == "attach":  # evidence: the agency reporting progress, or the sub-group signing off or refusing
        return allows(grants, "update", board, agency) or allows(grants, "assure", board, agency)
    if permission == "read":
        # Board-wide readers see every agency; an agency lead alone sees its own agency's actions.
        return bool(roles - {AGENCY_LEAD}) or (bool(roles) and (agency is None or same_agency))
    raise ValueError(f"unknown permission {permission!r}")


class RolePolicy:
    """Roles per board, from the users' own record; open (everyone admin) until the first user exists."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    def user(self, actor: str) -> User | None:
        """The acting user, None in open mode; PermissionDenied for an unknown or disabled name."""
        user = self.directory.find(actor)
        if user is None:
            if not self.directory.any_users():
                return None
            raise PermissionDenied("as", f"unknown user {actor!r}: {UNKNOWN_USER_HINT}")
        if not user.enabled:
            raise PermissionDenied("as", f"user {user.username!r} is disabled")
        return user

    def check(self, actor: str, permission: str, *, board: str | None = None, agency: str | None = None) -> None:
        user = self.user(actor)
        if user is None or allows(user.grants, permission, board, agency):
            return
        if permission == "manage" and _is_admin_anywhere(user) and not (board and self.directory.board_exists(board)):
            return  # registering a new board: any board business manager may
        raise PermissionDenied("as", _refusal(user, permission, board, agency))


def _is_admin_anywhere(user: User) -> bool:
    return any(g.role == ADMIN for g in user.grants)


def _refusal(user: User, permission: str, board: str | None, agency: str | None) -> str:
    """A sentence: who may not, what, and who can; then what this person is."""
    target = f"{board or 'any board'}" + (f" for {agency}" if agency and permission in ("update", "read", "attach") else "")
    who = who_can(permission)
    if permission == "read" and agency:  # an agency lead of the same board may not read another agency's actions
        who = f"{agency}'s own agency lead or people with a board-wide role on that board (business manager, sub-group, viewer)"
    return f"{user.username} may not {_WHAT[permission]} {target}. Only {who} can; {user.username} is {_roles(user)}"


def who_can(permission: str) -> str:
    """Who holds a permission, in a board's words ("the review sub-group ..."), for messages."""
    return _WHO[permission]


def _roles(user: User) -> str:
    if not user.grants:
        return "not yet given a role on any board"
    said = [ROLE_LABELS[g.role] + (f" for {g.agency}" if g.agency else "") + f" on {g.board}" for g in user.grants]
    return "the " + ", and the ".join(said) if len(said) < 3 else f"the {said[0]}, and has {len(said) - 1} other roles"
