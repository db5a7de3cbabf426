"""Assurance and impact on the command line: the options and subcommands the `recommendation`, `action`
and `board` groups gain (kind and scope, impact plan, re-test, national response, assurance at sign-off,
a board's words for assurance levels). Kept apart so those groups gain one line each.
"""
from __future__ import annotations

from domain.impact import ASSURANCE_LEVELS, ASSURANCE_MEANING, KINDS, NOT_GRADED, SCOPES
from monitoring.cli.options import actor, command, iso_date, with_format
from monitoring.cli.output import render


# --- recommendation add / kind / scope / plan / retest / response -------------------------------

def add_classification_options(parser) -> None:
    """`recommendation add --kind --scope --addressee`."""
    parser.add_argument("--kind", default="overview", help=f"{' or '.join(KINDS)} (default: overview)")
    parser.add_argument("--scope", default="local", help=f"{', '.join(SCOPES)} (default: local)")
    parser.add_argument("--addressee", default="", help="for a national recommendation: the body it is addressed to")


def register_recommendation_commands(commands) -> None:
    kind = command(commands, "kind", help="change the kind (overview or single_agency), with a reason", handler=_reclassify("kind"))
    kind.add_argument("recommendation")
    kind.add_argument("kind", metavar="KIND", help=" or ".join(KINDS))
    kind.add_argument("--reason", required=True)

    scope = command(commands, "scope", help="change the scope (local, regional, national), with a reason", handler=_reclassify("scope"))
    scope.add_argument("recommendation")
    scope.add_argument("scope", metavar="SCOPE", help=", ".join(SCOPES))
    scope.add_argument("--addressee", help="for national: the body it is addressed to")
    scope.add_argument("--reason", required=True)

    plan = command(commands, "plan", help="set or change the impact plan (chair or admin)", handler=_plan)
    plan.add_argument("recommendation")
    plan.add_argument("--expected", required=True, help="what is expected to change for children")
    plan.add_argument("--measure", required=True, help="how it will be measured (re-audit, survey, case sampling)")
    plan.add_argument("--baseline", default="", help="the measure's value before")
    plan.add_argument("--baseline-date", dest="baseline_on", type=iso_date, metavar="DATE")
    plan.add_argument("--target", default="", help="the value that would show the change")
    plan.add_argument("--retest-by", dest="retest_by", type=iso_date, metavar="DATE", required=True)
    plan.add_argument("--reason", default="", help="required when changing a plan already set")

    retest = command(commands, "retest", help="record what a re-test found (chair or admin)", handler=_retest)
    retest.add_argument("recommendation")
    retest.add_argument("--result", required=True, help="what the re-test found")
    retest.add_argument("--evidenced", required=True, metavar="yes|partly|no")

    response = command(commands, "response", help="a national recommendation: response asked for / received", handler=_response)
    response.add_argument("recommendation")
    response.add_argument("--asked", type=iso_date, metavar="DATE")
    response.add_argument("--received", type=iso_date, metavar="DATE")


def _reclassify(what: str):
    def handler(services, args) -> None:
        change = {"kind": args.kind} if what == "kind" else {"scope": args.scope, "addressee": args.addressee}
        rec = services.app.reclassify_recommendation(args.recommendation, **change, reason=args.reason, actor=actor(services, args), on=args.on)
        print(f"{rec.reference}: {rec.kind}, {rec.scope}" + (f" (addressed to {rec.addressee})" if rec.addressee else ""))

    return handler


def _plan(services, args) -> None:
    rec = services.app.plan_impact(
        args.recommendation, expected=args.expected, measure=args.measure, baseline=args.baseline, baseline_on=args.baseline_on,
        target=args.target, retest_by=args.retest_by, reason=args.reason, actor=actor(services, args), on=args.on,
    )
    print(f"{rec.reference}: impact plan set; re-test by {rec.retest_by.isoformat()}")


def _retest(services, args) -> None:
    rec = services.app.retest_recommendation(args.recommendation, result=args.result, evidenced=args.evidenced, actor=actor(services, args), on=args.on)
    print(f"{rec.reference}: re-test {rec.retests} recorded: impact {rec.last_finding.replace('_', ' ')}")


def _response(services, args) -> None:
    rec = services.app.record_national_response(
        args.recommendation, asked_on=args.asked, received_on=args.received, actor=actor(services, args), on=args.on)
    received = rec.response_received_on.isoformat() if rec.response_received_on else "not yet"
    print(f"{rec.reference}: response asked {rec.response_asked_on.isoformat()}, received {received}")


# --- action sign-off / refuse ---------------------------------------------------------------------

def add_assurance_options(parser, command: str) -> None:
    """`action sign-off --assurance --comment`; `action refuse --comment`."""
    if command == "sign-off":
        parser.add_argument("--assurance", metavar="LEVEL", help=f"{', '.join(ASSURANCE_LEVELS)} (default: not graded)")
    if command in ("sign-off", "refuse"):
        parser.add_argument("--comment", help="the sub-group's critical-friend comment")


def assurance_arguments(args) -> dict[str, str]:
    """The assurance options given on this command line, as the use case's keyword arguments."""
    return {name: getattr(args, name) for name in ("assurance", "comment") if getattr(args, name, None) is not None}


# --- board assurance-words ---------------------------------------------------------------------------

def register_board_commands(commands) -> None:
    words = command(commands, "assurance-words", help="the board's own words for assurance levels (display only)", handler=_assurance_words, options=with_format)
    words.add_argument("name")
    words.add_argument("--level", help=f"{', '.join((*ASSURANCE_LEVELS, NOT_GRADED))}; with --word, rename it")
    words.add_argument("--word", help="the board's word for that level")
    words.add_argument("--as", dest="actor", metavar="USER", help="who is making the change (default: the OS user)")
    words.add_argument("--on", type=iso_date, metavar="DATE", help="effective date, YYYY-MM-DD (default: today)")


def _assurance_words(services, args) -> None:
    if args.level is not None or args.word is not None:
        board = services.app.rename_assurance_level(args.name, args.level or "", args.word or "", actor=actor(services, args), on=args.on)
        words = board.assurance_words
    else:
        words = services.app.board(args.name).assurance_words
    rows = [{"level": level, "standard": ASSURANCE_MEANING[level], "board's word": words.get(level, ASSURANCE_MEANING[level])}
            for level in (*ASSURANCE_LEVELS, NOT_GRADED)]
    print(render(rows, ["level", "standard", "board's word"], args.format))
