"""The `Monitoring` application: every use case, one group a module, on one store with one save.

Open the group you need: boards.py, reviews.py, recommendations.py, actions.py, impact.py, evidence.py,
notices.py. Each use
case reads get, change, save; `store.Store.save` is the one write path (and read-your-writes).
"""
from __future__ import annotations

from domain.errors import DomainError
from monitoring.application.actions import ActionUseCases
from monitoring.application.boards import BoardUseCases
from monitoring.application.evidence import EvidenceUseCases
from monitoring.application.impact import ImpactUseCases
from monitoring.application.notices import NoticeUseCases
from monitoring.application.recommendations import RecommendationUseCases
from monitoring.application.reviews import ReviewUseCases
from monitoring.application.store import DateAsISO, Store


class Monitoring(BoardUseCases, ReviewUseCases, RecommendationUseCases, ActionUseCases, ImpactUseCases, EvidenceUseCases, NoticeUseCases,
                 Store):
    """The action-plan monitor: boards, reviews, recommendations and actions as event-sourced aggregates."""

    name = "scr_monitor"  # stores and environment variables are named by it (eventsourcing names each subclass)


__all__ = ["Monitoring", "DomainError", "DateAsISO"]
