"""Named points where a test may stop the tool dead or make the system fail, to prove that every
step can be interrupted and every failure is reported.

Takes: the name of a point the code has reached (and the file it is about to touch), and the
environment variable CAMPAIGNSITE_FAULT.
Gives: nothing, unless CAMPAIGNSITE_FAULT names this point:
- `POINT`: the process kills itself at once (SIGKILL: no clean-up, no `finally`), exactly as a
  power cut or `kill -9` would stop it there;
- `POINT!ERRNO` (such as `move!EACCES`, `write!ENOSPC`): the operation fails with that error, as
  the operating system would fail it (a full disk, a folder without permission);
- `POINT~SECONDS` (such as `locked~3`): the process waits there that long (another process then
  meets it mid-way, say holding the output folder's lock).
Only tests set the variable; a point that is not named costs one lookup in the environment.
"""
from __future__ import annotations

import errno
import os
import signal
import time

VARIABLE = "CAMPAIGNSITE_FAULT"


def reached(point: str, filename: str | os.PathLike[str] | None = None) -> None:
    fault = os.environ.get(VARIABLE)
    if not fault or not fault.startswith(point):
        return
    if fault == point:
        os.kill(os.getpid(), signal.SIGKILL)
    mark, argument = fault[len(point):len(point) + 1], fault[len(point) + 1:]
    if mark == "~":
        time.sleep(float(argument))
    elif mark == "!" and argument in errno.errorcode.values():
        code: int = getattr(errno, argument)
        raise OSError(code, os.strerror(code), os.fspath(filename) if filename is not None else None)
