"""schema.org data for search engines: an `Event` per activity and an `Organization` per organiser.

Takes: model values, the page's language and absolute URLs.
Gives: plain dicts, which `render.json_for_script` serialises safely into <script type="application/ld+json">.
"""
from __future__ import annotations

from ..model import HTML_LANG, Activity, Body, Campaign


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
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": page_url,
        "inLanguage": HTML_LANG[lang],
        "organizer": [organization(body, lang) for body in (activity.organisers or campaign.organisers)],
        "superEvent": {"@type": "EventSeries", "name": campaign.name.get(lang)},
    }
    if schedule.kind in ("window", "campaign", "months"):
        data["disambiguatingDescription"] = when  # the dates are a span, not a fixed day
    if activity.place:
        data["location"] = {"@type": "Place", "name": activity.place.get(lang),
                            "address": activity.place.get(lang)}
    return data
