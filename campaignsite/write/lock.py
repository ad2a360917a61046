"""One writer at a time: a lock on an output folder (and its cache folder), or on a campaign's sources.

Takes: the output folder (or a campaign folder), and what to say while waiting for another process.
Gives: a context holding an exclusive lock on `.OUTPUT.lock` beside the output folder for as long as a build
reads the previous build's record and writes the site, its record and its caches (`output_lock`); on
the campaign folder itself for as long as a command writes its sources (`sources_lock`); or
`SiteError` when another process holds it for longer than the wait, or when something other than a regular
file (a symbolic link, a FIFO) lies where the lock file belongs: it is never followed.
The lock is the kernel's (flock): it ends with the process that holds it, however that process
ends, so a lock left by a killed process is free at once; the file itself stays and only says which
process held it last (for the waiting message).
"""
from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Problem, SiteError, os_problem
from ..faults import reached
from ..ownfiles import NotOwnFile, open_own_file

WAIT_SECONDS = 60.0
POLL_SECONDS = 0.1


def lock_path(output: Path) -> Path:
    return output.parent / f".{output.name}.lock"


@contextmanager
def output_lock(output: Path, announce: Callable[[str], None], wait_seconds: float = WAIT_SECONDS) -> Iterator[None]:
    with _exclusive(lock_path(output), str(output),
                    "the folder that holds the output folder must be writable: a build keeps its lock file there",
                    announce, wait_seconds):
        yield


@contextmanager
def sources_lock(site: Path, announce: Callable[[str], None], wait_seconds: float = WAIT_SECONDS) -> Iterator[None]:
    """Held by every command that writes a campaign's sources, so that two never mix their writes. The lock is
    on the campaign folder itself: no file is added to the author's folder."""
    try:
        descriptor = os.open(site, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        raise SiteError([Problem(str(site), message="is not a campaign folder",
                                 hint="name the campaign's folder with --site, or make one with 'init'")]) from None
    try:
        _acquire(descriptor, None, str(site), announce, wait_seconds)
        reached("sources-locked")
        yield
    finally:
        os.close(descriptor)


@contextmanager
def _exclusive(path: Path, shown: str, unwritable_hint: str, announce: Callable[[str], None],
               wait_seconds: float) -> Iterator[None]:
    descriptor = _open(path, unwritable_hint)
    try:
        _acquire(descriptor, path, shown, announce, wait_seconds)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        reached("locked")
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _open(path: Path, unwritable_hint: str) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        reached("lock", path)
        return open_own_file(path, os.O_RDWR | os.O_CREAT)
    except NotOwnFile as exc:
        raise SiteError([Problem(str(path), message=f"{exc.found} lies where the tool keeps its lock file; "
                                                    "it is not followed",
                                 hint=f"remove it ('{path.name}'), then run the command again: the tool makes "
                                      "its own")]) from None
    except OSError as exc:
        raise SiteError([os_problem(exc, str(path), hint=unwritable_hint)]) from None


def _acquire(descriptor: int, path: Path | None, shown: str, announce: Callable[[str], None],
             wait_seconds: float) -> None:
    import fcntl

    deadline = time.monotonic() + wait_seconds
    announced = False
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise
        holder = f"the build of process {_holder(descriptor)}" if path is not None else \
            "another command that changes this campaign's files"
        if not announced:
            announce(f"waiting for {holder} to finish… "
                     f"— let it finish, or stop it to {'build' if path is not None else 'run this one'} at once")
            announced = True
        if time.monotonic() >= deadline:
            raise SiteError([Problem(shown,
                                     message=f"{holder} is still writing this folder after {wait_seconds:.0f} s"
                                     if path is None else f"another build (process {_holder(descriptor)}) is "
                                                          f"still writing this folder after {wait_seconds:.0f} s",
                                     hint="wait for it to finish and "
                                          f"{'build' if path is not None else 'run this'} again, or stop it")])
        time.sleep(POLL_SECONDS)


def _holder(descriptor: int) -> str:
    """The process that wrote its number into the lock file after taking the lock (read through the descriptor
    already open, never the path again)."""
    try:
        text = os.pread(descriptor, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return "?"
    return text if text.isdigit() else "?"
