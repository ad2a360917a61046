"""Typed problems found in an author's input, and the exception that carries them.

Takes: where a problem is (file, line, column, key path) and what is wrong.
Gives: `Problem` values that print as `file:line:col: key.path: message — hint`, and
`SiteError`, raised once with every problem of a run so the author sees them all together.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input. Sorts by file, then line, then column."""

    file: str
    line: int = 0
    col: int = 0
    path: str = ""
    message: str = ""
    hint: str = ""
    severity: str = field(default=ERROR, compare=False)
    category: str = field(default="", compare=False)  # "translation" for a missing language

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        text = f"{where}: "
        if self.path:
            text += f"{self.path}: "
        if self.severity == WARNING:
            text += "warning: "
        text += self.message
        if self.hint:
            text += f" — {self.hint}"
        return text


class SiteError(Exception):
    """Raised when the input cannot be built; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ProblemLog:
    """Collects problems during a stage; `raise_if_errors` ends the stage if any were errors."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise SiteError(self.problems)
