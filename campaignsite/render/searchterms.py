"""What the search index is told of an activity beyond the words its page shows.

Takes: an activity, the campaign, the build date and the page's language.
Gives: its filters (`region` by code, `city` by code when its `region:` names a city, every `month` it spans,
`when` it is on as of the build date: today, this week, upcoming, ended), its place in the results' date order
(`order`, a text sorted as text: what is on or coming first, by day; then whole-campaign; then to be announced;
then what ended, the latest first; then cancelled), and the names of its place in both languages (a city's short
Chinese name too, 杭州 for 杭州市, and its county's Chinese name), so that a reader finds it by either on either
language's page. Pages that give no `order` come after every activity (`write/search.py` gives them one).
"""
from __future__ import annotations

from datetime import date, timedelta

from ..model import Activity, Campaign
from ..regions import REGIONS, divisions

WEEK = 7  # "this week": the build date and the six days after it
WHEN = ("today", "week", "upcoming", "ended")  # the time filter's values, in the order the search page offers them
_NO_LONGER_ON = ("cancelled", "postponed")
_LAST_DAY = 99991231


def search_filters(activity: Activity, campaign: Campaign, today: date) -> list[tuple[str, str]]:
    """The filters of an activity's page, as (name, value) pairs."""
    found = [("region", activity.region)] if activity.region else []
    found += [("city", activity.city_code)] if activity.city_code else []
    if activity.schedule.is_dated:
        start, end = activity.schedule.span
        month = date(start.year, start.month, 1)
        while month <= end and len(found) < 40:  # a campaign runs for months, not years
            found.append(("month", f"{month:%Y-%m}"))
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return [*found, *(("when", value) for value in when(activity, campaign, today))]


def when(activity: Activity, campaign: Campaign, today: date) -> list[str]:
    """When the activity is on, seen from the build date: any of `WHEN` (none when its date is to be announced;
    a cancelled or postponed one is never on)."""
    span = _span(activity, campaign)
    if span is None:
        return []
    start, end = span
    if end < today:
        return ["ended"]
    if activity.status in _NO_LONGER_ON:
        return []
    found = ["today"] if start <= today else []
    if start <= today + timedelta(days=WEEK - 1):
        found.append("week")
    return [*found, "upcoming"] if start > today else found


def order(activity: Activity, campaign: Campaign, today: date) -> str:
    """Its place in the date order: a text that sorts (as text) the way a reader looks for what is on."""
    span = _span(activity, campaign)
    if activity.status in _NO_LONGER_ON:
        return "e"
    if span is None:
        return "c"
    start, end = span
    if end < today:
        return f"d{_LAST_DAY - _number(end):08d}"  # the latest ended first
    if not activity.schedule.is_dated:
        return "b"
    return f"a{_number(max(start, today))}{_number(end)}"


def place_names(activity: Activity, lang: str) -> list[str]:
    """The names of its region, city and place in both languages (the page's first), each once."""
    other = "en" if lang == "zh" else "zh"
    names = []
    for text in (activity.city, activity.place):
        if text is not None:
            names += [text.get(lang), text.get(other)]
    names += [divisions()[code].zh_short for code in (activity.city_code, activity.county_code) if code]
    names += [divisions()[activity.county_code].zh] if activity.county_code else []
    if activity.region and activity.region in REGIONS:
        region = REGIONS[activity.region]
        names += [region.zh, region.en] if lang == "zh" else [region.en, region.zh]
    return list(dict.fromkeys(name.strip() for name in names if name.strip()))


def _span(activity: Activity, campaign: Campaign) -> tuple[date, date] | None:
    schedule = activity.schedule
    if schedule.is_dated:
        return schedule.span
    if schedule.kind == "campaign":
        return campaign.period_start, campaign.period_end
    return None


def _number(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day
