"""Errors a person can act on: each names the field and the reason."""


class DomainError(Exception):
    """A rule of the domain refused a change; the message is shown to the person as is."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class InvalidTransition(DomainError):
    """The action's (or recommendation's) status does not allow this command."""


class NotFound(DomainError):
    """A reference, board, agency or user that the store does not know."""


class AlreadyExists(DomainError):
    """A review code, recommendation number or board name that is taken."""


class Conflict(DomainError):
    """Someone else changed the record since it was loaded."""

    def __init__(self, field: str = "version") -> None:
        super().__init__(field, "changed by someone else since you loaded it; reload and try again")


class PermissionDenied(DomainError):
    """The acting user's role or agency does not allow this."""
