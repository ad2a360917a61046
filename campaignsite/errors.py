"""Typed problems found in an author's input, and the exception that carries them.

Takes: where a problem is (file, line, column, key path) and what is wrong.
Gives: `Problem` values that print as `file:line:col: key.path: message — hint`, and
`SiteError`, raised once with every problem of a run so the author sees them all together: each
problem once, however many times it was found (`in_pages` folds one mistake met on many pages into
one line that counts them). A `SiteError` pickles, so a worker process can send it back.
Also the example dates hints show (`example_day`, `example_month`), in the campaign's year when it is known.
"""
from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # told, never a failure (a post scheduled for a later build)
TRANSLATION = "translation"  # the category of a problem that is only a missing translation


EXAMPLE_YEAR = 2025  # the year of an example date in a hint when the campaign's own is not known


def example_day(year: int | None = None) -> str:
    """A date a hint shows as an example (YYYY-MM-DD), in the campaign's `year` when it is known."""
    return f"{year or EXAMPLE_YEAR}-09-01"


def example_month(year: int | None = None) -> str:
    """A month a hint shows as an example (YYYY-MM), in the campaign's `year` when it is known."""
    return f"{year or EXAMPLE_YEAR}-09"


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
        where = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in self.file)
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        text = f"{where}: "
        if self.path:
            text += f"{self.path}: "
        if self.severity in (WARNING, NOTE):
            text += f"{self.severity}: "
        text += self.message
        if self.hint:
            text += f" — {self.hint}"
        return text


class SiteError(Exception):
    """Raised when the input cannot be built; carries every problem found, each once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[SiteError], tuple[list[Problem]]]:
        return (SiteError, (self.problems,))


PAGES_NAMED = 3  # a problem met on many pages names this many of them


def in_pages(found: Iterable[tuple[Problem, str | None]]) -> list[Problem]:
    """Problems found while making pages, `(problem, page)` each, as one problem per mistake: the
    same problem on several pages is reported once, saying how many pages it hit and naming the
    first few (`… (in 62 pages: index.html, en/index.html, …)`); a page of None is not named."""
    pages: dict[Problem, list[str]] = {}
    for problem, page in found:
        named = pages.setdefault(problem, [])
        if page is not None and page not in named:
            named.append(page)
    return [_with_pages(problem, named) for problem, named in pages.items()]


def _with_pages(problem: Problem, pages: list[str]) -> Problem:
    if not pages:
        return problem
    if len(pages) == 1:
        where = f"while rendering {pages[0]}"
    else:
        more = ", …" if len(pages) > PAGES_NAMED else ""
        where = f"in {len(pages)} pages: " + ", ".join(pages[:PAGES_NAMED]) + more
    return replace(problem, message=f"{problem.message} ({where})")


class BySeverity:
    """Problems told apart by severity."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


class ProblemLog(BySeverity):
    """Collects problems during a stage; `raise_if_errors` ends the stage if any were errors."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise SiteError(self.problems)


_CAUSES = {  # what an operating-system error means to an author, and what to do about it
    errno.ENOSPC: ("no space left on the disk", "free some space, then build again"),
    errno.EDQUOT: ("the disk quota is used up", "free some space, then build again"),
    errno.EACCES: ("permission denied", "make it writable (and its folder), or choose another --output"),
    errno.EPERM: ("permission denied", "make it writable (and its folder), or choose another --output"),
    errno.EROFS: ("the file system is read-only", "choose an --output on a writable disk"),
    errno.ENAMETOOLONG: ("the name is too long for the file system", "use shorter slugs and file names"),
}


def os_cause(exc: OSError) -> tuple[str, str]:
    """What an operating-system error means to an author, and how to fix it ("" when there is no general way)."""
    return _CAUSES.get(exc.errno or 0, ((exc.strerror or str(exc)).lower(), ""))


def os_problem(exc: OSError, where: str, hint: str = "") -> Problem:
    """An operating-system error as one located line: `where: permission denied — how to fix it`."""
    cause, default_hint = os_cause(exc)
    return Problem(where, message=cause, hint=hint or default_hint)
