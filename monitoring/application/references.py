"""Human references (`child-c-2014/R3/A2`) and UUIDs, resolved to aggregate ids without a scan."""
from __future__ import annotations

import re
from dataclasses import dataclass
from uuid import UUID

from domain.action import Action
from domain.errors import NotFound
from domain.recommendation import Recommendation
from domain.review import Review

_REF = re.compile(r"^(?P<code>[A-Za-z0-9_-]+)(?:/R(?P<rec>\d+)(?:/A(?P<action>\d+))?)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    kind: str  # "review", "recommendation", "action" or "id"
    id: UUID


def parse_reference(text: str, field: str = "reference") -> Reference:
    text = (text or "").strip()
    try:
        return Reference("id", UUID(text))
    except ValueError:
        pass
    match = _REF.match(text)
    if not match:
        raise NotFound(field, f"{text!r} is not a reference like child-c-2014, child-c-2014/R3 or child-c-2014/R3/A2")
    code = match["code"].lower()
    if match["action"]:
        return Reference("action", Action.create_id(code, int(match["rec"]), int(match["action"])))
    if match["rec"]:
        return Reference("recommendation", Recommendation.create_id(code, int(match["rec"])))
    return Reference("review", Review.create_id(code))
