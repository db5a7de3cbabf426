"""Names as people type them: the same board, agency, review or theme whatever the quotes, dashes or spaces.

Why: "Children’s Social Care" typed in Word is "Children's Social Care" typed in a terminal; a
near miss ("Childrens Social Care") must be named to the user, never silently made a new agency.
"""
from __future__ import annotations

import difflib
import unicodedata

_SAME = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ",
})


def same_name(name: str) -> str:
    """The key two spellings share when a person would call them the same name."""
    text = unicodedata.normalize("NFKC", name or "").translate(_SAME)
    return " ".join(text.split()).casefold()


def tidy(name: str) -> str:
    """The name as it is kept: straight quotes and dashes, single spaces, no spaces at the ends."""
    return " ".join(unicodedata.normalize("NFKC", name or "").translate(_SAME).split())


def distance(a: str, b: str, limit: int = 3) -> int:
    """Edit distance (Levenshtein), stopping early once it passes `limit` (names are short)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def nearest(name: str, known, max_distance: int = 2) -> str | None:
    """The known name only one or two letters away from `name` (after `same_name`), or None."""
    key = same_name(name)
    best, best_distance = None, max_distance + 1
    for candidate in known:
        d = distance(key, same_name(candidate), max_distance)
        if d < best_distance:
            best, best_distance = candidate, d
    return best if best_distance <= max_distance else None


def nearest_any(name: str, known, max_distance: int = 2) -> str | None:
    """Like `nearest`, but also the closest by plain similarity, for 'did you mean' hints on headers and themes."""
    near = nearest(name, known, max_distance)
    if near is not None:
        return near
    keys = {same_name(k): k for k in known}
    match = difflib.get_close_matches(same_name(name), list(keys), n=1, cutoff=0.6)
    return keys[match[0]] if match else None
