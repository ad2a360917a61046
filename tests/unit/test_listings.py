"""The listings by region and by month: which pages the plan makes, their order, pagination and routes."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from campaignsite.errors import SiteError
from campaignsite.listings import listings, months_of, page_count, region_order
from campaignsite.model import ContentPage, Schedule, Site, Text, by_start
from campaignsite.routes import Page, plan, route_of
from campaignsite.validate import validate
from tests.unit.test_validate import CAMPAIGN, sources

REGION_CYCLE = ("110000", None, "440000", "national")  # aN has REGION_CYCLE[N % 4]


def activities_text(count: int) -> str:
    """a1 is during the campaign (no month, no region); aN (N > 1) runs on 2024-12-(N-1) for a day, except a2, which spans
    December 2024 to February 2025; regions cycle through REGION_CYCLE."""
    lines = ["activities:"]
    for number in range(1, count + 1):
        if number == 1:
            schedule = "{kind: campaign}"
        elif number == 2:
            schedule = "{kind: months, start: 2024-12, end: 2025-02}"
        else:
            schedule = f"{{kind: days, start: 2024-12-{number - 1:02d}}}"
        lines += [f"  - slug: a{number}", f"    title: {{zh: 活动{number}, en: Activity {number}}}",
                  "    summary: {zh: 摘要。, en: Summary.}", "    body: {zh: 正文。, en: Body.}",
                  f"    schedule: {schedule}"]
        region = REGION_CYCLE[number % len(REGION_CYCLE)]
        if region:
            lines.append(f"    region: {region}")
    return "\n".join(lines) + "\n"


def site_of(count: int, page_size: int = 10) -> Site:
    campaign = CAMPAIGN + f"  schedule_page_size: {page_size}\n"
    return validate(sources(campaign=campaign, activities=activities_text(count))).site


def pages_of(site: Site, lang: str = "en") -> dict[str, Page]:
    return {page.key: page for page in plan(site) if page.lang == lang}


@pytest.mark.parametrize("key, lang, route", [
    ("regions", "zh", "regions/"), ("regions", "en", "en/regions/"),
    ("region/440000", "zh", "regions/440000/"), ("region/national/3", "en", "en/regions/national/page/3/"),
    ("month/2024-12", "zh", "schedule/2024-12/"), ("month/2025-01/2", "en", "en/schedule/2025-01/page/2/"),
])
def test_the_listings_routes(key, lang, route):
    assert route_of(key, lang) == route


@pytest.mark.parametrize("schedule, months", [
    (Schedule("days", date(2024, 12, 30), date(2025, 1, 2)), ("2024-12", "2025-01")),  # across the new year
    (Schedule("months", date(2024, 11, 1), date(2025, 2, 28)), ("2024-11", "2024-12", "2025-01", "2025-02")),
    (Schedule("days", date(2024, 6, 11), date(2024, 6, 11)), ("2024-06",)),
    (Schedule("deadline", None, date(2024, 7, 31)), ("2024-07",)),
    (Schedule("window", date(2024, 9, 20), date(2024, 10, 10)), ("2024-09", "2024-10")),
    (Schedule("campaign"), ()), (Schedule("unscheduled"), ()),
])
def test_an_activity_is_in_every_month_its_dates_touch_and_an_undated_one_in_none(schedule, months):
    assert months_of(schedule) == months


def test_national_comes_first_then_the_divisions_by_code():
    assert sorted(["440000", "110000", "national", "650000"], key=region_order) == [
        "national", "110000", "440000", "650000"]


def test_the_listings_hold_their_activities_in_schedule_order():
    site = site_of(25)
    found = listings(by_start(site.activities))
    assert list(found.regions) == ["national", "110000", "440000"]
    assert [a.slug for a in found.regions["440000"]] == ["a2", "a6", "a10", "a14", "a18", "a22"]
    assert list(found.months) == ["2024-12", "2025-01", "2025-02"]
    assert [a.slug for a in found.months["2025-01"]] == ["a2"]
    assert len(found.months["2024-12"]) == 24 and "a1" not in {a.slug for a in found.months["2024-12"]}


def test_the_plan_makes_the_index_and_paginates_each_listing_like_the_schedule():
    pages = pages_of(site_of(25))
    listing_keys = [key for key in pages if key.startswith(("region", "month"))]
    assert listing_keys == ["regions", "region/national", "region/110000", "region/440000",
                            "month/2024-12", "month/2024-12/2", "month/2024-12/3", "month/2025-01", "month/2025-02"]
    assert pages["regions"].data["region_counts"] == (("national", 6), ("110000", 6), ("440000", 6))
    third = pages["month/2024-12/3"].data
    assert (third["page_number"], third["page_count"], [a.slug for group in third["groups"] for a in group.activities]) == (
        3, 3, ["a22", "a23", "a24", "a25"])
    assert [link["key"] for link in third["page_links"]] == ["month/2024-12", "month/2024-12/2", "month/2024-12/3"]
    assert third["has_monthless"] and not pages["region/440000"].data["has_monthless"]
    assert pages["schedule"].data["months"] == ("2024-12", "2025-01", "2025-02")
    assert pages["schedule"].data["has_regions"]


def test_an_activity_page_knows_the_listing_pages_it_is_on():
    pages = pages_of(site_of(25))
    assert pages["activity/a2"].data["region_listing"] == "region/440000"
    assert pages["activity/a2"].data["month_listings"] == (
        ("2024-12", "month/2024-12"), ("2025-01", "month/2025-01"), ("2025-02", "month/2025-02"))
    assert pages["activity/a23"].data["month_listings"] == (("2024-12", "month/2024-12/3"),)
    assert pages["activity/a23"].data["region_listing"] == "region/national"
    assert pages["activity/a25"].data["region_listing"] is None
    assert pages["activity/a1"].data["month_listings"] == ()


def test_a_site_without_regions_or_dates_has_no_listing():
    site = site_of(1)
    assert not [key for key in pages_of(site) if key.startswith(("region", "month"))]
    assert page_count(0, 10) == 1 and page_count(21, 10) == 3


def test_a_content_page_named_like_the_regions_index_is_refused_naming_both():
    site = site_of(3)
    text = Text("x", "x")
    content = ContentPage("regions", text, text, text, ("content/regions.zh.md",))
    with pytest.raises(SiteError) as caught:
        plan(dataclasses.replace(site, pages=(content,)))
    assert (
        "content/regions.zh.md: would be written to regions/index.html, where activities.yaml (regions) is written "
        "too — give one of them another slug or file name") in [str(p) for p in caught.value.problems]
