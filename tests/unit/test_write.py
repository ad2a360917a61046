"""write: staging, swap, recovery from an interrupted swap, and refusing foreign folders."""
from __future__ import annotations

import pytest

from campaignsite.errors import SiteError
from campaignsite.write import MARKER, old_dir, recover, staging_dir, write_site


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
    assert str(caught.value.problems[0]) == f"{path}: refused to write outside the output folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == []
