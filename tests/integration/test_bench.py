"""bench/run.py end to end on the smallest campaign: its rows, its page count, its table. No timings."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from bench.synthetic import make_campaign
from tests.helpers import REPO

HEADER_WORDS = ("activities", "step", "pages", "wall s", "CPU s", "pages/s", "peak MiB", "ratio")


def test_run_reports_every_step_with_the_pages_a_build_writes(tmp_path):
    results = tmp_path / "r.json"
    # --in-notice: no 'in_notice: false' in the synthetic activities, a key build.py does not accept yet.
    finished = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "10", "--layout", "file", "--in-notice",
         "--json", str(results)],
        capture_output=True, text=True, timeout=120, cwd=REPO)
    assert finished.returncode == 0, finished.stderr

    data = json.loads(results.read_text(encoding="utf-8"))
    rows = {(row["activities"], row["step"]): row for row in data["rows"]}
    assert set(rows) == {(10, "floor"), (10, "full"), (10, "no-change"), (10, "one-edit"), (10, "warm")}

    site = make_campaign(tmp_path / "site", 10, layout="file")
    output = tmp_path / "output"
    subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--output", str(output)],
                   check=True, capture_output=True, timeout=60, env=dict(os.environ, SOURCE_DATE_EPOCH="1222819200"))
    assert rows[10, "full"]["pages"] == sum(1 for _ in output.rglob("*.html"))

    for word in HEADER_WORDS:
        assert word in finished.stdout


def test_translations_status_bench_times_every_state_of_both_layouts(tmp_path):
    results = tmp_path / "t.json"
    finished = subprocess.run([sys.executable, str(REPO / "bench" / "translations_status.py"), "--activities", "10",
                               "--repeat", "1", "--json", str(results)], capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    rows = json.loads(results.read_text(encoding="utf-8"))["rows"]
    assert [(row["layout"], row["state"]) for row in rows] == [
        (layout, state) for layout in ("file", "folder") for state in ("no record", "all current", "some stale")]
    assert rows[2]["summary"] == rows[5]["summary"] == "translations: 91 fields: 87 current, 3 stale, 1 missing, 0 untracked"
