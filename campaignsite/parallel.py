"""Running one task on several cores: forked worker processes that share the parent's memory.

Takes: a function of a task's number (0 .. n-1), how many tasks, and how many workers to run them.
Gives: a handle whose `results()` yields what each task returned, as each is ready.
Workers are forked, so they see the parent's model and compiled templates without copying them;
each dies with the parent, so a killed build leaves no worker writing behind it.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from typing import Any, Callable, Iterator

_tasks: dict[int, Callable[[int], Any]] = {}  # pools' tasks, set in the parent before forking; read in the workers


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class Workers:
    """`task(0)` .. `task(tasks - 1)` run by `count` forked processes; `results()` gives each result
    as soon as it is ready (in no set order), so the parent can use one while others are made."""

    def __init__(self, task: Callable[[int], Any], count: int, tasks: int) -> None:
        self._key = id(self)
        _tasks[self._key] = task  # the forked workers inherit it; it is never pickled
        self._pool = multiprocessing.get_context("fork").Pool(count, initializer=_die_with_parent)
        self._pending = self._pool.imap_unordered(_run, [(self._key, number) for number in range(tasks)], chunksize=1)

    def results(self) -> Iterator[Any]:
        try:
            yield from self._pending
        finally:
            self._pool.terminate()
            self._pool.join()
            _tasks.pop(self._key, None)


def _run(job: tuple[int, int]) -> Any:
    key, number = job
    return _tasks[key](number)


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the build process dies (PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
