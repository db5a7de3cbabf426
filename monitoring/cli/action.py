"""`scr-monitor action ...`: agree an action and move it through its lifecycle."""
from __future__ import annotations

from monitoring.cli.evidence import ATTACHABLE, with_attach_options, with_attachments
from monitoring.cli import impact
from monitoring.cli.options import actor, after_write, iso_date, with_write_options

# command -> (use case name, option carrying its text, help)
LIFECYCLE = {
    "progress": ("report_progress", "--note", "report progress"),
    "complete": ("complete_action", "--evidence", "mark complete, with the evidence"),
    "sign-off": ("sign_off_action", "--impact", "sign off (sub-group), with what changed for children"),
    "refuse": ("refuse_sign_off", "--reason", "refuse sign-off, with the sub-group's reasons"),
    "withdraw": ("withdraw_action", "--reason", "withdraw, with the reason"),
    "reopen": ("reopen_action", "--reason", "reopen a signed-off or withdrawn action"),
}


def register(subparsers) -> None:
    action = subparsers.add_parser("action", help="agree actions and record their progress and sign-off")
    commands = action.add_subparsers(dest="action_command", metavar="SUBCOMMAND", required=True)

    add = with_write_options(commands.add_parser("add", help="agree an action under a recommendation"))
    add.add_argument("recommendation")
    add.add_argument("--agency", required=True)
    add.add_argument("--text", required=True)
    add.add_argument("--target", required=True, type=iso_date, metavar="DATE")
    add.add_argument("--lead", default="", help='the lead role, e.g. "Head of Safeguarding, Acute Trust"')
    add.add_argument("--measure", default="", help="success measure: what is expected to change")
    add.add_argument("--contact", default="", help="the lead's email for reminders")
    add.set_defaults(handler=_add)

    for name, (use_case, option, help_text) in LIFECYCLE.items():
        sub = with_write_options(commands.add_parser(name, help=help_text))
        sub.add_argument("action")
        sub.add_argument(option, required=option != "--impact", default="", dest="text")
        impact.add_assurance_options(sub, name)
        sub.set_defaults(handler=_lifecycle(use_case))
        if name in ATTACHABLE:  # documents go with the report or decision (monitoring.cli.evidence)
            with_attach_options(sub)
            sub.set_defaults(handler=with_attachments(_lifecycle(use_case)))

    reschedule = with_write_options(commands.add_parser("reschedule", help="move the target date, with a reason"))
    reschedule.add_argument("action")
    reschedule.add_argument("--target", required=True, type=iso_date, metavar="DATE")
    reschedule.add_argument("--reason", required=True)
    reschedule.set_defaults(handler=_reschedule)

    contact = with_write_options(commands.add_parser("contact", help="set the action lead's email"))
    contact.add_argument("action")
    contact.add_argument("email")
    contact.set_defaults(handler=_contact)


def _report(action) -> None:
    print(f"{action.reference}: {action.status.replace('_', ' ')}, target {action.target_date.isoformat()} (version {action.version})")


def _add(services, args) -> None:
    action = services.app.add_action(
        args.recommendation, args.agency, args.text, args.target, actor=actor(services, args), on=args.on,
        lead=args.lead, measure=args.measure, contact=args.contact,
    )
    after_write(services)
    _report(action)


def _lifecycle(use_case: str):
    def handler(services, args) -> None:
        action = getattr(services.app, use_case)(args.action, args.text, actor=actor(services, args), on=args.on, **impact.assurance_arguments(args))
        after_write(services)
        _report(action)

    return handler


def _reschedule(services, args) -> None:
    action = services.app.reschedule_action(args.action, args.target, args.reason, actor=actor(services, args), on=args.on)
    after_write(services)
    _report(action)


def _contact(services, args) -> None:
    action = services.app.set_action_contact(args.action, args.email, actor=actor(services, args), on=args.on)
    after_write(services)
    print(f"{action.reference}: lead contact {action.contact}")
