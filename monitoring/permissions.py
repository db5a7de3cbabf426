"""Who may do what. Checked in the application layer, so every interface is held to the same rule."""
from __future__ import annotations

from typing import Protocol

# Permissions the use cases ask for:
#   manage  - set up boards, reviews, recommendations and action plans (board business manager)
#   update  - report progress, complete, ask for a new target date (the action's agency)
#   assure  - sign off, refuse, reopen, withdraw (sub-group chair or member)
#   read    - see a board's data


class Policy(Protocol):
    def check(self, actor: str, permission: str, *, board: str | None = None, agency: str | None = None) -> None:
        """Raise PermissionDenied when `actor` may not do this."""


class OpenPolicy:
    """A store with no users yet runs open: the local operator acts as admin."""

    def check(self, actor: str, permission: str, *, board: str | None = None, agency: str | None = None) -> None:
        return None
