"""What a citizen reads (issue 21 §6): the theme's own phrases punctuated as each language punctuates, the city
shown once, a post's date apart from its source, no "Ended" on an activity whose date is to be announced, a local
activity labelled as local, previous/next among the same place's activities, and the search page's filters in a
reader's order. Pages are rendered in memory from the theme's templates and strings."""
from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from campaignsite.i18n import Strings
from campaignsite.load import load_yaml
from campaignsite.model import Site
from campaignsite.render import Conversions, Publication, Urls, make_environment
from campaignsite.render.context import PageMaker, SiteFacts
from campaignsite.render.pages import render_pages
from campaignsite.routes import plan
from campaignsite.validate import validate
from tests.helpers import parse_html, squash
from tests.unit.test_news import news_docs
from tests.unit.test_validate import CAMPAIGN, sources

REPO = Path(__file__).resolve().parents[2]
DURING = date(2024, 6, 12)  # the campaign runs 10–16 June 2024
AFTER = date(2024, 6, 20)


def activity(slug: str, schedule: str, *lines: str) -> list[str]:
    return [f"  - slug: {slug}", f"    title: {{zh: 活动{slug}, en: Activity {slug}}}",
            "    summary: {zh: 摘要。, en: Summary.}", "    body: {zh: 正文。, en: Body.}",
            f"    schedule: {schedule}", *(f"    {line}" for line in lines)]


WENZHOU = "city: {zh: 温州市, en: Wenzhou}"
LOCAL = ("region: 330000", "in_notice: false")
ACTIVITIES = "\n".join(["activities:",
    *activity("opening", "{kind: months, start: 2024-05, end: 2024-06}", "region: national"),
    *activity("wz-late", "{kind: days, start: 2024-06-14}", *LOCAL, WENZHOU,
              "place: {zh: 温州市会展中心, en: 'Exhibition Centre, Wenzhou'}"),
    *activity("hz-fair", "{kind: days, start: 2024-06-12}", *LOCAL, "city: {zh: 杭州, en: Hangzhou}",
              "place: {zh: 湖滨广场, en: Lakeside Square}"),
    *activity("wz-early", "{kind: days, start: 2024-06-11}", *LOCAL, WENZHOU,
              "place: {zh: 五马街, en: Wuma Street}"),
    *activity("gd-talk", "{kind: days, start: 2024-06-13}", "region: 440000", "in_notice: false"),
    *activity("later", "{kind: unscheduled}", "region: national", "in_notice: false"),
    *activity("closing", "{kind: campaign}"),
]) + "\n"


@pytest.fixture(scope="module")
def site() -> Site:
    theme, problems = load_yaml(REPO / "templates" / "strings.yaml", "strings.yaml")
    assert problems == []
    posts = news_docs({"2024-06-11-opening": "source: 市文化局\n"})
    return validate(dataclasses.replace(sources(campaign=CAMPAIGN, activities=ACTIVITIES), strings=(theme,),
                                        news=posts)).site


def rendered(site: Site, key: str, lang: str, today: date = DURING, search: bool = False) -> str:
    pages = plan(site)
    page, = (page for page in pages if page.key == key and page.lang == lang)
    maker = PageMaker(site, SiteFacts.of(site, pages), Strings(site.strings),
                      Publication(Urls("https://example.org/"), today, search=search), Conversions())
    html, found = render_pages([page], make_environment([REPO / "templates"]), maker, REPO)
    assert found == []
    return html[page.output]


def text(html: str) -> str:
    """The text of some HTML, its runs of ASCII white space as one space (a full-width space is kept)."""
    return re.sub(r"[ \t\r\n]+", " ", parse_html(html).text()).strip()


def part(html: str, start: str, end: str) -> str:
    """The text of the HTML between the first `start` and the `end` after it, tags removed."""
    found = html[html.index(start) + len(start):]
    return text(found[:found.index(end)])


# --- Chinese punctuation ------------------------------------------------------------------------------------

def test_the_schedules_lead_ends_with_a_chinese_full_stop_and_puts_no_space_between_chinese_sentences(site):
    assert part(rendered(site, "schedule", "zh"), '<p class="lead">', "</p>") == (
        "周：从今天起的活动，逐日按时间排列。在活动期间举行、未注明具体日期的活动列在有日期的活动之后。"
        "时间另行通知的活动列在最后。状态截至2024年6月12日。")
    assert part(rendered(site, "schedule", "en"), '<p class="lead">', "</p>") == (
        "Week: what is on from today, day by day in order of time. Those that take place during the campaign without a date "
        "of their own follow the dated ones. Those whose date is still to be announced are listed last. "
        "Status as of 12 June 2024.")


def test_a_listings_lead_and_its_note_on_undated_activities_are_punctuated_in_chinese(site):
    html = rendered(site, "month/2024-06", "zh")
    assert part(html, '<p class="lead">', "</p>") == (
        "日期在2024年6月之内的活动（跨月的活动列入其经过的每个月），从今天起逐日按时间排列。状态截至2024年6月12日。")
    assert "没有具体日期的活动不列入任何月份。<a" in html
    assert part(rendered(site, "region/330000", "en"), '<p class="lead">', "</p>") == (
        "Activities in Zhejiang from today, by day and time. Status as of 12 June 2024.")


def test_an_activity_page_gives_the_status_date_in_full_width_brackets_in_chinese(site):
    zh, en = rendered(site, "activity/hz-fair", "zh"), rendered(site, "activity/hz-fair", "en")
    assert part(zh, "<dt>状态</dt><dd>", "</dd>") == "正在进行（状态截至2024年6月12日）"
    assert part(en, "<dt>Status</dt><dd>", "</dd>") == "Under way (Status as of 12 June 2024)"


@pytest.mark.parametrize("key", ["schedule", "month/2024-06", "region/330000", "activity/hz-fair", "activity/later",
                                 "news/opening", "search"])
def test_the_chinese_the_theme_writes_has_no_ascii_stop_or_bracket_and_no_space_after_a_full_stop(site, key):
    html = re.sub(r'<div class="search-terms" hidden>.*?</div>', "", rendered(site, key, "zh", search=True),
                  flags=re.DOTALL)  # words for the search index only, apart so that each is found
    written = parse_html(html).text()
    assert re.findall(r"[\u4e00-\u9fff][.()]|[()][\u4e00-\u9fff]|[。；！？][ \t]+[\u4e00-\u9fff]", written) == []


# --- places, news, status ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("slug", "lang", "where"), [
    ("wz-late", "zh", "温州市会展中心"), ("wz-late", "en", "Exhibition Centre, Wenzhou"),  # the place names the city
    ("wz-early", "zh", "温州市，五马街"), ("wz-early", "en", "Wenzhou, Wuma Street"),  # it does not: both
])
def test_the_city_is_shown_once(site, slug, lang, where):
    html = rendered(site, f"activity/{slug}", lang)
    assert part(html, "<dt>地点</dt><dd>" if lang == "zh" else "<dt>Where</dt><dd>", "</dd>") == where
    schedule = rendered(site, "schedule", lang)
    assert text(schedule).count(where) == 1


def test_a_posts_date_and_source_are_set_apart(site):
    assert part(rendered(site, "news/opening", "zh"), '<p class="post-meta">', "</p>") == "2024年6月11日\u3000来源：市文化局"
    assert part(rendered(site, "news/opening", "en"), '<p class="post-meta">', "</p>") == (
        "11 June 2024 · Source: 市文化局")


@pytest.mark.parametrize("today", [DURING, AFTER])
def test_an_activity_whose_date_is_to_be_announced_never_shows_ended(site, today):
    en, zh = rendered(site, "activity/later", "en", today), rendered(site, "activity/later", "zh", today)
    assert part(en, "<dt>When</dt><dd>", "</dd>") == "Date to be announced"
    assert part(en, "<dt>Status</dt><dd>", "</dd>").startswith("Expected (")
    assert part(zh, "<dt>状态</dt><dd>", "</dd>").startswith("预计举办（")
    assert "Ended" not in text(en) and "已结束" not in text(zh)


# --- local activities ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("slug", "zh", "en"), [
    ("wz-late", "地方活动", "Local activity"), ("gd-talk", "地方活动", "Local activity"),
    ("later", "通知印发后增列的活动", "Added after the notice was issued"),  # national, added after the notice
    ("opening", "第一项活动", "Activity 1"),
])
def test_a_local_activity_is_labelled_local_and_a_national_one_added_later_as_added_after_the_notice(
        site, slug, zh, en):
    assert part(rendered(site, f"activity/{slug}", "zh"), '<p class="kicker', "</p>").split(">", 1)[-1] == zh
    assert part(rendered(site, f"activity/{slug}", "en"), '<p class="kicker', "</p>").split(">", 1)[-1] == en


def test_only_the_label_added_after_the_notice_is_in_the_accent_colour(site):
    assert '<p class="kicker kicker-local">' in rendered(site, "activity/wz-late", "en")
    css = (REPO / "assets" / "site.css").read_text(encoding="utf-8")
    assert re.search(r"\.kicker-local \{[^}]*color: var\(--brand-dark\)", css)


@pytest.mark.parametrize(("slug", "previous", "next_"), [
    ("wz-early", None, "wz-late"), ("wz-late", "wz-early", None),  # Wenzhou's, by date (the file has them reversed)
    ("hz-fair", None, None), ("gd-talk", None, None),  # alone in their place
    ("opening", None, "later"), ("later", "opening", "closing"), ("closing", "later", None),  # the others: file order
])
def test_previous_and_next_lead_among_the_same_places_activities_in_date_order(site, slug, previous, next_):
    pages = {page.key: page for page in plan(site) if page.lang == "en"}
    data = pages[f"activity/{slug}"].data
    assert (getattr(data["previous"], "slug", None), getattr(data["next"], "slug", None)) == (previous, next_)
    html = rendered(site, f"activity/{slug}", "en")
    assert re.findall(r'href="/en/activities/([a-z-]+)/" rel="(prev|next)"', html) == [
        (found, rel) for found, rel in ((previous, "prev"), (next_, "next")) if found]


# --- the search page's filters -------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "regions", "months"), [
    ("zh", ["全国", "浙江省", "广东省"], [("2024-05", "2024年5月"), ("2024-06", "2024年6月")]),
    ("en", ["Nationwide", "Zhejiang", "Guangdong"], [("2024-05", "May 2024"), ("2024-06", "June 2024")]),
])
def test_the_search_filters_offer_regions_by_code_and_months_as_words(site, lang, regions, months):
    html = rendered(site, "search", lang, search=True)
    select = {name: html[html.index(f'id="search-{name}"'):].split("</select>", 1)[0] for name in ("region", "month")}
    assert re.findall(r'<option value="([^"]+)">([^<]+)</option>', select["region"]) == list(
        zip(["national", "330000", "440000"], regions, strict=True))  # the filter's value is the code, the same in both languages
    assert re.findall(r'<option value="([^"]+)">([^<]+)</option>', select["month"]) == months
    assert squash(select["region"]).count("<option") == len(regions) + 1  # and "any"
