"""`scr-monitor evidence ...` and `--attach FILE` on `action progress|complete|sign-off|refuse`.

Every file named is read and checked before anything is saved: one refused file, nothing written. With a
lifecycle command, the change and the documents are saved in one transaction.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from domain.errors import DomainError
from domain.evidence import KINDS, size_text
from monitoring.application.evidence import Upload
from monitoring.cli.options import actor, command, with_format
from monitoring.cli.output import render
from monitoring.security.scoped_reads import scoped_queries

# The lifecycle commands that may carry documents: the agency's reports, and the sub-group's decisions.
ATTACHABLE = ("progress", "complete", "sign-off", "refuse")
COLUMNS = ["number", "title", "kind", "size", "attached_by", "effective", "status", "sha256"]


def with_attach_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--attach", action="append", default=[], metavar="FILE",
                        help="attach a document (repeat for more): PDF, DOCX, XLSX, ODT, ODS, CSV, text, PNG or JPEG")
    parser.add_argument("--title", action="append", default=[], metavar="TITLE",
                        help="a title for each --attach, in the same order (default: the file's name)")
    return parser


def with_attachments(handler):
    """Wrap a lifecycle command: its change and the files' events in one save (the files checked before either)."""

    def run(services, args):
        uploads = read_uploads(args.attach, args.title)
        if not uploads:
            return handler(services, args)
        with services.app.documents_with_next_save(args.action, uploads, actor=actor(services, args), on=args.on) as pending:
            result = handler(services, args)
        _print_attached(services.app.action(args.action), pending.numbers)
        return result

    return run


def read_uploads(paths: list[str], titles: list[str]) -> list[Upload]:
    if len(titles) > len(paths):
        raise DomainError("title", f"{len(titles)} titles for {len(paths)} files; give one --title per --attach, in order")
    uploads = []
    for index, path in enumerate(paths):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise DomainError(path, f"cannot be read: {error.strerror or error}") from None
        uploads.append(Upload(Path(path).name, data, titles[index] if index < len(titles) else ""))
    return uploads


def register(subparsers) -> None:
    evidence = subparsers.add_parser("evidence", help="evidence documents on actions: attach, list, get, withdraw, purge")
    commands = evidence.add_subparsers(dest="evidence_command", metavar="SUBCOMMAND", required=True)

    attach = command(commands, "attach", help="attach documents to an action", handler=_attach_command)
    attach.add_argument("action")
    attach.add_argument("files", nargs="+", metavar="FILE")
    attach.add_argument("--title", action="append", default=[], metavar="TITLE", help="a title per file, in order")

    listing = command(commands, "list", help="an action's documents", handler=_list, options=with_format)
    listing.add_argument("action")
    listing.add_argument("--as", dest="actor", metavar="USER", help="who is reading (default: the OS user)")

    get = command(commands, "get", help="save an action's document N to a file", handler=_get)
    get.add_argument("action")
    get.add_argument("number", type=int)
    get.add_argument("--out", required=True, metavar="FILE", help="where to save it (must not exist yet)")

    withdraw = command(commands, "withdraw", help="withdraw a document attached by mistake, with a reason", handler=_withdraw)
    withdraw.add_argument("action")
    withdraw.add_argument("number", type=int)
    withdraw.add_argument("--reason", required=True)

    purge = command(commands, "purge", help="destroy a file's bytes for legal reasons (admin); the record keeps its hash", handler=_purge)
    purge.add_argument("sha256")
    purge.add_argument("--reason", required=True)


def _attach(services, args, ref: str, uploads: list[Upload]) -> None:
    action, numbers = services.app.attach_documents(ref, uploads, actor=actor(services, args), on=args.on)
    _print_attached(action, numbers)


def _print_attached(action, numbers: list[int]) -> None:
    for number in numbers:
        d = action.document(number)
        print(f"{action.reference}: document {number} attached: {d.title} ({KINDS[d.kind].label}, {size_text(d.size)}, sha256 {d.sha256})")


def _attach_command(services, args) -> None:
    _attach(services, args, args.action, read_uploads(args.files, args.title))


def _list(services, args) -> None:
    rows = [
        {**d, "attached_by": d["actor"], "size": size_text(d["size"]) if args.format == "table" else d["size"],
         "status": _status(d)}
        for d in scoped_queries(services, actor(services, args)).documents(args.action)
    ]
    print(render(rows, COLUMNS, args.format))


def _status(document: dict) -> str:
    if document["purged_reason"] is not None:
        return f"purged: {document['purged_reason']}"
    if document["withdrawn_reason"] is not None:
        return f"withdrawn: {document['withdrawn_reason']}"
    return "attached"


def _get(services, args) -> None:
    out = Path(args.out)
    if out.exists():
        raise DomainError("out", f"{out} already exists; choose a new file name")
    opened = services.app.open_document(args.action, args.number, actor=actor(services, args))
    out.write_bytes(opened.content)
    a = opened.attachment
    print(f"{out}: document {a.number} of {opened.action.reference}, {a.title} ({opened.kind.label}, {size_text(a.size)}, sha256 {a.sha256})")


def _withdraw(services, args) -> None:
    action = services.app.withdraw_document(args.action, args.number, args.reason, actor=actor(services, args), on=args.on)
    print(f"{action.reference}: document {args.number} withdrawn")


def _purge(services, args) -> None:
    holders = services.app.purge_file(args.sha256, args.reason, actor=actor(services, args), on=args.on)
    print(f"sha256 {args.sha256.strip().lower()}: bytes purged; the purge is recorded on {', '.join(a.reference for a in holders)}")
