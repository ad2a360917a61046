"""How commands write an author's files: never through a file planted where a temporary once lay, never two at
once, and nothing left behind by a killed command (commands/sourcefiles.py, write/lock.py)."""
from __future__ import annotations

import pytest

from campaignsite.commands.sourcefiles import editing_sources, remove_left_behind, write_sources
from campaignsite.errors import SiteError
from campaignsite.write.lock import sources_lock


def test_a_link_planted_where_a_temporary_used_to_be_named_is_never_followed(tmp_path):
    site, outside = tmp_path / "site", tmp_path / "outside.txt"
    site.mkdir()
    outside.write_text("precious\n", encoding="utf-8")
    (site / "campaign.yaml").write_text("old\n", encoding="utf-8")
    (site / ".campaign.yaml.tmp").symlink_to(outside)  # the name the tool used before this change
    write_sources({site / "campaign.yaml": "new\n"})
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert not (site / "campaign.yaml").is_symlink()
    assert (site / "campaign.yaml").read_text(encoding="utf-8") == "new\n"


def test_temporaries_a_killed_command_left_are_cleared_and_nothing_else(tmp_path):
    site, outside = tmp_path / "site", tmp_path / "outside.txt"
    (site / "activities").mkdir(parents=True)
    outside.write_text("precious\n", encoding="utf-8")
    left = [site / ".campaign.yaml.0123456789ab.tmp", site / "activities" / ".a.yaml.ba9876543210.tmp"]
    for path in left:
        path.write_text("half\n", encoding="utf-8")
    (site / "activities" / ".b.yaml.aaaaaaaaaaaa.tmp").symlink_to(outside)
    kept = [site / ".notes.tmp", site / "activities" / "a.yaml"]
    for path in kept:
        path.write_text("the author's\n", encoding="utf-8")
    remove_left_behind(site)
    assert [path.exists() for path in left] == [False, False]
    assert not (site / "activities" / ".b.yaml.aaaaaaaaaaaa.tmp").is_symlink()
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert [path.read_text(encoding="utf-8") for path in kept] == ["the author's\n"] * 2


def test_a_second_writer_of_one_campaign_waits_and_then_gives_up_with_a_located_line(tmp_path):
    said: list[str] = []
    with editing_sources(tmp_path):
        with pytest.raises(SiteError) as raised, sources_lock(tmp_path, said.append, wait_seconds=0):
            pass
    assert said == ["waiting for another command that changes this campaign's files to finish… — let it finish, "
                    "or stop it to run this one at once"]
    assert str(raised.value) == (f"{tmp_path}: another command that changes this campaign's files is still writing "
                                 "this folder after 0 s — wait for it to finish and run this again, or stop it")
    assert sorted(path.name for path in tmp_path.iterdir()) == []  # the lock adds no file to the author's folder


def test_a_campaign_folder_that_does_not_exist_is_named(tmp_path):
    with pytest.raises(SiteError) as raised, sources_lock(tmp_path / "nope", print):
        pass
    assert str(raised.value) == (f"{tmp_path / 'nope'}: is not a campaign folder — name the campaign's folder with "
                                 "--site, or make one with 'init'")
