"""The system failing under a build: a full disk, a folder without permission, a read-only disk, a
cache that cannot be kept, another build of the same folder. Each failure is injected at a named
point (campaignsite/faults.py) in a real build process; each gives one located line and exit 1
(or, for a cache, a warning), leaves the old site or the new one, and leaves no temporary file."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from campaignsite.faults import VARIABLE
from campaignsite.load import cache_dir
from campaignsite.write import JOURNAL, releases_dir, staging_dir
from tests.helpers import REPO, copy_fixture, run_build

OLD, NEW = "Good books for everyone", "Good books for all"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(site: Path) -> list[str]:
    """Temporary files and folders of the tool anywhere in the campaign folder."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.name.endswith(".tmp") or p.name.endswith(".staging") or p.name.endswith(".old"))


def with_fault(site: Path, fault: str, *args: str) -> subprocess.CompletedProcess:
    return run_build("build", "--site", str(site), *args, env={**os.environ, VARIABLE: fault})


@pytest.fixture
def edited(tmp_path) -> tuple[Path, dict[str, bytes]]:
    """A campaign whose output/ holds the old site, now edited."""
    site = copy_fixture("reading-festival", tmp_path)
    assert run_build("build", "--site", str(site)).returncode == 0
    slogans = site / "slogans.yaml"
    slogans.write_text(slogans.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    return site, snapshot(site / "output")


@pytest.mark.parametrize("errno_name, words", [
    ("ENOSPC", "no space left on the disk — free some space, then build again"),
    ("EROFS", "the file system is read-only — choose an --output on a writable disk"),
    ("EACCES", "permission denied — make it writable (and its folder), or choose another --output"),
])
def test_a_file_that_cannot_be_written_is_one_line_and_the_old_site_stands(edited, errno_name, words):
    site, old = edited
    result = with_fault(site, f"write!{errno_name}")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[1] == "1 error; nothing was written."
    assert lines[0].startswith("output/") and lines[0].endswith(f": {words}")
    assert snapshot(site / "output") == old and leftovers(site) == []


def test_a_first_build_on_a_full_disk_leaves_nothing_behind(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    result = with_fault(site, "write!ENOSPC")
    assert result.returncode == 1 and ": no space left on the disk — " in result.stderr
    assert not (site / "output").exists() and leftovers(site) == []


def test_a_move_refused_during_an_update_is_named_and_the_update_completed_once_it_can_be(edited):
    site, _ = edited
    refused = with_fault(site, "move!EACCES")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.splitlines()[0].startswith("output/")
    assert refused.stderr.splitlines()[0].endswith(
        ": permission denied — fix it, then build again: the update is then completed")
    assert (staging_dir(site / "output") / JOURNAL).is_file()  # the committed update waits to be finished
    still = with_fault(site, "move!EACCES")  # not fixed yet: the same located line, not a crash
    assert still.returncode == 1 and "Traceback" not in still.stderr
    assert still.stderr.splitlines()[0].endswith(
        ": permission denied — fix it, then build again: the interrupted update is then completed")
    completed_as_a_whole_build(site)


def test_a_cache_that_cannot_be_kept_is_a_warning_and_the_site_is_complete(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    result = with_fault(site, "cache!ENOSPC")
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    assert warnings and all(line.endswith(": warning: no space left on the disk (the site is complete; the next build "
                                          "cannot reuse this one's work) — free some space, then build again")
                            for line in warnings)
    assert any("manifest.json" in line for line in warnings)
    assert (site / "output" / "index.html").is_file() and leftovers(site) == []
    assert not (cache_dir(site / "output") / "manifest.json").exists()
    again = run_build("build", "--site", str(site))
    assert again.returncode == 0 and again.stdout.startswith("Built ")  # no record: built afresh, correctly


def test_a_campaign_folder_where_the_lock_cannot_be_made_is_one_line(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    result = with_fault(site, "lock!EROFS")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{site / '.output.lock'}: the file system is read-only — the folder that holds the output folder "
        "must be writable: a build keeps its lock file there",
        "1 error; nothing was written."]


def start_build(site: Path, fault: str = "", *args: str) -> subprocess.Popen:
    env = {**os.environ, VARIABLE: fault} if fault else None
    return subprocess.Popen([sys.executable, str(REPO / "build.py"), "build", "--site", str(site), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def wait_until_locked(site: Path, output: Path | None = None) -> None:
    lock = (output or site / "output").parent / f".{(output or site / 'output').name}.lock"
    deadline = time.monotonic() + 30
    while not (lock.is_file() and lock.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    first = start_build(site, "locked~3")  # holds the lock for three seconds once it has it
    wait_until_locked(site)
    second = start_build(site)
    _, waited = second.communicate(timeout=60)
    first.communicate(timeout=60)
    assert first.returncode == 0 and second.returncode == 0
    assert waited.splitlines()[0] == (f"waiting for the build of process {first.pid} to finish… — let it finish, "
                                      "or stop it to build at once")
    assert (site / "output" / "index.html").is_file()


def test_a_build_that_waits_too_long_gives_up_with_a_located_message(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    first = start_build(site, "locked~5")
    wait_until_locked(site)
    second = run_build("build", "--site", str(site), "--wait", "0.5")
    first.communicate(timeout=60)
    assert second.returncode == 1
    assert second.stderr.splitlines() == [
        f"waiting for the build of process {first.pid} to finish… — let it finish, or stop it to build at once",
        f"{site / 'output'}: another build (process {first.pid}) is still writing this folder after 0 s "
        "— wait for it to finish and build again, or stop it",
        "1 error; nothing was written."]


def test_two_campaigns_built_into_one_folder_at_once_leave_the_last_one_whole(tmp_path):
    one = copy_fixture("reading-festival", tmp_path)
    other = copy_fixture("bare", tmp_path)
    output = tmp_path / "shared"
    first = start_build(one, "locked~2", "--output", str(output))
    wait_until_locked(one, output)
    second = start_build(other, "", "--output", str(output))
    for process in (first, second):
        process.communicate(timeout=60)
        assert process.returncode == 0
    alone = tmp_path / "alone"
    assert run_build("build", "--site", str(other), "--output", str(alone)).returncode == 0
    assert snapshot(output) == snapshot(alone)  # the second campaign, whole: nothing of the first
    again = run_build("build", "--site", str(other), "--output", str(output))
    assert again.stdout.startswith("Nothing changed") and snapshot(output) == snapshot(alone)
    rebuilt = run_build("build", "--site", str(one), "--output", str(output))
    assert rebuilt.stdout.startswith("Built ")  # the record is the second campaign's, not trusted for the first


def test_a_lock_left_by_a_killed_build_is_taken_over_at_once(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    killed = with_fault(site, "locked")  # killed while holding the lock
    assert killed.returncode == -9
    result = run_build("build", "--site", str(site))
    assert result.returncode == 0 and "waiting" not in result.stderr


def test_a_switch_refused_is_named_and_the_update_completed_once_it_can_be(edited):
    site, old = edited
    refused = with_fault(site, "switch!EACCES")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.splitlines()[0] == (
        "output: permission denied — fix it, then build again: the update is then completed")
    assert snapshot(site / "output") == old  # the new files wait in the release nobody reads
    completed_as_a_whole_build(site)


def test_a_twin_that_cannot_be_made_after_a_whole_build_is_made_by_the_next_update(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    first = with_fault(site, "twin-made!ENOSPC")  # the site is switched in; its twin lacks its marker
    assert first.returncode == 0, first.stderr
    slogans = site / "slogans.yaml"
    slogans.write_text(slogans.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    assert run_build("build", "--site", str(site)).returncode == 0
    full = site.parent / "full"
    assert run_build("build", "--site", str(site), "--output", str(full)).returncode == 0
    releases = releases_dir(site / "output")
    assert snapshot(site / "output") == snapshot(full) == snapshot(releases / "a") == snapshot(releases / "b")


def completed_as_a_whole_build(site: Path) -> None:
    """The next build succeeds and leaves the site a whole build of the same sources gives, and nothing else."""
    fixed = run_build("build", "--site", str(site))
    assert fixed.returncode == 0, fixed.stderr
    full = site.parent / "full"
    assert run_build("build", "--site", str(site), "--output", str(full)).returncode == 0
    assert snapshot(site / "output") == snapshot(full) and leftovers(site) == []
