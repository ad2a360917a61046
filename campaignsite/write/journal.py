"""What a killed build left beside the output, finished or undone; the journal an update commits.

Takes: the output path (and how messages name it).
Gives: `recover`, which completes a committed update (`Journal`, read only when the tool sealed it and every
path in it is plainly inside the site), puts back a folder site moved aside, and clears the staging folder and
the tool's temporaries; `shown` and `write_problem`, the paths of the site and of the tool's folders beside it
as messages name them. See `write.site` for the ways a site is published.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, SiteError, os_problem
from ..faults import reached
from ..ownfiles import NotOwnFile, read_sealed, seal
from .releases import (
    RELEASES,
    active_release,
    check_own_folder,
    check_releases,
    discard,
    is_twin,
    link_over,
    other,
    releases_dir,
    remove_discarded,
    remove_link_temporary,
    switch,
)

JOURNAL = ".update-journal.json"  # inside the staging folder; site files never start with a dot
JOURNAL_PURPOSE = "update-journal"  # what the journal is sealed for
STAGED = ".files"  # inside the staging folder: an update's files, by number
NOT_OWN_HINT = "remove it, then build again: the tool makes its own"


def staging_dir(output: Path) -> Path:
    return output.parent / f".{output.name}.staging"


def old_dir(output: Path) -> Path:
    return output.parent / f".{output.name}.old"


@dataclass(frozen=True)
class Journal:
    """An update, committed: the release to switch to (None: an update of the folder in place), each staged file
    with the path it goes to, and the paths to delete."""

    release: str | None
    moves: tuple[tuple[str, str], ...]
    deletes: tuple[str, ...]

    def sealed(self) -> bytes:
        data = {"release": self.release, "moves": [list(move) for move in self.moves], "deletes": list(self.deletes)}
        return seal(JOURNAL_PURPOSE, json.dumps(data).encode("utf-8"))

    @classmethod
    def read(cls, path: Path) -> Journal | None:
        """The journal at `path` if this user's tool wrote it and every path in it is plainly inside the site;
        else None."""
        data = read_sealed(JOURNAL_PURPOSE, path)
        try:
            found = json.loads(data) if data is not None else None
        except ValueError:
            return None
        if not isinstance(found, dict) or found.get("release") not in (None, *RELEASES):
            return None
        moves, deletes = found.get("moves"), found.get("deletes")
        if not isinstance(moves, list) or not isinstance(deletes, list):
            return None
        if not all(isinstance(move, list) and len(move) == 2 and _staged_name(move[0]) and plain(move[1])
                   for move in moves) or not all(plain(relative) for relative in deletes):
            return None
        return cls(found["release"], tuple((name, relative) for name, relative in moves), tuple(deletes))


def _staged_name(name: object) -> bool:
    return isinstance(name, str) and name.isascii() and name.isdigit() and str(int(name)) == name


def plain(relative: object) -> bool:
    """A path plainly inside the site: relative, no '.', '..' or empty part, no backslash or NUL."""
    if not isinstance(relative, str):
        return False
    parts = relative.split("/")
    return not (relative.startswith("/") or "\\" in relative or "\0" in relative
                or any(part in ("", ".", "..") for part in parts))


def recover(output: Path, display: str = "") -> None:
    """Finish or undo a swap or update that an earlier run did not complete; clear its staging folder.
    A step that fails is a `SiteError` naming the file; what is left is finished by a later run."""
    try:
        _recover(output)
    except OSError as exc:
        hint = "fix it, then build again: the interrupted update is then completed"
        raise SiteError([write_problem(exc, output, display or output.name, hint)]) from None


def write_problem(exc: OSError, output: Path, display: str, hint: str = "") -> Problem:
    """An error of the system while writing, as one line naming the file as the author sees it."""
    where = shown(exc.filename, output, display)
    if isinstance(exc, NotOwnFile):
        return Problem(where, message=f"is {exc.found}, not the tool's own", hint=NOT_OWN_HINT)
    return os_problem(exc, where, hint)


def _recover(output: Path) -> None:
    staging, old = staging_dir(output), old_dir(output)
    check_own_folder(staging)
    check_own_folder(old)
    check_releases(output)
    active_release(output)  # a link the tool did not make is refused
    remove_link_temporary(output)
    remove_discarded(output)
    if os.path.lexists(old):
        if os.path.lexists(output):
            shutil.rmtree(old)  # the new site was swapped in; only the clean-up was missed
        else:
            old.rename(output)  # killed between the two renames: put the previous site back
    if not os.path.lexists(staging):
        return
    if os.path.lexists(staging / JOURNAL):
        journal = _committed(staging, output)
        if journal is None:
            _discard_inactive(output)  # it may have been half applied there
        else:
            finish(staging, output, journal)  # the update was committed: finish it
    shutil.rmtree(staging)


def _committed(staging: Path, output: Path) -> Journal | None:
    """The journal in the staging folder, if it is the tool's own and applies to the output as it is."""
    journal = Journal.read(staging / JOURNAL)
    if journal is None:
        return None
    linked = active_release(output) is not None
    if journal.release is None:
        return None if linked else journal
    folder = releases_dir(output)
    if not linked and os.path.lexists(output) or not is_twin(folder / RELEASES[0], folder / RELEASES[1]):
        return None
    if not all(os.path.isfile(os.path.join(staging, STAGED, name)) and
               not os.path.islink(os.path.join(staging, STAGED, name)) for name, _ in journal.moves):
        return None
    return journal


def _discard_inactive(output: Path) -> None:
    active = active_release(output)
    if active is not None:
        discard(releases_dir(output) / other(active))


def finish(staging: Path, output: Path, journal: Journal) -> None:
    """Apply a committed journal: to the inactive release, then switch, then to the other; or, where the site
    is a folder, into it. Every step can be done again."""
    if journal.release is None:
        _move_in_place(staging, output, journal)
    else:
        folder = releases_dir(output)
        _apply(staging, folder / journal.release, journal, "")
        reached("before-switch")
        switch(output, journal.release)
        reached("after-switch")
        _apply(staging, folder / other(journal.release), journal, "twin-")
    (staging / JOURNAL).unlink()


def _apply(staging: Path, root: Path, journal: Journal, point: str) -> None:
    """Make the release at `root` the new site: delete the journal's files gone, link its staged files in.
    Deletes come first, so that a path that was a folder can become a file and the reverse."""
    for relative in journal.deletes:
        gone = root / relative
        gone.unlink(missing_ok=True)
        _remove_empty_folders(gone.parent, root)
    folders: set[str] = set()  # known to exist in the release
    for number, (name, relative) in enumerate(journal.moves, start=1):
        target = os.path.join(root, relative)
        _folder_of(target, folders)
        reached(point + "move", target)
        link_over(os.path.join(staging, STAGED, name), target)
        if number == 1 < len(journal.moves):
            reached(point + "between-moves")
    reached(point + "moves-done")


def _move_in_place(staging: Path, output: Path, journal: Journal) -> None:
    """Move the journal's files into the output folder and delete the files it names; safe to run again."""
    folders: set[str] = set()  # known to exist in the output
    for number, (name, relative) in enumerate(journal.moves, start=1):
        source = os.path.join(staging, STAGED, name)
        if os.path.lexists(source):
            target = os.path.join(output, relative)
            _folder_of(target, folders)
            reached("move", target)
            os.replace(source, target)
        if number == 1 < len(journal.moves):
            reached("between-moves")
    reached("moves-done")
    for relative in journal.deletes:
        gone = output / relative
        gone.unlink(missing_ok=True)
        _remove_empty_folders(gone.parent, output)


def _folder_of(target: str, known: set[str]) -> None:
    """Make the folder a file goes into, unless it exists (asking costs less than making it again)."""
    folder = os.path.dirname(target)
    if folder not in known:
        if not os.path.isdir(folder):
            os.makedirs(folder)
        known.add(folder)


def shown(filename: str | None, output: Path, display: str) -> str:
    """A path as messages show it: inside the site (the output, its staging or a release), relative to the
    output's name; the tool's own folders beside it by their names beside the output's."""
    if not filename:
        return display
    path = Path(filename)
    releases = releases_dir(output)
    own = (staging_dir(output), old_dir(output), releases, *(releases / release for release in RELEASES))
    if path in own:
        return _beside(display, path.name if path.parent == output.parent else f"{releases.name}/{path.name}")
    for root in own[-2:] + (staging_dir(output), output):
        if path.is_relative_to(root):
            relative = path.relative_to(root).as_posix()
            return display if relative == "." else f"{display}/{relative}"
    if path.is_relative_to(output.parent):
        return _beside(display, path.relative_to(output.parent).as_posix())
    return str(path)


def _beside(display: str, name: str) -> str:
    """How a file beside the output is shown: beside the output's name as shown."""
    return (Path(display).parent / name).as_posix()


def _remove_empty_folders(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:  # not empty (or already gone)
            return
        folder = folder.parent
