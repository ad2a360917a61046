"""Times of day, time zones, deadlines and unscheduled activities: parsing, validation messages, statuses,
the schedule's order and the iCalendar time zone."""
from __future__ import annotations

from datetime import date, time, timedelta

import icalendar
import pytest
from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st

from campaignsite.model import Hours, Schedule, activity_status, by_start
from campaignsite.render.calendars import when_lines
from campaignsite.render.timezones import vtimezone
from campaignsite.validate import validate
from campaignsite.validate.times import BadValue, check_time_zone, parse_hours
from tests.unit.test_validate import ACTIVITY, CAMPAIGN, problems_of, sources

# --- the time parser ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "hours"), [
    ("09:00", Hours(time(9))),
    ("9:00", Hours(time(9))),  # read as 09:00
    ("23:59", Hours(time(23, 59))),
    ("00:00", Hours(time(0))),
    ("09:00-11:30", Hours(time(9), time(11, 30))),
    ("9:00 - 11:30", Hours(time(9), time(11, 30))),
    ("09:00–11:30", Hours(time(9), time(11, 30))),  # the en dash the English site shows
    ("9:00—11:30", Hours(time(9), time(11, 30))),  # the dash the Chinese site shows
    (" 14:00-16:00 ", Hours(time(14), time(16))),
])
def test_a_time_or_hours_is_read_on_the_24_hour_clock(text, hours):
    assert parse_hours(text) == hours


@pytest.mark.parametrize(("text", "message", "hint"), [
    ("9h", "'9h' is not a time of day", "write the time as HH:MM or the hours as HH:MM-HH:MM on the 24-hour clock, "
                                        'such as "09:00-11:30"'),
    ("9", "'9' is not a time of day", None),
    ("9.30", "'9.30' is not a time of day", None),
    ("9:00 am", "'9:00 am' is not a time of day", None),
    ("09:00-", "'09:00-' is not a time of day", None),
    ("09:00 to 11:00", "'09:00 to 11:00' is not a time of day", None),
    ("123:00", "'123:00' is not a time of day", None),
    ("", "'' is not a time of day", None),
    ("24:00", "'24:00' is not a time of day: the 24-hour clock runs from 00:00 to 23:59",
     "write a time that ends at midnight as 23:59"),
    ("09:00-24:00", "'24:00' is not a time of day: the 24-hour clock runs from 00:00 to 23:59",
     "write a time that ends at midnight as 23:59"),
    ("25:00", "'25:00' is not a time of day: the 24-hour clock runs from 00:00 to 23:59", None),
    ("09:60", "'09:60' is not a time of day: the 24-hour clock runs from 00:00 to 23:59", None),
    ("11:30-09:00", "the hours end (09:00) before they start (11:30)",
     "check the two times (the 24-hour clock writes 2 p.m. as 14:00); for one time of day write it alone, "
     'such as "09:00"'),
    ("9:00-9:00", "the hours end (09:00) when they start (09:00)", None),
    ("14:00-2:00", "the hours end (02:00) before they start (14:00)", None),
])
def test_a_wrong_time_says_what_is_wrong_and_how_to_fix_it(text, message, hint):
    with pytest.raises(BadValue) as caught:
        parse_hours(text)
    assert caught.value.message == message
    if hint is not None:
        assert caught.value.hint == hint


times = st.times().map(lambda moment: moment.replace(second=0, microsecond=0))


@given(times, st.booleans())
def test_any_time_of_day_written_either_way_reads_back(moment, padded):
    text = f"{moment:%H:%M}" if padded else f"{moment.hour}:{moment:%M}"
    assert parse_hours(text) == Hours(moment)


@given(times, times)
def test_any_two_times_are_hours_or_a_located_refusal(first, second):
    try:
        hours = parse_hours(f"{first:%H:%M}-{second:%H:%M}")
    except BadValue as wrong:
        assert second <= first and "they start" in wrong.message
    else:
        assert hours == Hours(first, second) and second > first


@given(st.text(max_size=20))
def test_any_text_is_hours_or_a_refusal(text):
    try:
        hours = parse_hours(text)
    except BadValue as wrong:
        assert wrong.message and wrong.hint
    else:
        assert hours.end is None or hours.end > hours.start


@pytest.mark.parametrize("name", ["Asia/Shanghai", "Asia/Hong_Kong", "Europe/London", "America/New_York", "UTC"])
def test_a_time_zone_of_the_iana_database_is_accepted(name):
    assert check_time_zone(name) is None


@pytest.mark.parametrize(("name", "hint_start"), [
    ("Asia/Beijing", "write a time zone name"),  # China's zone is Asia/Shanghai: the hint names it
    ("asia/shanghai", "did you mean 'Asia/Shanghai'? "),
    ("Europe/Londn", "did you mean 'Europe/London'? "),
    ("localtime", "write a time zone name"),  # this machine's setting, not a place
    ("../etc/passwd", "write a time zone name"),
    ("+08:00", "write a time zone name"),
])
def test_an_unknown_time_zone_is_refused(name, hint_start):
    wrong = check_time_zone(name)
    assert wrong is not None and wrong.message == f"'{name}' is not a time zone name"
    assert wrong.hint.startswith(hint_start) and "Asia/Shanghai" in wrong.hint


# --- validation of schedules --------------------------------------------------------------------------------

def activity(schedule: str) -> str:
    return ACTIVITY.replace("schedule: {kind: campaign}", f"schedule: {schedule}")


def schedule_of(schedule: str):
    return validate(sources(activities=activity(schedule))).site.activities[0].schedule


def test_a_time_unquoted_is_read_as_written():
    # YAML 1.1 reads 9:00 as the number 540 (base 60): the exact reading keeps the text
    assert schedule_of("{kind: days, start: 2024-06-12, time: 9:00}").time == Hours(time(9))
    assert schedule_of("{kind: days, start: 2024-06-12, time: 12:30-14:00}").time == Hours(time(12, 30), time(14))


def test_a_deadline_is_its_day_and_an_unscheduled_activity_has_none():
    assert schedule_of("{kind: deadline, end: 2024-06-14, time: '17:00'}") == Schedule(
        "deadline", None, date(2024, 6, 14), time=Hours(time(17)))
    assert schedule_of("{kind: unscheduled}") == Schedule("unscheduled")


@pytest.mark.parametrize("kind", ["months, start: '2024-06'", "window, start: 2024-06-10, end: 2024-06-12, "
                                  "text: {zh: 中旬, en: Mid-June}", "campaign", "unscheduled"])
def test_a_time_on_a_kind_without_one_is_refused(kind):
    name = kind.split(",")[0]
    [problem] = problems_of(activities=activity(f"{{kind: {kind}, time: '09:00'}}"))
    assert problem.endswith(f"activities[check].schedule.time: a schedule of the kind '{name}' has no time of day "
                            "— remove this line, or choose the kind days (one day or several) or deadline")


def test_a_wrong_time_is_reported_where_it_stands():
    assert problems_of(activities=activity("{kind: days, start: 2024-06-12, time: 9h}")) == [
        "activities.yaml:6:53: activities[check].schedule.time: '9h' is not a time of day — write the time as HH:MM "
        'or the hours as HH:MM-HH:MM on the 24-hour clock, such as "09:00-11:30"']


def test_a_deadline_has_a_day_and_no_start():
    assert problems_of(activities=activity("{kind: deadline, start: 2024-06-10, end: 2024-06-12}")) == [
        "activities.yaml:6:39: activities[check].schedule.start: a deadline has no start, only its day ('end') — "
        "remove this line; for an activity that runs over several days choose the kind days"]
    assert problems_of(activities=activity("{kind: deadline}")) == [
        "activities.yaml:6:5: activities[check].schedule.end: the day of the deadline ('end') is missing — add 'end:' "
        "with the day, written YYYY-MM-DD"]


def test_an_unscheduled_activity_has_no_dates():
    assert problems_of(activities=activity("{kind: unscheduled, start: 2024-06-10}")) == [
        "activities.yaml:6:42: activities[check].schedule.start: an activity whose date is to be announced has no "
        "dates — remove this line, or choose the kind days, months, window or deadline"]


def test_the_time_zone_is_read_from_the_site_block():
    assert validate(sources()).site.campaign.timezone == "Asia/Shanghai"  # the default
    london = CAMPAIGN.replace("  base_url: https://example.org/", "  base_url: https://example.org/\n  timezone: "
                                                                  "Europe/London")
    assert validate(sources(campaign=london)).site.campaign.timezone == "Europe/London"
    wrong = CAMPAIGN.replace("  base_url: https://example.org/", "  base_url: https://example.org/\n  timezone: Beijing")
    assert problems_of(campaign=wrong) == [
        "campaign.yaml:19:13: site.timezone: 'Beijing' is not a time zone name — write a time zone name of the IANA "
        "database, such as Asia/Shanghai (the time of all of mainland China)"]


# --- statuses and order -------------------------------------------------------------------------------------

def campaign():
    return validate(sources()).site.campaign  # 10–16 June 2024


@pytest.mark.parametrize(("today", "status"), [(date(2024, 6, 1), "open"), (date(2024, 6, 14), "open"),
                                               (date(2024, 6, 15), "closed")])
def test_a_deadline_is_open_until_its_day_ends_and_never_upcoming(today, status):
    deadline = Schedule("deadline", None, date(2024, 6, 14), time=Hours(time(17)))
    assert activity_status(deadline, campaign(), today) == status


@pytest.mark.parametrize(("kind", "today", "status"), [
    ("window", date(2024, 6, 1), "expected"), ("window", date(2024, 6, 13), "ended"),
    ("unscheduled", date(2024, 6, 1), "expected"), ("unscheduled", date(2024, 6, 17), "expected"),
    ("campaign", date(2024, 6, 12), "ongoing"), ("campaign", date(2024, 6, 17), "over"),
    ("days", date(2024, 6, 11), "ongoing"), ("days", date(2024, 6, 13), "over"),
])
def test_each_kind_has_its_status_on_the_build_date(kind, today, status):
    dates = {"window": (date(2024, 6, 10), date(2024, 6, 12)), "days": (date(2024, 6, 10), date(2024, 6, 12))}
    schedule = Schedule(kind, *dates.get(kind, (None, None)))
    assert activity_status(schedule, campaign(), today) == status.replace("ended", "over")


@pytest.mark.parametrize("today", [date(2024, 6, 1), date(2024, 6, 16), date(2024, 6, 17), date(2030, 1, 1)])
def test_an_activity_whose_date_is_to_be_announced_is_never_over(today):
    assert activity_status(Schedule("unscheduled"), campaign(), today) == "expected"


def test_unscheduled_activities_come_last_after_those_during_the_campaign():
    text = "activities:\n" + "".join(
        f"  - {{slug: a{n}, title: {{zh: 甲, en: A}}, summary: {{zh: 甲, en: A}}, body: {{zh: 甲, en: A}}, "
        f"schedule: {schedule}}}\n" for n, schedule in enumerate([
            "{kind: unscheduled}", "{kind: campaign}", "{kind: deadline, end: 2024-06-12}",
            "{kind: days, start: 2024-06-11}", "{kind: unscheduled}", "{kind: days, start: 2024-06-13}"]))
    activities = validate(sources(activities=text)).site.activities
    assert [a.slug for a in by_start(activities)] == ["a3", "a2", "a5", "a1", "a0", "a4"]


# --- the iCalendar time zone --------------------------------------------------------------------------------

def test_a_zone_without_changes_is_one_observance():
    assert vtimezone("Asia/Shanghai", 2024, 2025) == [
        "BEGIN:VTIMEZONE", "TZID:Asia/Shanghai", "BEGIN:STANDARD", "DTSTART:20240101T000000", "TZOFFSETFROM:+0800",
        "TZOFFSETTO:+0800", "TZNAME:CST", "END:STANDARD", "END:VTIMEZONE"]


def test_a_zone_with_daylight_saving_has_each_change_of_the_years():
    lines = vtimezone("Europe/Berlin", 2024, 2024)
    assert [line for line in lines if line.startswith(("BEGIN:", "DTSTART", "TZOFFSET"))] == [
        "BEGIN:VTIMEZONE",
        "BEGIN:STANDARD", "DTSTART:20240101T000000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0100",
        "BEGIN:DAYLIGHT", "DTSTART:20240331T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
        "BEGIN:STANDARD", "DTSTART:20241027T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100"]


def test_a_daily_event_keeps_its_hour_across_a_daylight_saving_change():
    schedule = Schedule("days", date(2024, 3, 29), date(2024, 4, 2), time=Hours(time(9), time(10)))
    text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
                        *vtimezone("Europe/Berlin", 2024, 2024),
                        "BEGIN:VEVENT", "UID:x", "DTSTAMP:20240101T000000Z", *when_lines(schedule, "Europe/Berlin"),
                        "SUMMARY:x", "END:VEVENT", "END:VCALENDAR", ""])
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert event["RRULE"].to_ical() == b"FREQ=DAILY;COUNT=5"
    start = event.decoded("DTSTART")
    assert (start.hour, start.utcoffset()) == (9, timedelta(hours=1))
    days = list(rrulestr(event["RRULE"].to_ical().decode(), dtstart=start))
    assert [(day.day, day.hour, day.utcoffset()) for day in days] == [
        (29, 9, timedelta(hours=1)), (30, 9, timedelta(hours=1)), (31, 9, timedelta(hours=2)),
        (1, 9, timedelta(hours=2)), (2, 9, timedelta(hours=2))]  # 9:00 local on each day, summer time from the 31st


# --- the build date is the day it is in the campaign's zone ---------------------------------------------

def test_the_build_date_is_the_day_in_the_campaigns_time_zone():
    from campaignsite.options import build_date
    moment = {"SOURCE_DATE_EPOCH": "1735664400"}  # 2024-12-31 17:00 UTC
    assert build_date(moment, zone="Asia/Shanghai") == date(2025, 1, 1)  # 01:00 the next day there
    assert build_date(moment, zone="Europe/London") == date(2024, 12, 31)
    assert build_date(moment, zone="Not/AZone") == date(2025, 1, 1)  # validation reports it; the default zone's day


def test_the_build_date_s_zone_is_the_model_s_read_before_anything_else(tmp_path, monkeypatch):
    from campaignsite.options import BuildOptions
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735687800")  # 2024-12-31 23:30 UTC: already 2025 in Shanghai
    day = BuildOptions(tmp_path, tmp_path / "output").day
    assert day() == date(2025, 1, 1)  # no campaign.yaml: the load stage will say so; the default zone's day
    (tmp_path / "campaign.yaml").write_text("site:\n  timezone: Europe/London\n", encoding="utf-8")
    assert day() == date(2024, 12, 31)
    # as the model reads it (the spaces of a quoted value trimmed): the raw mapping's 'Europe/London ' was no zone
    (tmp_path / "campaign.yaml").write_text('site:\n  timezone: "Europe/London "\n', encoding="utf-8")
    assert day() == date(2024, 12, 31)
    (tmp_path / "campaign.yaml").write_text("site: [oops\n", encoding="utf-8")
    assert day() == date(2025, 1, 1)
