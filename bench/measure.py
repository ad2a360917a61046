"""Measuring one command in a fresh process, for bench/run.py.

Takes: a command line. Gives: its wall time, its CPU time (user + sys of the process and of every worker
it waited for, from os.wait4) and its peak RSS (ru_maxrss: the largest single process among them, not the
sum of workers running at once); the median of several runs; the page count of an output folder.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build.py"
FLOOR = REPO / "bench" / "floor.py"
SOURCE_DATE_EPOCH = "1222819200"


class StepFailed(Exception):
    """A measured command exited with a non-zero status."""


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    peak_mib: float
    stdout: str


def measure(command: list[str], what: str) -> Run:
    """Run `command` in a fresh process; its wall time, CPU time and peak RSS. Raises StepFailed."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=REPO)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode != 0:
        raise StepFailed(f"{what} failed (exit {process.returncode}): {' '.join(command)}\n{stderr}{stdout}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout)


def median_run(runs: list[Run]) -> Run:
    """The run with the median wall time (the lower middle one for an even count)."""
    ordered = sorted(runs, key=lambda run: run.wall_s)
    return ordered[(len(ordered) - 1) // 2]


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def clear_output(output: Path) -> None:
    """Remove the output folder and the tool's folders beside it (.NAME.staging, .NAME.cache, ...)."""
    if output.is_symlink():  # the link to the release folders, which go with the siblings below
        output.unlink()
    elif output.exists():
        shutil.rmtree(output)
    for sibling in output.parent.glob(f".{output.name}.*"):
        if sibling.is_dir() and not sibling.is_symlink():
            shutil.rmtree(sibling)
        else:
            sibling.unlink()
