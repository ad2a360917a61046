"""`init` where it cannot make a campaign: one located line, no traceback, and nothing left behind (issue 20 §8);
two inits into one folder do not mix (§4)."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.helpers import REPO, run_build

NOT_WRITABLE = "nothing was made; free some space, or choose a folder you may write in, and run it again"


def init(target, cwd, fault: str | None = None):
    env = {**os.environ, "CAMPAIGNSITE_FAULT": fault} if fault else None
    result = run_build("init", str(target), cwd=cwd, env=env)
    assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr
    return result.stderr


def test_init_under_a_file_names_the_file_and_makes_nothing(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert init("notes.txt/new", tmp_path) == (
        "notes.txt: is a file, not a folder — a campaign folder cannot be made inside a file: choose another place "
        "than notes.txt/new\n1 error; nothing was written.\n")
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_init_on_a_full_disk_removes_every_folder_it_made(tmp_path):
    assert init("a/b/new", tmp_path, "source-write!ENOSPC") == (
        f"a/b/new/campaign.yaml: no space left on the disk — {NOT_WRITABLE}\n1 error; nothing was written.\n")
    assert os.listdir(tmp_path) == []


def test_init_on_a_full_disk_leaves_an_empty_folder_that_was_there_as_it_was(tmp_path):
    (tmp_path / "empty").mkdir()
    init("empty", tmp_path, "source-write!ENOSPC")
    assert os.listdir(tmp_path) == ["empty"] and os.listdir(tmp_path / "empty") == []


def test_a_failure_between_renames_removes_the_files_already_in_place(tmp_path):
    assert init("new", tmp_path, "between-source-renames!EIO") == (
        f"new: input/output error — {NOT_WRITABLE}\n1 error; nothing was written.\n")
    assert os.listdir(tmp_path) == []


def test_init_in_a_folder_it_may_not_write_is_a_located_error(tmp_path):
    assert init("new", tmp_path, "init-folder-made!EACCES") == (
        f"new: permission denied — {NOT_WRITABLE}\n1 error; nothing was written.\n")
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder all the same")
def test_init_into_a_read_only_folder_is_a_located_error(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked").chmod(0o555)
    try:
        assert init("locked/new", tmp_path) == (
            f"locked/new: permission denied — {NOT_WRITABLE}\n1 error; nothing was written.\n")
        assert os.listdir(tmp_path / "locked") == []
    finally:
        (tmp_path / "locked").chmod(0o755)


def test_two_inits_into_one_folder_do_not_mix(tmp_path):
    env = {**os.environ, "CAMPAIGNSITE_FAULT": "sources-locked~4"}
    first = subprocess.Popen([sys.executable, str(REPO / "build.py"), "init", "new"], cwd=tmp_path, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not (tmp_path / "new").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        second = run_build("init", "new", cwd=tmp_path)  # finds the folder made and empty, and waits for the lock
        assert first.wait(30) == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
        first.stdout.close()
        first.stderr.close()
    assert second.returncode == 1 and "Traceback" not in second.stderr
    assert second.stderr.startswith("waiting for another command that changes this campaign's files to finish")
    assert second.stderr.endswith("new: already exists and is not empty — choose a new folder name\n"
                                  "1 error; nothing was written.\n")
    assert sorted(os.listdir(tmp_path / "new")) == ["activities.yaml", "campaign.yaml", "content", "slogans.yaml",
                                                    "translations.lock"]
