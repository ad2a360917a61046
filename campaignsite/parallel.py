"""Running one task on several cores: forked worker processes that share the parent's memory.

Takes: a function of a task's number (0 .. n-1), how many tasks, and how many workers to run them.
Gives: a handle whose `results()` yields what each task returned, as each is ready; an exception
a task raised is raised again in the parent.
Workers are forked, so they see the parent's model and compiled templates without copying them
(the task itself is never pickled: a forked child starts with it in memory); only results travel,
pickled, through a queue. Each worker dies with the parent, so a killed build leaves no worker
writing behind it; a worker that dies is reported, not waited for.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import queue
import signal
import traceback
from collections.abc import Callable, Iterator
from typing import Any

_STOPPING = {signal.SIGTERM, signal.SIGINT}  # how a worker is stopped (terminate) or the user stops a build
_POLL_SECONDS = 0.5  # how often a parent waiting for results checks that its workers are alive


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class WorkerDied(RuntimeError):
    """A worker process ended without sending its results (killed, or out of memory)."""


class Workers:
    """`task(0)` .. `task(tasks - 1)` run by `count` forked processes; `results()` gives each result
    as soon as it is ready (in no set order), so the parent can use one while others are made."""

    def __init__(self, task: Callable[[int], Any], count: int, tasks: int) -> None:
        context = multiprocessing.get_context("fork")
        self._tasks = tasks
        self._jobs: Any = context.SimpleQueue()
        self._results: Any = context.Queue()
        for number in range(tasks):
            self._jobs.put(number)
        for _ in range(count):
            self._jobs.put(None)  # one stop sign per worker
        self._processes = [context.Process(target=_work, args=(task, self._jobs, self._results), daemon=True)
                           for _ in range(count)]
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)  # until the worker has its own handlers
        try:
            for process in self._processes:
                process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    def results(self) -> Iterator[Any]:
        try:
            for _ in range(self._tasks):
                failed, value = self._next()
                if failed:
                    raise value
                yield value
        finally:
            self._stop()

    def _next(self) -> tuple[bool, Any]:
        while True:
            try:
                return self._results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in self._processes):
                    raise WorkerDied("a worker process ended without finishing its work") from None

    def _stop(self) -> None:
        for process in self._processes:
            if process.is_alive():
                process.terminate()
        for process in self._processes:
            process.join()
        self._results.close()


def _work(task: Callable[[int], Any], jobs: Any, results: Any) -> None:
    _die_with_parent()
    _default_signals()
    while (number := jobs.get()) is not None:
        try:
            results.put((False, task(number)))
        except BaseException as exc:  # sent back to be raised in the parent
            results.put((True, _sendable(exc)))
    results.close()
    results.join_thread()


def _sendable(exc: BaseException) -> BaseException:
    """The exception itself when it pickles, else its traceback as text (an exception that cannot
    travel would leave the parent waiting for a result that never comes)."""
    try:
        pickle.dumps(exc)
        return exc
    except Exception:
        return RuntimeError("".join(traceback.format_exception(exc)))


def _default_signals() -> None:
    """A worker ends quietly when it is stopped: the preview's handlers (Ctrl-C and SIGTERM raise KeyboardInterrupt
    there, to stop serving) are inherited by a fork, and would print a traceback from every worker stopped. The
    signals stay blocked from the fork (in the parent's thread) until the defaults are back."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the build process dies (PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
