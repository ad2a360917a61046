"""The search page in a real browser, on the site built with its index and served on 127.0.0.1: Chinese and
English queries and a filter give their results; every request stays on the site; the gates pass at 320 and
1280 px; without JavaScript and from disk (file://) the page says why and links the listings.

On a generated campaign of 300 activities: a Chinese query with a word found nowhere gives no result (not the
pages that share one of its characters); titles in either language find their activity among the first ten;
every result of a place can be reached; activities come in date order, what is on or coming first; the query
and the filters are in the address, and Back from a result gives them and the results again; a place's name
in either language finds it on either language's page; excerpts read as sentences; on a phone the filters
are folded and the first result is on the first screen."""
from __future__ import annotations

import re
from datetime import date

import pytest
import yaml

from bench.synthetic import make_campaign
from campaignsite.pipeline import BuildOptions, build
from tests.browser import gates
from tests.helpers import FIXTURES, REPO

GENERATED = 300
NOWHERE = ("演唱会", "房产中介", "火锅节", "助听器", "红木家具", "克拉玛依", "摇滚乐队", "马拉松赛", "钢琴独奏", "宠物美容")


@pytest.fixture(scope="module")
def searchable(tmp_path_factory, static_server):
    """(output folder, base URL) of the default campaign built with its search index."""
    output = tmp_path_factory.mktemp("search") / "output"
    build(BuildOptions(REPO, output, search=True, today=date(2008, 9, 15)))
    return output, static_server(output)


def open_search(browser, base: str, path: str, width: int = 1280, height: int = 900):
    context = browser.new_context(viewport={"width": width, "height": height})
    gates.keep_on_this_machine(context)
    page = context.new_page()
    watch = gates.PageWatch(page)
    page.goto(base + path, wait_until="load")
    page.wait_for_selector("form[role=search]:not([hidden])")
    return context, page, watch


def results_after(page, query: str) -> list[str]:
    """Type `query` (one input event, as a paste or an input method gives) and read the results shown."""
    page.evaluate("() => { document.querySelector('.search-count').textContent = ''; }")
    page.fill("#search-query", query)
    page.wait_for_function("() => document.querySelector('.search-count').textContent.trim() !== ''")
    return page.eval_on_selector_all(".search-results a", "links => links.map(a => a.getAttribute('href'))")


def test_a_chinese_query_and_a_filter_find_their_activities(browser, searchable):
    _, base = searchable
    context, page, watch = open_search(browser, base, "search/")
    assert "/activities/disaster-relief/" in results_after(page, "灾区")
    assert "/activities/olympic-quality-service/" in results_after(page, "奥运")
    page.fill("#search-query", "")
    page.evaluate("() => { document.querySelector('.search-count').textContent = ''; }")
    page.select_option("#search-when", "today")
    page.wait_for_function("() => document.querySelector('.search-count').textContent.trim() !== ''")
    found = page.eval_on_selector_all(".search-results a", "links => links.map(a => a.getAttribute('href'))")
    assert "/activities/disaster-relief/" in found and all(url.startswith("/activities/") for url in found)
    count = page.locator(".search-count")
    assert count.get_attribute("role") == "status" and count.inner_text().startswith("找到")
    assert watch.load_failures() == []
    context.close()


def test_an_english_query_finds_its_activity(browser, searchable):
    _, base = searchable
    context, page, watch = open_search(browser, base, "en/search/")
    found = results_after(page, "disaster")
    assert "/en/activities/disaster-relief/" in found
    assert page.locator(".search-count").inner_text().endswith("result.") or "results" in page.inner_text(".search-count")
    assert watch.foreign == [] and watch.load_failures() == []
    context.close()


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path", ["search/", "en/search/"])
def test_the_search_page_with_results_passes_axe_and_the_keyboard_gate(browser, searchable, width, path):
    _, base = searchable
    query = "质量" if path == "search/" else "quality"
    context, page, _ = open_search(browser, base, f"{path}?q={query}", width)  # results shown, nothing focused
    page.wait_for_selector(".search-results:not([hidden]) a")
    assert page.input_value("#search-query") == query
    assert gates.axe_violations(page) == []
    assert gates.horizontal_overflow(page) == []
    assert gates.keyboard_failures(page) == []
    context.close()


def test_the_search_pages_pass_the_nu_checker(searchable):
    output, _ = searchable
    assert gates.nu_errors(output / "search") == [] and gates.nu_errors(output / "en" / "search") == []


def test_without_javascript_the_page_says_so_and_links_the_listings(browser, searchable):
    _, base = searchable
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "en/search/")
    assert page.locator("form[role=search]").is_hidden()
    assert page.inner_text("[data-search-no-script]").startswith("Search needs JavaScript in your browser")
    assert page.locator(".search-listings a[href='/en/schedule/']").count() == 1
    context.close()


def test_from_disk_the_page_says_the_index_cannot_be_read(browser, tmp_path):
    output = tmp_path / "output"  # a site made to be opened from disk: its script runs there
    build(BuildOptions(REPO, output, search=True, relative_urls=True))
    page = browser.new_page()
    page.goto((output / "search" / "index.html").as_uri())
    page.wait_for_selector("[data-search-from-disk]:not([hidden])")
    assert page.locator("[data-search-no-script]").is_hidden()
    assert "从本地磁盘打开网页时无法搜索" in page.inner_text("[data-search-from-disk]")
    assert page.locator(".search-listings a").count() >= 1
    page.close()


def test_from_disk_a_site_with_root_links_still_says_why_search_is_missing(browser, searchable):
    output, _ = searchable  # its script cannot load from disk: the page's own words cover that case
    page = browser.new_page()
    page.goto((output / "en" / "search" / "index.html").as_uri())
    assert "not from disk" in page.inner_text("[data-search-no-script]")
    page.close()


def test_a_fixture_campaign_with_regions_builds_its_index(tmp_path):
    output = tmp_path / "output"
    build(BuildOptions(FIXTURES / "reading-festival", output, search=True))
    assert (output / "pagefind" / "pagefind-entry.json").is_file()


@pytest.fixture(scope="module")
def generated(tmp_path_factory, static_server):
    """(activities by slug, output folder, base URL) of a generated campaign of 300 activities, built on its
    15th day with its index."""
    work = tmp_path_factory.mktemp("generated")
    site = make_campaign(work / "site", GENERATED)
    build(BuildOptions(site, work / "output", search=True, today=date(2008, 9, 15)))
    items = yaml.safe_load((site / "activities.yaml").read_text(encoding="utf-8"))["activities"]
    return {item["slug"]: item for item in items}, work / "output", static_server(work / "output")


def all_results(page) -> list[str]:
    """Every result of the query shown, the button for the next ones pressed until there are no more."""
    while page.locator(".search-more").is_visible():
        shown = page.locator(".search-results li").count()
        page.click(".search-more")
        page.wait_for_function(f"() => document.querySelectorAll('.search-results li').length > {shown}")
    return page.eval_on_selector_all(".search-results a", "links => links.map(a => a.getAttribute('href'))")


def slug_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def test_chinese_queries_found_nowhere_give_no_result(browser, generated):
    _, output, base = generated
    text = "".join(page.read_text(encoding="utf-8") for page in output.glob("**/index.html"))
    assert not [query for query in NOWHERE if query in text]
    context, page, watch = open_search(browser, base, "search/")
    for query in NOWHERE:  # each shares a character or a word with some page: 会, 节, 助, 红木…
        assert (query, results_after(page, query)) == (query, [])
        assert page.inner_text(".search-count").startswith("没有找到结果：本站没有含“")
    assert watch.load_failures() == []
    context.close()


def test_titles_in_either_language_find_their_activity_among_the_first_ten(browser, generated):
    activities, _, base = generated
    for path, lang, numbers, number_in_title in (("search/", "zh", range(7, 300, 15), r"（第\d+期）"),
                                                  ("en/search/", "en", range(11, 300, 30), r" \(no\. \d+\)")):
        context, page, _ = open_search(browser, base, path)
        for n in numbers:
            slug = f"activity-{n:05d}"
            query = re.sub(number_in_title, "", activities[slug]["title"][lang])
            assert (query, slug) in [(query, slug_of(url)) for url in results_after(page, query)]
        context.close()


def test_every_result_of_a_place_can_be_reached(browser, generated):
    activities, _, base = generated
    jiangsu = {slug for slug, item in activities.items() if item["region"] == "320000"}
    context, page, _ = open_search(browser, base, "search/")
    results_after(page, "江苏")
    found = all_results(page)
    assert len(found) == len(set(found)) and {slug_of(url) for url in found} == jiangsu
    assert page.inner_text(".search-count") == f"找到{len(jiangsu)}条结果。"
    context.close()


def test_activities_come_in_date_order_what_is_on_or_coming_first(browser, generated):
    activities, _, base = generated
    context, page, _ = open_search(browser, base, "search/?region=440000")
    page.wait_for_selector(".search-results:not([hidden]) a")
    assert page.input_value("#search-region") == "440000"
    found = [activities[slug_of(url)] for url in all_results(page)]
    ends = [_end(item) for item in found]
    on = [i for i, end in enumerate(ends) if end >= "2008-09-15"]
    assert on and on == list(range(len(on)))  # nothing ended before what is on or coming
    dated = [max(_start(item), "2008-09-15") for item in found[:len(on)] if item["schedule"]["kind"] != "campaign"]
    assert dated == sorted(dated)
    assert ends[len(on):] == sorted(ends[len(on):], reverse=True)  # then what ended, the latest first
    context.close()


def test_the_time_filter_keeps_what_is_on_today(browser, generated):
    activities, _, base = generated
    context, page, _ = open_search(browser, base, "search/?q=讲座&when=today")
    page.wait_for_selector(".search-results:not([hidden]) a")
    found = [activities[slug_of(url)] for url in all_results(page)]
    assert found and all(_start(item) <= "2008-09-15" <= _end(item) for item in found)
    context.close()


def test_back_from_a_result_gives_the_query_the_filters_and_the_results_again(browser, generated):
    _, _, base = generated
    context, page, _ = open_search(browser, base, "search/")
    page.select_option("#search-when", "ended")
    results_after(page, "质量")
    page.click(".search-more")
    page.wait_for_function("() => document.querySelectorAll('.search-results li').length > 10")
    shown = page.eval_on_selector_all(".search-results a", "links => links.map(a => a.getAttribute('href'))")
    assert "when=ended" in page.url and "q=" in page.url
    page.click(f".search-results li:nth-child({len(shown)}) a")
    page.wait_for_url(f"**{shown[-1]}")
    page.go_back()
    page.wait_for_function(f"() => document.querySelectorAll('.search-results li').length === {len(shown)}")
    assert (page.input_value("#search-query"), page.input_value("#search-when")) == ("质量", "ended")
    assert page.eval_on_selector_all(".search-results a", "links => links.map(a => a.getAttribute('href'))") == shown
    page.reload()
    page.wait_for_function(f"() => document.querySelectorAll('.search-results li').length === {len(shown)}")
    assert page.input_value("#search-query") == "质量"
    context.close()


def test_a_place_name_in_either_language_finds_it_on_either_page(browser, generated):
    _, _, base = generated
    for path in ("search/", "en/search/"):
        context, page, _ = open_search(browser, base, path)
        found = [(results_after(page, name), page.inner_text(".search-count")) for name in ("江苏", "Jiangsu")]
        assert found[0] == found[1] and len(found[0][0]) == 10
        context.close()


def test_excerpts_read_as_sentences(browser, generated):
    _, _, base = generated
    for path, query, labels in (("search/", "西湖", ("时间：", "状态：")), ("en/search/", "Xihu", ("When: ", "Status: "))):
        context, page, _ = open_search(browser, base, path)
        results_after(page, query)
        excerpts = page.eval_on_selector_all(".search-results p", "ps => ps.map(p => p.textContent)")
        assert all(label in excerpt for excerpt in excerpts for label in labels), excerpts[0]
        assert not [excerpt for excerpt in excerpts if re.search(r"When[A-Z]|Status[A-Z]|时间\d|状态[正已即]", excerpt)]
        assert not [excerpt for excerpt in excerpts if re.search(r"[\u4e00-\u9fff。：）]\s+[\u4e00-\u9fff]", excerpt)]
        context.close()


def test_on_a_phone_the_filters_are_folded_and_the_first_result_is_on_the_first_screen(browser, generated):
    _, _, base = generated
    context, page, _ = open_search(browser, base, "search/?q=讲座&region=320000", 375, 667)
    page.wait_for_selector(".search-results:not([hidden]) a")
    assert page.locator("details.search-options").get_attribute("open") is None
    assert page.inner_text("details.search-options summary") == "筛选：江苏省"
    box = page.locator(".search-results a").first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 667
    context.close()


def _start(item: dict) -> str:
    schedule = item["schedule"]
    return {"campaign": "2008-09-01", "months": "2008-07-01"}.get(schedule["kind"], schedule.get("start", ""))


def _end(item: dict) -> str:
    schedule = item["schedule"]
    return {"campaign": "2008-09-30", "months": "2008-09-30"}.get(schedule["kind"], schedule.get("end", ""))
