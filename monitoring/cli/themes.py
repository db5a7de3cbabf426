"""`scr-monitor themes`, `scr-monitor theme ...` and `scr-monitor recurrences`: the learning that keeps coming back."""
from __future__ import annotations

import json

from domain.statuses import REVIEW_TYPES
from monitoring.cli.options import actor, command, iso_date, with_format
from monitoring.cli.output import render
from monitoring.security.scoped_reads import scoped_queries

RECURRENCE_COLUMNS = ["recommendation", "earlier", "board", "made_on", "status", "themes", "similarity", "signed_off",
                      "impact_evidenced", "text"]


def register(subparsers) -> None:
    themes = command(subparsers, "themes", help="reviews and recommendations by theme and reporting year", handler=_themes,
                     options=with_format)
    themes.add_argument("--board", help="only this board (default: every board you may read)")
    themes.add_argument("--as-at", dest="as_at", type=iso_date, metavar="DATE", help="as at the end of this date")
    themes.add_argument("--kind", choices=list(REVIEW_TYPES), help="only reviews of this kind")
    themes.add_argument("--agency", help="only records with an action for this agency")
    themes.add_argument("--count", choices=("recommendations", "reviews"), default="recommendations",
                        help="what the table's year columns count (json and csv carry both)")
    themes.add_argument("--as", dest="actor", metavar="USER", help="who is reading (default: the OS user)")

    recurrences = command(subparsers, "recurrences", help="earlier reviews' recommendations on the same learning", handler=_recurrences, options=with_format)
    recurrences.add_argument("reference", metavar="REC|REVIEW", help="a recommendation (CODE/Rn) or a review (CODE)")
    recurrences.add_argument("--as", dest="actor", metavar="USER", help="who is reading (default: the OS user)")

    theme = subparsers.add_parser("theme", help="a board's theme scheme: list, add, rename, merge, alias")
    commands = theme.add_subparsers(dest="theme_command", metavar="SUBCOMMAND", required=True)
    listing = command(commands, "list", help="the board's themes with their definitions", handler=_list, options=with_format)
    listing.add_argument("--board", required=True)
    listing.add_argument("--as-at", dest="as_at", type=iso_date, metavar="DATE", help="the names in force at the end of this date")
    listing.add_argument("--as", dest="actor", metavar="USER", help="who is reading (default: the OS user)")
    add = command(commands, "add", help="add a local theme", handler=_add)
    add.add_argument("name")
    add.add_argument("--board", required=True)
    add.add_argument("--definition", default="")
    rename = command(commands, "rename", help="rename a theme for this board's display", handler=_rename)
    rename.add_argument("theme")
    rename.add_argument("name")
    rename.add_argument("--board", required=True)
    merge = command(commands, "merge", help="count a theme as another from --on", handler=_merge)
    merge.add_argument("theme")
    merge.add_argument("--into", required=True)
    merge.add_argument("--board", required=True)
    coding = command(commands, "set", help="code a review or a recommendation again", handler=_set)
    coding.add_argument("reference", metavar="REVIEW|REC")
    coding.add_argument("--theme", action="append", required=True, help="a theme of the board's scheme (repeat)")
    coding.add_argument("--new-theme", action="store_true", help="an admin adds an unknown --theme word as a local theme")
    alias = command(commands, "alias", help="make a word (an old tracker's theme) name a theme", handler=_alias)
    alias.add_argument("word")
    alias.add_argument("theme")
    alias.add_argument("--board", required=True)


def _themes(services, args) -> None:
    services.catch_up()
    answer = scoped_queries(services, actor(services, args)).themes(
        board=args.board, as_at=args.as_at, review_type=args.kind, agency=args.agency)
    if args.format == "json":
        print(json.dumps(answer, indent=2, default=str))
        return
    years = answer["years"]
    if args.format == "csv":
        rows = [{"theme": r["theme"], "name": r["name"], "reporting_year": y, **r["years"][y]} for r in answer["rows"] for y in years]
        print(render(rows, ["theme", "name", "reporting_year", "reviews", "recommendations"], "csv"))
        return
    print(f"{args.count.capitalize()} by theme and reporting year as at {answer['as_at']} ({', '.join(answer['boards']) or 'no boards'})")
    rows = [{"theme": r["name"], **{_year(y): r["years"][y][args.count] for y in years}, "all years": r[args.count]}
            for r in answer["rows"]]
    print(render(rows, ["theme", *map(_year, years), "all years"], "table") if rows else "No themed records.")
    others = answer["other_boards"]
    if others:
        print(f"\nOther boards ({others['boards']}): counts only, a count under 5 shown as 'fewer than 5'")
        print(render([r for r in others["rows"] if r["reviews"] or r["recommendations"]], ["name", "reviews", "recommendations"], "table"))


def _year(year: int) -> str:
    return f"{year}/{str(year + 1)[2:]}"


def _recurrences(services, args) -> None:
    services.catch_up()
    answer = scoped_queries(services, actor(services, args)).recurrences(args.reference)
    rows = [{**r, "themes": "; ".join(r["themes"]), "signed_off": "; ".join(f"{a['reference']} {a['signed_off_on']}" for a in r["actions"] if a["signed_off_on"])}
            for r in answer["rows"]]
    if args.format == "json":
        print(json.dumps(answer, indent=2, default=str))
        return
    if args.format == "csv":
        print(render(rows, RECURRENCE_COLUMNS, "csv"))
        return
    print(f"Earlier learning that came back in {args.reference}")
    print(render(rows, RECURRENCE_COLUMNS, "table") if rows else "None noted.")
    if answer["other_boards"]:
        print(f"Also {answer['other_boards']} earlier recommendation(s) in boards you may not read (counts only).")


def _list(services, args) -> None:
    services.catch_up()
    scheme = scoped_queries(services, actor(services, args)).theme_scheme(board=args.board, as_at=args.as_at)
    rows = [{"id": t.id, "name": t.name, "local": t.local, "definition": t.definition} for t in scheme.current()]
    print(render(rows, ["id", "name", "local", "definition"], args.format))


def _add(services, args) -> None:
    added = services.themes.add_local_theme(args.board, args.name, args.definition, actor=actor(services, args), on=args.on)
    print(f"{args.board}: added {added}")


def _rename(services, args) -> None:
    renamed = services.themes.rename_theme(args.board, args.theme, args.name, actor=actor(services, args), on=args.on)
    print(f"{args.board}: {renamed} renamed {args.name!r}")


def _merge(services, args) -> None:
    source, target = services.themes.merge_themes(args.board, args.theme, args.into, actor=actor(services, args), on=args.on)
    print(f"{args.board}: {source} merged into {target}")


def _alias(services, args) -> None:
    named = services.themes.alias_theme(args.board, args.word, args.theme, actor=actor(services, args), on=args.on)
    print(f"{args.board}: {args.word!r} now names {named}")


def _set(services, args) -> None:
    record, recurring = services.themes.set_themes(args.reference, args.theme, new_theme=args.new_theme,
                                                   actor=actor(services, args), on=args.on)
    print(f"{args.reference}: themes {', '.join(record.themes)}")
    if recurring:
        print(f"{args.reference}: recurring learning: {len(recurring)} earlier recommendation(s); "
              f"see `scr-monitor recurrences {args.reference}`")
