"""A row's agency as the board already spells it: curly or straight quotes, dashes and spaces are the same agency;
a name only a letter or two from a known one is refused with the near match named, unless the user confirms it
(`--new-agency NAME`), so a typo never quietly becomes a second agency."""
from __future__ import annotations

from domain.names import nearest, same_name
from monitoring.trackers.importing.problems import Problem


class AgencyNames:
    def __init__(self, board: str, known: list[str], confirmed: set[str]) -> None:
        self.board, self.confirmed = board, {same_name(n) for n in confirmed}
        self.known: dict[str, list[str]] = {}
        for name in known:
            self.known.setdefault(same_name(name), []).append(name)
        self.new: list[str] = []
        self.noted: set[str] = set()

    def resolve(self, name: str, row: int, problems: list[Problem], notes: list[Problem]) -> str | None:
        """The board's spelling of `name` (a new one is kept as given); None, with a problem, for a near miss."""
        key = same_name(name)
        spellings = self.known.get(key)
        if spellings:
            chosen = next((s for s in spellings if s.casefold() == name.casefold()), spellings[0])
            if len(spellings) > 1 and key not in self.noted:
                self.noted.add(key)
                both = " and ".join(repr(s) for s in spellings)
                notes.append(Problem(row, "agency", f"{self.board} holds {both} as one agency spelt two ways; {chosen!r} used"))
            return chosen
        near = nearest(name, [s for names in self.known.values() for s in names])
        if near is not None and key not in self.confirmed:
            problems.append(Problem(row, "agency", f"{name!r} is not an agency of {self.board}, but {near!r} is; correct the "
                                    f"spelling, or import with --new-agency {name!r} if it is a different agency"))
            return None
        self.known[key] = [name]
        self.new.append(name)
        return name
