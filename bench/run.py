"""Benchmark the build against the floor of its stack, on synthetic campaigns of several sizes.

Usage:
    .venv/bin/python bench/run.py [--sizes 1000,5000,20000] [--repeat 5] [--steps STEP,...] [--json PATH]
                                  [--layout auto|file|folder] [--keep DIR] [--in-notice]
    .venv/bin/python bench/run.py --combine RESULTS.json... [--json PATH]

For each size (a number of activities) a synthetic campaign is written (bench/synthetic.py) into a
temporary folder, or into DIR/SIZE with --keep (left there afterwards). Each step (bench/steps.py: floor,
full, search, no-change, one-edit, warm, one-edit-file, import) runs in a fresh process, and its wall time,
CPU time (user + sys, the workers it waited for included) and peak RSS are measured from os.wait4
(bench/measure.py). Every build is `--no-search` except the search step's; the search step is skipped, with
the reason printed, when Pagefind is not installed. --steps runs a subset, so that a long run can be split.

With --repeat N each step runs N times and the run with the median wall time is reported.
`build.py --help` is timed too (median of 5). Builds get SOURCE_DATE_EPOCH=1222819200.

--layout: "file" keeps every activity in activities.yaml, "folder" gives each its own file in
activities/; "auto" (the default) is folder from 1000 activities up, file below. The one-edit-file
step always uses one activities.yaml. Every synthetic activity has `in_notice: false` unless --in-notice.

Prints a table, the machine (with the load average before and after each size) and the targets of
issue 14 §4 (bench/targets.py: met, missed, or not measured when their sizes or steps were not run);
writes all of it as JSON to --json (default bench/results.json). A build that fails aborts the run.
--combine measures nothing: it reports the results files of the parts of a split run as one run
(bench/combine.py), so that targets that need several sizes or steps are checked across the parts.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.combine import Combined, CombineFailed, combine  # noqa: E402
from bench.measure import BUILD, SOURCE_DATE_EPOCH, StepFailed, measure  # noqa: E402
from bench.steps import STEPS, Plan, Row, Skip, bench_size  # noqa: E402
from bench.targets import check_targets, describe_search, describe_targets, search_added  # noqa: E402

FOLDER_FROM = 1000  # --layout auto: the folder layout from this many activities up
HELP_RUNS = 5
COLUMNS = (("activities", 10), ("step", 13), ("layout", 6), ("pages", 6), ("wall s", 8), ("CPU s", 8),
           ("pages/s", 9), ("peak MiB", 9), ("ratio", 6))


def choose_layout(layout: str, activities: int) -> str:
    if layout != "auto":
        return layout
    return "folder" if activities >= FOLDER_FROM else "file"


def bench_help() -> float:
    """The median wall time of `build.py --help`."""
    return statistics.median(measure([sys.executable, str(BUILD), "--help"], "build.py --help").wall_s
                             for _ in range(HELP_RUNS))


# ---------------------------------------------------------------- the machine

def machine() -> dict:
    return {"cpu_count": os.cpu_count(), "platform": platform.platform(),
            "python": platform.python_version(), "implementation": platform.python_implementation(),
            "cpu_model": cpu_model(),
            "python_env": {name: value for name, value in os.environ.items()
                           if name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX", "PYTHONOPTIMIZE",
                                       "PYTHONHASHSEED", "PYTHONMALLOC")}}


def load_average() -> list[float] | None:
    """The load (1, 5, 15 minutes): other work on the machine makes the wall times longer."""
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


# ---------------------------------------------------------------- reporting

def cell(value: float | None, form: str) -> str:
    return "–" if value is None else format(value, form)


def table(rows: list[Row], skips: list[Skip]) -> str:
    header = " ".join(f"{name:>{width}}" for name, width in COLUMNS)
    lines = [header, "-" * len(header)]
    for row in rows:
        cells = (row.activities, row.step, row.layout, cell(row.pages, "d"), f"{row.wall_s:.3f}",
                 f"{row.cpu_s:.3f}", cell(row.pages_per_s, ".0f"), f"{row.peak_mib:.1f}", cell(row.ratio, ".2f"))
        lines.append(" ".join(f"{text:>{width}}" for text, (_, width) in zip(cells, COLUMNS, strict=True)))
    lines += [f"{skip.activities:>10} {skip.step:>13} skipped: {skip.reason}" for skip in skips]
    return "\n".join(lines)


def describe_machine(info: dict, loads: dict[int, dict]) -> str:
    lines = [f"Machine: {info['cpu_count']} CPUs, {info['cpu_model'] or 'CPU model unknown'}; "
             f"{info['platform']}; Python {info['python']} ({info['implementation']})"
             + "".join(f"; {name}={value}" for name, value in info["python_env"].items())]
    lines += [f"Load average (1, 5, 15 min) at {size} activities: before {load['before']}, after {load['after']}"
              for size, load in loads.items()]
    return "\n".join(lines)


# ---------------------------------------------------------------- the command

def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes, default=[1000, 5000, 20000],
                        help="numbers of activities, comma-separated (default: 1000,5000,20000)")
    parser.add_argument("--repeat", type=positive, default=5, help="runs of each step; the median is kept (default 5)")
    parser.add_argument("--steps", type=steps, default=STEPS, metavar="STEP,...",
                        help=f"the steps to run, comma-separated (default: all: {','.join(STEPS)})")
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results.json", metavar="PATH",
                        help="where to write the results (default: bench/results.json)")
    parser.add_argument("--layout", choices=("auto", "file", "folder"), default="auto",
                        help=f"activities.yaml (file) or activities/ (folder); auto: folder from {FOLDER_FROM} up")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="generate the campaigns and outputs in DIR/SIZE and leave them there")
    parser.add_argument("--in-notice", action="store_true",
                        help="do not write 'in_notice: false' into the synthetic activities")
    parser.add_argument("--combine", type=Path, nargs="+", metavar="RESULTS",
                        help="measure nothing: report earlier runs' results files (of parts of a long run) as one")
    return parser.parse_args(argv)


def sizes(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of numbers") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive numbers")
    return values


def steps(text: str) -> tuple[str, ...]:
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [name for name in chosen if name not in STEPS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"unknown step(s) {', '.join(unknown) or '(none given)'}: "
                                         f"choose from {','.join(STEPS)}")
    return tuple(name for name in STEPS if name in chosen)


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run_size(args: argparse.Namespace, activities: int, work: Path) -> tuple[list[Row], list[Skip]]:
    layout = choose_layout(args.layout, activities)
    print(f"… {activities} activities ({layout} layout)", file=sys.stderr, flush=True)
    plan = Plan(activities, layout, not args.in_notice, args.repeat, args.steps, work)
    try:
        return bench_size(plan)
    except StepFailed as exc:
        raise StepFailed(f"At {activities} activities, {layout} layout: {exc}\n{failure_hint(args, layout)}") \
            from None


def run_all(args: argparse.Namespace) -> tuple[list[Row], list[Skip], dict[int, dict]]:
    rows: list[Row] = []
    skips: list[Skip] = []
    loads = {}
    for activities in args.sizes:
        before = load_average()
        if args.keep:
            work = args.keep / str(activities)
            work.mkdir(parents=True, exist_ok=True)
            found = run_size(args, activities, work)
        else:
            with tempfile.TemporaryDirectory(prefix=f"bench-{activities}-") as folder:
                found = run_size(args, activities, Path(folder))
        rows += found[0]
        skips += found[1]
        loads[activities] = {"before": before, "after": load_average()}
    return rows, skips, loads


def failure_hint(args: argparse.Namespace, layout: str) -> str:
    """What to try when a build fails on the synthetic campaign: the features it may not know yet."""
    hints = []
    if layout == "folder":
        hints.append("--layout file (the folder layout needs a build.py that reads activities/)")
    if not args.in_notice:
        hints.append("--in-notice (leaves out 'in_notice: false', for a build.py that does not know that key)")
    return ("If the build does not know these inputs yet, try: " + "; ".join(hints)) if hints else ""


def collect(args: argparse.Namespace) -> Combined:
    """The figures: measured now, or read from earlier runs' results files (--combine)."""
    if args.combine:
        return combine(args.combine)
    rows, skips, loads = run_all(args)
    return Combined(rows, skips, loads, bench_help(), [])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        found = collect(args)
    except (StepFailed, CombineFailed) as exc:
        print(exc, file=sys.stderr)
        return 1
    info, targets = machine(), check_targets(found.rows, found.help_s, HELP_RUNS)
    results = {"date": datetime.now().isoformat(timespec="seconds"), "machine": info,
               "load_average": {str(size): load for size, load in found.loads.items()},
               "sizes": sorted({row.activities for row in found.rows}) if args.combine else args.sizes,
               "steps": list(args.steps), "layout": args.layout, "in_notice_field": not args.in_notice,
               "repeat": args.repeat, "source_date_epoch": SOURCE_DATE_EPOCH, "help_wall_s": round(found.help_s, 4),
               "rows": [asdict(row) for row in found.rows], "skipped": [asdict(skip) for skip in found.skips],
               "search_added": search_added(found.rows), "targets": targets}
    if args.combine:
        results |= {"steps": sorted({row.step for row in found.rows}, key=STEPS.index), "combined_from": found.parts}
        for key in ("layout", "in_notice_field", "repeat"):
            del results[key]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(found.rows, found.skips))
    if results["search_added"]:
        print(describe_search(results["search_added"]))
    print()
    print(describe_machine(info, found.loads))
    print(describe_targets(targets))
    print(f"\nResults written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
