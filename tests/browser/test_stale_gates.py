"""The three modes of `site.stale_translations` through the gates: the reading festival with its English recorded,
then the Chinese of an activity's title, a content page's text, a slogan and the theme edited, built in `mark` and in
`fallback` and served; the English pages that show a stale text (the note, its link, the Chinese meanwhile) pass
axe at 320 and 1280 px, keep their targets and text sizes, and pass the Nu checker. In `error` the build stops
and there is nothing to serve."""
from __future__ import annotations

from pathlib import Path

import pytest

from campaignsite.errors import SiteError
from campaignsite.pipeline import BuildOptions, build
from tests.browser import gates
from tests.helpers import copy_fixture, run_build

PAGES = ("en/activities/book-fair/", "en/activities/reading-marathon/", "en/schedule/", "en/visit/", "en/slogans/",
         "en/slogans/read-every-day/", "en/", "en/notice/")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def stale_festival(into: Path, mode: str) -> Path:
    site = copy_fixture("reading-festival", into)
    assert run_build("translations", "accept", "--site", str(site)).returncode == 0
    edit(site / "activities.yaml", "title: {zh: 春季书市,", "title: {zh: 春季大书市,")
    edit(site / "content" / "visit.zh.md", "各场馆均可乘坐公共交通到达。", "各场馆均可骑车到达。")
    edit(site / "slogans.yaml", "zh: 每天读书　快乐成长,", "zh: 每天读书　快乐成长！,")
    edit(site / "campaign.yaml", "text: {zh: 书香满城,", "text: {zh: 书香满全城,")
    edit(site / "campaign.yaml", "\nsite:\n", f"\nsite:\n  stale_translations: {mode}\n")
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory, static_server):
    """{mode: (output folder, base URL served)} for mark and fallback."""
    found = {}
    for mode in ("mark", "fallback"):
        site = stale_festival(tmp_path_factory.mktemp(mode), mode)
        build(BuildOptions(site, site / "output"))
        found[mode] = (site / "output", static_server(site / "output"))
    return found


def visit(browser, sites, check, width: int) -> dict[str, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    gates.keep_on_this_machine(context)
    failures = {}
    for mode, (_, base) in sites.items():
        for path in PAGES:
            page = context.new_page()
            page.goto(base + path, wait_until="load")
            if found := check(page):
                failures[f"{mode}/{path}"] = found
            page.close()
    context.close()
    return failures


def test_the_pages_show_what_their_mode_says(sites):
    mark, fallback = (sites[mode][0] / "en/activities/book-fair/index.html" for mode in ("mark", "fallback"))
    assert 'class="stale-note stale-page" role="note"' in mark.read_text(encoding="utf-8")
    assert "(translation being updated)" in fallback.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_no_violation_on_the_pages_with_stale_texts(browser, sites, width):
    assert visit(browser, sites, gates.axe_violations, width) == {}


@pytest.mark.parametrize("width", [1280, 320])
def test_the_notes_keep_targets_and_text_large_enough_and_nothing_scrolls_sideways(browser, sites, width):
    def check(page) -> list[str]:
        return gates.small_targets(page) + gates.small_text(page) + gates.horizontal_overflow(page)

    assert visit(browser, sites, check, width) == {}


def test_the_nu_checker_finds_no_error_in_either_mode(sites):
    for output, _ in sites.values():
        assert gates.nu_errors(output) == []


def test_in_error_mode_the_build_stops_and_leaves_nothing_to_serve(tmp_path):
    site = stale_festival(tmp_path, "error")
    with pytest.raises(SiteError) as raised:
        build(BuildOptions(site, site / "output"))
    assert [problem.message for problem in raised.value.problems] == ["stale"] * 4
    assert not (site / "output").exists()
