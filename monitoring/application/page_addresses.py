"""Page addresses for the domain's references: `child-c-2014/R3/A2` <-> `/action/child-c-2014--R3--A2`.

A reference holds slashes, which a single path segment cannot; `--` never occurs in one
(review codes may hold single hyphens, never two in a row after `code_from_name`, and
the separator is only ever split from the right).
"""
from __future__ import annotations

from urllib.parse import quote, unquote, urlencode

SEPARATOR = "--"


def ref_to_slug(reference: str) -> str:
    """`child-c-2014/R3/A2` -> `child-c-2014--R3--A2`."""
    return SEPARATOR.join(reference.split("/"))


def slug_to_ref(slug: str | None) -> str:
    """`child-c-2014--R3--A2` (or the reference itself, percent-encoded or not) -> `child-c-2014/R3/A2`."""
    text = unquote(slug or "").strip().strip("/")
    if "/" in text:
        return text
    parts = text.rsplit(SEPARATOR, 2)
    # Only the trailing R<n> and A<n> parts are references' own; anything before belongs to the code.
    code, rest = parts[0], parts[1:]
    while rest and not _is_part(rest[0]):
        code = f"{code}{SEPARATOR}{rest.pop(0)}"
    return "/".join([code, *rest])


def _is_part(piece: str) -> bool:
    return len(piece) > 1 and piece[0] in "RrAa" and piece[1:].isdigit()


def review_url(code: str) -> str:
    return f"/review/{quote(code, safe='')}"


def recommendation_url(reference: str) -> str:
    return f"/recommendation/{quote(ref_to_slug(reference), safe='-')}"


def action_url(reference: str) -> str:
    return f"/action/{quote(ref_to_slug(reference), safe='-')}"


def agency_url(agency: str, **query: str | None) -> str:
    url = f"/agency/{quote(agency, safe='')}"
    query = {key: value for key, value in query.items() if value}
    return f"{url}?{urlencode(query)}" if query else url


def overview_url(**query: str | None) -> str:
    query = {key: value for key, value in query.items() if value}
    return f"/?{urlencode(query)}" if query else "/"


def path_value(value: str | None) -> str:
    """A path variable as the person typed it (Dash hands them over percent-encoded)."""
    return unquote(value or "").strip()


def themes_url(**query: str | int | None) -> str:
    """The themes page; `theme` and `year` pick the heatmap cell whose recommendations are listed."""
    query = {key: value for key, value in query.items() if value not in (None, "")}
    return f"/themes?{urlencode(query)}" if query else "/themes"
