"""write: staging, swap, recovery from an interrupted swap, and refusing foreign folders."""
from __future__ import annotations

import json
import os

import pytest

from campaignsite.errors import SiteError
from campaignsite.load import MANIFEST_FILE, MARKER, cache_dir, content_digest, load_previous
from campaignsite.render import RenderedSite
from campaignsite.write import JOURNAL, Update, confirm_manifest, old_dir, publish, recover, save_manifest, staging_dir


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


def test_a_swap_killed_between_its_two_renames_is_undone(tmp_path):
    out = tmp_path / "output"
    write_site(out, {"index.html": "old"}, {}, "output")
    out.rename(old_dir(out))  # the first rename happened, then the process died
    staging_dir(out).mkdir()
    (staging_dir(out) / "index.html").write_text("half")
    recover(out)
    assert (out / "index.html").read_text() == "old"
    assert not staging_dir(out).exists() and not old_dir(out).exists()


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


def test_an_update_killed_after_its_journal_is_committed_is_finished_by_the_next_run(tmp_path):
    out = _site(tmp_path, {"index.html": "old", "a/index.html": "a", "b/index.html": "b"})
    staging = staging_dir(out)
    (staging / "a").mkdir(parents=True)
    (staging / "a" / "index.html").write_text("new a")
    (staging / JOURNAL).write_text(json.dumps({"moves": ["index.html", "a/index.html"], "deletes": ["b/index.html"]}))
    (out / "index.html").write_text("new")  # the first move happened, then the process died
    recover(out)
    assert (out / "index.html").read_text() == "new" and (out / "a/index.html").read_text() == "new a"
    assert not (out / "b").exists() and not staging.exists()


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
