"""Time from saving a file to the rebuilt page being shown in an open Chromium tab, under `serve`.

Usage: .venv/bin/python bench/preview_latency.py [--edits N] [--large N_ACTIVITIES]
Prints the median, minimum and maximum for the default site and for a synthetic large one.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import REPO, make_campaign  # noqa: E402
from tests.serving import fetch, serving  # noqa: E402


def default_campaign(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("campaign.yaml", "activities.yaml", "slogans.yaml"):
        shutil.copy(REPO / name, target / name)
    shutil.copytree(REPO / "content", target / "content")
    return target


def measure(site: Path, page_path: str, file: str, old: str, edits: int) -> list[float]:
    from playwright.sync_api import sync_playwright
    timings = []
    with serving(site, start_seconds=600) as (_, base), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        deadline = time.monotonic() + 300
        while fetch(base + page_path)[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.2)  # the first build of a large site takes a while
        page.goto(base + page_path)
        page.wait_for_function("() => window.LiveReload !== undefined")
        source = site / file
        original = source.read_text(encoding="utf-8")
        for number in range(edits):
            marker = f"Edit{number}x"
            started = time.perf_counter()
            source.write_text(original.replace(old, marker + ("\n" if old.endswith("\n") else ""), 1),
                              encoding="utf-8")
            page.wait_for_function(f"() => document.body && document.body.innerText.includes('{marker}')",
                                   timeout=30_000)
            timings.append(time.perf_counter() - started)
            page.wait_for_function("() => window.LiveReload !== undefined")
            time.sleep(0.3)
        browser.close()
    return timings


def report(name: str, timings: list[float]) -> None:
    ms = [t * 1000 for t in timings]
    print(f"{name:<28} median {statistics.median(ms):7.0f} ms   min {min(ms):6.0f} ms   max {max(ms):6.0f} ms"
          f"   ({len(ms)} edits)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--large", type=int, default=5000, help="activities in the large campaign (0 to skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="campaignsite-bench-") as work:
        work = Path(work)
        site = default_campaign(work / "default")
        report("default site (save→shown)", measure(site, "en/slogans/", "slogans.yaml",
                                                     "Quality created by all", args.edits))
        if args.large:
            large = make_campaign(work / "large", args.large, layout="folder", in_notice_field=True)
            report(f"{args.large} activities (save→shown)",
                   measure(large, "en/activities/activity-00002/", "activities/00002-activity-00002.yaml",
                           "quality talk (no. 2)\n", max(3, args.edits // 3)))


if __name__ == "__main__":
    main()
