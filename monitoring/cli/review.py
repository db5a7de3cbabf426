"""`scr-monitor review ...`: commission a review and record its stages."""
from __future__ import annotations

from monitoring.cli.options import actor, command, iso_date


def register(subparsers) -> None:
    review = subparsers.add_parser("review", help="commission reviews and move them through their stages")
    commands = review.add_subparsers(dest="review_command", metavar="SUBCOMMAND", required=True)

    add = command(commands, "add", help="commission a review", handler=_add)
    add.add_argument("--board", required=True)
    add.add_argument("--code", required=True, help="short reference, e.g. child-c-2014")
    add.add_argument("--title", required=True, help='pseudonymised title, e.g. "Child C (2014)"')
    add.add_argument("--type", required=True, dest="review_type", help="scr, lcspr, rapid_review, national, learning_review, sar or dhr")
    add.add_argument("--aware", type=iso_date, metavar="DATE", help="date the local authority became aware (starts the clocks)")
    add.add_argument("--notified", type=iso_date, metavar="DATE", help="date the National Panel was notified")
    add.add_argument("--theme", action="append", default=[], help="a theme of the board's scheme (repeat)")
    add.add_argument("--new-theme", action="store_true", help="an admin adds an unknown --theme word as a local theme")

    stage = command(commands, "stage", help="record that a review reached a stage", handler=_stage)
    stage.add_argument("review")
    stage.add_argument("stage", help="notified, rapid_review, decision, commissioned, draft, completed, published or deferred")
    stage.add_argument("--note", default="")

    notify = command(commands, "panel-notified", help="record the notification to the National Panel", handler=_panel_notified)
    notify.add_argument("review")


def _add(services, args) -> None:
    review = services.themes.commission_review(
        args.board, args.code, args.title, args.review_type, actor=actor(services, args), on=args.on,
        aware_on=args.aware or args.notified, panel_notified_on=args.notified, themes=args.theme, new_theme=args.new_theme,
    )
    print(f"{review.code}: {review.title} commissioned ({review.review_type})")


def _stage(services, args) -> None:
    review = services.app.move_review_to_stage(args.review, args.stage, note=args.note, actor=actor(services, args), on=args.on)
    print(f"{review.code}: stage {review.stage}")


def _panel_notified(services, args) -> None:
    review = services.app.record_panel_notification(args.review, actor=actor(services, args), on=args.on)
    print(f"{review.code}: National Panel notified on {review.panel_notified_on}")
