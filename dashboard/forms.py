"""The forms that change an action, each a use case of `monitoring.application.use_cases` and nothing more.

A form's values go to its use case with the version the page showed; a DomainError comes back
as a message beside the field it names (or above the button), and nothing is written.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from domain.errors import Conflict, DomainError, PermissionDenied
from domain.impact import ASSURANCE_LEVELS, ASSURANCE_MEANING
from domain.statuses import ALLOWED_FROM
from monitoring.application.use_cases import Monitoring
from monitoring.security.permissions import who_can

AGENCY, SUB_GROUP, MANAGE = "agency", "sub-group", "manage"
PERMISSION = {AGENCY: "update", SUB_GROUP: "assure", MANAGE: "manage"}  # monitoring.security.permissions' words


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text (a textarea), date, or choice (a select of `choices`)
    hint: str = ""
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for a choice; value "" is "none chosen"
    keyword: str = ""  # the use case's keyword for this value, when it differs from the field's name

    @property
    def argument(self) -> str:
        return self.keyword or self.name


@dataclass(frozen=True)
class Form:
    key: str
    title: str
    button: str
    use_case: Callable  # a use case of monitoring.application, called with keyword arguments
    command: str  # the key of domain.statuses.ALLOWED_FROM
    who: str
    fields: tuple[Field, ...]
    done: str  # past tense, for the confirmation

    def allowed(self, status: str) -> bool:
        return status in ALLOWED_FROM[self.command]

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields] + ["on"]


# Assurance at sign-off (domain.impact): how sure the sub-group is, and its critical-friend comment.
CRITICAL_FRIEND = Field("comment", "Critical-friend comment", hint="The sub-group's challenge or observation, kept beside the "
                        "agency's own update.", required=False)
ASSURANCE_FIELDS = (
    Field("assurance", "Assurance level", "choice", "How sure the sub-group is that the action did what it should, as audit "
          "opinions are given.", required=False, choices=(("", "Not graded"), *((level, ASSURANCE_MEANING[level]) for level in ASSURANCE_LEVELS))),
    CRITICAL_FRIEND,
)

EFFECTIVE = Field("on", "Effective date", "date", "The date this happened or was agreed (today unless told otherwise).")

FORMS = {
    form.key: form
    for form in (
        Form("progress", "Report progress", "Report progress", Monitoring.report_progress, "report progress", AGENCY,
             (Field("note", "Progress note", hint="What has been done since the last update."),), "Progress reported"),
        Form("complete", "Mark complete", "Mark complete", Monitoring.complete_action, "complete", AGENCY,
             (Field("evidence", "Evidence that it is done", hint="Where the sub-group can see it: audit, policy, training records."),),
             "Marked complete"),
        Form("reschedule", "Ask for a new target date", "Ask for a new target date", Monitoring.reschedule_action, "reschedule", AGENCY,
             (Field("target", "New target date", "date", keyword="target_date"), Field("reason", "Reason for the new date")), "Target date moved"),
        Form("sign-off", "Sign off", "Sign off", Monitoring.sign_off_action, "sign off", SUB_GROUP,
             (Field("impact", "Impact statement", hint="What changed for children and families as a result (leave blank "
                    "only if the impact is not yet evidenced).", required=False), *ASSURANCE_FIELDS), "Signed off"),
        Form("refuse", "Refuse sign-off", "Refuse sign-off", Monitoring.refuse_sign_off, "refuse sign-off", SUB_GROUP,
             (Field("reason", "Reasons for refusing", hint="What the sub-group needs to see before it signs off."), CRITICAL_FRIEND),
             "Sign-off refused"),
        Form("reopen", "Reopen", "Reopen", Monitoring.reopen_action, "reopen", SUB_GROUP,
             (Field("reason", "Reason for reopening", hint="New learning, an audit finding, or evidence that fell short."),),
             "Reopened"),
        Form("withdraw", "Withdraw", "Withdraw", Monitoring.withdraw_action, "withdraw", SUB_GROUP,
             (Field("reason", "Reason for withdrawing", hint="Superseded by which action, or why it no longer applies."),),
             "Withdrawn"),
    )
}


@dataclass
class Outcome:
    ok: bool
    errors: dict[str, str]  # field name -> message beside it
    message: str = ""  # above the button: success, or an error that names no field of the form
    conflict: bool = False


def submit(app, form: Form, reference: str, values: Mapping[str, str | None], *, version: int | None, actor: str, today: date) -> Outcome:
    """Run the form's use case; translate every refusal into messages. Writes nothing on error."""
    try:
        args = _arguments(form, values, today)
        on = args.pop("on")
        values = {field.argument: args[field.name] for field in form.fields}
        form.use_case(app, reference, **values, actor=actor, on=on, expected_version=version)
    except Conflict as error:
        return Outcome(False, {}, f"This action was {error.reason}.", conflict=True)
    except DomainError as error:
        name = _field_for(form, error.field)
        if name:
            return Outcome(False, {name: _beside(form, name, error.reason)})
        return Outcome(False, {}, _sentence(f"{error.field}: {error.reason}"))
    return Outcome(True, {}, f"{form.done}.")


def set_contact(save, label: str) -> Outcome:
    """Run a contact use case (`save()`); a DomainError comes back beside the email field ("email"). Writes nothing on error."""
    try:
        save()
    except DomainError as error:
        if error.field in ("contact", "chair contact", "email"):
            text = f"{label} {error.reason}" if error.reason.startswith(("is ", "cannot ", "contains ", "must ")) else _sentence(error.reason)
            return Outcome(False, {"email": text if text.endswith(".") else f"{text}."})
        return Outcome(False, {}, _sentence(f"{error.field}: {error.reason}"))
    return Outcome(True, {}, "Saved.")


# What each group of forms does, for the sentence that says who else may.
GROUP_DOES = {
    AGENCY: "report progress on this action, mark it complete or ask for a new target date",
    SUB_GROUP: "sign off this action, refuse sign-off, reopen or withdraw it",
    MANAGE: "change this",
}


def refusal(app, actor: str, who: str, action: Mapping) -> str | None:
    """A sentence saying who may use this group of forms, when `actor` may not (the application's policy); else None."""
    try:
        app.policy.check(actor, PERMISSION[who], board=action["board"], agency=action["agency"])
    except PermissionDenied:
        return f"Only {who_can(PERMISSION[who])} can {GROUP_DOES[who]}."
    return None


def _arguments(form: Form, values: Mapping[str, str | None], today: date) -> dict:
    args = {}
    for field in (*form.fields, EFFECTIVE):
        raw = (values.get(field.name) or "").strip()
        if field.kind == "date":
            args[field.name] = _date(field, raw, today)
        else:
            args[field.name] = raw  # blank text is the domain's to refuse, in its own words
    return args


def _date(field: Field, raw: str, today: date) -> date:
    if not raw:
        if field.name == "on":
            return today
        raise DomainError(field.name, "enter a date")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise DomainError(field.name, f"{raw!r} is not a date; use the date picker or YYYY-MM-DD") from None


_ALIASES = {"target_date": "target", "as-at": "on", "effective": "on", "text": None}


def _field_for(form: Form, field: str) -> str | None:
    name = _ALIASES.get(field, field)
    return name if name in form.names else None


def _beside(form: Form, name: str, reason: str) -> str:
    """`is required and cannot be blank` reads as `Evidence that it is done is required and cannot be blank.`"""
    label = next(f.label for f in (*form.fields, EFFECTIVE) if f.name == name)
    text = f"{label} {reason}" if reason.startswith(("is ", "cannot ", "contains ", "must ")) else _sentence(reason)
    return text if text.endswith(".") else f"{text}."


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]) if text else text
