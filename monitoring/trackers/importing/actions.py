"""Apply each row to its action: agree a new one and record the events that lead to its status, or record
only what changed on one already stored (a new status, a moved target date, a new progress note)."""
from __future__ import annotations

from domain.action import Action
from domain.statuses import IN_PROGRESS, NOT_STARTED, OPEN_STATUSES
from monitoring.trackers.importing.changes import DEFAULT_RESCHEDULE, latest_evidence, latest_note, path, run_step, status_since
from monitoring.trackers.importing.grouping import text_key, action_key
from monitoring.trackers.importing.impact import assurance_of, check_graded
from monitoring.trackers.importing.problems import Problem


class ActionPlanner:
    def __init__(self, planner) -> None:
        self.planner = planner
        self.options = planner.options

    def apply(self, plan, recommendation, board) -> None:
        existing, numbered = self._existing(recommendation) if recommendation is not None else ({}, {})
        for row in plan.rows:
            if self.planner.progress:
                self.planner.progress(1)
            if not row.ok or recommendation is None:
                continue
            agency = board.agency_named(row.agency)
            if row.action_no:
                found = numbered.get(row.action_no)
            else:  # a new recommendation has no stored actions to match
                found = existing.get(action_key(agency, row.action)) if existing else None
            if found and row.action_no and not self._same_action(found[0], row, agency):
                continue
            if found:
                self._update(*found, row)
            else:
                self._create(recommendation, row, agency)

    def _same_action(self, action, row, agency: str) -> bool:
        """A reference names the action; the row's agency must be that action's (its wording may have been edited)."""
        if text_key(agency) != text_key(action.agency):
            self.planner.problems.append(Problem(row.row, "agency", f"{row.agency!r} differs from {action.agency!r}, the agency of {action.reference}"))
            return False
        if text_key(row.action) != text_key(action.text):
            self.planner.outcome.warnings.append(Problem(row.row, "action", f"differs from the stored text of {action.reference}; the stored text is kept"))
        return True

    def _existing(self, recommendation) -> tuple[dict, dict]:
        """The recommendation's stored actions by (agency, text) and by number, each with its events (for its latest note)."""
        found, numbered = {}, {}
        for n in range(1, recommendation.action_count + 1):
            events: list = []

            def recording(aggregate, stream, events=events):
                # As eventsourcing's project_aggregate, keeping the events, without its per-event Protocol
                # isinstance check (a third of a 10,000-row re-import's time).
                for event in stream:
                    events.append(event)
                    aggregate = event.mutate(aggregate)
                return aggregate

            action = self.planner.load(Action.create_id(recommendation.review_code, recommendation.number, n), recording)
            if action is not None:
                found.setdefault(action_key(action.agency, action.text), (action, events))
                numbered[n] = (action, events)
        return found, numbered

    def _create(self, recommendation, row, agency: str) -> None:
        if not row.agreed_given and row.agreed_date < recommendation.made_on:
            row.agreed_date = recommendation.made_on  # a new action of a stored recommendation: agreed once it was made
        made: list = []
        ok = self.planner.attempt(row.row, "agreed_date", lambda: made.append(recommendation.plan_action(actor=self.options.actor, on=row.agreed_date)))
        if ok and row.action_no and made[0] != row.action_no:
            self.planner.problems.append(Problem(row.row, "reference", f"{row.reference} is not in the store, and the next action of "
                                                 f"{recommendation.reference} would be A{made[0]} (keep the tracker's rows in reference order)"))
            return
        if ok and self.planner.attempt(row.row, "agreed_date", lambda: made.append(Action.agree(
            recommendation=recommendation, number=made[0], agency=agency, text=row.action, target_date=row.target_date, actor=self.options.actor,
            on=row.agreed_date, today=self.options.today, lead=row.lead, measure=row.success_measure,
        ))):
            action = made[1]
            self.planner.touch(recommendation)
            self.planner.touch(action)
            self._move(action, row, row.status_date, latest="")
            self.planner.outcome.actions_created.append(action.reference)

    def _update(self, action, events, row) -> None:
        if row.status != action.status and row.status_date_given and row.status_date == status_since(events):
            # The date is the stored status's own (only the status cell was edited, as in an exported tracker):
            # the change takes effect on the date the tracker describes.
            on = self.planner.later(action)
            self.planner.outcome.warnings.append(Problem(row.row, "status_date", f"{row.status_date.isoformat()} is the date "
                                                 f"{action.reference} became {action.status.replace('_', ' ')}; the new status is dated {on.isoformat()} (--on)"))
        elif row.status != action.status:
            on = row.status_date if row.status_date_given else self.options.on
        elif row.status_date_given and row.status_date > action.last_effective:
            on = row.status_date  # the row was re-dated: the date of this update
        else:
            # The status date is the old status's, not this change's (a moved target, a new note): --on.
            on = self.planner.later(action)
        if row.target_date != action.target_date and action.status in OPEN_STATUSES:
            self._reschedule(action, row, on)
        self._move(action, row, on, latest=latest_note(events))
        self._unchangeable(action, events, row)
        if action.pending_events:
            self.planner.touch(action)
            self.planner.outcome.actions_changed.append(action.reference)
            self.planner.outcome.events.update(type(e).__name__ for e in action.pending_events)

    def _move(self, action, row, on, *, latest: str) -> None:
        """Status first, then a target date that could not move before it, then a new progress note."""
        steps = path(action.status, action.status_before_withdrawal, row.status)
        if steps is None:
            self.planner.problems.append(Problem(row.row, "status", f"{action.reference} is {action.status.replace('_', ' ')}; it cannot go back to {row.status.replace('_', ' ')}"))
            return
        if steps and steps[0] == "complete" and row.notes and text_key(row.notes) != text_key(latest):
            steps = ["progress", *steps]  # the row's progress note is recorded, not dropped by a completion
        for step in steps:
            used: list = []
            if not self.planner.attempt(row.row, "status_date", lambda: used.append(run_step(
                action, step, row.notes, row.evidence, actor=self.options.actor, on=on, today=self.options.today,
                **assurance_of(row)))):
                return
            latest = row.notes if used[0] else latest
        if row.target_date != action.target_date:
            self._reschedule(action, row, on)
        if row.notes and text_key(row.notes) != text_key(latest):
            if action.status == IN_PROGRESS:
                self.planner.attempt(row.row, "status_date", lambda: action.report_progress(note=row.notes, actor=self.options.actor, on=on, today=self.options.today))
            elif action.status == NOT_STARTED:
                self.planner.outcome.warnings.append(Problem(row.row, "notes", "not recorded: a progress note on a not-started action would mark it in progress"))
            else:
                self.planner.outcome.warnings.append(Problem(row.row, "notes", f"not recorded: {action.reference} is {action.status.replace('_', ' ')}, so a progress note cannot be added"))

    def _reschedule(self, action, row, on) -> None:
        self.planner.attempt(row.row, "target_date", lambda: action.reschedule(
            target_date=row.target_date, reason=row.notes or DEFAULT_RESCHEDULE, actor=self.options.actor, on=on, today=self.options.today))

    def _unchangeable(self, action, events, row) -> None:
        """Fields no command changes: say so rather than drop the difference silently."""
        check_graded(self.planner, action, row)
        stored = {"lead": action.lead, "success_measure": action.measure, "evidence": latest_evidence(events)}
        for column, value in stored.items():
            new = getattr(row, column)
            if new and value and text_key(new) != text_key(value) and not (column == "evidence" and action.pending_events):
                self.planner.outcome.warnings.append(Problem(row.row, column, f"differs from the stored {value!r} of {action.reference}; not changed"))
