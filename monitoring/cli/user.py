"""`scr-monitor user ...`: people, their roles on boards, and their passwords (read from a prompt or stdin)."""
from __future__ import annotations

import argparse
import getpass
import sys

from domain.errors import DomainError
from domain.user import ROLES
from monitoring.cli.options import actor, command, with_db, with_format
from monitoring.cli.output import render
from monitoring.security.users import Users

COLUMNS = ["username", "email", "enabled", "roles", "password"]


def register(subparsers) -> None:
    user = subparsers.add_parser("user", help="add users, grant roles, disable users, set passwords")
    commands = user.add_subparsers(dest="user_command", metavar="SUBCOMMAND", required=True)

    add = command(commands, "add", help="add a user with a role on a board (the first must be an admin)", handler=_add, options=_with_actor)
    add.add_argument("username")
    _role_options(add)
    add.add_argument("--email", default="")
    _password_option(add)

    grant = command(commands, "grant", help="give a user a role on a board", handler=_grant, options=_with_actor)
    grant.add_argument("username")
    _role_options(grant)

    revoke = command(commands, "revoke", help="take a role away", handler=_revoke, options=_with_actor)
    revoke.add_argument("username")
    _role_options(revoke)

    for name, help_text, use_case in (("disable", "stop a user signing in or making changes", Users.disable),
                                      ("enable", "let a disabled user back in", Users.enable)):
        sub = command(commands, name, help=help_text, handler=_switch(use_case), options=_with_actor)
        sub.add_argument("username")

    password = command(commands, "set-password", help="set or rotate a user's password", handler=_set_password, options=_with_actor)
    password.add_argument("username")
    _password_option(password)

    listing = command(commands, "list", help="users of the boards you manage", handler=_list, options=with_format)
    listing.add_argument("--as", dest="actor", metavar="USER", help="who is asking (default: the OS user)")


def _with_actor(parser):
    with_db(parser)
    parser.add_argument("--as", dest="actor", metavar="USER", help="who is making the change (default: the OS user)")
    return parser


def _role_options(parser) -> None:
    parser.add_argument("--role", required=True, help=", ".join(ROLES))
    parser.add_argument("--board", required=True)
    parser.add_argument("--agency", help="the agency an agency_lead is bound to")


class _RefusePassword(argparse.Action):
    """`--password X` would leave the password in shell history and process lists: refuse it, without echoing it."""

    def __call__(self, parser, namespace, values, option_string=None):
        parser.error("--password: never given on the command line; type it at the prompt or use --password-stdin")


def _password_option(parser) -> None:
    parser.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    parser.add_argument("--password", nargs="?", action=_RefusePassword, help=argparse.SUPPRESS)


def read_password(args, username: str) -> str:
    """From stdin (one line) or a prompt typed twice; never from the command line."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise DomainError("password", "no terminal to prompt on; pipe it in with --password-stdin")
    first = getpass.getpass(f"Password for {username}: ")
    if getpass.getpass("Same again: ") != first:
        raise DomainError("password", "the two entries differ; nothing changed")
    return first


def _add(services, args) -> None:
    password = read_password(args, args.username)
    user = services.users.add(
        args.username, password, role=args.role, board=args.board, agency=args.agency, email=args.email,
        actor=actor(services, args),
    )
    print(f"user {user.username} added: {user.grants[0].describe()}")


def _grant(services, args) -> None:
    user = services.users.grant(args.username, role=args.role, board=args.board, agency=args.agency, actor=actor(services, args))
    print(f"{user.username}: {_roles(user)}")


def _revoke(services, args) -> None:
    user = services.users.revoke(args.username, role=args.role, board=args.board, agency=args.agency, actor=actor(services, args))
    print(f"{user.username}: {_roles(user)}")


def _switch(use_case):
    def handler(services, args) -> None:
        user = use_case(services.users, args.username, actor=actor(services, args))
        print(f"{user.username}: {'enabled' if user.enabled else 'disabled'}")

    return handler


def _set_password(services, args) -> None:
    password = read_password(args, args.username)
    user = services.users.set_password(args.username, password, actor=actor(services, args))
    print(f"{user.username}: password set")


def _list(services, args) -> None:
    rows = [
        {"username": u.username, "email": u.email, "enabled": "yes" if u.enabled else "no", "roles": _roles(u),
         "password": "set" if u.password_hash else "not set"}
        for u in services.users.visible_to(actor(services, args))
    ]
    print(render(rows, COLUMNS, args.format))


def _roles(user) -> str:
    return "; ".join(g.describe() for g in user.grants) or "no roles"
