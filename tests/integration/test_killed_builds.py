"""A build killed at any step of writing leaves the old site or the new one, never a mix; a kill
inside the last step (the switch to a new release, the swap of a folder, or a committed update) is finished by
the next run. (tests/integration/test_releases.py kills an update at every point and reads the site as a web
server would.)

Each build is killed (SIGKILL) at a named point of the write stage (campaignsite/faults.py), so
every window is reached on every run, whatever the machine's speed; the test asserts that the
process died there, what it left, and that the next build recovers and completes."""
from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from campaignsite.faults import VARIABLE
from campaignsite.load import cache_dir
from campaignsite.write import JOURNAL, RELEASES, old_dir, releases_dir, staging_dir
from tests.helpers import copy_fixture, run_build

OLD, NEW = "Good books for everyone", "Good books for all"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def campaign(tmp_path) -> tuple[Path, dict[str, dict[str, bytes]]]:
    """A campaign whose output/ holds the old site, now edited; and both sites as a full build makes them."""
    site = copy_fixture("reading-festival", tmp_path)
    slogans = site / "slogans.yaml"
    text = slogans.read_text(encoding="utf-8")
    versions = {}
    for name, wording in (("new", NEW), ("old", OLD)):
        slogans.write_text(text.replace(OLD, wording), encoding="utf-8")
        assert run_build("build", "--site", str(site), "--output", str(tmp_path / name)).returncode == 0
        versions[name] = snapshot(tmp_path / name)
    assert versions["old"] != versions["new"]
    assert run_build("build", "--site", str(site)).returncode == 0
    slogans.write_text(text.replace(OLD, NEW), encoding="utf-8")
    return site, versions


def killed_at(point: str, site: Path) -> None:
    result = run_build("build", "--site", str(site), env={**os.environ, VARIABLE: point})
    assert result.returncode == -signal.SIGKILL, f"the build did not reach {point}: {result.stderr}"


def recovers(site: Path, versions: dict[str, dict[str, bytes]]) -> None:
    result = run_build("build", "--site", str(site))
    assert result.returncode == 0, result.stderr
    assert snapshot(site / "output") == versions["new"]
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == [
        ".output.cache", ".output.lock", ".output.releases"]
    releases = releases_dir(site / "output")
    assert sorted(p.name for p in releases.iterdir()) == list(RELEASES)
    assert snapshot(releases / "a") == snapshot(releases / "b")  # the inactive release is the active one's twin


def as_an_older_version_left_it(output: Path) -> None:
    """The site as a folder at `output`, as versions without release folders wrote it."""
    release = output.parent / os.readlink(output)
    output.unlink()
    release.rename(output)
    shutil.rmtree(releases_dir(output))


def test_an_update_killed_before_its_staging_is_complete_leaves_the_old_site(campaign):
    site, versions = campaign
    killed_at("staging-incomplete", site)
    assert snapshot(site / "output") == versions["old"]
    assert not (staging_dir(site / "output") / JOURNAL).exists()
    recovers(site, versions)


@pytest.mark.parametrize("point", ["journal-committed", "between-moves", "moves-done"])
def test_an_update_killed_after_its_journal_is_committed_is_finished_by_the_next_run(campaign, point):
    site, versions = campaign
    killed_at(point, site)
    assert (staging_dir(site / "output") / JOURNAL).is_file()  # the next run finishes what it lists
    assert snapshot(site / "output") == versions["old"]  # its files went into the release nobody reads yet
    recovers(site, versions)


def test_a_whole_build_killed_before_its_staging_is_complete_leaves_the_old_site(campaign):
    site, versions = campaign
    shutil.rmtree(cache_dir(site / "output"))  # no record of the last build: the site is staged whole
    killed_at("staging-incomplete", site)
    assert snapshot(site / "output") == versions["old"]
    recovers(site, versions)


def test_a_folder_site_killed_between_the_two_renames_that_put_the_link_in_its_place_comes_back(campaign):
    site, versions = campaign
    as_an_older_version_left_it(site / "output")
    killed_at("between-renames", site)
    assert not os.path.lexists(site / "output") and snapshot(old_dir(site / "output")) == versions["old"]
    recovers(site, versions)
    assert (site / "output").is_symlink()


@pytest.mark.parametrize("point", ["release-ready", "switch", "twin-made"])
def test_a_whole_build_killed_around_its_switch_leaves_the_old_site_or_the_new_one(campaign, point):
    site, versions = campaign
    shutil.rmtree(cache_dir(site / "output"))  # no record of the last build: the site is staged whole
    killed_at(point, site)
    assert snapshot(site / "output") == versions["new" if point == "twin-made" else "old"]
    recovers(site, versions)


def test_a_first_build_killed_before_its_staging_is_complete_leaves_no_site(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    killed_at("staging-incomplete", site)
    assert not (site / "output").exists()
    assert run_build("build", "--site", str(site)).returncode == 0
    assert (site / "output" / "index.html").is_file() and not staging_dir(site / "output").exists()
