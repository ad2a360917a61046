"""How long `translations status` takes on a large campaign (issue 13: under 2 s for 5,000 activities).

Usage: .venv/bin/python bench/translations_status.py [--activities N] [--repeat N] [--json FILE]
For the synthetic campaign (bench/synthetic.py) in both layouts, times `python build.py translations status` in a
fresh process, as an author runs it, in three states: no record yet (every field untracked), every field current,
and a few fields stale and missing (their files composed again to say where they are). Prints the median, minimum
and maximum wall time and the process's CPU time (user + system) of each, with the machine's load average before
and after: on a shared machine the wall time says as much about the neighbours as about the tool.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import REPO, make_campaign  # noqa: E402


def run_status(site: Path) -> tuple[float, float, str]:
    """The wall and CPU seconds of one `translations status` run, and its summary line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "translations", "status", "--site", str(site)],
                            capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"translations status failed:\n{result.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), \
        result.stdout.splitlines()[-1]


def accept(site: Path) -> None:
    subprocess.run([sys.executable, str(REPO / "build.py"), "translations", "accept", "--site", str(site)],
                   check=True, capture_output=True)


def make_stale(site: Path) -> None:
    """Three Chinese edits and one English removed, in the activities' file (or in three of their folder's files),
    the last of them near its end: the file is read to its end to say where they are."""
    folder = site / "activities"
    files = sorted(folder.glob("*.yaml"))[-3:] if folder.is_dir() else [site / "activities.yaml"] * 3
    for number, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        found = [match.start() for match in re.finditer("期）", text)]  # the end of a Chinese title
        at = found[(len(found) - 1) * number // 2]  # the first, the middle and the last activity of the file
        path.write_text(f"{text[:at]}期，改{number}）{text[at + 2:]}", encoding="utf-8")
    path = files[-1]
    summary = r"en: 'A summary of activity \d+: [^']*'"
    path.write_text(re.sub(summary, "en: ''", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")


def measure(site: Path, repeat: int) -> dict[str, Any]:
    run_status(site)  # a first run warms the disk cache, as an author's second run would be
    walls, cpus, said = zip(*(run_status(site) for _ in range(repeat)), strict=True)
    return {"wall_median_s": round(statistics.median(walls), 3), "wall_min_s": round(min(walls), 3),
            "wall_max_s": round(max(walls), 3), "cpu_median_s": round(statistics.median(cpus), 3),
            "summary": said[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures there")
    args = parser.parse_args()
    rows = []
    load_before = [round(value, 2) for value in os.getloadavg()]
    print(f"load average before: {load_before}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        for layout in ("file", "folder"):
            site = make_campaign(Path(folder) / layout, args.activities, layout)
            for state, prepare in (("no record", None), ("all current", accept), ("some stale", make_stale)):
                if prepare is not None:
                    prepare(site)
                found = measure(site, args.repeat)
                rows.append({"activities": args.activities, "layout": layout, "state": state, **found})
                print(f"{args.activities} activities, {layout:<6} {state:<12} "
                      f"wall median {found['wall_median_s']:.2f} s (min {found['wall_min_s']:.2f}, "
                      f"max {found['wall_max_s']:.2f})   cpu "
                      f"{found['cpu_median_s']:.2f} s   {found['summary']}")
    load_after = [round(value, 2) for value in os.getloadavg()]
    print(f"load average after: {load_after}")
    if args.json:
        args.json.write_text(json.dumps({"date": time.strftime("%Y-%m-%dT%H:%M:%S"), "cpu_count": os.cpu_count(),
                                         "load_average_before": load_before, "load_average_after": load_after,
                                         "repeat": args.repeat, "rows": rows}, indent=2) + "\n", encoding="utf-8")

if __name__ == "__main__":
    main()
