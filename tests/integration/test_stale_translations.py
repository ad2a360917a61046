"""Stale translations as readers and `check` see them, on a copy of the reading-festival campaign with its English
recorded as current: the Chinese of an activity's title and of a content page edited, then built in each mode of
`site.stale_translations` (mark, fallback, error); `translations accept` taking the notes away on the next
(incremental) build, since translations.lock is one of the build's inputs."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import copy_fixture, run_build

FAIR_LINE = ('activities.yaml:3:17: activities[book-fair].title: stale — the Chinese changed: "春季书市" → "春季大书市"; '
             "update the English in activities.yaml, or, if it still says the same, run "
             "`translations accept activities.yaml:activities[book-fair].title`")
VISIT_LINE = ('content/visit.zh.md:5:1: body: stale — the Chinese changed: "各场馆均可乘坐公共交通到达。\\n" → '
              '"各场馆均可骑车到达。\\n"; update the English in content/visit.en.md, or, if it still says the same, run '
              "`translations accept content/visit.md`")
NOTE = "The Chinese original was updated after this was translated; the translation may be out of date."


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def stale_site(tmp_path: Path, mode: str | None = None) -> Path:
    """The festival, its English recorded, then two Chinese texts edited; `mode` written in campaign.yaml."""
    site = copy_fixture("reading-festival", tmp_path)
    assert run_build("translations", "accept", "--site", str(site)).returncode == 0
    edit(site / "activities.yaml", "title: {zh: 春季书市,", "title: {zh: 春季大书市,")
    edit(site / "content" / "visit.zh.md", "各场馆均可乘坐公共交通到达。", "各场馆均可骑车到达。")
    if mode is not None:
        edit(site / "campaign.yaml", "\nsite:\n", f"\nsite:\n  stale_translations: {mode}\n")
    return site


def build(site: Path):
    return run_build("build", "--site", str(site))


def test_mark_shows_the_english_with_a_note_and_a_link_to_the_chinese_page(tmp_path):
    site = stale_site(tmp_path)
    assert build(site).returncode == 0
    fair = (site / "output/en/activities/book-fair/index.html").read_text(encoding="utf-8")
    assert (f'<p class="stale-note stale-page" role="note">{NOTE} <a href="/activities/book-fair/" '
            'hreflang="zh-Hans">Read the Chinese page</a></p>') in fair
    assert '<h1>Spring Book Fair <span class="stale-note">(translation may be out of date)</span></h1>' in fair
    visit = (site / "output/en/visit/index.html").read_text(encoding="utf-8")
    assert f'<p class="stale-note">{NOTE} <a href="/visit/" hreflang="zh-Hans">Read the Chinese page</a></p>' in visit
    assert "Every venue can be reached by public transport." in visit
    # built after the festival: the schedule has moved it to its archive
    schedule = (site / "output/en/schedule/archive/index.html").read_text(encoding="utf-8")
    assert 'Spring Book Fair <span class="stale-note">(translation may be out of date)</span></a>' in schedule
    marathon = (site / "output/en/activities/reading-marathon/index.html").read_text(encoding="utf-8")
    assert "stale-page" not in marathon  # its own texts are current; its link to the previous one is marked
    assert 'Spring Book Fair <span class="stale-note">(translation may be out of date)</span></a>' in marathon
    assert not any("stale-note" in path.read_text(encoding="utf-8") for path in (site / "output").rglob("*.html")
                   if "en" not in path.relative_to(site / "output").parts)  # the Chinese pages have no note


def test_fallback_shows_the_chinese_marked_as_being_updated(tmp_path):
    site = stale_site(tmp_path, "fallback")
    assert build(site).returncode == 0
    fair = (site / "output/en/activities/book-fair/index.html").read_text(encoding="utf-8")
    assert ('<h1><span lang="zh-Hans" class="pending">春季大书市</span> '
            '<span class="pending-note">(translation being updated)</span></h1>') in fair
    assert "stale-note" not in fair and "Spring Book Fair" not in fair
    visit = (site / "output/en/visit/index.html").read_text(encoding="utf-8")
    assert ('<div lang="zh-Hans" class="pending"><p>各场馆均可骑车到达。</p></div>'
            '<p class="pending-note">(translation being updated)</p>') in visit


def test_error_stops_the_build_with_every_stale_field_and_writes_nothing(tmp_path):
    site = stale_site(tmp_path, "error")
    result = build(site)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [FAIR_LINE, VISIT_LINE, "2 errors; nothing was written."]
    assert not (site / "output").exists()


@pytest.mark.parametrize("mode, code", [("mark", 0), ("fallback", 0), ("error", 1)])
def test_check_lists_the_stale_fields_as_status_does_and_strict_fails_only_in_error_mode(tmp_path, mode, code):
    site = stale_site(tmp_path, mode)
    result = run_build("check", "--strict", "--site", str(site))
    assert result.returncode == code
    assert result.stderr.splitlines()[:2] == [FAIR_LINE, VISIT_LINE]
    status = run_build("translations", "--site", str(site))
    assert [FAIR_LINE, VISIT_LINE] == [line for line in status.stdout.splitlines() if ": stale — " in line]


def test_accepting_the_english_takes_the_notes_away_on_the_next_build(tmp_path):
    site = stale_site(tmp_path)
    assert build(site).returncode == 0
    assert run_build("translations", "accept", "activities.yaml:activities[book-fair].title",
                     "--site", str(site)).returncode == 0
    result = build(site)
    assert result.returncode == 0 and "unchanged" not in result.stdout.split(";")[0]
    assert "stale-note" not in (site / "output/en/activities/book-fair/index.html").read_text(encoding="utf-8")
    assert "stale-note" in (site / "output/en/visit/index.html").read_text(encoding="utf-8")
    assert run_build("translations", "accept", "--site", str(site)).returncode == 0
    assert build(site).returncode == 0
    assert not any("stale-note" in path.read_text(encoding="utf-8") for path in (site / "output").rglob("*.html"))


def test_a_stale_text_of_the_campaign_is_noted_at_the_top_of_the_pages_about_the_campaign(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    assert run_build("translations", "accept", "--site", str(site)).returncode == 0
    edit(site / "campaign.yaml", "text: {zh: 书香满城,", "text: {zh: 书香满全城,")
    assert build(site).returncode == 0
    output = site / "output"
    for page, noted in (("en/index.html", True), ("en/notice/index.html", True), ("en/requirements/index.html", False),
                        ("en/schedule/index.html", False), ("index.html", False)):
        assert ("stale-page" in (output / page).read_text(encoding="utf-8")) is noted, page
    assert 'A City Full of Books <span class="stale-note">(translation may be out of date)</span>' in (
        output / "en/index.html").read_text(encoding="utf-8")
