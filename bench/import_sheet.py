"""The import of a spreadsheet at scale: 20,000 rows (the synthetic campaign's activities) into a campaign.

Usage: python -m bench.import_sheet [--rows 20000] [--runs 5] [--out bench/import_results.json]

Makes the sheet with xlsxwriter from bench/synthetic.py's activities (each given a region, in turn), then times
`build.py import` in a fresh process: the first import into a campaign (every file added) and importing the same
sheet again (every row unchanged), each `--runs` times, wall and CPU time (user + system of the process), medians.
The campaign is the repository's own (its nine activities stay in activities.yaml; the imported ones go into
activities/). Target (issue 14): an import of 20,000 rows in at most 10 s.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

from bench.synthetic import REPO, activity
from campaignsite.regions import REGIONS
from campaignsite.spreadsheets.rows import activity_cells


def make_sheet(path: Path, rows: int) -> Path:
    from campaignsite.spreadsheets.cells import COLUMNS
    from campaignsite.spreadsheets.files import heading

    codes = [code for code in REGIONS if code != "national"]
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Activities")
    sheet.write_row(0, 0, [heading(key) for key in COLUMNS])
    for n in range(1, rows + 1):
        item = activity(n)
        item["slug"] = f"local-{n:05d}"
        item["region"] = codes[n % len(codes)]
        sheet.write_row(n, 0, [cell if isinstance(cell, str) else str(cell) for cell in activity_cells(item)])
    book.close()
    return path


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of a command run in a fresh process."""
    before = os.times()
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = os.times()
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-2000:]}")
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "import_results.json")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="import-bench-"))
    sheet = make_sheet(work / "activities.xlsx", args.rows)
    figures: dict[str, list[tuple[float, float]]] = {"first import": [], "same sheet again": []}
    for _ in range(args.runs):
        site = work / "site"
        shutil.rmtree(site, ignore_errors=True)
        site.mkdir()
        for name in ("campaign.yaml", "activities.yaml", "slogans.yaml"):
            shutil.copy(REPO / name, site / name)
        shutil.copytree(REPO / "content", site / "content")
        command = [sys.executable, str(REPO / "build.py"), "import", str(sheet), "--site", str(site)]
        figures["first import"].append(timed(command))
        figures["same sheet again"].append(timed(command))
    report = {"rows": args.rows, "runs": args.runs, "load average": os.getloadavg(), "cores": os.cpu_count(),
              "sheet bytes": sheet.stat().st_size,
              **{step: {"wall median s": round(statistics.median(w for w, _ in runs), 2),
                        "cpu median s": round(statistics.median(c for _, c in runs), 2),
                        "wall s": [round(w, 2) for w, _ in runs], "cpu s": [round(c, 2) for _, c in runs]}
                 for step, runs in figures.items()}}
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
