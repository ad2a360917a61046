"""Links between pages written in Markdown (tests/fixtures/links): an activity's body and a content page link to every
kind of page, in both languages, and each link comes out under the base URL's path, relative with --relative-urls,
whole in the feeds, and working under `serve`."""
from __future__ import annotations

import re
from pathlib import Path

from campaignsite.images import source_hash
from tests.helpers import FIXTURES, copy_fixture, run_build
from tests.serving import fetch, serving

MAP_HASH = source_hash((FIXTURES / "links/content/images/map.gif").read_bytes())  # in the variants' names

BASE = "https://example.org/zt/x/"
ACTIVITY_EN = [
    "/zt/x/en/", "/zt/x/en/schedule/", "/zt/x/en/activities/author-talks/", "/zt/x/en/slogans/#read-every-day",
    "/zt/x/en/slogans/books-for-all/", "/zt/x/en/notice/#activity-book-fair", "/zt/x/en/requirements/#safety",
    "/zt/x/en/visit/#bus", "/zt/x/notice/", "/zt/x/en/schedule/?view=list#main",
    "/zt/x/en/activities/reading-marathon/", "#tickets", "https://example.com/a?b=1", "mailto:festival@example.org",
    f"/zt/x/images/map.{MAP_HASH}.16.jpg", "/zt/x/files/plan%202025.pdf", "/zt/x/en/schedule/",
]
ACTIVITY_ZH = [
    "/zt/x/", "/zt/x/schedule/", "/zt/x/activities/author-talks/", "/zt/x/slogans/#read-every-day",
    "/zt/x/slogans/books-for-all/", "/zt/x/notice/#activity-book-fair", "/zt/x/requirements/#safety",
    "/zt/x/visit/#bus", "/zt/x/en/schedule/", "/zt/x/notice/", "#tickets", f"/zt/x/images/map.{MAP_HASH}.16.jpg",
    "/zt/x/files/plan%202025.pdf",
]
PAGE_EN = [
    "/zt/x/en/", "/zt/x/en/schedule/", "/zt/x/en/activities/book-fair/#tickets", "/zt/x/en/slogans/#books-for-all",
    "/zt/x/en/slogans/read-every-day/", "/zt/x/en/notice/", "/zt/x/en/requirements/", "/zt/x/en/visit/", "#bus",
    "/zt/x/visit/#bus", f"/zt/x/images/map.{MAP_HASH}.16.jpg",
]
PAGE_ZH = ["/zt/x/schedule/", "/zt/x/activities/book-fair/#tickets", "/zt/x/en/visit/#bus"]


def prose_links(output: Path, page: str) -> list[str]:
    """The href and src of the Markdown on a page, in order."""
    html = (output / page).read_text(encoding="utf-8")
    prose = html.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
    return re.findall(r'(?:href|src)="([^"]*)"', prose)


def build(tmp_path: Path, *options: str) -> Path:
    output = tmp_path / "out"
    result = run_build("build", "--site", str(FIXTURES / "links"), "--output", str(output), "--today", "2025-03-01",
                       *options)
    assert result.returncode == 0, result.stderr
    return output


def test_links_lead_to_every_kind_of_page_in_the_texts_language_under_the_base_urls_path(tmp_path):
    output = build(tmp_path, "--base-url", BASE)
    assert prose_links(output, "en/activities/book-fair/index.html") == ACTIVITY_EN
    assert prose_links(output, "activities/book-fair/index.html") == ACTIVITY_ZH
    assert prose_links(output, "en/visit/index.html") == PAGE_EN
    assert prose_links(output, "visit/index.html") == PAGE_ZH
    notice = (output / "en/notice/index.html").read_text(encoding="utf-8")
    assert 'href="/zt/x/en/activities/author-talks/"' in notice  # the body shown on the notice links the same
    assert not (output / "images/map.gif").exists()  # an image shown is published as its variants only
    assert (output / f"images/map.{MAP_HASH}.16.jpg").is_file()
    assert (output / "files/plan 2025.pdf").is_file()


def test_with_relative_urls_each_link_is_relative_to_its_page(tmp_path):
    output = build(tmp_path, "--base-url", BASE, "--relative-urls")
    assert prose_links(output, "en/activities/book-fair/index.html") == [
        "../../../en/index.html", "../../../en/schedule/index.html", "../../../en/activities/author-talks/index.html",
        "../../../en/slogans/index.html#read-every-day", "../../../en/slogans/books-for-all/index.html",
        "../../../en/notice/index.html#activity-book-fair", "../../../en/requirements/index.html#safety",
        "../../../en/visit/index.html#bus", "../../../notice/index.html",
        "../../../en/schedule/index.html?view=list#main", "../../../en/activities/reading-marathon/index.html",
        "#tickets", "https://example.com/a?b=1", "mailto:festival@example.org",
        f"../../../images/map.{MAP_HASH}.16.jpg",
        "../../../files/plan%202025.pdf", "../../../en/schedule/index.html",
    ]
    assert prose_links(output, "visit/index.html") == [
        "../schedule/index.html", "../activities/book-fair/index.html#tickets", "../en/visit/index.html#bus"]


def test_the_feed_gives_whole_addresses(tmp_path):
    output = build(tmp_path, "--base-url", BASE)
    feed = (output / "en/feed.xml").read_text(encoding="utf-8")
    assert 'href="https://example.org/zt/x/en/activities/author-talks/"' in feed
    assert f'src="https://example.org/zt/x/images/map.{MAP_HASH}.16.jpg"' in feed  # the image's variant
    assert f'srcset="https://example.org/zt/x/images/map.{MAP_HASH}.16.webp 16w"' in feed
    assert 'href="#tickets"' in feed


def test_check_finds_every_link_of_the_built_pages_leads_somewhere():
    result = run_build("check", "--site", str(FIXTURES / "links"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("check: 0 errors, 0 warnings; 44 pages")  # with the day pages and archives


def test_serve_answers_every_link_of_the_markdown(tmp_path):
    site = copy_fixture("links", tmp_path)
    with serving(site) as (_process, base):
        for page in ("en/activities/book-fair/", "activities/book-fair/", "en/visit/", "visit/"):
            status, html = fetch(base + page)
            assert status == 200
            prose = html.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
            for link in re.findall(r'(?:href|src)="(/[^"#?]*)', prose):
                assert fetch(base.rstrip("/") + link)[0] == 200, (page, link)


PUBLISHED_LINKS = """
[As published](/zt/reading-2024/schedule/), [copied](https://www.example.gov.cn/zt/reading-2024/en/activities/book-fair/index.html#tickets),
[over http](http://www.example.gov.cn/zt/reading-2024/notice/?from=visit), [the ministry](https://www.example.gov.cn/other/),
[elsewhere](https://example.com/zt/reading-2024/schedule/), ![Map again](/zt/reading-2024/images/map.gif)
"""


def test_a_pages_address_on_the_published_site_links_as_its_path_on_a_preview_and_a_copy(tmp_path):
    site = copy_fixture("links", tmp_path)
    campaign = site / "campaign.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace(
        "https://reading.example.org/", "https://www.example.gov.cn/zt/reading-2024/"), encoding="utf-8")
    with (site / "content/visit.en.md").open("a", encoding="utf-8") as page:
        page.write(PUBLISHED_LINKS)
    output = tmp_path / "out"
    result = run_build("build", "--site", str(site), "--output", str(output), "--today", "2025-03-01",
                       "--relative-urls")
    assert result.returncode == 0, result.stderr
    assert prose_links(output, "en/visit/index.html")[len(PAGE_EN):] == [
        "../../en/schedule/index.html", "../../en/activities/book-fair/index.html#tickets",
        "../../en/notice/index.html?from=visit", "https://www.example.gov.cn/other/",
        "https://example.com/zt/reading-2024/schedule/", f"../../images/map.{MAP_HASH}.16.jpg",
    ]
