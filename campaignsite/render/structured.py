"""schema.org data for search engines: an `Event` per activity with dates, an `Organization` per organiser.

Takes: model values, the page's language and absolute URLs.
Gives: plain dicts, which `render.json_for_script` serialises safely into <script type="application/ld+json">,
and the machine-readable start of a schedule (`when_start`, also the <time datetime> of the pages).
Nothing is invented: an activity without dates of its own (during the campaign, to be announced) and a deadline
(which starts nothing) are no `Event`; months and approximate windows are dated to the month, never to a day;
a time of day is given with the offset of the campaign's time zone. A place is the activity's place, city and
region as given (a postal address once a city or region is known), never one made up.
"""
from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from ..model import HTML_LANG, Activity, Body, Campaign, Schedule
from ..regions import NATIONAL, REGIONS

_TO_THE_MONTH = ("months", "window")  # their dates bound a span; the notice names no day in it

SCHEMA = "https://schema.org/"
EVENT_STATUS = {None: "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed"}


def organization(body: Body, lang: str) -> dict:
    data = {"@type": "Organization", "name": body.name.get(lang)}
    if body.short:
        data["alternateName"] = body.short.get(lang)
    return data


def organizations(campaign: Campaign, lang: str, home_url: str) -> dict:
    """The home page's data: the campaign's website and the bodies that organise it."""
    return {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": campaign.name.get(lang), "url": home_url, "inLanguage": HTML_LANG[lang]},
            *(organization(body, lang) for body in campaign.organisers),
        ],
    }


def event(activity: Activity, campaign: Campaign, lang: str, page_url: str, when: str) -> dict | None:
    """An activity with dates of its own as a schema.org Event; None for the others (an Event needs a start)."""
    schedule = activity.schedule
    if not schedule.is_dated or schedule.kind == "deadline":
        return None
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": activity.title.get(lang),
        "description": activity.summary.get(lang),
        "startDate": when_start(schedule, campaign.timezone),
        "endDate": _end(schedule, campaign.timezone),
        "eventStatus": SCHEMA + EVENT_STATUS[activity.status],
        "eventAttendanceMode": SCHEMA + _attendance_mode(activity),
        "url": page_url,
        "inLanguage": HTML_LANG[lang],
        "organizer": [organization(body, lang) for body in (activity.organisers or campaign.organisers)],
        "superEvent": {"@type": "EventSeries", "name": campaign.name.get(lang)},
    }
    if data["endDate"] is None:  # one time of day, no end: none is claimed
        del data["endDate"]
    if schedule.kind in _TO_THE_MONTH:
        data["disambiguatingDescription"] = when  # the dates are a span, not a fixed day
    if schedule.time is not None and schedule.span[0] != schedule.span[1]:
        data["eventSchedule"] = _daily(schedule, campaign.timezone)
    locations = _locations(activity, lang)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    return data


def _attendance_mode(activity: Activity) -> str:
    """Online, Mixed (a place and online) or Offline (a place, or nothing said: as the notice's events are)."""
    if activity.online:
        return "MixedEventAttendanceMode" if activity.place else "OnlineEventAttendanceMode"
    return "OfflineEventAttendanceMode"


def _locations(activity: Activity, lang: str) -> list[dict]:
    """Its place, then its virtual location (with the address only when it is known)."""
    found: list[dict] = []
    if activity.city or activity.region:
        found.append(_place_in_region(activity, lang))
    elif activity.place:
        found.append({"@type": "Place", "name": activity.place.get(lang), "address": activity.place.get(lang)})
    if activity.online:
        found.append({"@type": "VirtualLocation", **({"url": activity.online_url} if activity.online_url else {})})
    return found


def _place_in_region(activity: Activity, lang: str) -> dict:
    """A Place with a postal address of what is known: the city (addressLocality), the provincial-level
    division (addressRegion; none for a national activity) and the country; named by the place when given."""
    address: dict = {"@type": "PostalAddress"}
    if activity.city:
        address["addressLocality"] = activity.city.get(lang)
    if activity.region and activity.region != NATIONAL:
        address["addressRegion"] = getattr(REGIONS[activity.region], lang)
    address["addressCountry"] = "CN"
    place = {"@type": "Place", "address": address}
    return {"@type": "Place", "name": activity.place.get(lang), "address": address} if activity.place else place


def when_start(schedule: Schedule, zone: str) -> str:
    """The start of a dated schedule in ISO 8601: a day; a month for months and windows; with a time of day, the
    moment with its offset (2024-12-21T09:00:00+08:00)."""
    first = schedule.span[0]
    if schedule.kind in _TO_THE_MONTH:
        return f"{first:%Y-%m}"
    return _moment(first, schedule.time.start, zone) if schedule.time else first.isoformat()


def _end(schedule: Schedule, zone: str) -> str | None:
    first, last = schedule.span
    if schedule.kind in _TO_THE_MONTH:
        return f"{last:%Y-%m}"
    if schedule.time is None:
        return last.isoformat()
    if schedule.time.end is not None:
        return _moment(last, schedule.time.end, zone)
    return last.isoformat() if last != first else None


def _daily(schedule: Schedule, zone: str) -> dict:
    """The hours of each day of a schedule over several days."""
    first, last = schedule.span
    hours = schedule.time
    assert hours is not None, "only a schedule with a time of day has daily hours"
    data = {"@type": "Schedule", "startDate": first.isoformat(), "endDate": last.isoformat(),
            "repeatFrequency": "P1D", "startTime": hours.start.isoformat(), "scheduleTimezone": zone}
    if hours.end is not None:
        data["endTime"] = hours.end.isoformat()
    return data


def _moment(day: date, moment: time, zone: str) -> str:
    return datetime.combine(day, moment, tzinfo=ZoneInfo(zone)).isoformat()
