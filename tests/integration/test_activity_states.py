"""Cancelled, postponed and online activities, built end to end (tests/fixtures/activity-states), and one
number per activity: the pages say what the data says, in both languages, and so do the calendars, the
structured data and the open data."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import icalendar
import pytest

from campaignsite.pipeline import BuildOptions, build
from tests.helpers import FIXTURES

BASE = "https://power.example.org/"


@pytest.fixture(scope="module")
def states(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("states") / "output"
    build(BuildOptions(FIXTURES / "activity-states", output, today=date(2024, 12, 10)))
    return output


def words(html: str) -> str:
    """The text of some HTML, tags dropped and white space made single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def part(root: Path, page: str, start: str, end: str) -> str:
    """The text of `page` from the first `start` to the next `end`."""
    html = (root / page).read_text(encoding="utf-8")
    assert start in html, (page, start)
    return words(html.split(start, 1)[1].split(end, 1)[0])


def listed(root: Path, page: str) -> str:
    """The text of every list of activities on a listing's page (one under each day's heading), in order."""
    html = (root / page).read_text(encoding="utf-8")
    return words(" ".join(re.findall(r'<ol class="timeline">(.*?)</ol>', html, re.S)))


def facts(root: Path, page: str) -> str:
    return part(root, page, '<dl class="facts">', "</dl>")


def test_a_cancelled_activity_says_so_with_its_note_on_its_page(states):
    assert facts(states, "en/activities/safety-lecture/index.html") == (
        "When 5 December 2024 Status Cancelled The hall is under repair. (Status as of 10 December 2024) "
        "Where The Hall")
    assert facts(states, "activities/safety-lecture/index.html") == (
        "时间 2024年12月5日 状态 已取消 礼堂维修，讲座取消。 （状态截至2024年12月10日） 地点 礼堂")


def test_a_postponed_activity_says_so_and_offers_no_calendar(states):
    assert facts(states, "en/activities/emergency-drill/index.html") == (
        "When 18–19 December 2024 Status Postponed (Status as of 10 December 2024)")
    assert facts(states, "activities/emergency-drill/index.html") == (
        "时间 2024年12月18日至19日 状态 已延期 （状态截至2024年12月10日）")
    page = (states / "en/activities/emergency-drill/index.html").read_text(encoding="utf-8")
    assert "calendar.ics" not in page
    assert not (states / "en/activities/emergency-drill/calendar.ics").exists()
    assert not (states / "activities/emergency-drill/calendar.ics").exists()


def test_an_online_activity_links_its_address_or_says_it_is_to_follow(states):
    assert facts(states, "en/activities/consultation-day/index.html") == (
        "When 21 December 2024 Status Upcoming (Status as of 10 December 2024) "
        "Online https://meeting.example.org/consultation")
    page = (states / "en/activities/consultation-day/index.html").read_text(encoding="utf-8")
    assert ('<a class="online-link" href="https://meeting.example.org/consultation">'
            "https://meeting.example.org/consultation</a>") in page
    assert facts(states, "en/activities/safety-quiz/index.html") == (
        "When During the campaign Status Under way (Status as of 10 December 2024) Online Address to follow")
    assert facts(states, "activities/safety-quiz/index.html") == (
        "时间 活动期间 状态 正在进行 （状态截至2024年12月10日） 线上参与 网址另行通知")


def test_an_activity_with_a_place_and_an_address_is_both(states):
    assert facts(states, "en/activities/open-day/index.html") == (
        "When 28 December 2024 Status Upcoming (Status as of 10 December 2024) Where The Control Centre "
        "Online https://live.example.org/open-day")
    assert facts(states, "activities/open-day/index.html") == (
        "时间 2024年12月28日 状态 即将开始 （状态截至2024年12月10日） 地点 调度中心 "
        "线上参与 https://live.example.org/open-day")


def test_the_schedule_shows_each_status_note_and_online_where_there_is_no_place(states):
    """As of 10 December, the cancelled lecture of 5 December is in the archive; the rest from the 12th on. Each entry
    is its title and one line (its hours alone, or no time, under the heading of its only day); the online address
    is on the activity's page."""
    assert listed(states, "en/schedule/archive/index.html") == (
        "(1) Safe Power Lecture The Hall · Cancelled The hall is under repair.")
    assert listed(states, "schedule/archive/index.html") == "（一） 安全用电讲座 礼堂 · 已取消 礼堂维修，讲座取消。"
    assert listed(states, "en/schedule/index.html") == (
        "Neighborhood Advice Stall The Square · Upcoming "
        "(2) Emergency Drill 18–19 December 2024 · Postponed "
        "(3) Online Consultation Day Online · Upcoming "
        "(5) Control Centre Open Day The Control Centre · Upcoming "
        "(4) Safety Quiz During the campaign · Online · Under way")
    assert listed(states, "schedule/index.html") == (
        "社区咨询摊位 社区广场 · 即将开始 "
        "（二） 应急演练 2024年12月18日至19日 · 已延期 "
        "（三） 网上征求意见日 线上参与 · 即将开始 "
        "（五） 调度中心开放日 调度中心 · 即将开始 "
        "（四） 安全知识竞赛 活动期间 · 线上参与 · 正在进行")


def test_the_home_page_and_the_notice_show_a_declared_status_in_words(states):
    assert part(states, "en/index.html", '<ol class="glance">', "</ol>") == (
        "(1) Safe Power Lecture 5 December 2024 Cancelled "
        "Neighborhood Advice Stall 12 December 2024 "
        "(2) Emergency Drill 18–19 December 2024 Postponed "
        "(3) Online Consultation Day 21 December 2024 "
        "(5) Control Centre Open Day 28 December 2024 "
        "(4) Safety Quiz During the campaign")
    assert part(states, "index.html", '<ol class="glance">', "</ol>").startswith(
        "（一） 安全用电讲座 2024年12月5日 已取消 社区咨询摊位 2024年12月12日 （二） 应急演练 2024年12月18日至19日 已延期")
    assert part(states, "en/notice/index.html", '<ol class="numbered">', "</ol>") == (
        "(1) The lecture is held in the hall. Cancelled The hall is under repair. "
        "(2) Substations hold an emergency drill. Postponed "
        "(3) Members of the public give their views online. "
        "(4) Entrants answer online. "
        "(5) The control centre opens to the public.")
    assert part(states, "notice/index.html", '<ol class="numbered">', "</ol>").startswith(
        "（一） 讲座在礼堂举办。 已取消 礼堂维修，讲座取消。 （二） 各变电站开展应急演练。 已延期 （三）")


def test_a_status_is_in_words_and_a_class_not_only_a_colour(states):
    page = (states / "en/index.html").read_text(encoding="utf-8")
    assert '<span class="status status-cancelled">Cancelled</span>' in page
    assert '<span class="status status-postponed">Postponed</span>' in page


def events(text: str) -> dict[str, icalendar.Event]:
    return {str(event["UID"]).split("@")[0]: event for event in icalendar.Calendar.from_ical(text).walk("VEVENT")}


def test_the_calendars_mark_a_cancelled_event_and_leave_a_postponed_one_out(states):
    found = events((states / "en/calendar.ics").read_text(encoding="utf-8"))
    assert list(found) == ["safety-lecture", "consultation-day", "open-day", "street-stall"]
    assert str(found["safety-lecture"]["STATUS"]) == "CANCELLED"
    assert str(found["safety-lecture"]["DESCRIPTION"]) == (
        "5 December 2024\n\nA lecture in the hall.\n\nCancelled: The hall is under repair.")
    assert str(found["open-day"]["STATUS"]) == "CONFIRMED"
    single = events((states / "activities/safety-lecture/calendar.ics").read_text(encoding="utf-8"))
    assert str(single["safety-lecture"]["STATUS"]) == "CANCELLED"
    assert str(single["safety-lecture"]["DESCRIPTION"]) == "2024年12月5日\n\n在礼堂举办讲座。\n\n已取消：礼堂维修，讲座取消。"


def test_an_online_event_has_its_address_as_url_and_its_page_in_the_description(states):
    found = events((states / "en/calendar.ics").read_text(encoding="utf-8"))
    event = found["consultation-day"]
    assert str(event["URL"]) == "https://meeting.example.org/consultation"
    assert str(event["DESCRIPTION"]) == (
        "21 December 2024\n\nThe public is consulted online.\n\nOnline: https://meeting.example.org/consultation"
        f"\n\n{BASE}en/activities/consultation-day/")
    assert "LOCATION" not in event
    both = found["open-day"]
    assert str(both["URL"]) == "https://live.example.org/open-day" and str(both["LOCATION"]) == "The Control Centre"
    assert str(found["street-stall"]["URL"]) == f"{BASE}en/activities/street-stall/"


def event_data(root: Path, page: str) -> dict:
    html = (root / page).read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_structured_data_gives_the_status_the_attendance_mode_and_the_virtual_location(states):
    cancelled = event_data(states, "en/activities/safety-lecture/index.html")
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert cancelled["location"] == {"@type": "Place", "name": "The Hall", "address": "The Hall"}
    assert event_data(states, "en/activities/emergency-drill/index.html")["eventStatus"] == (
        "https://schema.org/EventPostponed")
    online = event_data(states, "en/activities/consultation-day/index.html")
    assert online["eventStatus"] == "https://schema.org/EventScheduled"
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://meeting.example.org/consultation"}
    quiz = (states / "activities/safety-quiz/index.html").read_text(encoding="utf-8")
    assert "application/ld+json" not in quiz  # during the campaign, no date of its own: no Event is claimed
    mixed = event_data(states, "activities/open-day/index.html")
    assert mixed["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert mixed["location"] == [{"@type": "Place", "name": "调度中心", "address": "调度中心"},
                                 {"@type": "VirtualLocation", "url": "https://live.example.org/open-day"}]


def test_the_open_data_gives_the_status_its_note_and_the_online_field(states):
    records = {a["slug"]: a for a in json.loads((states / "data/activities.json").read_text("utf-8"))["activities"]}
    assert (records["safety-lecture"]["status"], records["safety-lecture"]["status_note"]) == (
        "cancelled", {"zh": "礼堂维修，讲座取消。", "en": "The hall is under repair."})
    assert (records["emergency-drill"]["status"], records["emergency-drill"]["status_note"]) == ("postponed", None)
    assert records["consultation-day"]["online"] == "https://meeting.example.org/consultation"
    assert records["safety-quiz"]["online"] is True
    assert records["street-stall"]["status"] is records["street-stall"]["online"] is None
    rows = list(csv.DictReader(io.StringIO((states / "data/activities.csv").read_text("utf-8-sig"), newline="")))
    assert [(r["slug"], r["status"], r["status_note_en"], r["online"]) for r in rows] == [
        ("safety-lecture", "cancelled", "The hall is under repair.", ""),
        ("emergency-drill", "postponed", "", ""),
        ("consultation-day", "", "", "https://meeting.example.org/consultation"),
        ("safety-quiz", "", "", "true"),
        ("open-day", "", "", "https://live.example.org/open-day"),
        ("street-stall", "", "", "")]
    assert list(rows[0])[-15:-11] == ["status", "status_note_zh", "status_note_en", "online"]  # city_code, county_code, county_zh last


# --- one number per activity --------------------------------------------------------------------------------

def as_number(text: str) -> int:
    """(9), Activity 9, （九）, 第九项活动 -> 9."""
    digits = re.search(r"\d+", text)
    if digits:
        return int(digits.group())
    numeral = re.search(r"[一二三四五六七八九十]+", text).group()
    tens, _, ones = numeral.rpartition("十")
    value = "一二三四五六七八九".find(ones) + 1 if ones else 0
    return value + (("一二三四五六七八九".find(tens) + 1 if tens else 1) * 10 if "十" in numeral else 0)


def shown_numbers(root: Path, prefix: str) -> dict[str, dict[str, int]]:
    """For each page that numbers activities: {slug: the number it shows}."""
    number_then_link = r'<span class="number">([^<]*)</span><a href="[^"]*/activities/([a-z0-9-]+)/"'
    pages = {"home": (prefix + "index.html",),
             "schedule": (prefix + "schedule/index.html", prefix + "schedule/archive/index.html")}
    found = {name: {slug: as_number(n) for page in listing
                    for n, slug in re.findall(number_then_link, (root / page).read_text("utf-8"))}
             for name, listing in pages.items()}
    notice = (root / (prefix + "notice/index.html")).read_text("utf-8")
    found["notice"] = {slug: as_number(n) for slug, n in re.findall(
        r'<li id="activity-([a-z0-9-]+)"><span class="number">([^<]*)</span>', notice)}
    found["activity"] = {}
    for page in (root / prefix / "activities").glob("*/index.html"):
        kicker = re.search(r'<p class="kicker">([^<]*)</p>', page.read_text("utf-8")).group(1)
        if re.search(r"\d|项", kicker):
            found["activity"][page.parent.name] = as_number(kicker)
    return found


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_page_shows_the_same_number_for_an_activity_of_the_default_campaign(default_site, prefix):
    found = shown_numbers(default_site, prefix)
    own = found["notice"]
    assert sorted(own.values()) == list(range(1, 10))
    assert found["activity"] == own and found["schedule"] == own
    assert found["home"] and all(own[slug] == number for slug, number in found["home"].items())


def test_an_activity_not_in_the_notice_has_no_number_and_the_others_keep_theirs(states):
    found = shown_numbers(states, "en/")
    assert "street-stall" not in found["home"] and "street-stall" not in found["schedule"]
    assert found["home"] == found["schedule"] == found["notice"] == found["activity"] == {
        "safety-lecture": 1, "emergency-drill": 2, "consultation-day": 3, "safety-quiz": 4, "open-day": 5}
    assert part(states, "en/activities/street-stall/index.html", '<p class="kicker">', "</p>") == (
        "Added after the notice was issued")
