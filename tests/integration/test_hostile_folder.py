"""A campaign folder received from someone else (a ZIP, a checkout) with the tool's own files planted in it: pickles
that run a command when unpickled, compiled templates that do the same, a record of the last build that claims a
planted page, links and FIFOs where the tool keeps its cache folder, its lock file and its cache files.

Each vector is planted in a copy of a built (or never built) campaign, then the real commands run on it, `build`
and `check`, each in a fresh process as an author runs them. Each case asserts the exact messages and exit codes,
that no planted code ran (it would make a marker folder), and that nothing outside the campaign folder changed:
the folder the links point at keeps every byte and every modification time.
"""
from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import jinja2.bccache
import pytest

from campaignsite.load import BYTECODE_DIR, MANIFEST_FILE, cache_dir, content_digest
from campaignsite.ownfiles import DIGEST_SIZE, KEY_FILE_VARIABLE, MAGIC
from tests.helpers import copy_fixture, run_build

TODAY = ("--today", "2025-05-01")
CACHE_FILES = ["readings.pickle", "markdown.pickle", "activities.pickle", "templates.pickle", "images.pickle"]
BUILT = "Built 52 pages (26 zh, 26 en"
CHECKED = "check: 0 errors, 0 warnings; 52 pages, 1352 links checked; translations complete\n"  # the charts: regions, days
REFUSED_CHECK = "check: 1 error, 0 warnings; 0 pages, 0 links checked; translations complete"


class Planted:
    """Unpickled, it makes the folder `marker`: proof that a planted file ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return os.mkdir, (str(self.marker),)


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> dict:
    """The fixture campaign and the same campaign built once (with its cache folder), and the environment of
    every command (a key of these tests' own, outside every campaign)."""
    root = tmp_path_factory.mktemp("hostile")
    env = {**os.environ, KEY_FILE_VARIABLE: str(root / "key" / "campaignsite.key")}
    fresh = copy_fixture("reading-festival", root / "fresh")
    built = copy_fixture("reading-festival", root / "built")
    result = run_build("build", "--site", str(built), "--no-search", *TODAY, env=env)
    assert result.returncode == 0, result.stderr
    return {"env": env, "fresh": fresh, "built": built}


@pytest.fixture
def case(tmp_path, world):
    """A place of this case's own: a sibling folder `outside/` (what links point at) and where a marker would be
    made; `campaign(kind)` copies the fresh or the built campaign beside them."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "file").write_text("the author's other file\n", encoding="utf-8")

    class Case:
        env = world["env"]
        marker = tmp_path / "marker"

        def __init__(self) -> None:
            self.outside = outside
            self.pristine = world["built"] / "output"

        def campaign(self, kind: str) -> Path:
            site = tmp_path / "site"
            shutil.copytree(world[kind], site, symlinks=True)
            return site

        def build(self, site: Path):
            return run_build("build", "--site", str(site), "--no-search", *TODAY, env=self.env)

        def check(self, site: Path):
            return run_build("check", "--site", str(site), env=self.env)

    return Case()


def state(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder` (links not followed): its kind, bytes and modification time."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        found[path.relative_to(folder).as_posix()] = (info.st_mode, data, info.st_mtime_ns)
    return found


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def sources(site: Path) -> dict[str, tuple]:
    """The author's files: everything but the output, the tool's cache folder and its lock file."""
    tool = ("output", ".output.cache", ".output.lock", ".output.releases")
    return {path: entry for path, entry in state(site).items() if path.split("/")[0] not in tool}


def plant_pickle(path: Path, marker: Path) -> None:
    path.write_bytes(pickle.dumps({"key": Planted(marker)}))


@pytest.mark.parametrize("name", CACHE_FILES)
def test_a_planted_pickle_in_a_cache_file_never_runs_and_both_commands_succeed(case, name):
    site = case.campaign("fresh")  # never built: the cache folder holds only the planted file
    cache_dir(site / "output").mkdir()
    plant_pickle(cache_dir(site / "output") / name, case.marker)
    before, outside = sources(site), state(case.outside)
    checked = case.check(site)
    assert (checked.returncode, checked.stderr, checked.stdout) == (0, "", CHECKED)
    built = case.build(site)
    assert (built.returncode, built.stderr) == (0, "") and built.stdout.startswith(BUILT)
    assert not case.marker.exists()
    assert files(site / "output") == files(case.pristine)
    assert sources(site) == before and state(case.outside) == outside


def test_planted_compiled_templates_never_run_and_the_pages_are_compiled_again(case):
    site = case.campaign("built")
    compiled = cache_dir(site / "output") / BYTECODE_DIR
    planted = sorted(compiled.glob("*.cache"))
    assert planted
    for path in planted:  # Jinja's own format: its magic, the source's checksum (a pickle), the code (marshal)
        path.write_bytes(jinja2.bccache.bc_magic + pickle.dumps(Planted(case.marker), 2))
    (cache_dir(site / "output") / MANIFEST_FILE).unlink()  # so that every page is rendered again
    before, outside = sources(site), state(case.outside)
    built = case.build(site)
    assert (built.returncode, built.stderr) == (0, "") and built.stdout.startswith(BUILT)
    assert not case.marker.exists()
    assert files(site / "output") == files(case.pristine)
    assert all(path.read_bytes().startswith(MAGIC) for path in planted)  # compiled again, and sealed
    assert sources(site) == before and state(case.outside) == outside


def test_a_planted_record_claiming_a_planted_page_does_not_make_the_build_keep_it(case):
    site = case.campaign("built")
    manifest = cache_dir(site / "output") / MANIFEST_FILE
    kept = manifest.read_bytes()
    record = json.loads(kept[len(MAGIC) + DIGEST_SIZE:] if kept.startswith(MAGIC) else kept)  # as anyone reads it
    page = site / "output" / "index.html"
    page.write_bytes(b"<p>planted</p>")
    info = page.stat()
    record["files"]["index.html"][1:] = [content_digest(b"<p>planted</p>"), info.st_size, info.st_mtime_ns]
    manifest.write_text(json.dumps(record), encoding="utf-8")  # unsealed: anyone could have written it
    before = sources(site)
    built = case.build(site)
    assert (built.returncode, built.stderr) == (0, "") and built.stdout.startswith(BUILT)  # not "Nothing changed"
    assert files(site / "output") == files(case.pristine)
    assert sources(site) == before


@pytest.mark.parametrize("kind", ["a symbolic link", "a file", "a FIFO (named pipe)"])
def test_something_else_in_place_of_the_cache_folder_is_refused_before_anything_is_written(case, kind):
    site = case.campaign("built")
    folder = cache_dir(site / "output")
    shutil.copytree(folder, case.outside / "folder", dirs_exist_ok=True)  # a cache the tool would read, elsewhere
    shutil.rmtree(folder)
    if kind == "a symbolic link":
        folder.symlink_to(case.outside / "folder")
    elif kind == "a file":
        folder.write_text("not a folder\n", encoding="utf-8")
    else:
        os.mkfifo(folder)
    page = site / "output" / "index.html"
    page.write_bytes(b"<p>changed behind the tool's back</p>")  # what a build would repair
    before, outside, output = sources(site), state(case.outside), state(site / "output")
    refused = (f"{folder}: {kind} lies where the tool keeps its cache folder — remove it ('.output.cache'), then "
               "run the command again: the tool makes its own")
    built = case.build(site)
    assert (built.returncode, built.stdout, built.stderr) == (1, "", f"{refused}\n1 error; nothing was written.\n")
    checked = case.check(site)
    assert (checked.returncode, checked.stdout, checked.stderr) == (1, "", f"{refused}\n{REFUSED_CHECK}\n")
    assert state(site / "output") == output and sources(site) == before and state(case.outside) == outside
    os.unlink(folder)
    again = case.build(site)
    assert (again.returncode, again.stderr) == (0, "") and files(site / "output") == files(case.pristine)


@pytest.mark.parametrize("kind", ["a symbolic link", "a FIFO (named pipe)"])
def test_something_else_in_place_of_the_lock_file_is_refused_and_never_followed(case, kind):
    site = case.campaign("built")
    lock = site / ".output.lock"
    lock.unlink()
    if kind == "a symbolic link":
        lock.symlink_to(case.outside / "file")
    else:
        os.mkfifo(lock)
    before, outside, output = sources(site), state(case.outside), state(site / "output")
    built = case.build(site)
    assert (built.returncode, built.stdout, built.stderr) == (
        1, "", f"{lock}: {kind} lies where the tool keeps its lock file; it is not followed — remove it "
               "('.output.lock'), then run the command again: the tool makes its own\n1 error; nothing was written.\n")
    checked = case.check(site)  # check writes nothing and takes no lock
    assert (checked.returncode, checked.stderr, checked.stdout) == (0, "", CHECKED)
    assert state(site / "output") == output and sources(site) == before and state(case.outside) == outside


def test_cache_files_that_are_links_or_fifos_are_not_read_and_are_replaced_never_written_through(case):
    site = case.campaign("built")
    folder = cache_dir(site / "output")
    (case.outside / "folder" / "kept").write_text("the author's\n", encoding="utf-8")
    for name in ("readings.pickle", MANIFEST_FILE):
        (folder / name).unlink()
        (folder / name).symlink_to(case.outside / "file")
    shutil.rmtree(folder / BYTECODE_DIR)
    (folder / BYTECODE_DIR).symlink_to(case.outside / "folder", target_is_directory=True)
    (folder / "markdown.pickle").unlink()
    os.mkfifo(folder / "markdown.pickle")  # opened as a file, it would block the build for ever
    before, outside = sources(site), state(case.outside)
    checked = case.check(site)
    assert (checked.returncode, checked.stderr, checked.stdout) == (0, "", CHECKED)
    built = case.build(site)
    assert (built.returncode, built.stderr) == (0, "") and built.stdout.startswith(BUILT)
    assert files(site / "output") == files(case.pristine)
    assert sources(site) == before and state(case.outside) == outside
    for name in ("readings.pickle", MANIFEST_FILE, "markdown.pickle"):
        assert (folder / name).is_file() and not (folder / name).is_symlink()
        assert (folder / name).read_bytes().startswith(MAGIC)
    assert (folder / BYTECODE_DIR).is_dir() and not (folder / BYTECODE_DIR).is_symlink()


def test_a_cache_folder_that_cannot_be_written_is_a_warning_the_site_complete_and_later_builds_work(case):
    site = case.campaign("built")
    folder = cache_dir(site / "output")
    (site / "slogans.yaml").write_text((site / "slogans.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    if os.system(f"chattr +i '{folder}' 2>/dev/null") != 0:  # read-only even to root (tests run as root in CI)
        pytest.skip("no immutable folders on this file system")
    try:
        for _ in range(2):
            built = case.build(site)
            assert built.returncode == 0 and built.stdout.startswith(BUILT), built.stderr
            warnings = built.stderr.splitlines()
            assert warnings and all(line.startswith(f"{folder}/") and line.endswith(
                ": warning: permission denied (the site is complete; the next build cannot reuse this one's work) — "
                "make it writable (and its folder), or choose another --output") for line in warnings)
            assert any(f"{folder}/{MANIFEST_FILE}:" in line for line in warnings)
            assert files(site / "output") == files(case.pristine)
    finally:
        os.system(f"chattr -i '{folder}'")
    again = case.build(site)
    assert (again.returncode, again.stderr) == (0, "")
    after = case.build(site)
    assert after.stdout.startswith("Nothing changed")
