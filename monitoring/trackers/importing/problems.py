"""What is wrong with a tracker file, said as `row N, column: reason` so a person can find and fix it."""
from __future__ import annotations

from dataclasses import dataclass

from domain.errors import DomainError


@dataclass(frozen=True, order=True)
class Problem:
    row: int  # the row number as Excel shows it (header is row 1); 0 for the file as a whole
    column: str
    reason: str

    def __str__(self) -> str:
        """`row 3, 'Target date': reason`; a problem of a whole row (column "") reads `row 10: reason`."""
        where = ", ".join(filter(None, (f"row {self.row}" if self.row else "", self.column)))
        return f"{where}: {self.reason}" if where else self.reason


class ImportRejected(DomainError):
    """The file has problems; nothing was imported. Carries every problem found."""

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = sorted(set(problems))
        count = len(self.problems)
        self.summary = f"{count} problem{'s' if count != 1 else ''} in {filename}, nothing imported"
        super().__init__("import", "\n".join([self.summary, *map(str, self.problems)]))


class FileUnreadable(Exception):
    """The file (or sheet) cannot be read as a tracker at all; carries the one problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))
