"""A person's reference (domain.references) resolved to its aggregate's id, without a scan: ids are derived from references."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.action import Action
from domain.recommendation import Recommendation
from domain.references import parse_reference as parse
from domain.review import Review


@dataclass(frozen=True)
class AggregateReference:
    kind: str  # "review", "recommendation", "action" or "id"
    id: UUID


def parse_reference(text: str, field: str = "reference") -> AggregateReference:
    reference = parse(text, field)
    if reference.id:
        return AggregateReference("id", UUID(reference.id))
    if reference.action:
        return AggregateReference("action", Action.create_id(reference.code, reference.recommendation, reference.action))
    if reference.recommendation:
        return AggregateReference("recommendation", Recommendation.create_id(reference.code, reference.recommendation))
    return AggregateReference("review", Review.create_id(reference.code))
