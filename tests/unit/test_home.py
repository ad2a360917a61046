"""The home page's data (routes): today and the coming days, the places a reader can pick, and the glance of
national and notice activities (never a local one)."""
from __future__ import annotations

from datetime import date

from campaignsite.home import COMING_DAYS, GLANCE
from campaignsite.routes import Page, plan
from campaignsite.validate import validate
from tests.unit.test_validate import CAMPAIGN, sources

# the campaign runs 2024-06-10 .. 2024-06-16; days as (slug, region or None, first day, last day)
ACTIVITIES = [
    ("opening", None, "2024-06-10", "2024-06-10"),  # national (no region), ended by the 12th
    ("forum", "national", "2024-06-12", "2024-06-14"),  # national, three days
    ("expo", None, "2024-06-13", "2024-06-13"),
    ("hz-talk", "330000", "2024-06-12", "2024-06-12"),
    ("hz-fair", "330000", "2024-06-12", "2024-06-13"),  # local, two days: on both days' pages
    ("gz-walk", "440000", "2024-06-13", "2024-06-13"),
    ("later", "440000", "2024-06-30", "2024-06-30"),  # beyond the week
]


def activities_yaml() -> str:
    lines = ["activities:"]
    for slug, region, first, last in ACTIVITIES:
        lines += [f"  - slug: {slug}", f"    title: {{zh: {slug}, en: {slug}}}", "    summary: {zh: 摘要。, en: S.}",
                  "    body: {zh: 正文。, en: Body.}", f"    schedule: {{kind: days, start: {first}, end: {last}}}"]
        if region:
            lines.append(f"    region: '{region}'")
    lines += ["  - slug: all-month", "    title: {zh: 全月, en: All month}", "    summary: {zh: 摘要。, en: S.}",
              "    body: {zh: 正文。, en: Body.}", "    schedule: {kind: campaign}"]
    return "\n".join(lines) + "\n"


def home(today: date, lang: str = "en") -> Page:
    site = validate(sources(activities=activities_yaml())).site
    return next(page for page in plan(site, today) if page.key == "home" and page.lang == lang)


def test_the_home_page_is_given_today_and_the_next_six_days_in_order():
    coming = home(date(2024, 6, 12)).data["coming"]
    assert COMING_DAYS == 7
    assert [entry["day"] for entry in coming] == [date(2024, 6, d) for d in range(12, 19)]


def test_each_day_has_its_national_activities_once_and_counts_the_local_ones_its_day_page_lists():
    coming = home(date(2024, 6, 12)).data["coming"]
    summary = [(entry["day"].day, [a.slug for a in entry["national"]], entry["local"], entry["has_page"])
               for entry in coming]
    assert summary == [
        (12, ["forum"], 2, True),  # the talk and the fair
        (13, ["expo"], 2, True),  # the forum was shown on the 12th; the fair's second day and the walk
        (14, [], 0, True),  # only the forum's last day: it has a page, nothing new to name
        (15, [], 0, False), (16, [], 0, False), (17, [], 0, False), (18, [], 0, False),
    ]


def test_after_the_campaign_no_day_has_anything_on():
    assert not any(entry["has_page"] for entry in home(date(2024, 7, 1)).data["coming"])


def test_the_places_are_the_regions_but_national_by_code_with_their_counts():
    assert home(date(2024, 6, 12)).data["places"] == (
        {"code": "330000", "count": 2, "cities": ()}, {"code": "440000", "count": 2, "cities": ()})


def test_the_glance_holds_national_and_notice_activities_never_a_local_one():
    glance = home(date(2024, 6, 12)).data["glance"]
    assert [activity.slug for activity in glance] == ["opening", "forum", "expo", "all-month"]
    assert GLANCE == 10


def test_a_campaign_without_activities_gives_the_home_page_nothing_to_list():
    site = validate(sources(campaign=CAMPAIGN, activities="activities: []\n")).site
    data = next(page for page in plan(site, date(2024, 6, 12)) if page.key == "home").data
    assert (data["coming"], data["places"], data["glance"], data["has_regions"]) == ((), (), (), False)
