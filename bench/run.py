"""Benchmark the build against the floor of its stack, on synthetic campaigns of several sizes.

Usage:
    .venv/bin/python bench/run.py [--sizes 10,100,1000,5000] [--repeat N] [--json PATH]
                                  [--layout auto|file|folder] [--keep DIR] [--in-notice]

For each size (a number of activities) a synthetic campaign is written (bench/synthetic.py) into a
temporary folder, or into DIR/SIZE with --keep (left there afterwards). Each step runs in a fresh
process, and its wall time, CPU time (user + sys) and peak RSS are measured, from os.wait4: the
CPU time covers the child and the worker processes it waited for; the peak RSS is that of the
largest single process among them (ru_maxrss), not the sum of workers running at once:

    floor      bench/floor.py SITE OUT: the least work any generator on this stack must do
    full       build.py build, cold: the output and its .OUT.* folders (staging, cache) removed first
    no-change  the same build again, nothing edited
    one-edit   the same build after editing one activity in the middle (English title and body)
    warm       the same build after editing the page layout: every page rendered again, caches warm

With --repeat N each step runs N times and the run with the median wall time is reported.
`build.py --help` is timed too (median of 5). Builds get SOURCE_DATE_EPOCH=1222819200.

--layout: "file" keeps every activity in activities.yaml, "folder" gives each its own file in
activities/; "auto" (the default) is folder from 1000 activities up, file below.
Every synthetic activity has `in_notice: false` unless --in-notice is given.

Prints a table, the machine, and the targets checked at the largest size; writes all of it as
JSON to --json (default bench/results.json). A build that fails aborts the run with its stderr.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.synthetic import edit_activity, make_campaign  # noqa: E402

BUILD = REPO / "build.py"
FLOOR = REPO / "bench" / "floor.py"
SOURCE_DATE_EPOCH = "1222819200"
STEPS = ("floor", "full", "no-change", "one-edit", "warm")
FOLDER_FROM = 1000  # --layout auto: the folder layout from this many activities up
HELP_RUNS = 5
TARGETS = {"full_vs_floor": 1.3, "no_change_vs_full": 0.10, "one_edit_vs_full": 0.15,
           "peak_mib": 400.0, "help_s": 0.3}
COLUMNS = (("activities", 10), ("step", 9), ("pages", 6), ("wall s", 8), ("CPU s", 8),
           ("pages/s", 9), ("peak MiB", 9), ("ratio", 6))


class StepFailed(Exception):
    """A measured command exited with a non-zero status."""


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    peak_mib: float
    stdout: str


@dataclass
class Row:
    activities: int
    layout: str
    step: str
    pages: int
    wall_s: float
    cpu_s: float
    pages_per_s: float
    peak_mib: float
    ratio: float
    walls_s: list[float]


# ---------------------------------------------------------------- measuring one process

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
    if output.exists():
        shutil.rmtree(output)
    for sibling in output.parent.glob(f".{output.name}.*"):
        if sibling.is_dir() and not sibling.is_symlink():
            shutil.rmtree(sibling)
        else:
            sibling.unlink()


# ---------------------------------------------------------------- the steps of one size

def build_command(site: Path, output: Path) -> list[str]:
    return [sys.executable, str(BUILD), "build", "--site", str(site), "--output", str(output)]


def run_floor(site: Path, output: Path) -> Run:
    clear_output(output)
    return measure([sys.executable, str(FLOOR), str(site), str(output)], "floor")


def run_full(site: Path, output: Path) -> Run:
    clear_output(output)
    return measure(build_command(site, output), "full build")


def run_no_change(site: Path, output: Path) -> Run:
    return measure(build_command(site, output), "no-change build")


def one_edit_runner(activities: int):
    """Each call edits the middle activity anew (a different text every time), then builds."""
    middle = (activities + 1) // 2
    versions = itertools.count(1)

    def run(site: Path, output: Path) -> Run:
        edit_activity(site, middle, next(versions))
        return measure(build_command(site, output), "one-edit build")
    return run


def warm_runner():
    """Each call edits the page layout (a site-level copy of templates/base.html with a new comment),
    so that every page is rendered again with the caches warm (data readings, converted Markdown)."""
    versions = itertools.count(1)

    def run(site: Path, output: Path) -> Run:
        layout = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
        (site / "templates").mkdir(exist_ok=True)
        (site / "templates" / "base.html").write_text(
            layout.replace("<body", f"<!-- layout edit {next(versions)} -->\n<body", 1), encoding="utf-8")
        return measure(build_command(site, output), "warm build")
    return run


def repeated(step, site: Path, output: Path, repeat: int) -> tuple[Run, list[float]]:
    runs = [step(site, output) for _ in range(repeat)]
    return median_run(runs), [round(run.wall_s, 4) for run in runs]


def choose_layout(layout: str, activities: int) -> str:
    if layout != "auto":
        return layout
    return "folder" if activities >= FOLDER_FROM else "file"


def bench_size(activities: int, layout: str, in_notice_field: bool, repeat: int, work: Path) -> list[Row]:
    """Generate one campaign in `work` and measure the five steps on it."""
    site = make_campaign(work / "site", activities, layout=layout, in_notice_field=in_notice_field)
    floor_out, output = work / "floor", work / "output"
    floor, floor_walls = repeated(run_floor, site, floor_out, repeat)
    floor_pages = count_pages(floor_out)
    full, full_walls = repeated(run_full, site, output, repeat)
    pages = count_pages(output)
    no_change, no_change_walls = repeated(run_no_change, site, output, repeat)
    one_edit, one_edit_walls = repeated(one_edit_runner(activities), site, output, repeat)
    warm, warm_walls = repeated(warm_runner(), site, output, repeat)

    def row(step: str, run: Run, walls: list[float], step_pages: int, ratio: float) -> Row:
        return Row(activities, layout, step, step_pages, round(run.wall_s, 4), round(run.cpu_s, 4),
                   round(step_pages / run.wall_s, 1), round(run.peak_mib, 1), round(ratio, 3), walls)
    return [row("floor", floor, floor_walls, floor_pages, 1.0),
            row("full", full, full_walls, pages, full.wall_s / floor.wall_s),
            row("no-change", no_change, no_change_walls, pages, no_change.wall_s / full.wall_s),
            row("one-edit", one_edit, one_edit_walls, pages, one_edit.wall_s / full.wall_s),
            row("warm", warm, warm_walls, pages, warm.wall_s / full.wall_s)]


def bench_help() -> float:
    """The median wall time of `build.py --help`."""
    return statistics.median(measure([sys.executable, str(BUILD), "--help"], "build.py --help").wall_s
                             for _ in range(HELP_RUNS))


# ---------------------------------------------------------------- reporting

def machine() -> dict:
    return {"cpu_count": os.cpu_count(), "platform": platform.platform(),
            "python": platform.python_version(), "implementation": platform.python_implementation(),
            "cpu_model": cpu_model(), "load_average": _load_average(),
            "python_env": {name: value for name, value in os.environ.items()
                           if name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX", "PYTHONOPTIMIZE",
                                       "PYTHONHASHSEED", "PYTHONMALLOC")}}


def _load_average() -> list[float] | None:
    """The load at the end of the run: other work on the machine makes the wall times longer."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None


def cpu_model() -> str | None:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.lower().startswith(("model name", "hardware", "cpu model")):
            return line.split(":", 1)[1].strip()
    return None


def check_targets(rows: list[Row], help_s: float) -> list[dict]:
    """The targets at the largest size, each with its figures and whether it is met."""
    largest = max(row.activities for row in rows)
    at = {row.step: row for row in rows if row.activities == largest}
    peak = max(at[step].peak_mib for step in ("full", "no-change", "one-edit"))

    def target(name: str, figure: float, limit: float, text: str) -> dict:
        return {"name": name, "activities": largest, "value": round(figure, 3), "limit": limit,
                "met": figure <= limit, "text": text}
    return [
        target("full_vs_floor", at["full"].wall_s / at["floor"].wall_s, TARGETS["full_vs_floor"],
               f"full {at['full'].wall_s:.2f} s vs floor {at['floor'].wall_s:.2f} s"),
        target("no_change_vs_full", at["no-change"].wall_s / at["full"].wall_s, TARGETS["no_change_vs_full"],
               f"no-change {at['no-change'].wall_s:.2f} s vs full {at['full'].wall_s:.2f} s"),
        target("one_edit_vs_full", at["one-edit"].wall_s / at["full"].wall_s, TARGETS["one_edit_vs_full"],
               f"one-edit {at['one-edit'].wall_s:.2f} s vs full {at['full'].wall_s:.2f} s"),
        target("peak_mib", peak, TARGETS["peak_mib"], f"peak {peak:.0f} MiB (largest of the three builds)"),
        target("help_s", help_s, TARGETS["help_s"], f"build.py --help {help_s:.3f} s (median of {HELP_RUNS})"),
    ]


def table(rows: list[Row]) -> str:
    header = " ".join(f"{name:>{width}}" for name, width in COLUMNS)
    lines = [header, "-" * len(header)]
    for row in rows:
        cells = (row.activities, row.step, row.pages, f"{row.wall_s:.3f}", f"{row.cpu_s:.3f}",
                 f"{row.pages_per_s:.0f}", f"{row.peak_mib:.1f}", f"{row.ratio:.2f}")
        lines.append(" ".join(f"{cell:>{width}}" for cell, (_, width) in zip(cells, COLUMNS, strict=True)))
    return "\n".join(lines)


def describe_targets(targets: list[dict]) -> str:
    limits = {"full_vs_floor": "full ≤ 1.3× floor", "no_change_vs_full": "no-change ≤ 0.10× full",
              "one_edit_vs_full": "one-edit ≤ 0.15× full", "peak_mib": "peak ≤ 400 MiB", "help_s": "--help ≤ 0.3 s"}
    lines = [f"Targets at {targets[0]['activities']} activities:"]
    for item in targets:
        verdict = "met" if item["met"] else "NOT met"
        lines.append(f"  {limits[item['name']]:<24} {verdict:<8} {item['value']:g}  ({item['text']})")
    return "\n".join(lines)


def describe_machine(info: dict) -> str:
    return (f"Machine: {info['cpu_count']} CPUs, {info['cpu_model'] or 'CPU model unknown'}; "
            f"{info['platform']}; Python {info['python']}; load average {info['load_average']}"
            + "".join(f"; {name}={value}" for name, value in info["python_env"].items()))


# ---------------------------------------------------------------- the command

def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes, default=[10, 100, 1000, 5000],
                        help="numbers of activities, comma-separated (default: 10,100,1000,5000)")
    parser.add_argument("--repeat", type=positive, default=1, help="runs of each step; the median is kept (default 1)")
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results.json", metavar="PATH",
                        help="where to write the results (default: bench/results.json)")
    parser.add_argument("--layout", choices=("auto", "file", "folder"), default="auto",
                        help=f"activities.yaml (file) or activities/ (folder); auto: folder from {FOLDER_FROM} up")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="generate the campaigns and outputs in DIR/SIZE and leave them there")
    parser.add_argument("--in-notice", action="store_true",
                        help="do not write 'in_notice: false' into the synthetic activities")
    return parser.parse_args(argv)


def sizes(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of numbers") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive numbers")
    return values


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run_all(args: argparse.Namespace) -> list[Row]:
    rows = []
    for activities in args.sizes:
        layout = choose_layout(args.layout, activities)
        print(f"… {activities} activities ({layout} layout)", file=sys.stderr, flush=True)
        try:
            if args.keep:
                work = args.keep / str(activities)
                work.mkdir(parents=True, exist_ok=True)
                rows += bench_size(activities, layout, not args.in_notice, args.repeat, work)
            else:
                with tempfile.TemporaryDirectory(prefix=f"bench-{activities}-") as folder:
                    rows += bench_size(activities, layout, not args.in_notice, args.repeat, Path(folder))
        except StepFailed as exc:
            raise StepFailed(f"At {activities} activities, {layout} layout: {exc}\n{failure_hint(args, layout)}") \
                from None
    return rows


def failure_hint(args: argparse.Namespace, layout: str) -> str:
    """What to try when a build fails on the synthetic campaign: the features it may not know yet."""
    hints = []
    if layout == "folder":
        hints.append("--layout file (the folder layout needs a build.py that reads activities/)")
    if not args.in_notice:
        hints.append("--in-notice (leaves out 'in_notice: false', for a build.py that does not know that key)")
    return ("If the build does not know these inputs yet, try: " + "; ".join(hints)) if hints else ""


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        rows = run_all(args)
        help_s = bench_help()
    except StepFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    info, targets = machine(), check_targets(rows, help_s)
    results = {"date": datetime.now().isoformat(timespec="seconds"), "machine": info, "sizes": args.sizes,
               "layout": args.layout, "in_notice_field": not args.in_notice, "repeat": args.repeat,
               "source_date_epoch": SOURCE_DATE_EPOCH, "help_wall_s": round(help_s, 4),
               "rows": [asdict(row) for row in rows], "targets": targets}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(rows))
    print()
    print(describe_machine(info))
    print(describe_targets(targets))
    print(f"\nResults written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
