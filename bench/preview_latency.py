"""Time from saving a file to the rebuilt page being shown in an open Chromium tab, under `serve`, and the
CPU an idle `serve` uses.

Usage: .venv/bin/python bench/preview_latency.py [--edits N] [--large N_ACTIVITIES] [--large-edits N]
                                                 [--idle-seconds S] [--watch notifications,polling]
Prints the median, minimum and maximum for the default site and for a synthetic large one (folder
layout), and the large site's idle CPU (share of one core, Linux only), once per way of watching:
`notifications` (the system's, the default) and `polling` (what `serve` falls back to without them,
and what it always did before: forced here through the fault point watch-start). Load average first.
"""
from __future__ import annotations

import argparse
import os
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


POLLING = {"CAMPAIGNSITE_FAULT": "watch-start!ENOSPC"}  # serve's fallback, as when inotify's limit is reached


def measure(site: Path, page_path: str, file: str, old: str, edits: int, env: dict[str, str] | None = None,
            idle_seconds: float = 0) -> tuple[list[float], float | None]:
    """The edit→shown timings, and (with `idle_seconds`) the idle CPU share measured before the first edit."""
    from playwright.sync_api import sync_playwright
    idle = None
    with serving(site, start_seconds=600, env=env) as (process, base), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        deadline = time.monotonic() + 300
        while fetch(base + page_path)[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.2)  # the first build of a large site takes a while
        page.goto(base + page_path)
        page.wait_for_function("() => window.LiveReload !== undefined")
        if idle_seconds:
            idle = idle_cpu(process.pid, idle_seconds)
        source = site / file
        original = source.read_text(encoding="utf-8")
        try:
            timings = edit_and_wait(page, source, original, old, edits)
        finally:
            source.write_text(original, encoding="utf-8")  # the next way of watching starts from the same text
        browser.close()
    return timings, idle


def edit_and_wait(page, source: Path, original: str, old: str, edits: int) -> list[float]:
    """Save `edits` changes of `source` one after another; the time each takes to be shown in `page`."""
    timings = []
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
    return timings


def idle_cpu(pid: int, seconds: float) -> float | None:
    """The share of one core process `pid` used over `seconds` (user + system; None where /proc is not)."""
    def cpu_seconds() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    if not Path(f"/proc/{pid}/stat").exists():
        return None
    before, started = cpu_seconds(), time.monotonic()
    time.sleep(seconds)
    return (cpu_seconds() - before) / (time.monotonic() - started)


def report(name: str, timings: list[float]) -> None:
    ms = [t * 1000 for t in timings]
    print(f"{name:<44} median {statistics.median(ms):7.0f} ms   min {min(ms):6.0f} ms   max {max(ms):6.0f} ms"
          f"   ({len(ms)} edits)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--large", type=int, default=5000, help="activities in the large campaign (0 to skip)")
    parser.add_argument("--large-edits", type=int, default=5, help="edits timed on the large campaign")
    parser.add_argument("--idle-seconds", type=float, default=30, help="idle CPU measured over this long (0 to skip)")
    parser.add_argument("--watch", default="notifications,polling", help="the ways of watching to measure")
    args = parser.parse_args()
    print("load average before:", " ".join(f"{load:.2f}" for load in os.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="campaignsite-bench-") as work:
        work = Path(work)
        site = default_campaign(work / "default")
        large = make_campaign(work / "large", args.large, layout="folder", in_notice_field=True) if args.large else None
        for way in args.watch.split(","):
            env = {**os.environ, **POLLING} if way == "polling" else None
            if args.edits:
                report(f"{way}: default site (save→shown)",
                       measure(site, "en/slogans/", "slogans.yaml", "Quality created by all", args.edits, env)[0])
            if large is not None:
                timings, idle = measure(large, "en/activities/activity-00002/", "activities/00002-activity-00002.yaml",
                                        "quality talk (no. 2)\n", args.large_edits, env, args.idle_seconds)
                report(f"{way}: {args.large} activities (save→shown)", timings)
                if idle is not None:
                    print(f"{way}: {args.large} activities, idle serve: {idle * 100:.1f} % of one core over "
                          f"{args.idle_seconds:.0f} s")
            print("load average:", " ".join(f"{load:.2f}" for load in os.getloadavg()))


if __name__ == "__main__":
    main()
