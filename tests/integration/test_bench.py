"""bench/run.py end to end on the smallest campaign (rows, columns, skipped steps), and its targets from given rows.

No timing is asserted: the figures of a loaded test machine mean nothing.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

from bench.steps import STEPS, Row
from bench.synthetic import make_campaign
from bench.targets import check_targets
from tests.helpers import REPO

HEADER = ("activities", "step", "layout", "pages", "wall s", "CPU s", "pages/s", "peak MiB", "ratio")
ROW_KEYS = {"activities", "layout", "step", "pages", "wall_s", "cpu_s", "pages_per_s", "peak_mib", "ratio",
            "walls_s", "cpus_s"}
TARGET_LABELS = [
    *(label for size in (5000, 20000) for label in (
        f"full ≤ 1.3× floor, wall, at {size}", f"full ≤ 2× floor, CPU, at {size}",
        f"search adds ≤ 25% to full, wall, at {size}", f"search adds ≤ 25% to full, CPU, at {size}")),
    "one-edit ≤ 0.5 s at 5000, folder layout", "one-edit ≤ 1.5 s at 20000, folder layout", "one-edit-file ≤ 1.5 s at 5000",
    "no-change ≤ 0.3 s at 5000", "import ≤ 10 s at 20000", "peak ≤ 600 MiB at 20000",
    "CPU per page of full within ±25% of its median"]


def run_bench(tmp_path, *options: str, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    results = tmp_path / "r.json"
    finished = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--repeat", "1", *options,
                               "--json", str(results)], capture_output=True, text=True, timeout=300, cwd=REPO,
                              env=dict(os.environ, **(env or {})))
    assert finished.returncode == 0, finished.stderr
    return finished, json.loads(results.read_text(encoding="utf-8"))


def test_run_reports_every_step_with_the_pages_a_build_writes(tmp_path):
    finished, data = run_bench(tmp_path, "--sizes", "10")
    rows = {row["step"]: row for row in data["rows"]}
    skipped = {skip["step"]: skip["reason"] for skip in data["skipped"]}
    assert [row["activities"] for row in data["rows"]] == [10] * len(rows)
    assert sorted([*rows, *skipped]) == sorted(STEPS)  # every step measured, or skipped with its reason
    assert set(skipped) <= {"search"}
    assert all("Pagefind not found" in reason for reason in skipped.values())
    assert all(set(row) == ROW_KEYS for row in data["rows"])
    assert rows["import"]["layout"] == "sheet" and rows["import"]["pages"] is None
    assert rows["one-edit-file"]["layout"] == "file"

    site = make_campaign(tmp_path / "site", 10, layout="file", in_notice_field=True)
    output = tmp_path / "output"
    subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--output", str(output),
                    "--no-search"], check=True, capture_output=True, timeout=60,
                   env=dict(os.environ, SOURCE_DATE_EPOCH="1222819200"))
    assert rows["full"]["pages"] == sum(1 for _ in output.rglob("*.html"))

    lines = finished.stdout.splitlines()
    assert lines[0].split() == [word for name in HEADER for word in name.split()]
    assert [line.split()[1] for line in lines[2:2 + len(rows)]] == [step for step in STEPS if step in rows]
    assert all(len(line.split()) == len(HEADER) for line in lines[2:2 + len(rows)])
    assert {line.split()[1] for line in lines if " skipped: " in line} == set(skipped)
    assert any(line.startswith("Machine: ") and " CPUs, " in line and "Python 3." in line for line in lines)
    assert any(line.startswith("Load average (1, 5, 15 min) at 10 activities: before [") for line in lines)
    assert set(data["load_average"]["10"]) == {"before", "after"}


def test_targets_whose_sizes_were_not_run_are_not_measured(tmp_path):
    finished, data = run_bench(tmp_path, "--sizes", "10", "--steps", "no-change,floor")
    assert [row["step"] for row in data["rows"]] == ["floor", "no-change"]  # no-change built first, untimed
    assert data["rows"][1]["ratio"] is None  # its ratio is to the full build, not run
    for label in TARGET_LABELS:
        assert f"  {label} ".ljust(53) + "not measured" in finished.stdout.splitlines()
    assert [item["status"] for item in data["targets"]][:-1] == ["not measured"] * len(TARGET_LABELS)
    assert data["targets"][-1]["name"] == "help_s" and data["targets"][-1]["status"] in ("met", "missed")


def test_the_search_step_is_skipped_with_its_reason_without_pagefind(tmp_path):
    finished, data = run_bench(tmp_path, "--sizes", "10", "--steps", "search,full",
                               env={"CAMPAIGNSITE_PAGEFIND": str(tmp_path / "no-pagefind")})
    assert [row["step"] for row in data["rows"]] == ["full"]
    reason = ("Pagefind not found ($CAMPAIGNSITE_PAGEFIND, .tools/pagefind, or the PATH): "
              "run 'bash scripts/setup.sh' to measure the search index")
    assert data["skipped"] == [{"activities": 10, "step": "search", "reason": reason}]
    assert f"        10        search skipped: {reason}" in finished.stdout.splitlines()
    assert data["search_added"] == []


def test_unknown_steps_are_refused_with_the_steps_there_are(tmp_path):
    finished = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--steps", "full,edit"],
                              capture_output=True, text=True, timeout=60, cwd=REPO)
    assert finished.returncode == 2
    assert f"unknown step(s) edit: choose from {','.join(STEPS)}" in finished.stderr


def test_translations_status_bench_times_every_state_of_both_layouts(tmp_path):
    results = tmp_path / "t.json"
    finished = subprocess.run([sys.executable, str(REPO / "bench" / "translations_status.py"), "--activities", "10",
                               "--repeat", "1", "--json", str(results)], capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    rows = json.loads(results.read_text(encoding="utf-8"))["rows"]
    assert [(row["layout"], row["state"]) for row in rows] == [
        (layout, state) for layout in ("file", "folder") for state in ("no record", "all current", "some stale")]
    assert rows[2]["summary"] == rows[5]["summary"] == "translations: 91 fields: 87 current, 3 stale, 1 missing, 0 untracked"


def bench_row(activities: int, step: str, wall_s: float, cpu_s: float, pages: int | None = 100,
              peak_mib: float = 100.0, layout: str = "folder") -> Row:
    return Row(activities, layout, step, pages, wall_s, cpu_s, None, peak_mib, None, [wall_s], [cpu_s])


def test_each_target_is_met_missed_or_not_measured_from_the_rows_it_needs():
    rows = [bench_row(5000, "floor", 10.0, 10.0), bench_row(5000, "full", 12.0, 21.0, pages=10_000),
            bench_row(5000, "search", 15.5, 25.0), bench_row(5000, "one-edit", 0.4, 0.5),
            bench_row(5000, "no-change", 0.31, 0.3), bench_row(5000, "one-edit-file", 1.6, 1.6, layout="file"),
            bench_row(1000, "full", 2.0, 2.0, pages=2_000), bench_row(20000, "full", 60.0, 48.0, pages=40_000),
            bench_row(20000, "one-edit", 1.0, 1.0, layout="file"), bench_row(20000, "floor", 40.0, 30.0, peak_mib=900),
            bench_row(20000, "search", 70.0, 50.0, peak_mib=800), bench_row(20000, "import", 9.0, 9.0, pages=None,
                                                                           peak_mib=650, layout="sheet")]
    found = {item["label"]: (item["status"], item["value"]) for item in check_targets(rows, 0.05, 5)}
    assert found == {
        "full ≤ 1.3× floor, wall, at 5000": ("met", 1.2), "full ≤ 2× floor, CPU, at 5000": ("missed", 2.1),
        "search adds ≤ 25% to full, wall, at 5000": ("missed", 0.2917),
        "search adds ≤ 25% to full, CPU, at 5000": ("met", 0.1905),
        "full ≤ 1.3× floor, wall, at 20000": ("missed", 1.5), "full ≤ 2× floor, CPU, at 20000": ("met", 1.6),
        "search adds ≤ 25% to full, wall, at 20000": ("met", 0.1667),
        "search adds ≤ 25% to full, CPU, at 20000": ("met", 0.0417),
        "one-edit ≤ 0.5 s at 5000, folder layout": ("met", 0.4),
        "one-edit ≤ 1.5 s at 20000, folder layout": ("not measured", None),  # it ran in one activities.yaml
        "one-edit-file ≤ 1.5 s at 5000": ("missed", 1.6), "no-change ≤ 0.3 s at 5000": ("missed", 0.31),
        "import ≤ 10 s at 20000": ("met", 9.0),
        "peak ≤ 600 MiB at 20000": ("missed", 650.0),  # the import's: neither the floor's nor search's
        "CPU per page of full within ±25% of its median": ("missed", 0.75),  # 1, 2.1 and 1.2 ms per page
        "build.py --help ≤ 0.3 s": ("met", 0.05)}


def test_the_parts_of_a_split_run_are_combined_into_one(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _, first = run_bench(tmp_path / "a", "--sizes", "10", "--steps", "floor,full")
    _, second = run_bench(tmp_path / "b", "--sizes", "10", "--steps", "full,import")
    finished = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--combine", str(tmp_path / "a" / "r.json"),
                               str(tmp_path / "b" / "r.json"), "--json", str(tmp_path / "all.json")],
                              capture_output=True, text=True, timeout=60, cwd=REPO)
    assert finished.returncode == 0, finished.stderr
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert [row["step"] for row in data["rows"]] == ["floor", "full", "import"]
    assert data["rows"][1] == second["rows"][0]  # the later part's full build
    assert data["steps"] == ["floor", "full", "import"] and data["sizes"] == [10]
    assert [part["steps"] for part in data["combined_from"]] == [["floor", "full"], ["full", "import"]]
    assert data["help_wall_s"] == round((first["help_wall_s"] + second["help_wall_s"]) / 2, 4)
    assert [line.split()[1] for line in finished.stdout.splitlines()[2:5]] == ["floor", "full", "import"]


def test_a_file_that_is_not_a_results_file_is_refused(tmp_path):
    (tmp_path / "x.json").write_text('{"rows": []}', encoding="utf-8")
    finished = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--combine", str(tmp_path / "x.json"),
                               "--json", str(tmp_path / "all.json")], capture_output=True, text=True, timeout=60)
    assert (finished.returncode, finished.stderr) == (
        1, f"{tmp_path / 'x.json'}: not a results file of bench/run.py (no rows or help_wall_s)\n")
    assert not (tmp_path / "all.json").exists()
