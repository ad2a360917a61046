"""One writer at a time: a lock on an output folder (and its cache folder), beside them.

Takes: the output folder, and what to say while waiting for another build.
Gives: a context holding an exclusive lock on `.OUTPUT.lock` beside the output folder for as long
as a build reads the previous build's record and writes the site, its record and its caches; or
`SiteError` when another process holds it for longer than `WAIT_SECONDS`.
The lock is the kernel's (flock): it ends with the process that holds it, however that process
ends, so a lock left by a killed build is free at once; the file itself stays and only says which
process held it last (for the waiting message).
"""
from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Problem, SiteError, os_problem
from ..faults import reached

WAIT_SECONDS = 60.0
POLL_SECONDS = 0.1


def lock_path(output: Path) -> Path:
    return output.parent / f".{output.name}.lock"


@contextmanager
def output_lock(output: Path, announce: Callable[[str], None], wait_seconds: float = WAIT_SECONDS) -> Iterator[None]:
    path = lock_path(output)
    descriptor = _open(path, output)
    try:
        _acquire(descriptor, output, announce, wait_seconds)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        reached("locked")
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _open(path: Path, output: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        reached("lock", path)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise SiteError([os_problem(exc, str(path), hint="the folder that holds the output folder must be "
                                                         "writable: a build keeps its lock file there")]) from None


def _acquire(descriptor: int, output: Path, announce: Callable[[str], None], wait_seconds: float) -> None:
    path = lock_path(output)
    deadline = time.monotonic() + wait_seconds
    announced = False
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise
        holder = _holder(path)
        if not announced:
            announce(f"waiting for the build of process {holder} to finish… "
                     "— let it finish, or stop it to build at once")
            announced = True
        if time.monotonic() >= deadline:
            raise SiteError([Problem(str(output),
                                     message=f"another build (process {holder}) is still writing this folder "
                                             f"after {wait_seconds:.0f} s",
                                     hint="wait for it to finish and build again, or stop it")])
        time.sleep(POLL_SECONDS)


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip() or "?"
    except (OSError, UnicodeDecodeError):
        return "?"
