"""Two imports into one campaign at once, and an import killed mid-write: the campaign's lock makes them take turns,
so that every file is one writer's whole result and each summary is true of what is on disk; a killed import's
temporary files are gone after the next one."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO, copy_fixture, run_build

HEAD = "title.zh,title.en,summary.zh,summary.en,body.zh,body.en,schedule.kind,slug\r\n"
TRIALS = 20


def sheet(path: Path, writer: str) -> Path:
    rows = "".join(f"活动{n},{writer} activity {n},简介,{writer} summary {n},正文,{writer} text {n}.,campaign,"
                   f"shared-{n}\r\n" for n in range(1, 6))
    path.write_text(HEAD + rows + f"{writer}独有,{writer} only,简介,About,正文,Text.,campaign,{writer.lower()}-only\r\n",
                    encoding="utf-8")
    return path


def activities(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((site / "activities").glob("*"))}


def importing(csv: Path, site: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(REPO / "build.py"), "import", str(csv), "--site", str(site)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_imports_at_once_take_turns_and_each_summary_is_true(tmp_path):
    sheets = {writer: sheet(tmp_path / f"{writer}.csv", writer) for writer in ("A", "B")}
    expected = {}  # the order they ran in -> what the campaign's activities hold after both
    for first, second in (("A", "B"), ("B", "A")):
        site = copy_fixture("reading-festival", tmp_path / f"{first}{second}")
        assert run_build("import", str(sheets[first]), "--site", str(site)).returncode == 0
        assert run_build("import", str(sheets[second]), "--site", str(site)).returncode == 0
        expected[first] = activities(site)
    summaries = {"A": "Imported A.csv: 6 added, 0 updated, 0 unchanged.\n",
                 "B": "Imported B.csv: 6 added, 0 updated, 0 unchanged.\n"}
    for trial in range(TRIALS):
        site = copy_fixture("reading-festival", tmp_path / f"trial{trial}")
        running = {writer: importing(csv, site) for writer, csv in sheets.items()}
        outs = {writer: process.communicate(timeout=120) for writer, process in running.items()}
        assert all(process.returncode == 0 for process in running.values()), outs
        first = next(writer for writer, (out, _) in outs.items() if out == summaries[writer])
        second = "B" if first == "A" else "A"
        assert outs[second][0] == f"Imported {second}.csv: 1 added, 5 updated, 0 unchanged.\n"
        assert activities(site) == expected[first]
        assert not list(site.rglob("*.tmp"))


def test_an_import_killed_between_its_renames_leaves_no_temporary_after_the_next(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    csv = sheet(tmp_path / "A.csv", "A")
    killed = run_build("import", str(csv), "--site", str(site), env={"CAMPAIGNSITE_FAULT": "between-source-renames",
                                                                    "PATH": "/usr/bin:/bin"})
    assert killed.returncode == -9
    assert list((site / "activities").glob(".*.tmp"))  # what the kill left
    again = run_build("import", str(csv), "--site", str(site))
    assert again.returncode == 0 and again.stdout.startswith("Imported A.csv: ")
    assert not list(site.rglob("*.tmp"))
    assert len(activities(site)) == 6
