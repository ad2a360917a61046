"""write: staging, releases behind a link (or a folder swapped in where links cannot be made), updates under
a sealed journal, recovery from an interrupted swap or update, and refusing foreign folders and journals."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from campaignsite.errors import SiteError
from campaignsite.load import MANIFEST_FILE, MARKER, cache_dir, content_digest, load_previous
from campaignsite.render import RenderedSite
from campaignsite.write import (
    JOURNAL,
    MARKER_TEXT,
    Journal,
    Update,
    confirm_manifest,
    old_dir,
    publish,
    recover,
    releases_dir,
    save_manifest,
    staging_dir,
)


def refused(*args, **kwargs):
    raise OSError(1, "Operation not permitted")


@pytest.fixture
def without_links(monkeypatch):
    """A system where symbolic links cannot be made (Windows without the privilege, a FAT disk)."""
    monkeypatch.setattr(os, "symlink", refused)


def files_of(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def inodes_of(folder) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in sorted(folder.rglob("*")) if p.is_file()}


def write_site(out, files, assets, display):
    """The write stage as a build runs it: publish over what the manifest records, then record it."""
    written = publish(out, display, RenderedSite(files), assets, load_previous(out))
    save_manifest(out, {}, written)
    return written


def test_a_site_is_written_and_replaces_the_previous_one_whole(tmp_path):
    out = tmp_path / "output"
    write_site(out, {"index.html": "one", "en/index.html": "one-en"}, {}, "output")
    write_site(out, {"index.html": "two"}, {}, "output")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [MARKER, "index.html"]
    assert (out / "index.html").read_text() == "two"
    assert not staging_dir(out).exists() and not old_dir(out).exists()


def test_the_output_is_a_link_to_a_release_whose_twin_shares_its_files(tmp_path):
    out = tmp_path / "output"
    write_site(out, {"index.html": "one", "en/index.html": "one-en"}, {}, "output")
    assert os.readlink(out) == ".output.releases/a"
    write_site(out, {"index.html": "two"}, {}, "output")
    assert os.readlink(out) == ".output.releases/b"
    releases = releases_dir(out)
    assert sorted(p.name for p in releases.iterdir()) == ["a", "b"]
    assert files_of(releases / "a") == files_of(releases / "b") == {MARKER: MARKER_TEXT,
                                                                    "index.html": "two"}
    assert inodes_of(releases / "a") == inodes_of(releases / "b")


def test_where_links_cannot_be_made_the_site_is_a_folder_swapped_in_whole(tmp_path, without_links):
    out = tmp_path / "output"
    write_site(out, {"index.html": "one", "a/index.html": "a"}, {}, "output")
    write_site(out, {"index.html": "two", "a/index.html": "a"}, {}, "output")
    assert out.is_dir() and not out.is_symlink() and not releases_dir(out).exists()
    assert files_of(out) == {MARKER: MARKER_TEXT, "index.html": "two", "a/index.html": "a"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.cache", "output"]


def test_a_swap_killed_between_its_two_renames_is_undone(tmp_path, without_links):
    out = tmp_path / "output"
    write_site(out, {"index.html": "old"}, {}, "output")
    out.rename(old_dir(out))  # the first rename happened, then the process died
    staging_dir(out).mkdir()
    (staging_dir(out) / "index.html").write_text("half")
    recover(out)
    assert (out / "index.html").read_text() == "old"
    assert not staging_dir(out).exists() and not old_dir(out).exists()


def test_a_folder_written_by_an_older_version_becomes_a_link_on_the_next_build(tmp_path, monkeypatch):
    out = tmp_path / "output"
    with monkeypatch.context() as patched:
        patched.setattr(os, "symlink", refused)
        write_site(out, {"index.html": "old", "a/index.html": "a"}, {}, "output")
    assert not out.is_symlink()
    kept = (out / "a/index.html").stat().st_ino
    write_site(out, {"index.html": "new", "a/index.html": "a"}, {}, "output")
    assert out.is_symlink() and files_of(out) == {MARKER: MARKER_TEXT, "index.html": "new",
                                                  "a/index.html": "a"}
    assert (out / "a/index.html").stat().st_ino == kept  # unchanged: linked from the folder, not written again
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.cache", ".output.releases", "output"]


def test_a_move_to_a_link_killed_between_its_renames_puts_the_folder_back(tmp_path, without_links):
    out = tmp_path / "output"
    write_site(out, {"index.html": "old"}, {}, "output")
    releases_dir(out).mkdir()
    (releases_dir(out) / "a").mkdir()
    (releases_dir(out) / "a" / "index.html").write_text("new")
    out.rename(old_dir(out))  # the folder was moved aside, then the process died before the link was made
    recover(out)
    assert not out.is_symlink() and (out / "index.html").read_text() == "old" and not old_dir(out).exists()


def test_a_swap_killed_before_cleaning_up_is_completed(tmp_path):
    out = tmp_path / "output"
    write_site(out, {"index.html": "new"}, {}, "output")
    old_dir(out).mkdir()
    recover(out)
    assert (out / "index.html").read_text() == "new" and not old_dir(out).exists()


def test_a_folder_without_the_marker_is_never_replaced(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "mine.txt").write_text("keep")
    with pytest.raises(SiteError):
        write_site(out, {"index.html": "x"}, {}, "output")
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_a_path_leading_outside_the_output_is_refused(tmp_path):
    with pytest.raises(SiteError):
        write_site(tmp_path / "output", {"../escape.html": "x"}, {}, "output")
    assert not (tmp_path / "escape.html").exists()


@pytest.mark.parametrize("path", ["/etc/escape.html", "a/../../escape.html", "a//b.html", "a\\..\\b.html",
                                  "./a.html", "a\0b.html"])
def test_every_spelling_of_a_path_that_is_not_plainly_inside_is_refused(tmp_path, path):
    with pytest.raises(SiteError) as caught:
        write_site(tmp_path / "output", {path: "x"}, {}, "output")
    shown = path.replace("\0", "\\x00")  # a message shows control characters escaped
    assert str(caught.value.problems[0]) == f"{shown}: refused to write outside the output folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def _site(tmp_path, files):
    out = tmp_path / "output"
    write_site(out, files, {}, "output")
    return out


def test_an_update_writes_only_changed_files_and_deletes_the_ones_gone(tmp_path):
    out = _site(tmp_path, {"index.html": "home", "a/index.html": "a", "b/index.html": "b"})
    times = {name: (out / name).stat().st_mtime_ns for name in ("index.html", "a/index.html")}
    previous = load_previous(out)
    with Update.open(out, "output", previous) as update:
        written = update.write({"index.html": "home", "a/index.html": "a2", "c/index.html": "c"})
        update.swap_in()
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        MARKER, "a/index.html", "c/index.html", "index.html"]
    assert not (out / "b").exists()  # the folder of a deleted page goes with it
    assert (out / "a/index.html").read_text() == "a2"
    assert (out / "index.html").stat().st_mtime_ns == times["index.html"]  # unchanged: not written again
    assert written["index.html"] == previous.record("index.html")
    assert not staging_dir(out).exists()


def half_applied_update(out, moves_done: int) -> Journal:
    """The state a kill leaves after an update's journal was committed and `moves_done` of its files were
    linked into the inactive release."""
    staging = staging_dir(out)
    inactive = "b" if os.readlink(out).endswith("a") else "a"
    (staging / ".files").mkdir(parents=True)
    (staging / ".files" / "0").write_text("new a")
    (staging / ".files" / "1").write_text("new")
    journal = Journal(inactive, (("0", "a/index.html"), ("1", "index.html")), ("b/index.html",))
    (staging / JOURNAL).write_bytes(journal.sealed())
    target = releases_dir(out) / inactive
    (target / "b/index.html").unlink()
    for name, relative in journal.moves[:moves_done]:
        os.unlink(target / relative)
        os.link(staging / ".files" / name, target / relative)
    return journal


@pytest.mark.parametrize("moves_done", [0, 1, 2])
def test_an_update_killed_after_its_journal_is_committed_is_finished_by_the_next_run(tmp_path, moves_done):
    out = _site(tmp_path, {"index.html": "old", "a/index.html": "a", "b/index.html": "b"})
    before = files_of(out)
    half_applied_update(out, moves_done)
    assert files_of(out) == before  # a reader still sees the whole old site
    recover(out)
    assert files_of(out) == {MARKER: before[MARKER], "index.html": "new", "a/index.html": "new a"}
    releases = releases_dir(out)
    assert inodes_of(releases / "a") == inodes_of(releases / "b") and not staging_dir(out).exists()


def test_an_update_killed_after_its_switch_is_finished_by_the_next_run(tmp_path):
    out = _site(tmp_path, {"index.html": "old", "a/index.html": "a", "b/index.html": "b"})
    journal = half_applied_update(out, 2)
    os.unlink(out)
    os.symlink(f".output.releases/{journal.release}", out)  # switched, then the process died
    recover(out)
    releases = releases_dir(out)
    assert files_of(releases / "a") == files_of(releases / "b") == files_of(out)
    assert files_of(out)["index.html"] == "new" and not (out / "b").exists()


def test_an_update_in_a_folder_killed_after_its_journal_is_committed_is_finished_by_the_next_run(tmp_path,
                                                                                                without_links):
    out = _site(tmp_path, {"index.html": "old", "a/index.html": "a", "b/index.html": "b"})
    staging = staging_dir(out)
    (staging / ".files").mkdir(parents=True)
    (staging / ".files" / "0").write_text("new a")
    journal = Journal(None, (("0", "a/index.html"), ("1", "index.html")), ("b/index.html",))
    (staging / JOURNAL).write_bytes(journal.sealed())
    (out / "index.html").write_text("new")  # the first move happened, then the process died
    recover(out)
    assert (out / "index.html").read_text() == "new" and (out / "a/index.html").read_text() == "new a"
    assert not (out / "b").exists() and not staging.exists()


def plant_journal(out, journal: bytes, staged: dict[str, str]) -> None:
    staging = staging_dir(out)
    (staging / ".files").mkdir(parents=True)
    for name, text in staged.items():
        (staging / ".files" / name).write_text(text)
    (staging / JOURNAL).write_bytes(journal)


OUTSIDE = {"moves": [["0", "../../victim"], ["1", "index.html"]], "deletes": ["../precious"]}


@pytest.mark.parametrize("journal", [
    pytest.param(lambda release: json.dumps({"release": release, **OUTSIDE}).encode(), id="not sealed"),
    pytest.param(lambda release: Journal(release, (("0", "../../victim"), ("1", "index.html")), ()).sealed(),
                 id="sealed, a move outside"),
    pytest.param(lambda release: Journal(release, (("1", "index.html"),), ("../precious",)).sealed(),
                 id="sealed, a delete outside"),
    pytest.param(lambda release: Journal(release, (("../../victim", "index.html"),), ()).sealed(),
                 id="sealed, a staged name not its own"),
    pytest.param(lambda release: b"campaignsite-sealed-1\n" + b"0" * 32 + json.dumps(OUTSIDE).encode(),
                 id="a forged seal"),
])
def test_a_journal_not_the_tools_own_is_discarded_and_nothing_outside_is_touched(tmp_path, journal):
    out = _site(tmp_path / "campaign", {"index.html": "old", "a/index.html": "a"})
    (tmp_path / "precious").write_text("keep")
    before = files_of(out)
    plant_journal(out, journal("b"), {"0": "planted", "1": "planted"})
    recover(out)
    assert files_of(out) == before and not staging_dir(out).exists()
    assert (tmp_path / "precious").read_text() == "keep" and not (tmp_path / "victim").exists()
    write_site(out, {"index.html": "new", "a/index.html": "a"}, {}, "output")  # the next build starts from it
    releases = releases_dir(out)
    assert files_of(out)["index.html"] == "new" and inodes_of(releases / "a") == inodes_of(releases / "b")


def test_a_missing_twin_is_made_again_before_an_update(tmp_path):
    out = _site(tmp_path, {"index.html": "old", "a/index.html": "a"})
    inactive = releases_dir(out) / ("b" if os.readlink(out).endswith("a") else "a")
    shutil.rmtree(inactive)
    write_site(out, {"index.html": "new", "a/index.html": "a"}, {}, "output")
    assert files_of(out)["index.html"] == "new" and out.parent / os.readlink(out) == inactive
    assert inodes_of(releases_dir(out) / "a") == inodes_of(releases_dir(out) / "b")


@pytest.mark.parametrize("place", [".output.staging", ".output.old", ".output.releases", ".output.releases/a",
                                   ".output.releases/b"])
@pytest.mark.parametrize("kind", ["a symbolic link", "a file", "a FIFO (named pipe)"])
def test_a_link_file_or_fifo_where_the_tool_keeps_a_folder_is_refused_and_never_followed(tmp_path, place, kind):
    campaign = tmp_path / "campaign"
    out = _site(campaign, {"index.html": "old"})
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "index.html").write_text("theirs")
    planted = campaign / place
    if planted.is_symlink():
        planted.unlink()
    elif planted.is_dir():
        shutil.rmtree(planted)
    planted.parent.mkdir(exist_ok=True)
    if kind == "a symbolic link":
        planted.symlink_to(target, target_is_directory=True)
    elif kind == "a file":
        planted.write_text("x")
    else:
        os.mkfifo(planted)
    with pytest.raises(SiteError) as caught:
        write_site(out, {"index.html": "new"}, {}, "output")
    assert [str(problem) for problem in caught.value.problems] == [
        f"{place}: is {kind}, not the tool's own — remove it, then build again: the tool makes its own"]
    assert files_of(target) == {"index.html": "theirs"}


def test_an_output_that_is_a_link_the_tool_did_not_make_is_refused(tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    out = tmp_path / "output"
    out.symlink_to(target, target_is_directory=True)
    with pytest.raises(SiteError) as caught:
        write_site(out, {"index.html": "new"}, {}, "output")
    assert [str(problem) for problem in caught.value.problems] == [
        "output: is a symbolic link, not the tool's own — remove it, then build again: the tool makes its own"]
    assert list(target.iterdir()) == []


def test_an_update_killed_before_its_journal_is_committed_leaves_the_old_site(tmp_path):
    out = _site(tmp_path, {"index.html": "old"})
    staging_dir(out).mkdir()
    (staging_dir(out) / "index.html").write_text("half")
    recover(out)
    assert (out / "index.html").read_text() == "old" and not staging_dir(out).exists()


def test_an_update_that_fails_before_its_journal_leaves_the_old_site(tmp_path):
    out = _site(tmp_path, {"index.html": "old"})
    with pytest.raises(RuntimeError):
        with Update.open(out, "output", load_previous(out)) as update:
            update.write({"index.html": "new"})
            raise RuntimeError("a template failed")
    assert (out / "index.html").read_text() == "old" and not staging_dir(out).exists()


def _same_size_same_time(path, text):
    """Rewrite a file as a coarse clock would let it look unchanged: same size, same time."""
    info = path.stat()
    path.write_text(text)
    assert path.stat().st_size == info.st_size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_a_file_rewritten_within_the_clock_tick_of_its_record_is_caught_by_its_content(tmp_path):
    out = _site(tmp_path, {"index.html": "aaaa", "a/index.html": "a"})
    _same_size_same_time(out / "index.html", "bbbb")
    previous = load_previous(out)
    assert previous.racy()
    assert not previous.unchanged("index.html") and previous.unchanged("a/index.html")
    assert not previous.intact()


def test_a_file_recorded_well_before_its_manifest_is_trusted_by_its_size_and_time(tmp_path):
    out = _site(tmp_path, {"index.html": "aaaa"})
    manifest = cache_dir(out) / MANIFEST_FILE
    later = manifest.stat().st_mtime_ns + 10_000_000_000
    os.utime(manifest, ns=(later, later))
    previous = load_previous(out)
    assert not previous.racy() and previous.unchanged("index.html")


def test_confirming_the_manifest_makes_its_files_trusted_by_time_once_their_tick_has_passed(tmp_path):
    out = _site(tmp_path, {"index.html": "aaaa"})
    assert load_previous(out).racy()
    page = out / "index.html"
    earlier = page.stat().st_mtime_ns - 10_000_000_000
    os.utime(page, ns=(earlier, earlier))
    save_manifest(out, {}, {"index.html": (content_digest(b"aaaa"), 4, earlier)})
    confirm_manifest(out)
    assert not load_previous(out).racy()


@pytest.mark.parametrize("fraction, racy", [(0, True), (123_456_789, False)])
def test_on_a_clock_of_whole_seconds_two_seconds_are_racy_else_a_tenth(tmp_path, fraction, racy):
    out = _site(tmp_path, {"index.html": "aaaa"})
    page, manifest = out / "index.html", cache_dir(out) / MANIFEST_FILE
    written = (page.stat().st_mtime_ns // 1_000_000_000 + 10) * 1_000_000_000 + fraction
    recorded = written - 1_500_000_000  # a second and a half before the manifest
    os.utime(page, ns=(recorded, recorded))
    save_manifest(out, {}, {"index.html": (content_digest(b"aaaa"), 4, recorded)})
    os.utime(manifest, ns=(written, written))
    assert load_previous(out).racy() is racy


def test_an_output_removed_as_rm_rf_removes_it_is_built_again_whole(tmp_path):
    out = _site(tmp_path, {"index.html": "old", "a/index.html": "a"})
    out.unlink()  # `rm -rf output` removes the link, not the releases
    write_site(out, {"index.html": "new", "a/index.html": "a"}, {}, "output")
    assert files_of(out) == {MARKER: MARKER_TEXT, "index.html": "new", "a/index.html": "a"}
    assert inodes_of(releases_dir(out) / "a") == inodes_of(releases_dir(out) / "b")
