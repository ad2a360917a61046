"""Readers never see a mix: the output is a link to one of two release folders, and an update is written into
the one nobody reads, then switched to. An update killed (SIGKILL) at any named point leaves, read through the
link as a web server reads it, the whole old site or the whole new one, and the next build completes it; an
update touches only the files that changed. A folder received from someone else holds nothing the build obeys
or follows: a planted journal is discarded, and a link, file or FIFO where the tool keeps a folder is refused by
name, with nothing outside touched."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from campaignsite.faults import VARIABLE
from campaignsite.write import RELEASES, releases_dir
from tests.helpers import copy_fixture, run_build
from tests.integration.test_killed_builds import killed_at

OLD, NEW = "Good books for everyone", "Good books for all"
BEFORE_SWITCH = ["staging-incomplete", "journal-committed", "move", "between-moves", "moves-done", "before-switch",
                 "switch"]
AFTER_SWITCH = ["after-switch", "twin-move", "twin-between-moves", "twin-moves-done"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in sorted(folder.rglob("*")) if p.is_file()}


def reword(site: Path, old: str, new: str) -> None:
    slogans = site / "slogans.yaml"
    slogans.write_text(slogans.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """The old and the new site, each as a full build into an empty folder makes it."""
    work = tmp_path_factory.mktemp("versions")
    site = copy_fixture("reading-festival", work)
    found = {}
    for name, wording in (("old", OLD), ("new", NEW)):
        reword(site, OLD, wording)
        assert run_build("build", "--site", str(site), "--output", str(work / name)).returncode == 0
        found[name] = snapshot(work / name)
    assert found["old"] != found["new"]
    return found


@pytest.fixture
def campaign(tmp_path) -> Path:
    """A campaign whose output holds the old site, now edited."""
    site = copy_fixture("reading-festival", tmp_path)
    assert run_build("build", "--site", str(site)).returncode == 0
    reword(site, OLD, NEW)
    return site


def completed(site: Path, versions: dict[str, dict[str, bytes]]) -> None:
    result = run_build("build", "--site", str(site))
    assert result.returncode == 0, result.stderr
    assert snapshot(site / "output") == versions["new"]
    releases = releases_dir(site / "output")
    assert sorted(p.name for p in releases.iterdir()) == list(RELEASES)
    assert inodes(releases / "a") == inodes(releases / "b")  # twins again, file for file the same inode
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == [
        ".output.cache", ".output.lock", ".output.releases"]


@pytest.mark.parametrize("point", BEFORE_SWITCH + AFTER_SWITCH)
def test_an_update_killed_anywhere_shows_the_whole_old_site_or_the_whole_new_one(campaign, versions, point):
    killed_at(point, campaign)
    assert snapshot(campaign / "output") == versions["old" if point in BEFORE_SWITCH else "new"]
    completed(campaign, versions)


def test_an_update_touches_only_the_files_that_changed(campaign, versions):
    output = campaign / "output"
    before = inodes(output)
    assert run_build("build", "--site", str(campaign)).returncode == 0
    after = inodes(output)
    changed = {path for path, data in versions["new"].items() if versions["old"].get(path) != data}
    assert 1 < len(changed) < len(after) / 2
    assert {path for path in after if before.get(path) != after[path]} == changed
    releases = releases_dir(output)
    assert inodes(releases / "a") == inodes(releases / "b")


def test_a_planted_journal_is_discarded_and_nothing_outside_the_campaign_is_touched(campaign, versions):
    outside = campaign.parent / "outside"
    outside.mkdir()
    (outside / "precious").write_text("keep", encoding="utf-8")
    staging = campaign / ".output.staging"
    (staging / ".files").mkdir(parents=True)
    (staging / ".files" / "0").write_text("planted", encoding="utf-8")
    (staging / ".update-journal.json").write_text(
        '{"release": "b", "moves": [["0", "../../outside/victim"], ["0", "../../../victim"]], '
        '"deletes": ["../../outside/precious"]}', encoding="utf-8")
    result = run_build("build", "--site", str(campaign))
    assert result.returncode == 0, result.stderr
    assert snapshot(campaign / "output") == versions["new"]
    assert sorted(p.name for p in outside.iterdir()) == ["precious"]
    assert (outside / "precious").read_text(encoding="utf-8") == "keep"
    assert not (campaign.parent.parent / "victim").exists() and not staging.exists()


def plant(path: Path, kind: str, target: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    if kind == "a symbolic link":
        path.symlink_to(target, target_is_directory=True)
    elif kind == "a file":
        path.write_text("planted", encoding="utf-8")
    else:
        os.mkfifo(path)


@pytest.mark.parametrize("place", [".output.staging", ".output.old", ".output.releases/b"])
@pytest.mark.parametrize("kind", ["a symbolic link", "a FIFO (named pipe)"])
def test_a_link_or_fifo_where_the_tool_keeps_a_folder_is_refused_by_name(campaign, place, kind):
    target = campaign.parent / "target"
    target.mkdir()
    (target / "index.html").write_text("theirs", encoding="utf-8")
    plant(campaign / place, kind, target)
    before = snapshot(campaign / "output")
    result = run_build("build", "--site", str(campaign))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{place}: is {kind}, not the tool's own — remove it, then build again: the tool makes its own",
        "1 error; nothing was written."]
    assert snapshot(target) == {"index.html": b"theirs"} and snapshot(campaign / "output") == before


def test_where_links_cannot_be_made_the_output_is_a_folder_updated_in_place(tmp_path, versions):
    site = copy_fixture("reading-festival", tmp_path)
    without_links = {**os.environ, VARIABLE: "symlink!EPERM"}
    assert run_build("build", "--site", str(site), env=without_links).returncode == 0
    output = site / "output"
    folder = output.lstat().st_ino
    reword(site, OLD, NEW)
    assert run_build("build", "--site", str(site), env=without_links).returncode == 0
    assert output.is_dir() and not output.is_symlink() and snapshot(output) == versions["new"]
    assert output.lstat().st_ino == folder  # updated in place, not swapped
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == [".output.cache", ".output.lock"]
