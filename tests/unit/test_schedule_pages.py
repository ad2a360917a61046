"""The schedule in pages, the home page's glance, and activities that are not in the notice: the plan
(routes) and the two settings behind them (validate)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from campaignsite.home import GLANCE
from campaignsite.load import parse_yaml, quick_yaml
from campaignsite.model import Activity, Site, by_start
from campaignsite.routes import Page, navigation, plan, route_of, schedule_key
from campaignsite.validate import Sources, schema, validate
from tests.unit.test_validate import ACTIVITY, CAMPAIGN, problems_of, sources


def many_activities(count: int, not_in_notice: tuple[int, ...] = ()) -> str:
    """`count` activities; the first is undated, the others start one day apart, latest first in the file."""
    lines = ["activities:"]
    for number in range(1, count + 1):
        schedule = "{kind: campaign}" if number == 1 else f"{{kind: days, start: {_day(count - number)}}}"
        lines += [f"  - slug: a{number}", f"    title: {{zh: 活动{number}, en: Activity {number}}}",
                  "    summary: {zh: 摘要。, en: Summary.}", "    body: {zh: 正文。, en: Body.}",
                  f"    schedule: {schedule}"]
        if number in not_in_notice:
            lines.append("    in_notice: false")
    return "\n".join(lines) + "\n"


def _day(offset: int) -> str:
    return (date(2024, 6, 10) + timedelta(days=offset)).isoformat()


def site_of(count: int, page_size: int | None = None, not_in_notice: tuple[int, ...] = ()) -> Site:
    campaign = CAMPAIGN if page_size is None else CAMPAIGN + f"  schedule_page_size: {page_size}\n"
    return validate(sources(campaign=campaign, activities=many_activities(count, not_in_notice))).site


def pages_of(site: Site, lang: str = "en") -> dict[str, Page]:
    return {page.key: page for page in plan(site) if page.lang == lang}


def listed(page: Page) -> tuple[Activity, ...]:
    """The activities a listing's page shows, in its order."""
    return tuple(activity for group in page.data["groups"] for activity in group.activities)


# -- routes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("number, lang, route", [
    (1, "zh", "schedule/"), (1, "en", "en/schedule/"), (2, "zh", "schedule/page/2/"),
    (2, "en", "en/schedule/page/2/"), (13, "en", "en/schedule/page/13/"),
])
def test_schedule_pages_after_the_first_are_below_schedule_page(number, lang, route):
    assert route_of(schedule_key(number), lang) == route
    assert Page(schedule_key(number), lang, "schedule.html", "x").output == route + "index.html"


def test_the_schedule_is_cut_into_pages_of_the_configured_size_in_schedule_order():
    site = site_of(25, page_size=10)
    ordered = tuple(by_start(site.activities))
    for lang in ("zh", "en"):
        pages = pages_of(site, lang)
        keys = [key for key in pages if key.startswith("schedule")]
        assert keys == ["schedule", "schedule/2", "schedule/3"]
        assert [listed(pages[key]) for key in keys] == [ordered[:10], ordered[10:20], ordered[20:]]
        assert [(pages[key].data["page_number"], pages[key].data["page_count"]) for key in keys] == [
            (1, 3), (2, 3), (3, 3)]
    assert ordered[0].slug == "a25" and ordered[-1].slug == "a1"  # not the file's order


@pytest.mark.parametrize("count, size, expected", [
    (1, 10, 1), (10, 10, 1), (11, 10, 2), (20, 10, 2), (21, 10, 3), (9, None, 1), (25, None, 1), (26, None, 2),
])
def test_the_number_of_schedule_pages(count, size, expected):
    pages = pages_of(site_of(count, page_size=size))
    assert [key for key in pages if key.startswith("schedule")] == [schedule_key(n) for n in range(1, expected + 1)]
    assert all(page.data["page_count"] == expected for key, page in pages.items() if key.startswith("schedule"))


def test_the_pagination_links_the_first_and_last_pages_and_the_neighbours():
    pages = pages_of(site_of(500, page_size=10))
    numbers = {key: [link["number"] for link in page.data["page_links"]] for key, page in pages.items()
               if key.startswith("schedule")}
    assert len(numbers) == 50
    assert numbers["schedule"] == [1, 2, 50]
    assert numbers["schedule/2"] == [1, 2, 3, 50]
    assert numbers["schedule/7"] == [1, 6, 7, 8, 50]
    assert numbers["schedule/50"] == [1, 49, 50]
    assert [link["key"] for link in pages["schedule/7"].data["page_links"]] == [
        "schedule", "schedule/6", "schedule/7", "schedule/8", "schedule/50"]


def test_the_menu_leads_to_the_first_schedule_page_only():
    site = site_of(25, page_size=10)
    assert "schedule" in navigation(plan(site), "en")
    assert not [key for key in navigation(plan(site), "en") if key.startswith("schedule/")]


def test_no_page_but_the_lists_carries_more_than_a_glance_of_the_activities():
    site = site_of(1000, page_size=10)
    pages = plan(site)
    assert len(pages_of(site)["home"].data["glance"]) == GLANCE == 10
    assert pages_of(site)["home"].data["glance"] == tuple(by_start(site.activities))[:10]
    for page in pages:
        if page.key.startswith("schedule"):
            assert len(listed(page)) == 10
        elif page.key.startswith(("archive/", "day/")):
            assert len(listed(page)) <= 10
        elif page.key != "notice":
            sizes = [len(value) for key, value in page.data.items() if isinstance(value, (tuple, list))
                     and key not in ("search_regions", "search_months")]  # as many as regions and months, not more
            assert all(size <= 10 for size in sizes), page.key


def test_an_activity_page_knows_the_schedule_page_that_lists_it():
    pages = pages_of(site_of(25, page_size=10))
    # the schedule runs a25 … a2, then a1 (undated)
    assert pages["activity/a25"].data["schedule_page"] == "schedule"
    assert pages["activity/a15"].data["schedule_page"] == "schedule/2"
    assert pages["activity/a1"].data["schedule_page"] == "schedule/3"


def test_the_notice_lists_only_the_activities_in_it_and_numbers_them_among_themselves():
    site = site_of(6, not_in_notice=(2, 5))
    pages = pages_of(site)
    assert [a.slug for a in pages["notice"].data["notice_activities"]] == ["a1", "a3", "a4", "a6"]
    assert [pages[f"activity/a{n}"].data["notice_number"] for n in range(1, 7)] == [1, None, 2, 3, None, 4]
    assert "activity/a2" in pages and "schedule" in pages
    assert any(a.slug == "a2" for a in listed(pages["schedule"]))


# -- validate ----------------------------------------------------------------------------------

def with_in_notice(value: str) -> str:
    return ACTIVITY + f"    in_notice: {value}\n"


@pytest.mark.parametrize("value, expected", [("true", True), ("false", False), ("False", False), ("TRUE", True)])
def test_in_notice_takes_true_or_false(value, expected):
    assert validate(sources(activities=with_in_notice(value))).site.activities[0].in_notice is expected


def test_in_notice_is_true_when_left_out():
    assert validate(sources()).site.activities[0].in_notice is True


@pytest.mark.parametrize("value, found", [
    ("no", "'no'"), ("yes", "'yes'"), ("off", "'off'"), ('"false"', "'false'"), ("0", "the number 0"),
    ("[a]", "a list"),
])
def test_in_notice_of_another_kind_is_an_error(value, found):
    assert problems_of(activities=with_in_notice(value)) == [
        f"activities.yaml:7:16: activities[check].in_notice: expected true or false, found {found} "
        "— write true or false (yes/no and on/off are not accepted)"]


def test_a_quick_reading_accepts_false_and_leaves_no_to_the_exact_reading():
    """The quick reading keeps no wording: it takes only `true`/`false` and leaves `no` to the exact one."""
    quick = quick_yaml(with_in_notice("false"), "activities.yaml")
    exact = sources(activities=with_in_notice("false"))
    assert quick is not None and quick.exact is False
    assert validate(Sources(exact.campaign, quick, None, (), exact.strings)).site.activities[0].in_notice is False
    assert quick_yaml(with_in_notice("no"), "activities.yaml") is None


def page_size_line(value: str) -> str:
    return CAMPAIGN + f"  schedule_page_size: {value}\n"


@pytest.mark.parametrize("value, expected", [("10", 10), ("250", 250)])
def test_the_schedule_page_size_is_read(value, expected):
    assert validate(sources(campaign=page_size_line(value))).site.campaign.schedule_page_size == expected


def test_the_schedule_page_size_is_25_when_left_out():
    assert validate(sources()).site.campaign.schedule_page_size == 25


@pytest.mark.parametrize("value, found", [
    ("5", "the number 5"), ("0", "the number 0"), ("-20", "the number -20"), ("12.5", "the number 12.5"),
    ("ten", "'ten'"), ('"20"', "'20'"), ("yes", "'yes'"), ("true", "'true'"),
])
def test_a_schedule_page_size_that_is_not_a_number_of_at_least_10_is_an_error(value, found):
    assert problems_of(campaign=page_size_line(value)) == [
        f"campaign.yaml:19:23: site.schedule_page_size: expected a whole number of at least 10, found {found} "
        "— write a number such as 25 (the default when the line is left out)"]


def test_a_schedule_page_size_in_the_campaign_file_is_documented():
    assert "schedule_page_size" in schema.field_names("site")
    assert "in_notice" in schema.field_names("activity")
    parsed, problems = parse_yaml(page_size_line("20"), "campaign.yaml")
    assert problems == [] and parsed.data["site"]["schedule_page_size"] == 20
