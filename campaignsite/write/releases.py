"""Two release folders and a symbolic link: how a site is published so that a reader never sees a mix.

Takes: the output path and the release folders beside it.
Gives: `output` as a symbolic link to one of two release folders, `.OUTPUT.releases/a` and `.OUTPUT.releases/b`
(`switch`, atomic: a new link renamed over the old one); the other release kept equal to it, file for file the
same inodes (hard links), so that an update is written into the release nobody reads and then switched to
(`make_twin`, `is_twin`, `link_over`); whether this system can do it at all (`links_work`).

A twin is proved by its marker file: `make_twin` removes the twin's marker first and links the active release's
marker last, so a twin whose marker is not the same inode as the active release's is unfinished (or was
replaced) and is made again. Making a twin touches only the entries that differ (one directory read per folder
otherwise), so after a full build, whose new files are hard links to the old site's where unchanged, it costs
little more than reading the folders.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import stat
from pathlib import Path

from ..faults import reached
from ..load import MARKER
from ..ownfiles import NotOwnFile, check_not_planted

RELEASES = ("a", "b")
LINKING = ".link.tmp"  # ends the name of a link being made, beside what it will replace
DISCARDED = ".gone-"  # starts the name of a release being removed


def releases_dir(output: Path) -> Path:
    return output.parent / f".{output.name}.releases"


def link_text(output: Path, release: str) -> str:
    """What `output` holds when it links to `release`: a path relative to the link's folder, so that the
    campaign folder can be moved or copied with its site."""
    return os.path.join(releases_dir(output).name, release)


def other(release: str) -> str:
    return RELEASES[1 - RELEASES.index(release)]


def active_release(output: Path) -> str | None:
    """The release `output` links to (which may be gone), or None when `output` is no link (a folder, or
    nothing). A link the tool did not make is refused (`NotOwnFile`): it is never followed or replaced."""
    if not os.path.islink(output):
        return None
    text = os.readlink(output)
    for release in RELEASES:
        if text == link_text(output, release):
            return release
    raise NotOwnFile(output, "a symbolic link")


def check_own_folder(path: Path) -> None:
    """Refuse anything but a real folder (or nothing) where the tool keeps one of its folders."""
    check_not_planted(path)
    if os.path.lexists(path) and not os.path.isdir(path):
        raise NotOwnFile(path, "a file")


def check_releases(output: Path) -> None:
    folder = releases_dir(output)
    check_own_folder(folder)
    for release in RELEASES:
        check_own_folder(folder / release)


def links_work(folder: Path, name: str) -> bool:
    """Whether symbolic links can be made in `folder` and one renamed over another (not on every system:
    Windows without the privilege, some network and FAT disks); then the site is swapped in as a folder."""
    first, second = folder / f".{name}{LINKING}", folder / f".{name}.probe{LINKING}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path in (first, second):
            _remove_temporary(path)
        reached("symlink", first)
        os.symlink(".", first, target_is_directory=True)
        os.symlink(".", second, target_is_directory=True)
        os.replace(second, first)
        return True
    except (OSError, NotImplementedError):
        return False
    finally:
        for path in (first, second):
            with contextlib.suppress(OSError):
                _remove_temporary(path)


def switch(output: Path, release: str) -> None:
    """Make `output` link to `release` in one step (a new link renamed over it), then make it durable."""
    text = link_text(output, release)
    if os.path.islink(output) and os.readlink(output) == text:
        return
    temporary = output.parent / f".{output.name}{LINKING}"
    _remove_temporary(temporary)
    os.symlink(text, temporary, target_is_directory=True)
    reached("switch", output)
    os.replace(temporary, output)
    fsync_dir(output.parent)


def remove_link_temporary(output: Path) -> None:
    """The link a killed `switch` or `links_work` left half made."""
    for name in (f".{output.name}{LINKING}", f".{output.name}.probe{LINKING}"):
        _remove_temporary(output.parent / name)


def _remove_temporary(path: Path) -> None:
    """Remove a temporary of this module: a link or a file (never followed); anything else is refused."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        raise NotOwnFile(path, "a folder") from None


def discard(path: Path) -> None:
    """Remove a release folder: renamed first (so that no half-removed folder is ever taken for a release),
    then removed without following any link inside."""
    if not os.path.lexists(path):
        return
    gone = path.parent / f"{DISCARDED}{path.name}"
    _remove_tree(gone)
    os.rename(path, gone)
    _remove_tree(gone)


def remove_discarded(output: Path) -> None:
    """What a killed `discard` left."""
    folder = releases_dir(output)
    if not os.path.isdir(folder) or os.path.islink(folder):
        return
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(DISCARDED):
                _remove_tree(Path(entry.path))


def _remove_tree(path: Path) -> None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def is_twin(active: Path, twin: Path) -> bool:
    """`twin` is a finished twin of `active` (see the module's docstring)."""
    try:
        one, two = os.lstat(active / MARKER), os.lstat(twin / MARKER)
    except OSError:
        return False
    return stat.S_ISREG(one.st_mode) and (one.st_ino, one.st_dev) == (two.st_ino, two.st_dev)


def make_twin(active: Path, twin: Path) -> None:
    """Make `twin` hold every file of `active` as the same inode, and nothing else; only entries that differ
    are touched. Its marker goes first and comes back last."""
    check_own_folder(twin)
    twin.mkdir(exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(twin / MARKER)
    _same_folder(str(active), str(twin), top=True)
    reached("twin-made")
    link_over(str(active / MARKER), str(twin / MARKER))


def _same_folder(source: str, target: str, top: bool = False) -> None:
    with os.scandir(source) as entries:
        wanted = {entry.name: entry for entry in entries if not (top and entry.name == MARKER)}
    with os.scandir(target) as entries:
        present = {entry.name: entry for entry in entries if not (top and entry.name == MARKER)}
    for name, entry in list(present.items()):
        keep = wanted.get(name)
        if keep is None or entry.is_symlink() or entry.is_dir(follow_symlinks=False) != keep.is_dir(
                follow_symlinks=False):
            _remove_tree(Path(entry.path))
            del present[name]
    for name, entry in wanted.items():
        path = os.path.join(target, name)
        if entry.is_dir(follow_symlinks=False):
            if name not in present:
                os.mkdir(path)
            _same_folder(entry.path, path)
        elif entry.is_file(follow_symlinks=False):
            there = present.get(name)
            if there is None or there.inode() != entry.inode():
                link_over(entry.path, path)


def link_over(source: str, target: str) -> None:
    """Make `target` the same inode as `source` (a hard link made beside it, then renamed over it): a reader of
    `target` sees the old file or the new one, and a run killed in between leaves only a temporary that the
    next one replaces."""
    try:
        there = os.lstat(target)
    except FileNotFoundError:
        os.link(source, target)
        return
    here = os.lstat(source)
    if (there.st_ino, there.st_dev) == (here.st_ino, here.st_dev):
        return
    folder, name = os.path.split(target)
    temporary = os.path.join(folder, f".{name}{LINKING}")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)
    os.link(source, temporary)
    os.replace(temporary, target)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
