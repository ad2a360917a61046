"""Reading an author's files, and listing a folder's files, under one rule for every file the tool reads.

The rule: a source file (a data file, a content page, a template, an asset) is a regular file, or a
link to one that leads inside the campaign folder or the theme folder and not into a hidden file
or folder there (`.git`, `.env`, the build's cache: a name starting with '.'). Anything else (a named
pipe, a device, a socket, a folder where a file should be, a link that leads elsewhere, nowhere or
round in a loop) is refused with its path before it is opened: nothing outside the two folders is
ever read, published or shown in a message, and nothing can make a build wait for ever. A folder
or file that exists but cannot be read is an error too, never passed over.

Takes: paths inside the campaign or theme folder, the name to show for each in messages, and the
folders a source may lie in (`within`).
Gives: a file's text (UTF-8, a BOM dropped, line ends made LF) or bytes, or the `Problem` saying why
it cannot be read; what a path is under the rule (`check_file`); the regular files under a folder,
sorted, with a `Problem` for every entry that breaks the rule and every folder that cannot be listed.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import Problem
from ..faults import reached

Within = tuple[str, ...]  # the folders, resolved, that every source file must lie in: the campaign's first
Checked = tuple[os.stat_result | None, Problem | None]  # (None, None): there is nothing at the path

# opening never waits (a named pipe would wait for a writer); O_BINARY: no newline translation on Windows
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def within(*folders: Path) -> Within:
    """The folders a source file may lie in (the campaign's and the theme's), resolved once."""
    return tuple(dict.fromkeys(os.path.realpath(folder) for folder in folders))


class _NotRegular(OSError):
    """What was opened is not a regular file (it was swapped in after it was checked)."""

    def __init__(self, mode: int) -> None:
        super().__init__(f"not a regular file ({_kind(mode)})")
        self.mode = mode


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a file")


def missing(display: str) -> Problem:
    return Problem(display, message="the file is missing", hint=f"create {display}")


def not_regular(display: str, mode: int, link: bool = False) -> Problem:
    kind = ("a link to " if link else "") + _kind(mode)
    return Problem(display, message=f"is not a regular file ({kind})", hint="replace it with the file itself")


def unreadable(exc: OSError, display: str, what: str = "file") -> Problem:
    if what == "file":
        return Problem(display, message=f"cannot read the file ({exc.strerror})")
    return Problem(display, message=f"cannot read the {what} ({exc.strerror})",
                   hint=f"make the {what} readable, or remove it")


def check_file(path: Path, display: str, roots: Within) -> Checked:
    """A file to read under the rule: its status (a link's target's), or the problem; (None, None)
    when nothing is there. `display` is its path from the campaign or theme folder: each folder on
    the way there (`templates` of `templates/strings.yaml`) keeps the rule too. Nothing is opened."""
    folders = display.split("/")[:-1]
    for depth in range(1, len(folders) + 1):
        info, problem = _follow(path.parents[len(folders) - depth], "/".join(folders[:depth]), roots, "folder")
        if info is None or not stat.S_ISDIR(info.st_mode):
            return None, problem  # a folder on the way breaks the rule, or there is none
    info, problem = _follow(path, display, roots)
    if info is not None and not stat.S_ISREG(info.st_mode):
        return None, not_regular(display, info.st_mode, os.path.islink(path))
    return info, problem


def _follow(path: Path | str, display: str, roots: Within, what: str = "file") -> Checked:
    """The status of what is at `path`, following a link only when it leads where the rule allows;
    any kind of file or folder, for the caller to judge; (None, None) when nothing is there."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, unreadable(exc, display, what)
    if not stat.S_ISLNK(info.st_mode):
        return info, None
    return _link_target(path, display, roots, what)


def _link_target(path: Path | str, display: str, roots: Within, what: str) -> Checked:
    target = os.path.realpath(path)  # where it leads, even when nothing is there
    hidden = _hidden_part(target, roots)
    if hidden is None:
        return None, Problem(display, message=f"is a link to {target}, outside the campaign folder",
                             hint=f"copy the {what} into the campaign folder instead of linking to it")
    shown = _shown(target, roots[0])
    if hidden:
        place = "a hidden file" if target.endswith(os.sep + hidden) else f"inside the hidden folder {hidden}"
        return None, Problem(display, message=f"is a link to {shown}, {place}",
                             hint="link only to the campaign's own files: hidden ones (.git, .env) are never read")
    try:
        return os.stat(path), None
    except FileNotFoundError:
        return None, Problem(display, message=f"is a link to {shown}, which does not exist",
                             hint=f"correct the link, or replace it with the {what} itself")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, Problem(display, message="is a link that leads round in a loop",
                                 hint=f"correct the link, or replace it with the {what} itself")
        return None, unreadable(exc, display, what)


def _shown(target: str, campaign: str) -> str:
    """A path inside the campaign folder as the author sees it there; any other, in full."""
    relative = os.path.relpath(target, campaign)
    return target if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative


def _hidden_part(target: str, roots: Within) -> str | None:
    """'' when `target` is inside one of `roots` and nothing on the way there is hidden; the first
    hidden name on the way (such as '.git') when it is inside only that way; None when it is outside."""
    found = None
    for root in roots:
        if target == root or target.startswith(root.rstrip(os.sep) + os.sep):
            hidden = next((part for part in target[len(root):].split(os.sep) if part.startswith(".")), "")
            if not hidden:
                return ""
            found = found or hidden
    return found


def read_bytes(path: Path, display: str) -> bytes | Problem:
    """The file's bytes, or the problem. Opened without waiting, and read only when it is a regular
    file: a named pipe put in the place of a checked file cannot make the build wait."""
    try:
        reached("read", path)
        descriptor = os.open(path, _OPEN_FLAGS)
        try:
            mode = os.fstat(descriptor).st_mode
            if not stat.S_ISREG(mode):
                raise _NotRegular(mode)
            with open(descriptor, "rb", closefd=False) as handle:
                return handle.read()
        finally:
            os.close(descriptor)
    except FileNotFoundError:
        return missing(display)
    except _NotRegular as exc:
        return not_regular(display, exc.mode)
    except OSError as exc:
        return unreadable(exc, display)


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The file's text as UTF-8 (a BOM is dropped, CRLF becomes LF), or a problem saying why not."""
    raw = read_bytes(path, display)
    if isinstance(raw, Problem):
        return None, [raw]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(display, line, col, message=(
            f"the file is not valid UTF-8 (byte {exc.start} is 0x{raw[exc.start]:02x})"),
            hint="save the file as UTF-8 in your editor")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def list_files(root: Path, display_root: str, roots: Within) -> tuple[list[Path], list[Problem]]:
    """Every regular file under `root` (hidden files left out), sorted, each under the rule; nothing
    when there is no folder `root`. A link to a folder inside is not followed (its files are listed
    where they live)."""
    info, problem = _follow(root, display_root, roots, "folder")
    if problem is not None:
        return [], [problem]
    if info is None or not stat.S_ISDIR(info.st_mode):
        return [], []
    files: list[Path] = []
    problems: list[Problem] = []
    _walk(str(root), display_root, roots, files, problems)
    return files, problems


def _walk(folder: str, display: str, roots: Within, files: list[Path], problems: list[Problem]) -> None:
    """The files of `folder` in name order, then those of each of its folders in name order.
    The type of each entry comes with the listing: a regular file costs no further call."""
    try:
        reached("list", folder)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        problems.append(unreadable(exc, display, "folder"))
        return
    folders = []
    for entry in entries:
        shown = f"{display}/{entry.name}"
        try:
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry)
            elif not entry.name.startswith("."):
                _add_entry(entry, shown, roots, files, problems)
        except OSError as exc:
            problems.append(unreadable(exc, shown))
    for entry in folders:
        _walk(entry.path, f"{display}/{entry.name}", roots, files, problems)


def _add_entry(entry: os.DirEntry[str], shown: str, roots: Within, files: list[Path],
               problems: list[Problem]) -> None:
    if entry.is_file(follow_symlinks=False):
        files.append(Path(entry.path))
        return
    info, problem = _follow(entry.path, shown, roots)
    if problem is not None:
        problems.append(problem)
    elif info is None or stat.S_ISDIR(info.st_mode):
        return  # gone since the listing; or a link to a folder inside, listed where it lives
    elif stat.S_ISREG(info.st_mode):
        files.append(Path(entry.path))
    else:
        problems.append(not_regular(shown, info.st_mode, entry.is_symlink()))
