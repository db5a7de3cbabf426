"""How people name records: a review by its code (`child-c-2014`), a recommendation `CODE/Rn`, an action
`CODE/Rn/An`; any of them also by its aggregate's UUID. One rule, read the same by every layer."""
from __future__ import annotations

import re
from dataclasses import dataclass
from uuid import UUID

from domain.errors import NotFound

_REFERENCE = re.compile(r"^(?P<code>[A-Za-z0-9_-]+)(?:/R(?P<rec>\d+)(?:/A(?P<action>\d+))?)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """A parsed `code`, `code/Rn`, `code/Rn/An` or aggregate UUID (`id`)."""

    text: str
    id: str | None = None
    code: str | None = None
    recommendation: int | None = None
    action: int | None = None

    @property
    def kind(self) -> str:
        if self.id:
            return "id"
        return "action" if self.action else "recommendation" if self.recommendation else "review"


def parse_reference(text: str, field: str = "reference") -> Reference:
    """The reference a person typed, or NotFound naming the field and the shapes it may take."""
    text = (text or "").strip()
    try:
        return Reference(text, id=str(UUID(text)))
    except ValueError:
        pass
    match = _REFERENCE.match(text)
    if not match:
        raise NotFound(field, f"{text!r} is not a reference like child-c-2014, child-c-2014/R3 or child-c-2014/R3/A2")
    rec, action = match["rec"], match["action"]
    return Reference(text, code=match["code"].lower(), recommendation=int(rec) if rec else None, action=int(action) if action else None)


def action_reference(text: str) -> Reference | None:
    """An action's reference (`CODE/Rn/An`, as the exported tracker writes it), or None for anything else."""
    try:
        reference = parse_reference(text)
    except NotFound:
        return None
    return reference if reference.action else None
