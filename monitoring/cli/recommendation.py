"""`scr-monitor recommendation ...`: a review's recommendations."""
from __future__ import annotations

from monitoring.cli import impact
from monitoring.cli.options import actor, command


def register(subparsers) -> None:
    recommendation = subparsers.add_parser("recommendation", help="add and close recommendations")
    commands = recommendation.add_subparsers(dest="recommendation_command", metavar="SUBCOMMAND", required=True)

    add = command(commands, "add", help="add a recommendation to a review", handler=_add)
    add.add_argument("review")
    add.add_argument("--number", required=True, type=_number)
    add.add_argument("--text", required=True)
    add.add_argument("--agency", action="append", default=[], help="an agency it is addressed to (repeat)")
    add.add_argument("--priority", action="store_true")
    add.add_argument("--theme", action="append", default=[], help="a theme of the board's scheme (repeat)")
    add.add_argument("--new-theme", action="store_true", help="an admin adds an unknown --theme word as a local theme")
    impact.add_classification_options(add)

    for name, help_text, text_option in (
        ("close", "close an implemented recommendation with its impact", "--impact"),
        ("reject", "record that the board rejected it", "--reason"),
        ("supersede", "record that it was superseded", "--reason"),
    ):
        sub = command(commands, name, help=help_text, handler=_lifecycle(name))
        sub.add_argument("recommendation")
        sub.add_argument(text_option, required=True, dest="text")

    priority = command(commands, "priority", help="mark or unmark as priority", handler=_priority)
    priority.add_argument("recommendation")
    priority.add_argument("--off", action="store_true", help="no longer a priority")

    impact.register_recommendation_commands(commands)


def _number(text: str) -> int:
    import argparse

    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1")
    return int(text)


def _add(services, args) -> None:
    recommendation, recurring = services.themes.make_recommendation(
        args.review, args.number, args.text, agencies=args.agency, priority=args.priority, new_theme=args.new_theme,
        actor=actor(services, args), on=args.on, themes=args.theme, kind=args.kind, scope=args.scope, addressee=args.addressee,
    )
    if recurring:  # the sub-group should know at once: this learning came up before
        print(f"{recommendation.reference}: recurring learning: {len(recurring)} earlier recommendation(s); "
              f"see `scr-monitor recurrences {recommendation.reference}`")
    print(f"{recommendation.reference}: made{' (priority)' if recommendation.priority else ''}")


def _lifecycle(name: str):
    def handler(services, args) -> None:
        app = services.app
        use_case = {"close": app.close_recommendation, "reject": app.reject_recommendation, "supersede": app.supersede_recommendation}[name]
        recommendation = use_case(args.recommendation, args.text, actor=actor(services, args), on=args.on)
        print(f"{recommendation.reference}: {recommendation.status}")

    return handler


def _priority(services, args) -> None:
    recommendation = services.app.set_recommendation_priority(args.recommendation, not args.off, actor=actor(services, args), on=args.on)
    print(f"{recommendation.reference}: {'priority' if recommendation.priority else 'not a priority'}")
