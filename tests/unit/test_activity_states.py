"""What becomes of an activity: status, status_note and online read from the data (every variant, exact
messages), the status a page shows, and what the calendars, structured data and open data make of them."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from campaignsite.i18n import Strings
from campaignsite.load import load_sources
from campaignsite.model import Text, shown_status
from campaignsite.render import Urls
from campaignsite.render.calendars import vevent
from campaignsite.render.opendata import activity_record
from campaignsite.render.structured import event
from campaignsite.validate import validate
from tests.unit.test_validate import ACTIVITY, problems_of, sources

REPO = Path(__file__).resolve().parents[2]
AT = "activities.yaml:7:13: activities[check]"  # where the first added line's value stands


def with_lines(*lines: str) -> str:
    return ACTIVITY + "".join(f"    {line}\n" for line in lines)


def activity_with(*lines: str, fallback: bool = False):
    return validate(sources(activities=with_lines(*lines)), allow_fallback=fallback).site.activities[0]


# --- reading -------------------------------------------------------------------------------------------------

def test_an_activity_goes_ahead_and_is_not_online_unless_the_data_says_otherwise():
    activity = activity_with()
    assert (activity.status, activity.status_note, activity.online, activity.online_url) == (None, None, False, None)


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_a_status_is_cancelled_or_postponed_with_an_optional_note(status):
    assert activity_with(f"status: {status}").status == status
    noted = activity_with(f"status: {status}", "status_note: {zh: 改期另行通知。, en: A new date will follow.}")
    assert noted.status_note == Text("改期另行通知。", "A new date will follow.")


@pytest.mark.parametrize(("value", "message"), [
    ("canceled", "'canceled' is not a status an activity can be given — did you mean 'cancelled'? "),
    ("Postponed", "'Postponed' is not a status an activity can be given — did you mean 'postponed'? "),
    ("done", "'done' is not a status an activity can be given — "),
    ("true", "'true' is not a status an activity can be given — "),
    ("2024-12-01", "'2024-12-01' is not a status an activity can be given — "),
])
def test_any_other_status_is_refused_with_the_allowed_ones(value, message):
    assert problems_of(activities=with_lines(f"status: {value}")) == [
        f"{AT}.status: {message}use one of: cancelled, postponed (or leave the line out while it goes ahead)"]


def test_a_status_that_is_no_word_is_refused():
    assert problems_of(activities=with_lines("status: [cancelled]")) == [
        f"{AT}.status: expected text, found a list — write the text on this line after the colon"]


def test_a_status_note_needs_a_status():
    assert problems_of(activities=with_lines("status_note: {zh: 甲, en: A}")) == [
        "activities.yaml:7:5: activities[check].status_note: a status note needs a status to explain — "
        "add 'status: cancelled' or 'status: postponed' above it, or remove the note"]


def test_a_status_note_is_a_text_like_the_others():
    assert problems_of(activities=with_lines("status: cancelled", "status_note: {zh: 因雨取消。}")) == [
        "activities.yaml:8:5: activities[check].status_note.en: the English status note is missing — add 'en: …' "
        "under 'status_note' (or set site.translation_fallback: true to publish the original for now)"]
    pending = activity_with("status: cancelled", "status_note: {zh: 因雨取消。}", fallback=True).status_note
    assert pending == Text("因雨取消。", "因雨取消。", frozenset({"en"}))


@pytest.mark.parametrize(("value", "online", "url"), [
    ("true", True, None),
    ("false", False, None),
    ("https://meeting.example.org/room", True, "https://meeting.example.org/room"),
    ("'https://meeting.example.org/j/123?pwd=abc#start'", True, "https://meeting.example.org/j/123?pwd=abc#start"),
    ("https://live.example.org", True, "https://live.example.org"),
])
def test_online_is_an_https_address_or_true_and_false_is_as_if_left_out(value, online, url):
    activity = activity_with(f"online: {value}")
    assert (activity.online, activity.online_url) == (online, url)


HINT = "write the full address, such as https://meeting.example.org/room, or true while it is to follow"


@pytest.mark.parametrize(("value", "message"), [
    ("http://meeting.example.org/room", "'http://meeting.example.org/room' is not a secure address — write it "
                                        "with https://, as the service gives it"),
    ("HTTP://meeting.example.org/", "'HTTP://meeting.example.org/' is not a secure address — write it with "
                                    "https://, as the service gives it"),
    ("zoom", f"expected an https:// address or true, found 'zoom' — {HINT}"),
    ("meeting.example.org/room", f"expected an https:// address or true, found 'meeting.example.org/room' — {HINT}"),
    ("https://meeting", f"'https://meeting' is not a full web address — {HINT}"),
    ("'https://meeting.example.org/a room'", f"'https://meeting.example.org/a room' is not a full web address — "
                                            f"{HINT}"),
    ("5", f"expected an https:// address or true, found the number 5 — {HINT}"),
    ("[https://meeting.example.org/]", f"expected an https:// address or true, found a list — {HINT}"),
    ("{url: https://meeting.example.org/}", f"expected an https:// address or true, found a block of keys — {HINT}"),
    ("yes", "expected true or false, found 'yes' — write true or false (yes/no and on/off are not accepted)"),
])
def test_any_other_online_value_is_refused_at_its_place(value, message):
    assert problems_of(activities=with_lines(f"online: {value}")) == [f"{AT}.online: {message}"]


# --- the status shown ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site():
    return validate(load_sources(REPO, REPO)).site


def test_a_declared_status_comes_before_the_one_the_dates_give(site):
    olympics = site.activities[1]  # July to September 2008
    assert shown_status(olympics, site.campaign, date(2008, 9, 10)) == "ongoing"
    for status in ("cancelled", "postponed"):
        declared = replace(olympics, status=status)
        for day in (date(2008, 6, 1), date(2008, 9, 10), date(2009, 1, 1)):
            assert shown_status(declared, site.campaign, day) == status


def test_a_postponed_or_undated_activity_is_in_no_calendar_and_a_cancelled_one_is(site):
    olympics, undated = site.activities[1], site.activities[0]
    assert olympics.in_calendar and not undated.in_calendar
    assert replace(olympics, status="cancelled").in_calendar
    assert not replace(olympics, status="postponed").in_calendar


def test_the_activities_of_the_notice_carry_its_numbers(site):
    assert [a.notice_number for a in site.activities] == list(range(1, 10))


# --- what the machine-readable files make of them ------------------------------------------------------------

URLS = Urls("https://example.org/")


def ld(activity, campaign) -> dict:
    return event(activity, campaign, "en", "https://example.org/en/activities/x/", "when")


@pytest.mark.parametrize(("changes", "status", "mode", "location"), [
    ({}, "EventScheduled", "OfflineEventAttendanceMode", None),
    ({"status": "cancelled"}, "EventCancelled", "OfflineEventAttendanceMode", None),
    ({"status": "postponed"}, "EventPostponed", "OfflineEventAttendanceMode", None),
    ({"online": True}, "EventScheduled", "OnlineEventAttendanceMode", {"@type": "VirtualLocation"}),
    ({"online": True, "online_url": "https://m.example.org/"}, "EventScheduled", "OnlineEventAttendanceMode",
     {"@type": "VirtualLocation", "url": "https://m.example.org/"}),
    ({"online": True, "place": Text("厅", "Hall")}, "EventScheduled", "MixedEventAttendanceMode",
     [{"@type": "Place", "name": "Hall", "address": "Hall"}, {"@type": "VirtualLocation"}]),
])
def test_structured_data_gives_status_attendance_mode_and_locations(site, changes, status, mode, location):
    data = ld(replace(site.activities[1], **changes), site.campaign)
    assert (data["eventStatus"], data["eventAttendanceMode"], data.get("location")) == (
        "https://schema.org/" + status, "https://schema.org/" + mode, location)


def properties(lines: list[str]) -> dict[str, str]:
    return dict(line.split(":", 1) for line in lines if ":" in line and not line.startswith(("BEGIN", "END")))


@pytest.mark.parametrize(("changes", "status"), [
    ({}, "CONFIRMED"), ({"status": "cancelled"}, "CANCELLED"),
])
def test_a_cancelled_event_is_marked_cancelled(site, changes, status):
    lines = vevent(replace(site.activities[1], **changes), URLS, Strings(site.strings), "en", "example.org",
                   date(2008, 9, 1), "Asia/Shanghai")
    assert properties(lines)["STATUS"] == status


def test_an_online_address_is_the_event_url_and_the_page_stays_in_the_description(site):
    online = replace(site.activities[1], online=True, online_url="https://m.example.org/")
    found = properties(vevent(online, URLS, Strings(site.strings), "en", "example.org", date(2008, 9, 1), "Asia/Shanghai"))
    assert found["URL"] == "https://m.example.org/"
    assert found["DESCRIPTION"].endswith(
        "\\n\\nOnline: https://m.example.org/\\n\\nhttps://example.org/en/activities/olympic-quality-service/")
    to_follow = replace(site.activities[1], online=True)
    found = properties(vevent(to_follow, URLS, Strings(site.strings), "zh", "example.org", date(2008, 9, 1), "Asia/Shanghai"))
    assert found["URL"] == "https://example.org/activities/olympic-quality-service/"
    assert found["DESCRIPTION"].endswith("\\n\\n线上参与：网址另行通知")


def test_the_open_data_record_holds_the_declared_status_and_online(site):
    strings = Strings(site.strings)
    plain = activity_record(site.activities[1], URLS, strings)
    assert (plain["status"], plain["status_note"], plain["online"]) == (None, None, None)
    changed = replace(site.activities[1], status="postponed", status_note=Text("甲", "A"), online=True)
    record = activity_record(changed, URLS, strings)
    assert (record["status"], record["status_note"], record["online"]) == ("postponed", {"zh": "甲", "en": "A"}, True)
