"""schema.org data for search engines: an `Event` per activity and an `Organization` per organiser.

Takes: model values, the page's language and absolute URLs.
Gives: plain dicts, which `render.json_for_script` serialises safely into <script type="application/ld+json">.
"""
from __future__ import annotations

from ..model import HTML_LANG, Activity, Body, Campaign

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


def event(activity: Activity, campaign: Campaign, lang: str, page_url: str, when: str) -> dict:
    """An activity as a schema.org Event; an undated activity spans the campaign period."""
    schedule = activity.schedule
    start = schedule.start or campaign.period_start
    end = schedule.end or campaign.period_end
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": activity.title.get(lang),
        "description": activity.summary.get(lang),
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "eventStatus": SCHEMA + EVENT_STATUS[activity.status],
        "eventAttendanceMode": SCHEMA + _attendance_mode(activity),
        "url": page_url,
        "inLanguage": HTML_LANG[lang],
        "organizer": [organization(body, lang) for body in (activity.organisers or campaign.organisers)],
        "superEvent": {"@type": "EventSeries", "name": campaign.name.get(lang)},
    }
    if schedule.kind in ("window", "campaign", "months"):
        data["disambiguatingDescription"] = when  # the dates are a span, not a fixed day
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
    if activity.place:
        found.append({"@type": "Place", "name": activity.place.get(lang), "address": activity.place.get(lang)})
    if activity.online:
        found.append({"@type": "VirtualLocation", **({"url": activity.online_url} if activity.online_url else {})})
    return found
