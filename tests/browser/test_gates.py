"""Every page, both languages, in a real browser: loads cleanly, accessible, valid, mobile-ready,
light, complete without JavaScript, printable; and screenshots for people to look at.

The default campaign and the reading-festival fixture are built once and served on 127.0.0.1.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from campaignsite.links import check_links
from campaignsite.pipeline import BuildOptions, build
from tests.browser import gates
from tests.helpers import FIXTURES, REPO, copy_fixture, html_files

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", REPO / "test-artifacts" / "screenshots"))
WEIGHT_LIMIT = 100 * 1024


FESTIVAL_DAY = date(2025, 4, 22)  # the day before the book fair: the festival's listings and home page are live


def live_festival(into: Path) -> Path:
    """The reading festival with its author talks in a city (Guangzhou): the home page's picker and the city's
    listing are gated too."""
    site = copy_fixture("reading-festival", into)
    activities = site / "activities.yaml"
    text = activities.read_text(encoding="utf-8")
    assert "    region: 440000\n" in text
    activities.write_text(text.replace("    region: 440000\n", "    region: 440100\n"), encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory, static_server):
    """{name: (output folder, base URL served)} for the default campaign (built today: the campaign is over) and
    the reading festival (built during it, with a city)."""
    found = {}
    for name, site_dir, today in (("default", REPO, None),
                                  ("festival", live_festival(tmp_path_factory.mktemp("live")), FESTIVAL_DAY)):
        output = tmp_path_factory.mktemp(name) / "output"
        build(BuildOptions(site_dir, output, today=today))
        found[name] = (output, static_server(output))
    return found


def all_pages(sites) -> list[tuple[str, str]]:
    """(name, url) of every page of both sites."""
    pages = []
    for name, (output, base) in sites.items():
        for file in html_files(output):
            pages.append((f"{name}/{file}", base + file.removesuffix("index.html")))
    return pages


def visit_each(browser, sites, check, width=1280, **context_options):
    """Run `check(page, watch)` on every page; gives {page: failures} for the pages that failed."""
    context = browser.new_context(viewport={"width": width, "height": 900}, **context_options)
    gates.keep_on_this_machine(context)
    failures = {}
    for name, url in all_pages(sites):
        page = context.new_page()
        watch = gates.PageWatch(page)
        page.goto(url, wait_until="load")
        found = check(page, watch)
        if found:
            failures[name] = found
        page.close()
    context.close()
    return failures


def test_every_page_loads_with_no_console_error_no_failed_request_and_nothing_from_another_host(browser, sites):
    failures = visit_each(browser, sites, lambda page, watch: watch.load_failures())
    assert failures == {}
    # 94 of the default campaign (its news list and three posts are 8; its day pages and archives 14); 56 of the
    # festival built during it, with a city (Guangzhou's listing and archive)
    assert len(all_pages(sites)) == 150


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_no_wcag_a_or_aa_violation_on_any_page(browser, sites, width):
    assert visit_each(browser, sites, lambda page, watch: gates.axe_violations(page), width=width) == {}


def test_the_keyboard_reaches_everything_with_a_visible_focus_and_the_skip_link_comes_first(browser, sites):
    assert visit_each(browser, sites, lambda page, watch: gates.keyboard_failures(page)) == {}


@pytest.mark.parametrize("width", [1280, 320])
def test_targets_are_at_least_24_px(browser, sites, width):
    assert visit_each(browser, sites, lambda page, watch: gates.small_targets(page), width=width) == {}


@pytest.mark.parametrize("width", [320, 375])
def test_on_phones_nothing_scrolls_sideways_and_text_is_at_least_16_px(browser, sites, width):
    def check(page, watch):
        return gates.horizontal_overflow(page) + gates.small_text(page)
    assert visit_each(browser, sites, check, width=width) == {}


def test_no_page_needs_more_than_100_kb(browser, sites):
    def check(page, watch):
        total = watch.transferred()
        return [f"{total} bytes transferred"] if total > WEIGHT_LIMIT else []
    assert visit_each(browser, sites, check) == {}


def test_every_page_is_complete_and_navigable_without_javascript(browser, sites):
    def check(page, watch):
        problems = []
        if page.locator("h1").count() != 1 or not page.inner_text("h1").strip():
            problems.append("no heading")
        if page.locator("nav a[href]").count() < 3:
            problems.append("no menu")
        if len(page.inner_text("main").strip()) < 20:
            problems.append("no content")
        return problems + watch.load_failures()
    assert visit_each(browser, sites, check, java_script_enabled=False) == {}


def test_the_nu_checker_finds_no_error_in_any_page(sites):
    for output, _ in sites.values():
        assert gates.nu_errors(output) == []


@pytest.mark.parametrize("site_dir, base_url, least", [
    (REPO, None, 600), (REPO, "https://www.example.gov.cn/zt/quality-month-2008/", 600),
    (FIXTURES / "reading-festival", None, 500)], ids=["default", "default-sub-path", "festival"])
def test_every_link_and_source_resolves_to_a_built_file_and_anchor(tmp_path, site_dir, base_url, least):
    output = tmp_path / "output"
    build(BuildOptions(site_dir, output, base_url))
    pages = {f: (output / f).read_text(encoding="utf-8") for f in html_files(output)}
    others = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()} - set(pages)
    base_path = "/" if base_url is None else "/zt/quality-month-2008/"
    problems, checked = check_links(pages, others, base_path)
    assert problems == [] and checked > least


@pytest.mark.parametrize("path", ["notice/", "slogans/", "en/notice/", "en/slogans/", "news/quality-month-begins/",
                                  "en/news/quality-month-begins/"])
def test_the_notice_and_the_gallery_print_without_navigation(browser, sites, tmp_path, path):
    from pypdf import PdfReader
    output, base = sites["default"]
    page = browser.new_page()
    page.goto(base + path)
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    page.close()
    reader = PdfReader(str(pdf))
    text = "".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) >= 1
    other_language = "中文" if path.startswith("en/") else "English"  # the language switcher's word
    for chrome in ("Skip to main content", "跳到正文", "Full notice", "通知全文", other_language):
        assert chrome not in text
    assert ("质量安全是社会和谐的基础" in text) or ("Quality and safety" in text)


# (site, name, path): an activity with dates of its own, and the fixture's page of every Markdown element
SHOTS = [("default", "home", ""), ("default", "schedule", "schedule/"),
         ("default", "activity", "activities/olympic-quality-service/"), ("default", "slogans", "slogans/"),
         ("festival", "markdown", "guide/")]
DEVICES = (("desktop", 1280), ("phone", 375), ("narrow", 320))


def test_screenshots_of_both_languages_on_desktop_and_phones(browser, sites):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for device, width in DEVICES:
        page = browser.new_page(viewport={"width": width, "height": 900})
        for lang, prefix in (("zh", ""), ("en", "en/")):
            for site, name, path in SHOTS:
                target = SCREENSHOTS / f"{name}-{lang}-{device}.png"
                page.goto(sites[site][1] + prefix + path)
                page.screenshot(path=str(target), full_page=True)
                saved.append(target)
        page.close()
    print(f"\nscreenshots saved in {SCREENSHOTS}")
    assert all(p.stat().st_size > 10_000 for p in saved) and len(saved) == 30


SCROLL_BOX_JS = """
() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tabindex: el.getAttribute('tabindex'), role: el.getAttribute('role'), name: el.getAttribute('aria-label'),
          overflows: el.scrollWidth > el.clientWidth, left: el.scrollLeft,
          visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
          page: document.documentElement.scrollWidth <= document.documentElement.clientWidth};
}
"""


@pytest.mark.parametrize("path", ["news/", "en/news/"])
def test_on_a_phone_every_line_of_a_news_title_stands_beside_its_thumbnail(browser, sites, path):
    """Issue 21 §6: at 375 px the news list's thumbnail does not push the title's last line below it."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    gates.keep_on_this_machine(context)
    page = context.new_page()
    page.goto(sites["default"][1] + path, wait_until="load")
    items = page.evaluate("""() => [...document.querySelectorAll('.news-item.has-cover')].map(item => {
        const cover = item.querySelector('.news-cover').getBoundingClientRect();
        return {cover: cover.right, lines: [...item.querySelector('h2 a').getClientRects()].map(line => line.left)};
    })""")
    context.close()
    assert len(items) == 3 and all(len(item["lines"]) >= 2 for item in items)
    assert [item for item in items if min(item["lines"]) < item["cover"]] == []


def tab_to(page, selector: str) -> dict | None:
    """Press Tab until the focus is on the first element matching `selector`; what is known of it then."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return page.evaluate(SCROLL_BOX_JS)
    return None


@pytest.mark.parametrize("prefix, header", [("", "场馆"), ("en/", "Venue")], ids=["zh", "en"])
def test_on_a_phone_a_wide_table_and_a_long_code_line_scroll_in_boxes_the_keyboard_reaches(
        browser, sites, prefix, header):
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(sites["festival"][1] + prefix + "guide/")
    table = tab_to(page, ".table-scroll")
    assert table is not None, "Tab never reached the table's scroll box"
    # Chromium lets Tab reach any box that scrolls; other browsers only one with a tabindex
    assert table["tabindex"] == "0"
    assert table["role"] == "region" and table["name"].startswith(header + ", ")
    assert table["overflows"] and table["visible"] and table["page"]
    assert scrolled_by_arrow_key(page), "the arrow key did not scroll the table"
    code = tab_to(page, ".prose pre")
    assert code is not None and code["tabindex"] == "0" and code["overflows"] and code["visible"]
    assert scrolled_by_arrow_key(page), "the arrow key did not scroll the code"
    page.close()


def scrolled_by_arrow_key(page) -> bool:
    """The focused box scrolls right on →: at once, or after the browser's smooth scrolling."""
    page.keyboard.press("ArrowRight")
    try:
        page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=2000)
    except Exception:  # playwright's TimeoutError
        return False
    return True


# (site, path): the home pages, an activity with dates of its own, the slogans, the Markdown page, the news list and
# a post with a cover
LIGHTHOUSE_PAGES = [("default", ""), ("default", "en/"), ("default", "activities/olympic-quality-service/"),
                    ("default", "en/activities/olympic-quality-service/"), ("default", "slogans/"),
                    ("default", "en/slogans/"), ("festival", "guide/"), ("festival", "en/guide/"),
                    ("default", "news/"), ("default", "en/news/"), ("default", "news/forum-and-fair/"),
                    ("default", "en/news/forum-and-fair/"),
                    # live: the home page's finder and coming days, the schedule with its strip, a city, a day
                    ("festival", ""), ("festival", "en/schedule/"), ("festival", "regions/440100/"),
                    ("festival", "en/schedule/2025-04-23/")]


def test_lighthouse_scores_accessibility_best_practices_and_seo_at_least_095(sites, tmp_path):
    low = {}
    for number, (site, path) in enumerate(LIGHTHOUSE_PAGES):
        scores = gates.lighthouse_scores(sites[site][1] + path, tmp_path / f"report-{number}.json")
        print(f"\nlighthouse {site} /{path}: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(scores.items())))
        for category in ("accessibility", "best-practices", "seo"):
            if scores[category] < 0.95:
                low[f"{site} /{path} {category}"] = scores[category]
    assert low == {}
