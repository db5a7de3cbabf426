"""`scr-monitor action ...`: agree an action and move it through its lifecycle."""
from __future__ import annotations

from monitoring.cli.evidence import ATTACHABLE, with_attach_options, with_attachments
from monitoring.application.use_cases import Monitoring
from monitoring.cli import impact
from monitoring.cli.options import actor, command, iso_date

# command -> (the option carrying its text, help, the use case it calls with (reference, text))
LIFECYCLE = {
    "progress": ("--note", "report progress", Monitoring.report_progress),
    "complete": ("--evidence", "mark complete, with the evidence", Monitoring.complete_action),
    "sign-off": ("--impact", "sign off (sub-group), with what changed for children", Monitoring.sign_off_action),
    "refuse": ("--reason", "refuse sign-off, with the sub-group's reasons", Monitoring.refuse_sign_off),
    "withdraw": ("--reason", "withdraw, with the reason", Monitoring.withdraw_action),
    "reopen": ("--reason", "reopen a signed-off or withdrawn action", Monitoring.reopen_action),
}


def register(subparsers) -> None:
    action = subparsers.add_parser("action", help="agree actions and record their progress and sign-off")
    commands = action.add_subparsers(dest="action_command", metavar="SUBCOMMAND", required=True)

    add = command(commands, "add", help="agree an action under a recommendation", handler=_add)
    add.add_argument("recommendation")
    add.add_argument("--agency", required=True)
    add.add_argument("--text", required=True)
    add.add_argument("--target", required=True, type=iso_date, metavar="DATE")
    add.add_argument("--lead", default="", help='the lead role, e.g. "Head of Safeguarding, Acute Trust"')
    add.add_argument("--measure", default="", help="success measure: what is expected to change")
    add.add_argument("--contact", default="", help="the lead's email for reminders")

    for name, (option, help_text, use_case) in LIFECYCLE.items():
        attachable = name in ATTACHABLE  # documents go with the report or decision (monitoring.cli.evidence)
        handler = with_attachments(_lifecycle(use_case)) if attachable else _lifecycle(use_case)
        sub = command(commands, name, help=help_text, handler=handler)
        sub.add_argument("action")
        sub.add_argument(option, required=option != "--impact", default="", dest="text")
        impact.add_assurance_options(sub, name)
        if attachable:
            with_attach_options(sub)

    reschedule = command(commands, "reschedule", help="move the target date, with a reason", handler=_reschedule)
    reschedule.add_argument("action")
    reschedule.add_argument("--target", required=True, type=iso_date, metavar="DATE")
    reschedule.add_argument("--reason", required=True)

    contact = command(commands, "contact", help="set the action lead's email", handler=_contact)
    contact.add_argument("action")
    contact.add_argument("email")


def _report(action) -> None:
    print(f"{action.reference}: {action.status.replace('_', ' ')}, target {action.target_date.isoformat()} (version {action.version})")


def _add(services, args) -> None:
    action = services.app.add_action(
        args.recommendation, args.agency, args.text, args.target, actor=actor(services, args), on=args.on,
        lead=args.lead, measure=args.measure, contact=args.contact,
    )
    _report(action)


def _lifecycle(use_case):
    def handler(services, args) -> None:
        _report(use_case(services.app, args.action, args.text, actor=actor(services, args), on=args.on, **impact.assurance_arguments(args)))

    return handler


def _reschedule(services, args) -> None:
    action = services.app.reschedule_action(args.action, args.target, args.reason, actor=actor(services, args), on=args.on)
    _report(action)


def _contact(services, args) -> None:
    action = services.app.set_action_contact(args.action, args.email, actor=actor(services, args), on=args.on)
    print(f"{action.reference}: lead contact {action.contact}")
