"""What finding stale translations adds to a full build (issue 13: under 5% at 5,000 activities).

Usage: .venv/bin/python bench/stale_build.py [--activities N] [--layout file|folder] [--repeat N] [--json FILE]

The synthetic campaign (bench/synthetic.py) in three copies: with no translations.lock (the build reads no record and
finds nothing stale), with every field recorded as current (the build reads the record and compares every field's
Chinese with it: the whole cost of the check), and with three Chinese texts edited since (`mark`: three texts marked
on their pages). Each is built cold (output and caches removed) in a fresh process, the three interleaved round after
round so that a change in the machine's load falls on all of them alike; the wall and CPU time (user + system, the
workers included: os.wait4) of each run are kept, and the median of each reported. On a shared machine the wall time
says as much about the neighbours as about the tool, so the check's own cost is also measured in this process: the
CPU time of reading the record and finding the stale fields of the quickly read sources (what the build adds),
median of 5, against the full build's CPU time. The load average is printed before and after.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import build_command, clear_output, measure  # noqa: E402
from bench.synthetic import REPO, make_campaign  # noqa: E402
from campaignsite.load import THEME_DIR, load_sources  # noqa: E402
from campaignsite.load.lockfile import LOCK_FILE, read_record  # noqa: E402
from campaignsite.validate.campaign import stale_mode  # noqa: E402
from campaignsite.validate.translated import StaleTexts  # noqa: E402

STATES = ("no record", "all current", "3 stale")


def accept(site: Path) -> None:
    subprocess.run([sys.executable, str(REPO / "build.py"), "translations", "accept", "--site", str(site)],
                   check=True, capture_output=True)


def edit_chinese(site: Path) -> None:
    """Three Chinese edits, in the activities' file (or in three of their folder's files), the last near its end."""
    folder = site / "activities"
    files = sorted(folder.glob("*.yaml"))[-3:] if folder.is_dir() else [site / "activities.yaml"] * 3
    for number, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        found = [match.start() for match in re.finditer("项地方质量活动", text)]
        at = found[(len(found) - 1) * number // 2]
        path.write_text(f"{text[:at]}项地方质量活动（改{number}）{text[at + 7:]}", encoding="utf-8")


def make_sites(folder: Path, activities: int, layout: str) -> dict[str, Path]:
    sites = {state: make_campaign(folder / str(index), activities, layout) for index, state in enumerate(STATES)}
    accept(sites["all current"])
    accept(sites["3 stale"])
    edit_chinese(sites["3 stale"])
    return sites


def check_cost(site: Path, repeat: int = 5) -> tuple[float, int]:
    """The CPU seconds (median) of what the build adds: reading the record, finding the stale fields; and how many."""
    sources = load_sources(site, THEME_DIR, exact=False)
    times, found = [], 0
    for _ in range(repeat):
        started = time.process_time()
        record, _ = read_record(site / LOCK_FILE)
        stale = StaleTexts.of(sources.__class__(**{**vars(sources), "record": record}), stale_mode(sources.campaign))
        times.append(time.process_time() - started)
        found = len(stale.fields)
    return statistics.median(times), found


def bench(activities: int, layout: str, repeat: int) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as folder:
        sites = make_sites(Path(folder), activities, layout)
        runs: dict[str, list[Any]] = {state: [] for state in STATES}
        for _ in range(repeat):
            for state, site in sites.items():
                clear_output(site / "output")
                runs[state].append(measure(build_command(site, site / "output"), f"full build ({state})"))
        costs = {state: check_cost(site) for state, site in sites.items()}
    rows = []
    for state in STATES:
        walls, cpus = [run.wall_s for run in runs[state]], [run.cpu_s for run in runs[state]]
        rows.append({"activities": activities, "layout": layout, "state": state,
                     "wall_median_s": round(statistics.median(walls), 3), "walls_s": [round(w, 3) for w in walls],
                     "cpu_median_s": round(statistics.median(cpus), 3), "cpus_s": [round(c, 3) for c in cpus],
                     "check_cpu_s": round(costs[state][0], 4), "stale_fields": costs[state][1]})
    return rows


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by = {row["state"]: row for row in rows}
    base, checked = by["no record"], by["all current"]
    return {"wall_added_pct": round(100 * (checked["wall_median_s"] / base["wall_median_s"] - 1), 1),
            "wall_min_added_pct": round(100 * (min(checked["walls_s"]) / min(base["walls_s"]) - 1), 1),
            "cpu_added_pct": round(100 * (checked["cpu_median_s"] / base["cpu_median_s"] - 1), 1),
            "check_share_of_build_cpu_pct": round(100 * checked["check_cpu_s"] / checked["cpu_median_s"], 2),
            "target_pct": 5.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--layout", choices=("file", "folder"), default="folder")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures there")
    args = parser.parse_args()
    load_before = [round(value, 2) for value in os.getloadavg()]
    print(f"load average before: {load_before}; {os.cpu_count()} cores")
    rows = bench(args.activities, args.layout, args.repeat)
    for row in rows:
        print(f"{row['activities']} activities, {row['layout']:<6} {row['state']:<12} wall median "
              f"{row['wall_median_s']:.2f} s {row['walls_s']}   cpu median {row['cpu_median_s']:.2f} s "
              f"{row['cpus_s']}   check {row['check_cpu_s']:.3f} s CPU, {row['stale_fields']} stale")
    found = summary(rows)
    load_after = [round(value, 2) for value in os.getloadavg()]
    print(f"load average after: {load_after}")
    print(f"the check adds {found['wall_added_pct']}% wall, {found['cpu_added_pct']}% CPU (medians, full build); "
          f"its own CPU is {found['check_share_of_build_cpu_pct']}% of the build's (target: under 5%)")
    if args.json:
        args.json.write_text(json.dumps({"date": time.strftime("%Y-%m-%dT%H:%M:%S"), "cpu_count": os.cpu_count(),
                                         "load_average_before": load_before, "load_average_after": load_after,
                                         "repeat": args.repeat, "rows": rows, "summary": found},
                                        indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
