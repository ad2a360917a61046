"""The steps bench/run.py measures at one size, each in a fresh process (bench/measure.py).

Takes: a size (a number of activities), its layout, the steps chosen, the repeat count and a work folder.
Gives: one Row per step measured (the run with the median wall time of `repeat` runs) and one Skip per
step that could not run, with the reason. The steps, in the order they run:

    floor          bench/floor.py SITE OUT: the least work any generator on this stack must do
    full           build.py build --no-search, cold: the output and its .OUT.* folders removed first
    search         the same cold build with the search index (Pagefind), into its own output
    no-change      the build again, nothing edited
    one-edit       the build after editing one activity in the middle (English title and body)
    warm           the build after editing the page layout: every page rendered again, caches warm
    one-edit-file  one-edit on the same campaign with every activity in ONE activities.yaml (after an
                   untimed cold build of it)
    import         build.py import of the size's activities as an .xlsx (bench/import_sheet.py's
                   sheet) into a fresh copy of the repository's campaign
"""
from __future__ import annotations

import itertools
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.import_sheet import make_sheet
from bench.measure import BUILD, FLOOR, REPO, Run, StepFailed, clear_output, count_pages, measure, median_run
from bench.synthetic import edit_activity, make_campaign

STEPS = ("floor", "full", "search", "no-change", "one-edit", "warm", "one-edit-file", "import")
OWN_CAMPAIGN = {"one-edit-file", "import"}  # the steps that do not use the size's main campaign
RATIO_TO = {"full": "floor", "search": "full", "no-change": "full", "one-edit": "full", "warm": "full",
            "one-edit-file": "full"}  # each step's ratio column: its wall time over that step's


@dataclass
class Row:
    activities: int
    layout: str
    step: str
    pages: int | None
    wall_s: float
    cpu_s: float
    pages_per_s: float | None
    peak_mib: float
    ratio: float | None
    walls_s: list[float]
    cpus_s: list[float]


@dataclass
class Skip:
    activities: int
    step: str
    reason: str


@dataclass
class Plan:
    """What to measure at one size, and where."""

    activities: int
    layout: str
    in_notice_field: bool
    repeat: int
    steps: tuple[str, ...]
    work: Path

    @property
    def site(self) -> Path:
        return self.work / "site"

    @property
    def output(self) -> Path:
        return self.work / "output"


@dataclass
class Measured:
    run: Run
    walls_s: list[float]
    cpus_s: list[float]
    pages: int | None


Runner = Callable[[], Run]


def build_command(site: Path, output: Path, search: bool = False) -> list[str]:
    return [sys.executable, str(BUILD), "build", "--site", str(site), "--output", str(output)] \
        + ([] if search else ["--no-search"])


def repeated(runner: Runner, repeat: int) -> tuple[Run, list[float], list[float]]:
    runs = [runner() for _ in range(repeat)]
    return median_run(runs), [round(run.wall_s, 4) for run in runs], [round(run.cpu_s, 4) for run in runs]


def measured(runner: Runner, repeat: int, pages: Callable[[], int | None]) -> Measured:
    run, walls, cpus = repeated(runner, repeat)
    return Measured(run, walls, cpus, pages())


# ---------------------------------------------------------------- the runners

def cold(site: Path, output: Path, search: bool = False) -> Runner:
    def run() -> Run:
        clear_output(output)
        return measure(build_command(site, output, search), "search build" if search else "full build")
    return run


def floor(site: Path, output: Path) -> Runner:
    def run() -> Run:
        clear_output(output)
        return measure([sys.executable, str(FLOOR), str(site), str(output)], "floor")
    return run


def again(site: Path, output: Path) -> Runner:
    return lambda: measure(build_command(site, output), "no-change build")


def one_edit(site: Path, output: Path, activities: int) -> Runner:
    """Each call edits the middle activity anew (a different text every time), then builds."""
    middle, versions = (activities + 1) // 2, itertools.count(1)

    def run() -> Run:
        edit_activity(site, middle, next(versions))
        return measure(build_command(site, output), "one-edit build")
    return run


def warm(site: Path, output: Path) -> Runner:
    """Each call edits the page layout (a site-level copy of templates/base.html with a new comment),
    so that every page is rendered again with the caches warm (data readings, converted Markdown)."""
    versions = itertools.count(1)

    def run() -> Run:
        layout = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
        (site / "templates").mkdir(exist_ok=True)
        (site / "templates" / "base.html").write_text(
            layout.replace("<body", f"<!-- layout edit {next(versions)} -->\n<body", 1), encoding="utf-8")
        return measure(build_command(site, output), "warm build")
    return run


def import_sheet(sheet: Path, rows: int, site: Path) -> Runner:
    """Each call imports the sheet into a fresh copy of the repository's campaign (as bench/import_sheet.py)."""
    def run() -> Run:
        shutil.rmtree(site, ignore_errors=True)
        site.mkdir()
        for name in ("campaign.yaml", "activities.yaml", "slogans.yaml"):
            shutil.copy(REPO / name, site / name)
        shutil.copytree(REPO / "content", site / "content")
        run = measure([sys.executable, str(BUILD), "import", str(sheet), "--site", str(site)], "import")
        written = sum(1 for _ in (site / "activities").glob("*.yaml"))
        if written != rows:  # an import that wrote less would be timed for less work
            raise StepFailed(f"import wrote {written} activity files for a sheet of {rows} rows\n{run.stdout}")
        return run
    return run


def search_missing() -> str | None:
    """Why the search step cannot run (Pagefind not found where the build looks for it), or None."""
    from campaignsite.errors import SiteError
    from campaignsite.write.search import find_pagefind

    try:
        find_pagefind()
    except SiteError:
        return ("Pagefind not found ($CAMPAIGNSITE_PAGEFIND, .tools/pagefind, or the PATH): "
                "run 'bash scripts/setup.sh' to measure the search index")
    return None


# ---------------------------------------------------------------- one size

def step_measure(step: str, plan: Plan) -> Measured:
    """Run one step `plan.repeat` times; the main campaign's output is built first when a step needs it."""
    site, output, repeat = plan.site, plan.output, plan.repeat
    if step in ("no-change", "one-edit", "warm") and not output.exists():
        cold(site, output)()  # the build these steps start from, not timed
    if step == "floor":
        return measured(floor(site, plan.work / "floor"), repeat, lambda: count_pages(plan.work / "floor"))
    if step in ("full", "search"):
        target = output if step == "full" else plan.work / "output-search"
        return measured(cold(site, target, step == "search"), repeat, lambda: count_pages(target))
    if step == "one-edit-file":
        return one_edit_file(plan)
    if step == "import":
        sheet = make_sheet(plan.work / "activities.xlsx", plan.activities)
        return measured(import_sheet(sheet, plan.activities, plan.work / "import-site"), repeat, lambda: None)
    runner = {"no-change": again(site, output), "one-edit": one_edit(site, output, plan.activities),
              "warm": warm(site, output)}[step]
    return measured(runner, repeat, lambda: count_pages(output))


def one_edit_file(plan: Plan) -> Measured:
    """The same campaign in one activities.yaml: an untimed cold build, then one-edit."""
    site = make_campaign(plan.work / "site-file", plan.activities, layout="file",
                         in_notice_field=plan.in_notice_field)
    output = plan.work / "output-file"
    cold(site, output)()
    return measured(one_edit(site, output, plan.activities), plan.repeat, lambda: count_pages(output))


def bench_size(plan: Plan) -> tuple[list[Row], list[Skip]]:
    """Generate the campaign in `plan.work` and measure the chosen steps on it."""
    if set(plan.steps) - OWN_CAMPAIGN:
        make_campaign(plan.site, plan.activities, layout=plan.layout, in_notice_field=plan.in_notice_field)
        clear_output(plan.output)  # a kept output of an earlier run is not this campaign's build
    results: dict[str, Measured] = {}
    skips = []
    for step in (step for step in STEPS if step in plan.steps):
        reason = search_missing() if step == "search" else None
        if reason:
            print(f"  {step} skipped: {reason}", file=sys.stderr, flush=True)
            skips.append(Skip(plan.activities, step, reason))
            continue
        print(f"  {step}", file=sys.stderr, flush=True)
        results[step] = step_measure(step, plan)
    return [row(plan, step, found, results) for step, found in results.items()], skips


def row(plan: Plan, step: str, found: Measured, results: dict[str, Measured]) -> Row:
    base = results.get(RATIO_TO.get(step, ""))
    ratio = 1.0 if step == "floor" else (found.run.wall_s / base.run.wall_s if base else None)
    per_s = round(found.pages / found.run.wall_s, 1) if found.pages is not None else None
    layout = {"one-edit-file": "file", "import": "sheet"}.get(step, plan.layout)
    return Row(plan.activities, layout, step, found.pages, round(found.run.wall_s, 4), round(found.run.cpu_s, 4),
               per_s, round(found.run.peak_mib, 1), None if ratio is None else round(ratio, 3),
               found.walls_s, found.cpus_s)
