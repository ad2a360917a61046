"""What is on near me this week: a citizen on a phone (375 px) finds it from the home page, on a campaign of 3,000
local activities over 30 days in 31 provinces and more than 90 cities, built on its 15th day.

The measure is the issue's: at most 2 clicks and 3 screens of scrolling from the home page to the list of this
week's activities in one named city, which holds exactly those activities, in time order; in both languages.
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from bench.localcampaign import cities, make_local_campaign, this_week
from campaignsite.pipeline import BuildOptions, build
from campaignsite.regions import REGIONS, divisions

pytestmark = pytest.mark.browser

TODAY = date(2008, 9, 15)
PHONE = {"width": 375, "height": 667}
CITIES = [("330100", "zh"), ("330100", "en"), ("440300", "zh"), ("650100", "en"), ("310000", "zh")]


@pytest.fixture(scope="module")
def local(tmp_path_factory, static_server):
    """(campaign folder, base URL) of the generated campaign, built on its 15th day (without its search index)."""
    work = tmp_path_factory.mktemp("local")
    site = make_local_campaign(work / "site", 3000)
    build(BuildOptions(site, work / "output", search=False, today=TODAY))
    return site, static_server(work / "output")


def test_the_generated_campaign_is_as_large_as_the_issue_asks():
    provinces = {code[:2] for code in cities()}
    assert len(provinces) >= 30 and len([code for code in cities() if code not in REGIONS]) >= 90


def names(city: str, lang: str) -> tuple[str, str]:
    """The names the picker shows: the province's and the city's (a municipality is both)."""
    province = city[:2] + "0000"
    city_name = getattr(REGIONS[city], lang) if city in REGIONS else (
        divisions()[city].zh if lang == "zh" else divisions()[city].en)
    return getattr(REGIONS[province], lang), city_name


def scroll_to_see(page, locator) -> float:
    """How far a reader scrolls from the top of the page to see all of `locator` at the bottom of the screen."""
    bottom = locator.evaluate("element => element.getBoundingClientRect().bottom + window.scrollY")
    return max(0.0, bottom - PHONE["height"])


@pytest.mark.parametrize("city, lang", CITIES)
def test_this_weeks_activities_in_a_city_are_two_clicks_and_three_screens_from_home(browser, local, city, lang):
    site, base = local
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base + ("en/" if lang == "en" else ""))
    province_name, city_name = names(city, lang)
    clicks, scrolling = 0, 0.0
    if city in REGIONS:  # a municipality: its own link in the picker
        target = page.locator(".place-picker > li > a", has_text=re.compile("^" + re.escape(province_name)))
    else:
        summary = page.locator(".place-picker summary", has_text=re.compile("^" + re.escape(province_name)))
        summary.click()
        clicks += 1
        target = page.locator(".place-picker details[open] a", has_text=re.compile("^" + re.escape(city_name)))
    scrolling += scroll_to_see(page, target)
    target.click()
    clicks += 1
    page.wait_for_load_state()
    assert re.search(rf"/regions/{city}/$", page.url), page.url
    week = page.evaluate("""([today, last]) => {
        const found = [];
        let bottom = 0;
        for (const group of document.querySelectorAll('.day-group')) {
            const link = group.querySelector('h2 a');
            const day = link ? link.getAttribute('href').match(/(\\d{4}-\\d{2}-\\d{2})\\/$/)[1] : null;
            if (!day || day < today || day > last) continue;
            for (const entry of group.querySelectorAll('a[href*="/activities/"]')) {
                found.push(entry.getAttribute('href').match(/activities\\/([^/]+)\\/$/)[1]);
                bottom = Math.max(bottom, entry.getBoundingClientRect().bottom + window.scrollY);
            }
        }
        return {found, bottom};
    }""", [TODAY.isoformat(), "2008-09-21"])
    scrolling += max(0.0, week["bottom"] - PHONE["height"])
    assert week["found"] == this_week(site, city, TODAY)
    assert week["found"], "the city has activities this week"
    assert clicks <= 2
    assert scrolling <= 3 * PHONE["height"], f"{scrolling / PHONE['height']:.1f} screens"
    context.close()
