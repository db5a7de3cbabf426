"""Use cases of an agency's action: agree it, then move it through its lifecycle to sign-off."""
from __future__ import annotations

from datetime import date

from domain.action import Action
from domain.errors import Conflict
from domain.notices import only_notices

# Who may make each change (monitoring.security.permissions): the agency updates, the sub-group assures.
UPDATE, ASSURE, MANAGE = "update", "assure", "manage"


class ActionUseCases:
    """Mixed into `Monitoring`; each reads get, change, save."""

    def add_action(
        self, recommendation_ref: str, agency: str, text: str, target_date: date, *, actor: str, on: date | None = None,
        lead: str = "", measure: str = "", contact: str = "",
    ) -> Action:
        recommendation = self.recommendation(recommendation_ref)
        self.policy.check(actor, MANAGE, board=recommendation.board)
        agency = self.board(recommendation.board).agency_named(agency)
        on = self._on(on)
        number = recommendation.plan_action(actor=actor, on=on)
        action = Action.agree(
            recommendation=recommendation, number=number, agency=agency, text=text, target_date=target_date, actor=actor, on=on, today=self.clock(),
            lead=lead, measure=measure, contact=contact,
        )
        self._save(recommendation, action)  # one transaction: the number and the action, or neither
        return action

    def action(self, ref: str) -> Action:
        return self._get_ref(ref, Action, "action")

    def report_progress(self, ref: str, note: str, *, actor: str, on: date | None = None, expected_version: int | None = None) -> Action:
        action = self._action_to_change(ref, actor, UPDATE, expected_version)
        action.report_progress(note=note, actor=actor, on=self._on(on), today=self.clock())
        self._save(action)
        return action

    def complete_action(self, ref: str, evidence: str, *, actor: str, on: date | None = None, expected_version: int | None = None) -> Action:
        action = self._action_to_change(ref, actor, UPDATE, expected_version)
        action.complete(evidence=evidence, actor=actor, on=self._on(on), today=self.clock())
        self._save(action)
        return action

    def reschedule_action(
        self, ref: str, target_date: date, reason: str, *, actor: str, on: date | None = None, expected_version: int | None = None,
    ) -> Action:
        action = self._action_to_change(ref, actor, UPDATE, expected_version)
        action.reschedule(target_date=target_date, reason=reason, actor=actor, on=self._on(on), today=self.clock())
        self._save(action)
        return action

    def sign_off_action(
        self, ref: str, impact: str = "", *, actor: str, on: date | None = None, expected_version: int | None = None,
        assurance: str = "", comment: str = "",
    ) -> Action:
        action = self._action_to_change(ref, actor, ASSURE, expected_version)
        action.sign_off(impact=impact, assurance=assurance, comment=comment, actor=actor, on=self._on(on), today=self.clock())
        self._save(action)
        return action

    def refuse_sign_off(
        self, ref: str, reason: str, *, actor: str, on: date | None = None, expected_version: int | None = None, comment: str = "",
    ) -> Action:
        action = self._action_to_change(ref, actor, ASSURE, expected_version)
        action.refuse_sign_off(reason=reason, comment=comment, actor=actor, on=self._on(on), today=self.clock())
        self._save(action)
        return action

    def withdraw_action(self, ref: str, reason: str, *, actor: str, on: date | None = None, expected_version: int | None = None) -> Action:
        action = self._action_to_change(ref, actor, ASSURE, expected_version)
        action.withdraw(reason=reason, actor=actor, on=self._on(on), today=self.clock())
        self._save(action)
        return action

    def reopen_action(self, ref: str, reason: str, *, actor: str, on: date | None = None, expected_version: int | None = None) -> Action:
        action = self._action_to_change(ref, actor, ASSURE, expected_version)
        action.reopen(reason=reason, actor=actor, on=self._on(on), today=self.clock())
        self._save(action)
        return action

    def set_action_contact(self, ref: str, email: str, *, actor: str, on: date | None = None) -> Action:
        action = self._action_to_change(ref, actor, MANAGE, None)
        action.set_contact(email=email, actor=actor, on=self._on(on), today=self.clock())
        self._save(action)
        return action

    def _action_to_change(self, ref: str, actor: str, permission: str, expected_version: int | None) -> Action:
        """The action, once the actor may change it and nobody else has since the page showed `expected_version`."""
        action = self.action(ref)
        self.policy.check(actor, permission, board=action.board, agency=action.agency)
        if expected_version is not None and action.version != expected_version and not self._only_notices_since(action, expected_version):
            raise Conflict()
        return action

    def _only_notices_since(self, action: Action, version: int) -> bool:
        """A reminder sent while the page was open is not someone else's change (scheduler, domain.notices)."""
        return version < action.version and only_notices(self.repository.event_store.get(action.id, gt=version))
