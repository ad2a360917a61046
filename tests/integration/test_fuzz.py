"""Fuzz: hostile edits of the default campaign end in a good site or in located problems, never worse.

Each case copies the default campaign (already built once, so the build is an update of an existing
output/), makes one mutation of one file (tests/fuzzing.py) and runs `build.py build` in a fresh
process. The build must then either exit 0 with a site byte-equal to a full build of the same
sources into a fresh folder, or exit 1 with every stderr line located (`file:line:col: …` or
`file: …`, the count line last) and output/ exactly as it was; never a traceback, never over 20 s.

Mutations are drawn from a fixed seed, one class after another, so a run is reproducible.
  FUZZ_MUTATIONS=1000   how many (default 100)
  FUZZ_SEED=N           another seed (the seed is printed)
  FUZZ_JOBS=N           builds at once (default: the cores plus one)
  FUZZ_REPLAY='{…}'     run one mutation as printed for a failure (its class's test runs it alone)
  FUZZ_ONLY=4,27        run only these mutations of the run (by number, as printed: #4, #27)
  FUZZ_VERBOSE=1        print every case with its outcome, not only the failures
`pytest -s` shows the outcomes by class and the slowest case at the end.
"""
from __future__ import annotations

import functools
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fuzzing import CLASSES, Mutation, apply, draw
from tests.helpers import REPO
from tests.integration.test_incremental import default_copy

SEED = int(os.environ.get("FUZZ_SEED", "2008"))
COUNT = int(os.environ.get("FUZZ_MUTATIONS", "100"))
JOBS = int(os.environ.get("FUZZ_JOBS", str(len(os.sched_getaffinity(0)) + 1)))
REPLAY = os.environ.get("FUZZ_REPLAY")
ONLY = {int(n) for n in os.environ.get("FUZZ_ONLY", "").split(",") if n.strip()}
VERBOSE = os.environ.get("FUZZ_VERBOSE") == "1"
TIMEOUT = 20
TODAY = "2008-09-10"
LOCATED = re.compile(r"^[\w.\-/]+(:\d+(:\d+)?)?: \S")
COUNT_LINE = re.compile(r"^\d+ errors?; nothing was written\.$")
GOOD = ("built", "refused")


@dataclass
class Outcome:
    mutation: Mutation
    outcome: str  # built, refused; or traceback, timeout, unlocated, output-changed, differs, exit-N
    seconds: float  # the slower of the case's builds
    detail: str = ""
    index: int = -1


class Timeout(Exception):
    pass


@functools.cache
def planned() -> dict[str, list[tuple[int, Mutation]]]:
    """{class: [(index, mutation)]} for this run (one mutation alone when replaying)."""
    if REPLAY:
        mutation = Mutation.from_json(REPLAY)
        return {mutation.cls: [(0, mutation)]}
    plan: dict[str, list[tuple[int, Mutation]]] = {cls: [] for cls in CLASSES}
    for index in sorted(ONLY) or range(COUNT):
        mutation = draw(SEED, index)
        plan[mutation.cls].append((index, mutation))
    return plan


# --- running a case -------------------------------------------------------------------------------------------

def build(site: Path, *extra: str) -> tuple[subprocess.CompletedProcess, float]:
    """`build.py build` in a fresh process, and its seconds; Timeout after 20 s (the process is killed)."""
    started = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--site", str(site),
                                 "--today", TODAY, *extra], cwd=site.parent, capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise Timeout from None
    return result, time.perf_counter() - started


def state(site: Path) -> tuple[dict[str, tuple[bytes, int]], list[str]]:
    """Every file of output/ with its bytes and time, and the names beside it (no staging left behind)."""
    output = site / "output"
    files = {p.relative_to(output).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
             for p in sorted(output.rglob("*")) if p.is_file()}
    return files, sorted(p.name for p in site.iterdir())


def site_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_case(index: int, mutation: Mutation, template: Path, work: Path) -> Outcome:
    case = work / f"case-{index}"
    shutil.copytree(template, case, symlinks=True)
    site = case / "site"
    seconds = [0.0]
    try:
        apply(mutation, site, case)
        before = state(site)
        result, seconds[0] = build(site)
        outcome, detail = judge(result, site, before, seconds)
    except Timeout:
        outcome, detail = "timeout", f"{'the full build' if seconds[0] else 'the build'} had no end in {TIMEOUT} s"
        seconds.append(TIMEOUT)
    finally:
        shutil.rmtree(case, ignore_errors=True)
    return Outcome(mutation, outcome, max(seconds), detail, index)


def judge(result: subprocess.CompletedProcess, site: Path, before, seconds: list[float]) -> tuple[str, str]:
    stderr = result.stderr.decode("utf-8", "replace")
    said = stderr + result.stdout.decode("utf-8", "replace")
    if "Traceback" in said:
        return "traceback", said[-1200:]
    if result.returncode == 0:
        return same_as_full_build(site, seconds)
    if result.returncode != 1:
        return f"exit-{result.returncode}", said[-2000:]
    lines = stderr.rstrip("\n").split("\n")  # only a newline ends a line on a terminal
    unlocated = [line for line in lines[:-1] if not LOCATED.match(line)]
    if len(lines) < 2 or not COUNT_LINE.match(lines[-1]) or unlocated:
        return "unlocated", "\n".join(unlocated or lines)[-2000:]
    if state(site) != before:
        return "output-changed", stderr[-2000:]
    return "refused", lines[0][:200]


def same_as_full_build(site: Path, seconds: list[float]) -> tuple[str, str]:
    fresh = site.parent / "fresh"
    full, took = build(site, "--output", str(fresh))
    seconds.append(took)
    if full.returncode != 0:
        return "differs", f"the full build exits {full.returncode}: {full.stderr.decode('utf-8', 'replace')[-2000:]}"
    updated, built = site_files(site / "output"), site_files(fresh)
    if updated != built:
        paths = sorted(p for p in updated.keys() | built.keys() if updated.get(p) != built.get(p))
        return "differs", f"{len(paths)} files differ from a full build: {paths[:5]}"
    return "built", ""


# --- reporting ----------------------------------------------------------------------------------------------------

def summary(outcomes: list[Outcome], seconds: float) -> str:
    kinds = sorted({o.outcome for o in outcomes}, key=lambda k: (k not in GOOD, GOOD.index(k) if k in GOOD else k))
    counts = Counter((o.mutation.cls, o.outcome) for o in outcomes)
    lines = [f"\nfuzz: seed {SEED}: {len(outcomes)} mutations in {seconds:.1f} s, {JOBS} builds at once",
             f"{'class':<16}" + "".join(f"{k:>15}" for k in kinds) + f"{'total':>8}"]
    for cls in CLASSES:
        row = [counts[cls, k] for k in kinds]
        if sum(row):
            lines.append(f"{cls:<16}" + "".join(f"{n:>15}" for n in row) + f"{sum(row):>8}")
    lines.append(f"{'all':<16}" + "".join(f"{sum(counts[c, k] for c in CLASSES):>15}" for k in kinds)
                 + f"{len(outcomes):>8}")
    for label, chosen in (("slowest", outcomes), ("slowest that ended", [o for o in outcomes if o.outcome in GOOD])):
        if chosen:
            slowest = max(chosen, key=lambda o: o.seconds)
            lines.append(f"{label}: #{slowest.index} {slowest.mutation.cls} -> {slowest.outcome}, "
                         f"{slowest.seconds:.2f} s: {slowest.mutation.file}: {slowest.mutation.what}")
    lines += [describe(o) for o in outcomes if o.outcome not in GOOD]
    if VERBOSE:
        lines += [f"#{o.index} {o.mutation.cls} -> {o.outcome} ({o.seconds:.2f} s): {o.mutation.file}: "
                  f"{o.mutation.what}: {o.detail[:300]!r}" for o in sorted(outcomes, key=lambda o: o.index)]
    return "\n".join(lines)


def describe(outcome: Outcome) -> str:
    """A failure, whole: what was done, what came out, and how to run it alone."""
    mutation = outcome.mutation
    command = "pytest -s -p no:cacheprovider tests/integration/test_fuzz.py"
    alone = f"  replay: FUZZ_SEED={SEED} FUZZ_ONLY={outcome.index} {command}\n" if not REPLAY else ""
    return (f"#{outcome.index} {mutation.cls} -> {outcome.outcome} ({outcome.seconds:.1f} s): {mutation.file}: "
            f"{mutation.what}\n  {outcome.detail.strip()[-1500:]}\n{alone}"
            f"  replay: FUZZ_REPLAY={shlex.quote(mutation.to_json())} {command}")


# --- the test -----------------------------------------------------------------------------------------------------

class KnownFailure(AssertionError):
    """Failures of a class being fixed on another branch, every one of the kind named in PENDING."""


# Classes with failures fixed on other branches: the reason, and which failures are those. A failure
# of another kind in these classes fails the test; once the fix merges, the class passes (XPASS).
PENDING: dict[str, tuple[str, Callable[[Outcome], bool]]] = {}  # every class is fixed


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The default campaign, built once (each case updates this output/)."""
    folder = tmp_path_factory.mktemp("fuzz-template")
    site = default_copy(folder)
    result, _ = build(site)
    assert result.returncode == 0, result.stderr
    print(f"\nfuzz: seed {SEED}, {COUNT} mutations" + (" (replaying one)" if REPLAY else ""))
    return folder


@pytest.fixture(scope="module")
def ledger():
    """Every outcome of the module's tests; their table is printed at the end."""
    outcomes: list[Outcome] = []
    started = time.perf_counter()
    yield outcomes
    print(summary(outcomes, time.perf_counter() - started))


@pytest.mark.parametrize("cls", [
    pytest.param(cls, marks=pytest.mark.xfail(raises=KnownFailure, strict=False, reason=PENDING[cls][0]))
    if cls in PENDING else cls for cls in CLASSES])
def test_hostile_input_gives_a_good_site_or_located_problems(cls, template, ledger, tmp_path):
    cases = planned().get(cls, [])
    if not cases:
        pytest.skip(f"no {cls} mutation in this run")
    with ThreadPoolExecutor(JOBS) as pool:
        outcomes = list(pool.map(lambda case: run_case(*case, template, tmp_path), cases))
    ledger.extend(outcomes)
    failures = [o for o in outcomes if o.outcome not in GOOD]
    known = [o for o in failures if cls in PENDING and PENDING[cls][1](o)]
    message = f"{len(failures)} of {len(outcomes)} {cls} mutations failed:\n" + "\n".join(map(describe, failures))
    assert len(known) == len(failures), message
    if failures:
        raise KnownFailure(message)
