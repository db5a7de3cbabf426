"""`scr-monitor board ...`: the boards and their partner agencies."""
from __future__ import annotations

from monitoring.cli import impact
from monitoring.cli.options import actor, command, with_format
from monitoring.cli.output import render


def register(subparsers) -> None:
    board = subparsers.add_parser("board", help="register boards, their agencies and contacts")
    commands = board.add_subparsers(dest="board_command", metavar="SUBCOMMAND", required=True)

    add = command(commands, "add", help="register a board", handler=_add)
    add.add_argument("name")
    add.add_argument("--agency", action="append", default=[], help="a partner agency (repeat)")

    agency = command(commands, "agency", help="add a partner agency to a board", handler=_agency)
    agency.add_argument("name")
    agency.add_argument("agency")
    agency.add_argument("--contact", help="the agency's email for action reminders")

    chair = command(commands, "chair-contact", help="set the sub-group chair's email", handler=_chair)
    chair.add_argument("name")
    chair.add_argument("email")

    show = command(commands, "show", help="a board's agencies and contacts", handler=_show, options=with_format)
    show.add_argument("name")
    show.add_argument("--as", dest="actor", metavar="USER", help="who is reading (default: the OS user)")

    impact.register_board_commands(commands)


def _add(services, args) -> None:
    board = services.app.register_board(args.name, args.agency, actor=actor(services, args), on=args.on)
    print(f"board {board.name!r} registered with {len(board.agencies)} agencies")


def _agency(services, args) -> None:
    app = services.app
    board = app.board(args.name)
    if args.agency.strip().lower() not in (a.lower() for a in board.agencies):
        app.add_agency(board.name, args.agency, actor=actor(services, args), on=args.on)
    if args.contact:
        app.set_agency_contact(board.name, args.agency, args.contact, actor=actor(services, args), on=args.on)
    print(f"{args.agency} is an agency of {board.name}")


def _chair(services, args) -> None:
    board = services.app.set_chair_contact(args.name, args.email, actor=actor(services, args), on=args.on)
    print(f"sub-group chair contact for {board.name}: {board.chair_contact}")


def _show(services, args) -> None:
    board = services.app.board(args.name)
    services.app.policy.check(actor(services, args), "read", board=board.name)  # a user reads only their boards
    rows = [{"agency": a, "contact": board.agency_contacts.get(a, "")} for a in board.agencies]
    if args.format == "table":
        print(f"{board.name} (sub-group chair: {board.chair_contact or 'not set'})")
    print(render(rows, ["agency", "contact"], args.format))
