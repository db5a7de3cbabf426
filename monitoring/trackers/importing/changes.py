"""Move an action to the status a tracker gives it, through the domain's own commands (so its guards apply)."""
from __future__ import annotations

from collections import deque
from functools import lru_cache

from domain.statuses import COMPLETED, IN_PROGRESS, NOT_STARTED, SIGNED_OFF, WITHDRAWN

DEFAULT_NOTE = "Imported from tracker"
DEFAULT_EVIDENCE = "Recorded as complete in the imported tracker"
DEFAULT_REFUSAL = "The imported tracker shows the action in progress again"
DEFAULT_REOPENING = "Reopened in the imported tracker"
DEFAULT_RESCHEDULE = "Target date changed in imported tracker"

# (step, status it leads to); None means "back to the status before withdrawal".
STEPS = {
    NOT_STARTED: (("progress", IN_PROGRESS), ("complete", COMPLETED), ("withdraw", WITHDRAWN)),
    IN_PROGRESS: (("complete", COMPLETED), ("withdraw", WITHDRAWN)),
    COMPLETED: (("sign_off", SIGNED_OFF), ("refuse", IN_PROGRESS), ("withdraw", WITHDRAWN)),
    SIGNED_OFF: (("reopen", IN_PROGRESS),),
    WITHDRAWN: (("reopen", None),),
}


def path(status: str, before_withdrawal: str, wanted: str) -> list[str] | None:
    """The shortest run of commands from `status` to `wanted`, or None when there is none."""
    steps = _path(status, before_withdrawal, wanted)
    return None if steps is None else list(steps)


@lru_cache(maxsize=None)  # a handful of (status, status before withdrawal, wanted) triples; found once each
def _path(status: str, before_withdrawal: str, wanted: str) -> tuple[str, ...] | None:
    start = (status, before_withdrawal)
    queue, came = deque([start]), {start: None}
    while queue:
        state = queue.popleft()
        if state[0] == wanted:
            steps = []
            while came[state] is not None:
                state, step = came[state]
                steps.append(step)
            return tuple(steps[::-1])
        current, before = state
        for step, leads_to in STEPS[current]:
            nxt = (leads_to or before, current if leads_to == WITHDRAWN else before)
            if nxt not in came:
                came[nxt] = (state, step)
                queue.append(nxt)
    return None


def run_step(action, step: str, notes: str, evidence: str, *, actor, on, today, assurance: str = "", comment: str = "") -> bool:
    """Apply one command; returns True when the row's notes became the action's latest note."""
    if step == "progress":
        action.report_progress(note=notes or DEFAULT_NOTE, actor=actor, on=on, today=today)
    elif step == "complete":
        action.complete(evidence=evidence or DEFAULT_EVIDENCE, actor=actor, on=on, today=today)
        return False
    elif step == "sign_off":
        action.sign_off(impact="", assurance=assurance, comment=comment, actor=actor, on=on, today=today)
        return False
    elif step == "refuse":
        action.refuse_sign_off(reason=notes or DEFAULT_REFUSAL, actor=actor, on=on, today=today)
    elif step == "withdraw":
        action.withdraw(reason=notes, actor=actor, on=on, today=today)
    elif step == "reopen":
        action.reopen(reason=notes or DEFAULT_REOPENING, actor=actor, on=on, today=today)
    return bool(notes)


# The events whose text is an action's "latest note" as a tracker's notes column shows it.
NOTE_FIELDS = {"ProgressReported": "note", "SignOffRefused": "reason", "Withdrawn": "reason", "Reopened": "reason"}


def latest_note(events) -> str:
    note = ""
    for event in events:
        name = type(event).__name__
        if name in NOTE_FIELDS:
            note = getattr(event, NOTE_FIELDS[name], "") or ""
    return note


def latest_evidence(events) -> str:
    return next((e.evidence for e in reversed(list(events)) if type(e).__name__ == "Completed"), "")


STATUS_EVENTS = frozenset({"Agreed", "ProgressReported", "Completed", "SignedOff", "SignOffRefused", "Withdrawn", "Reopened"})


def status_since(events):
    """The effective date the action took the status it has now."""
    return next((e.on for e in reversed(list(events)) if type(e).__name__ in STATUS_EVENTS), None)
