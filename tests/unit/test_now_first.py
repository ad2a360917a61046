"""Listings from the build date: the days from today in time order, the sections of what has no day, the archive
newest first (model.now_first); pages cut by whole days (listings.cut); pagers named by their days; day pages."""
from __future__ import annotations

from datetime import date, time

import pytest

from campaignsite.listings import cut, days_covered
from campaignsite.model import Activity, Group, Hours, Schedule, Text, in_time_order, now_first, on_day
from campaignsite.routes import Page, cut_pages, listing_key, plan, route_of
from campaignsite.validate import validate
from tests.unit.test_i18n import strings  # noqa: F401 (a fixture)
from tests.unit.test_validate import CAMPAIGN, sources

TODAY = date(2024, 6, 12)


def activity(slug: str, kind: str = "days", start: date | None = None, end: date | None = None,
             at: time | None = None, number: int = 1) -> Activity:
    return Activity(slug, number, Text(slug, slug), Text("s", "s"), Text("b", "b"),
                    Schedule(kind, start, end if end or kind in ("campaign", "unscheduled") else start,
                             time=Hours(at) if at else None))


def slugs(groups: tuple[Group, ...]) -> list[tuple[str, date | None, list[str]]]:
    return [(group.kind, group.day, [a.slug for a in group.activities]) for group in groups]


def day(n: int) -> date:
    return date(2024, 6, n)


SCHEDULED = (  # in schedule order (model.by_start), as the plan gives them
    activity("months-begun", "months", day(1), date(2024, 7, 31)),
    activity("ended-9", start=day(9)),
    activity("days-10-to-13", start=day(10), end=day(13)),
    activity("ended-10-11", start=day(10), end=day(11)),
    activity("deadline-11", "deadline", end=day(11)),
    activity("today-15h", start=day(12), at=time(15)),
    activity("today-9h", start=day(12), at=time(9)),
    activity("today-untimed", start=day(12)),
    activity("deadline-12", "deadline", end=day(12), at=time(17)),
    activity("window-13", "window", day(13), day(20)),
    activity("tomorrow-8h", start=day(13), at=time(8)),
    activity("campaign", "campaign"),
    activity("tba", "unscheduled"),
)


def test_the_listing_opens_today_with_each_coming_day_then_the_sections_without_a_day():
    listing, _ = now_first(SCHEDULED, TODAY)
    assert slugs(listing) == [
        ("day", day(12), ["days-10-to-13", "today-untimed", "today-9h", "today-15h", "deadline-12"]),
        ("day", day(13), ["window-13", "tomorrow-8h"]),
        ("ongoing", None, ["months-begun"]),
        ("campaign", None, ["campaign"]),
        ("unscheduled", None, ["tba"]),
    ]


def test_what_has_ended_is_in_the_archive_by_its_last_day_the_latest_first():
    _, archive = now_first(SCHEDULED, TODAY)
    assert slugs(archive) == [("day", day(11), ["ended-10-11", "deadline-11"]), ("day", day(9), ["ended-9"])]


def test_before_the_campaign_nothing_has_ended_and_after_it_every_dated_activity_has():
    listing, archive = now_first(SCHEDULED, day(1))
    assert archive == () and listing[0].day == day(1) and "ongoing" not in [g.kind for g in listing]
    listing, archive = now_first(SCHEDULED, date(2024, 9, 1))
    assert [group.kind for group in listing] == ["campaign", "unscheduled"]
    assert archive[0].activities[0].slug == "months-begun"


def test_a_day_runs_in_time_order_those_begun_earlier_first_then_untimed_then_by_time():
    found = in_time_order([activity("late", start=day(12), at=time(20)), activity("begun", start=day(10), end=day(12)),
                           activity("early", start=day(12), at=time(7, 30)), activity("untimed", start=day(12))],
                          day(12))
    assert [a.slug for a in found] == ["begun", "untimed", "early", "late"]


def group_of(n: int, size: int) -> Group:
    return Group("day", tuple(activity(f"d{n}-{i}", start=day(n)) for i in range(size)), day(n))


def test_pages_hold_whole_days_as_far_as_they_fit():
    pages = cut((group_of(1, 3), group_of(2, 4), group_of(3, 4), group_of(4, 1)), 8)
    assert [[(g.day, len(g.activities)) for g in page] for page in pages] == [
        [(day(1), 3), (day(2), 4)], [(day(3), 4), (day(4), 1)]]
    assert [days_covered(page) for page in pages] == [(day(1), day(2)), (day(3), day(4))]


def test_a_day_longer_than_a_page_starts_a_page_and_runs_on_marked_continued():
    pages = cut((group_of(1, 2), group_of(2, 25), Group("campaign", (activity("c", "campaign"),))), 10)
    assert [[(g.day, len(g.activities), g.continued) for g in page] for page in pages] == [
        [(day(1), 2, False)], [(day(2), 10, False)], [(day(2), 10, True)], [(day(2), 5, True), (None, 1, False)]]
    assert days_covered(pages[3]) == (day(2), day(2))


def test_an_empty_listing_is_one_empty_page():
    assert cut((), 10) == [()]


def test_the_pager_names_each_page_by_the_days_it_covers_or_its_sections():
    groups = (group_of(16, 6), group_of(17, 2), group_of(18, 2), group_of(19, 9), Group("campaign", (activity("c1"), activity("c2"))))
    pages = cut_pages(groups, 10, lambda n: listing_key("schedule", n))
    assert [page["covers"] for page in pages] == [(day(16), day(18)), (day(19), day(19)), None]
    assert [(link["key"], link["days"], link["sections"]) for link in pages[1]["page_links"]] == [
        ("schedule", (day(16), day(18)), ()), ("schedule/2", (day(19), day(19)), ()), ("schedule/3", None, ("campaign",))]


@pytest.mark.parametrize("first, last, lang, text", [
    (date(2008, 9, 16), date(2008, 9, 18), "zh", "9月16日–9月18日"),
    (date(2008, 9, 16), date(2008, 9, 18), "en", "16–18 September"),
    (date(2008, 9, 30), date(2008, 10, 2), "en", "30 September – 2 October"),
    (date(2008, 9, 16), date(2008, 9, 16), "zh", "9月16日"),
])
def test_a_pager_writes_the_days_without_the_year(strings, first, last, lang, text):  # noqa: F811
    assert strings.short_range(first, last, lang) == text


def test_a_day_page_has_what_is_on_that_day_approximate_dates_on_their_first_day_only():
    days = on_day(SCHEDULED)
    assert list(days)[:3] == [day(1), day(9), day(10)]
    assert [a.slug for a in days[day(11)]] == ["days-10-to-13", "ended-10-11", "deadline-11"]
    assert [a.slug for a in days[day(13)]] == ["days-10-to-13", "window-13", "tomorrow-8h"]
    assert day(14) not in days and day(2) not in days  # the window and the months only where they begin


@pytest.mark.parametrize("key, lang, route", [
    ("day/2008-09-16", "zh", "schedule/2008-09-16/"), ("day/2008-09-16/2", "en", "en/schedule/2008-09-16/page/2/"),
    ("archive/schedule", "zh", "schedule/archive/"), ("archive/schedule/3", "en", "en/schedule/archive/page/3/"),
    ("archive/region/440000", "en", "en/regions/440000/archive/"),
    ("archive/region/440000/2", "zh", "regions/440000/archive/page/2/"),
    ("archive/month/2008-09", "zh", "schedule/2008-09/archive/"),
])
def test_the_routes_of_day_pages_and_archives(key, lang, route):
    assert route_of(key, lang) == route


ACTIVITIES = """\
activities:
  - slug: past
    title: {zh: 过去, en: Past}
    summary: {zh: 摘要。, en: Summary.}
    body: {zh: 正文。, en: Body.}
    schedule: {kind: days, start: 2024-06-10}
    region: 440000
  - slug: later
    title: {zh: 以后, en: Later}
    summary: {zh: 摘要。, en: Summary.}
    body: {zh: 正文。, en: Body.}
    schedule: {kind: days, start: 2024-06-14, time: "9:00"}
    region: 440000
"""


def planned(today: date) -> dict[str, Page]:
    site = validate(sources(campaign=CAMPAIGN, activities=ACTIVITIES)).site
    return {(page.key, page.lang): page for page in plan(site, today)}


def test_the_plan_makes_a_day_page_per_day_in_both_languages_and_archives_what_has_ended():
    pages = planned(TODAY)
    assert {key for key, lang in pages if key.startswith("day/")} == {"day/2024-06-10", "day/2024-06-14"}
    assert ("day/2024-06-14", "zh") in pages and ("day/2024-06-14", "en") in pages
    assert pages[("activity/past", "en")].data["schedule_page"] == "archive/schedule"
    assert pages[("activity/past", "en")].data["region_listing"] == "archive/region/440000"
    assert pages[("activity/later", "en")].data["schedule_page"] == "schedule"
    schedule = pages[("schedule", "en")].data
    assert slugs(schedule["groups"]) == [("day", day(14), ["later"])] and schedule["linked"] == (True,)
    assert schedule["archive"] == {"key": "archive/schedule", "count": 1}
    assert pages[("archive/schedule", "zh")].data["current_listing"] == "schedule"
    assert slugs(pages[("archive/region/440000", "en")].data["groups"]) == [("day", day(10), ["past"])]


def test_the_build_date_moves_what_the_listings_show():
    assert pages_day(planned(day(9))) == ("day", day(10))
    assert planned(day(9))[("schedule", "en")].data["archive"] is None  # nothing has ended: no link to the archive
    assert ("archive/schedule", "en") in planned(day(9))  # its page is there all the same
    assert pages_day(planned(day(20))) is None


def pages_day(pages: dict[tuple[str, str], Page]) -> tuple[str, date | None] | None:
    groups = pages[("schedule", "en")].data["groups"]
    return (groups[0].kind, groups[0].day) if groups else None
