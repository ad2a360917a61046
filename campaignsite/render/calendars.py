"""The iCalendar files: the whole schedule, and each dated activity alone, in every language.

Takes: the validated `Site`, the site's `Urls`, the UI `Strings` and the build date (the only date the
output depends on; nothing here reads the clock or any file).
Gives: `{output path relative to the site root: file text}` for
  calendar.ics, en/calendar.ics                 iCalendar (RFC 5545), one event per dated activity
  activities/SLUG/calendar.ics (and en/...)     the same event alone, for each dated activity
Undated activities (during the campaign, to be announced) get no event and no calendar file: no date is ever
invented; nor do postponed ones (their dates no longer hold), while a cancelled one keeps its event, marked
STATUS:CANCELLED, so that the calendars that hold it learn of it. A day without a time is an all-day event; a
time of day is local time in the campaign's zone (TZID, with the VTIMEZONE that RFC 5545 asks for: see
`timezones`), hours over several days one event a day (a daily RRULE), a deadline one entry on its day titled
as a deadline. An activity online has its address as the event's URL (the DESCRIPTION keeps the address of its
page). A calendar with no event at all is not written (RFC 5545 needs one component). The same input always
gives the same text.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

from ..i18n import Strings
from ..model import LANGUAGES, Activity, Schedule, Site
from ..routes import language_prefix, route_of
from .timezones import vtimezone
from .urls import Urls

PRODID = "-//campaignsite//NONSGML campaign calendar//EN"
ICS_LINE_OCTETS = 75
# Control characters RFC 5545 TEXT does not allow (tab is allowed; line breaks are escaped before this).
_NOT_ICS_TEXT = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
_ICS_UNITS = re.compile(r"\\.|.", re.DOTALL)  # a folded line never splits an escape such as \n


def calendars(site: Site, urls: Urls, strings: Strings, build_date: date) -> dict[str, str]:
    """The whole schedule and each dated activity, as .ics files in every language."""
    dated = [activity for activity in site.activities if activity.in_calendar]
    host = urlsplit(urls.base_url).hostname or "localhost"
    zone = site.campaign.timezone
    timed_years = sorted({day.year for a in dated if a.schedule.time for day in a.schedule.span})
    zone_lines = _folded(vtimezone(zone, timed_years[0], timed_years[-1])) if timed_years else ""
    files: dict[str, str] = {}
    for lang in LANGUAGES:
        events = {a.slug: _folded(vevent(a, urls, strings, lang, host, build_date, zone)) for a in dated}
        name = site.campaign.name.get(lang)
        if events:
            files[language_prefix(lang) + "calendar.ics"] = _folded_calendar(name, zone_lines, list(events.values()))
        for activity in dated:
            zones = zone_lines if activity.schedule.time else ""
            files[route_of(f"activity/{activity.slug}", lang) + "calendar.ics"] = _folded_calendar(
                name, zones, [events[activity.slug]])
    return files


def _folded(lines: list[str]) -> str:
    return "".join(fold(line) + "\r\n" for line in lines)


def _folded_calendar(name: str, zone_lines: str, folded_events: list[str]) -> str:
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            f"X-WR-CALNAME:{ics_escape(name)}"]
    return _folded(head) + zone_lines + "".join(folded_events) + "END:VCALENDAR\r\n"


def vevent(activity: Activity, urls: Urls, strings: Strings, lang: str, host: str, build_date: date,
           zone: str) -> list[str]:
    """One event: all-day over the activity's days (DTEND is the day after the last day), or at its time of day."""
    schedule = activity.schedule
    title = activity.title.get(lang)
    if schedule.kind == "deadline":
        title = strings.get("calendar.deadline", lang, title=title)
    page_url = urls.absolute(route_of(f"activity/{activity.slug}", lang))
    description = _description(activity, strings, lang, page_url)
    lines = ["BEGIN:VEVENT",
             f"UID:{ics_escape(activity.slug + '@' + host)}",
             f"DTSTAMP:{build_date.strftime('%Y%m%d')}T000000Z",
             *when_lines(schedule, zone),
             f"SUMMARY:{ics_escape(title)}",
             f"DESCRIPTION:{ics_escape(description)}"]
    if activity.place is not None:
        lines.append(f"LOCATION:{ics_escape(activity.place.get(lang))}")
    # a timed activity takes the reader's time; a day-long campaign event or a deadline does not mark them busy
    busy = schedule.time is not None and schedule.kind != "deadline"
    lines += [f"URL:{activity.online_url or page_url}",
              f"STATUS:{_ics_status(activity)}",
              f"TRANSP:{'OPAQUE' if busy else 'TRANSPARENT'}",
              "END:VEVENT"]
    return lines


def _description(activity: Activity, strings: Strings, lang: str, page_url: str) -> str:
    """When, the summary, then what the event's own fields cannot say: the status's note, an online address
    still to follow, and the activity's page when the URL is the online address."""
    parts = [strings.schedule(activity.schedule, lang), activity.summary.get(lang)]
    if activity.status_note is not None:
        parts.append(strings.get(f"status.{activity.status}", lang) + strings.get("notice.colon", lang)
                     + activity.status_note.get(lang))
    if activity.online:
        parts.append(strings.get("activity.online", lang) + strings.get("notice.colon", lang)
                     + (activity.online_url or strings.get("activity.online_to_follow", lang)))
    if activity.online_url:
        parts.append(page_url)
    return "\n\n".join(parts)


def _ics_status(activity: Activity) -> str:
    if activity.status == "cancelled":
        return "CANCELLED"
    return "TENTATIVE" if activity.schedule.kind == "window" else "CONFIRMED"


def when_lines(schedule: Schedule, zone: str) -> list[str]:
    """DTSTART, DTEND and RRULE: the days, or the time of day on the first day repeated on each following one."""
    first, last = schedule.span
    hours = schedule.time
    if hours is None:
        return [f"DTSTART;VALUE=DATE:{_ics_date(first)}", f"DTEND;VALUE=DATE:{_ics_date(last + timedelta(days=1))}"]
    lines = [f"DTSTART;TZID={zone}:{_ics_date(first)}T{hours.start:%H%M%S}"]
    if hours.end is not None:  # no end given: the event is a moment (RFC 5545 3.6.1), none is invented
        lines.append(f"DTEND;TZID={zone}:{_ics_date(first)}T{hours.end:%H%M%S}")
    if last != first:
        lines.append(f"RRULE:FREQ=DAILY;COUNT={(last - first).days + 1}")
    return lines


def _ics_date(day: date) -> str:
    return day.strftime("%Y%m%d")


def ics_escape(value: str) -> str:
    r"""An RFC 5545 TEXT value (3.3.11): \ ; , escaped, any line break written as \n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return _NOT_ICS_TEXT.sub("", value)


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1): CRLF and one space before each continuation.
    Never splits a UTF-8 character or a backslash escape."""
    if len(line) * 4 <= ICS_LINE_OCTETS or len(line.encode("utf-8")) <= ICS_LINE_OCTETS:
        return line
    parts: list[str] = []
    current, size = "", 0
    for unit in _ICS_UNITS.findall(line):
        octets = len(unit.encode("utf-8"))
        limit = ICS_LINE_OCTETS if not parts else ICS_LINE_OCTETS - 1  # a continuation starts with a space
        if size + octets > limit:
            parts.append(current)
            current, size = "", 0
        current += unit
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)
