"""The search page in a real browser, on the site built with its index and served on 127.0.0.1: Chinese and
English queries and a filter give their results; every request stays on the site; the gates pass at 320 and
1280 px; without JavaScript and from disk (file://) the page says why and links the listings."""
from __future__ import annotations

from datetime import date

import pytest

from campaignsite.pipeline import BuildOptions, build
from tests.browser import gates
from tests.helpers import FIXTURES, REPO


@pytest.fixture(scope="module")
def searchable(tmp_path_factory, static_server):
    """(output folder, base URL) of the default campaign built with its search index."""
    output = tmp_path_factory.mktemp("search") / "output"
    build(BuildOptions(REPO, output, search=True, today=date(2008, 9, 15)))
    return output, static_server(output)


def open_search(browser, base: str, path: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
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
    page.select_option("#search-status", "正在进行")
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
