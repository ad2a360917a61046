"""Every kind of schedule, built end to end: what the pages, the calendars, the structured data and the open
data say about times, deadlines and activities without dates, and that none of them says more.

tests/fixtures/schedule-kinds is built as of 22 December 2024: a window and a talk are over, a deadline has
passed and another is open, workshops are still to come: the schedule opens at that day, the rest in its archive.
"""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from campaignsite.pipeline import BuildOptions, build
from tests.helpers import FIXTURES, read_page

BUILD_DATE = date(2024, 12, 22)
ORDER = ["early-window", "essay-deadline", "opening-talk", "story-workshops", "reading-month", "photo-deadline",
         "book-drive", "author-visit"]


@pytest.fixture(scope="module")
def kinds_site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("schedule-kinds") / "output"
    build(BuildOptions(FIXTURES / "schedule-kinds", output, today=BUILD_DATE))
    return output


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def timeline(site: Path, page: str) -> list[str]:
    """Each item of the schedule as its words: when, status, title, summary, place."""
    html = (site / page).read_text(encoding="utf-8")
    items = re.findall(r'<li class="timeline-item[^"]*">(.*?)</li>', html, re.S)
    return [words(re.sub(r"<[^>]+>", " ", item)) for item in items]


def test_the_schedule_says_when_each_kind_happens_in_english(kinds_site):
    """The schedule opens at the build date; what has ended is in its archive, the latest first."""
    # each a title and one line of when · where · status; under its only day's heading, its hours alone
    assert timeline(kinds_site, "en/schedule/index.html") == [
        "(4) Story Workshops 27–29 December 2024, 14:00–16:00 daily · Upcoming",
        "(7) January Reading Circle January 2025 · Upcoming",
        "(6) Photo Contest Closes by 10 January 2025, 17:00 · Open",
        "(2) Book Drive During the campaign · Under way",
        "(1) Meet the Author Date to be announced · Expected",
    ]
    assert timeline(kinds_site, "en/schedule/archive/index.html") == [
        "(3) Opening Talk 09:00–11:30 · District Library lecture hall · Ended",
        "(5) Essay Competition Closes by 20 December 2024 · Closed",
        "(8) Reading List Suggestions Late November 2024 · Ended",
    ]


def test_the_schedule_says_when_each_kind_happens_in_chinese(kinds_site):
    assert timeline(kinds_site, "schedule/index.html") == [
        "（四） 故事工作坊 2024年12月27日至29日 每天14:00—16:00 · 即将开始",
        "（七） 一月共读 2025年1月 · 即将开始",
        "（六） 摄影作品截止 2025年1月10日 17:00前 · 未截止",
        "（二） 图书募集 活动期间 · 正在进行",
        "（一） 作家见面会 时间另行通知 · 预计举办",
    ]
    assert timeline(kinds_site, "schedule/archive/index.html") == [
        "（三） 开幕讲座 9:00—11:30 · 区图书馆报告厅 · 已结束",
        "（五） 征文截稿 2024年12月20日前 · 已截止",
        "（八） 书目征集 2024年11月下旬 · 已结束",
    ]


def headings(site: Path, page: str) -> list[tuple[str, str | None]]:
    """The headings of a listing's groups, each with the page its link leads to (or None)."""
    html = (site / page).read_text(encoding="utf-8")
    found = re.findall(r'<h2 id="group-\d+" class="day-heading">(.*?)</h2>', html)
    return [(words(re.sub(r"<[^>]+>", " ", heading)), (re.findall(r'href="([^"]*)"', heading) or [None])[0])
            for heading in found]


@pytest.mark.parametrize("prefix, expected", [
    ("en/", [("27 December 2024", "/en/schedule/2024-12-27/"), ("1 January 2025", "/en/schedule/2025-01-01/"),
             ("10 January 2025", "/en/schedule/2025-01-10/"), ("During the campaign", None),
             ("Date to be announced", None)]),
    ("", [("2024年12月27日", "/schedule/2024-12-27/"), ("2025年1月1日", "/schedule/2025-01-01/"),
          ("2025年1月10日", "/schedule/2025-01-10/"), ("在活动期间举行", None), ("时间另行通知", None)]),
])
def test_the_schedule_has_a_heading_per_coming_day_linking_its_page_then_its_sections(kinds_site, prefix, expected):
    assert headings(kinds_site, f"{prefix}schedule/index.html") == expected


def test_the_archive_is_reached_from_the_schedule_and_leads_back_its_days_the_latest_first(kinds_site):
    schedule = (kinds_site / "en/schedule/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<p class="archive-link">(.*?)</p>', schedule) == [
        '<a href="/en/schedule/archive/">Activities that have ended (3)</a>']
    archive = (kinds_site / "schedule/archive/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<p class="archive-link">(.*?)</p>', archive) == ['<a href="/schedule/">查看今天起的活动</a>']
    assert "<h1>已结束的活动</h1>" in archive
    assert headings(kinds_site, "schedule/archive/index.html") == [
        ("2024年12月21日", "/schedule/2024-12-21/"), ("2024年12月20日", "/schedule/2024-12-20/"),
        ("2024年11月30日", None)]  # the window's page is the day it begins


def test_a_day_page_lists_what_is_on_that_day_in_both_languages(kinds_site):
    assert timeline(kinds_site, "en/schedule/2024-12-28/index.html") == [  # the workshops' second day
        "(4) Story Workshops 27–29 December 2024, 14:00–16:00 daily · Upcoming"]
    page = (kinds_site / "schedule/2024-12-28/index.html").read_text(encoding="utf-8")
    assert "<h1>2024年12月28日的活动</h1>" in page
    assert re.findall(r'<a href="(/schedule/2024-12-2\d/)" rel="(prev|next)">', page) == [
        ("/schedule/2024-12-27/", "prev"), ("/schedule/2024-12-29/", "next")]


def test_the_introduction_describes_only_what_the_schedule_holds(kinds_site, festival_site):
    lead = words(read_page(kinds_site, "en/schedule/index.html").text())
    assert ("Winter Reading Weeks: what is on from today, day by day in order of time. Those that take place during the campaign "
            "without a date of their own follow the dated ones. Those whose date is still to be announced are listed "
            "last. Status as of 22 December 2024.") in lead
    festival = words(read_page(festival_site, "en/schedule/index.html").text())
    assert "follow the dated ones" in festival and "to be announced" not in festival  # it has no unscheduled one


def test_the_schedule_lists_dated_then_during_the_campaign_then_to_be_announced(kinds_site):
    html = (kinds_site / "en/schedule/index.html").read_text(encoding="utf-8")
    titles = r'<h3>(?:<span class="number">[^<]*</span>)?<a href="/en/activities/([a-z-]+)/">'
    assert re.findall(titles, html) == ORDER[3:]
    archived = re.findall(titles, (kinds_site / "en/schedule/archive/index.html").read_text(encoding="utf-8"))
    assert archived == ORDER[2::-1]  # the latest first


def test_a_passed_window_no_longer_says_to_be_confirmed(kinds_site):
    text = words(read_page(kinds_site, "en/activities/early-window/index.html").text())
    assert "Late November 2024" in text and "Ended (Status as of 22 December 2024)" in text
    assert "Date to be confirmed" not in text


def test_an_activity_page_gives_its_time_and_a_machine_readable_moment(kinds_site):
    page = read_page(kinds_site, "en/activities/opening-talk/index.html")
    assert "21 December 2024, 09:00–11:30" in page.text()
    assert [e.attrs["datetime"] for e in page.find("time")] == ["2024-12-21T09:00:00+08:00"]
    deadline = read_page(kinds_site, "activities/photo-deadline/index.html")
    assert "2025年1月10日 17:00前" in deadline.text()
    assert [e.attrs["datetime"] for e in deadline.find("time")] == ["2025-01-10T17:00:00+08:00"]
    assert [e.attrs["datetime"] for e in read_page(kinds_site, "activities/reading-month/index.html").find(
        "time")] == ["2025-01"]  # a month, not its first day


# --- calendars ----------------------------------------------------------------------------------------------

def events(site: Path, path: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical((site / path).read_text(encoding="utf-8"))
    return {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}


def test_activities_without_dates_have_no_calendar_entry(kinds_site):
    found = events(kinds_site, "en/calendar.ics")
    assert sorted(found) == sorted(ORDER[:6])
    for slug in ("book-drive", "author-visit"):
        assert not (kinds_site / f"en/activities/{slug}/calendar.ics").exists()


def test_a_timed_event_is_at_its_hour_in_the_campaigns_zone(kinds_site):
    talk = events(kinds_site, "en/activities/opening-talk/calendar.ics")["opening-talk"]
    start, end = talk.decoded("DTSTART"), talk.decoded("DTEND")
    assert (start.year, start.month, start.day, start.hour, start.minute) == (2024, 12, 21, 9, 0)
    assert start.utcoffset() == end.utcoffset() == timedelta(hours=8)
    assert start == datetime.fromisoformat("2024-12-21T01:00:00+00:00")  # the same instant, as any program shows it
    assert (end.hour, end.minute) == (11, 30)
    assert str(talk["TRANSP"]) == "OPAQUE" and "RRULE" not in talk


def test_daily_hours_over_several_days_are_one_event_a_day(kinds_site):
    workshops = events(kinds_site, "calendar.ics")["story-workshops"]
    start, end = workshops.decoded("DTSTART"), workshops.decoded("DTEND")
    assert (start.day, start.hour, end.day, end.hour) == (27, 14, 27, 16)  # the first day's hours
    rule = workshops["RRULE"]
    assert (rule["FREQ"], rule["COUNT"]) == (["DAILY"], [3])


def test_a_deadline_is_one_entry_on_its_day_titled_as_a_deadline(kinds_site):
    essay = events(kinds_site, "en/calendar.ics")["essay-deadline"]
    assert (essay.decoded("DTSTART"), essay.decoded("DTEND")) == (date(2024, 12, 20), date(2024, 12, 21))  # all-day
    assert str(essay["SUMMARY"]) == "Deadline: Essay Competition Closes"
    assert str(essay["TRANSP"]) == "TRANSPARENT"
    photo = events(kinds_site, "activities/photo-deadline/calendar.ics")["photo-deadline"]
    moment = photo.decoded("DTSTART")
    assert (moment.date(), moment.hour, moment.utcoffset()) == (date(2025, 1, 10), 17, timedelta(hours=8))
    assert "DTEND" not in photo  # a moment: no end is invented
    assert str(photo["SUMMARY"]) == "截止：摄影作品截止"


def test_the_calendar_defines_the_zone_it_names(kinds_site):
    calendar = icalendar.Calendar.from_ical((kinds_site / "calendar.ics").read_text(encoding="utf-8"))
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Shanghai"
    [standard] = zone.walk("STANDARD")
    assert standard.decoded("TZOFFSETTO") == timedelta(hours=8)
    untimed = (kinds_site / "activities/essay-deadline/calendar.ics").read_text(encoding="utf-8")
    assert "VTIMEZONE" not in untimed  # no time of day, no zone


# --- structured data and open data --------------------------------------------------------------------------

def structured(site: Path, page: str) -> dict | None:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>',
                      (site / page).read_text(encoding="utf-8"), re.S)
    return json.loads(found.group(1)) if found else None


def test_structured_data_gives_times_with_the_offset(kinds_site):
    talk = structured(kinds_site, "en/activities/opening-talk/index.html")
    assert (talk["startDate"], talk["endDate"]) == ("2024-12-21T09:00:00+08:00", "2024-12-21T11:30:00+08:00")
    assert "eventSchedule" not in talk
    workshops = structured(kinds_site, "en/activities/story-workshops/index.html")
    assert (workshops["startDate"], workshops["endDate"]) == ("2024-12-27T14:00:00+08:00", "2024-12-29T16:00:00+08:00")
    assert workshops["eventSchedule"] == {"@type": "Schedule", "startDate": "2024-12-27", "endDate": "2024-12-29",
                                          "repeatFrequency": "P1D", "startTime": "14:00:00", "endTime": "16:00:00",
                                          "scheduleTimezone": "Asia/Shanghai"}


def test_structured_data_invents_nothing(kinds_site):
    for slug in ("book-drive", "author-visit", "essay-deadline", "photo-deadline"):
        assert structured(kinds_site, f"en/activities/{slug}/index.html") is None, slug
    window = structured(kinds_site, "en/activities/early-window/index.html")
    assert (window["startDate"], window["endDate"]) == ("2024-11", "2024-11")
    assert window["disambiguatingDescription"] == "Late November 2024"
    month = structured(kinds_site, "activities/reading-month/index.html")
    assert (month["startDate"], month["endDate"], month["disambiguatingDescription"]) == ("2025-01", "2025-01",
                                                                                          "2025年1月")


def test_the_open_data_carries_the_time_and_the_zone(kinds_site):
    data = json.loads((kinds_site / "data/activities.json").read_text(encoding="utf-8"))
    assert data["timezone"] == "Asia/Shanghai"
    by_slug = {a["slug"]: a["schedule"] for a in data["activities"]}
    assert by_slug["opening-talk"] == {"kind": "days", "start": "2024-12-21", "end": "2024-12-21",
                                       "start_time": "09:00", "end_time": "11:30",
                                       "text": {"zh": "2024年12月21日 9:00—11:30", "en": "21 December 2024, 09:00–11:30"}}
    assert by_slug["photo-deadline"] == {"kind": "deadline", "start": None, "end": "2025-01-10", "start_time": "17:00",
                                         "end_time": None,
                                         "text": {"zh": "2025年1月10日 17:00前", "en": "by 10 January 2025, 17:00"}}
    assert by_slug["author-visit"]["start"] is by_slug["author-visit"]["end"] is None
    text = (kinds_site / "data/activities.csv").read_text(encoding="utf-8-sig")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    assert list(rows["story-workshops"].values())[-11:-8] == ["14:00", "16:00", "Asia/Shanghai"]  # region, city, codes last
    assert (rows["essay-deadline"]["start"], rows["essay-deadline"]["end"]) == ("", "2024-12-20")
