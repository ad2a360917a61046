"""What the home page shows of the activities: what is on today and the next days, the places a reader can pick,
and a glance at the national and notice activities.

Takes: the activities in schedule order (`model.by_start`), their listings (`listings.listings`), what is on each
day (`model.on_day`) and the build date.
Gives: `home_data`: `coming` (today and the next `COMING_DAYS - 1` days, each with its national and notice
activities and how many local ones its day page lists), `places` (each region but national, with its count and
cities), `has_regions` and `glance` (the first `GLANCE` national and notice activities: never a local one).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from .listings import Listings, cities_by_province, is_local
from .model import Activity
from .regions import NATIONAL

GLANCE = 10  # national and notice activities in the home page's schedule at a glance
COMING_DAYS = 7  # the home page is given today and the next six days; its template shows as many as the theme chooses


def home_data(scheduled: tuple[Activity, ...], found: Listings, days: dict[date, tuple[Activity, ...]],
              today: date) -> dict[str, Any]:
    """What the home page shows of the activities: `coming` days, the `places` to pick and the `glance`."""
    return {"coming": coming(days, today), "places": places(found), "has_regions": bool(found.regions),
            "glance": tuple(activity for activity in scheduled if not is_local(activity))[:GLANCE]}


def coming(days: dict[date, tuple[Activity, ...]], today: date) -> tuple[dict[str, Any], ...]:
    """Today and the next `COMING_DAYS - 1` days, each with its national and notice activities in time order (one
    that spans several days on the first of them only), how many local activities its day page lists and whether
    it has a day page."""
    found: list[dict[str, Any]] = []
    shown: set[str] = set()
    for offset in range(COMING_DAYS):
        day = date.fromordinal(today.toordinal() + offset)
        on = days.get(day, ())
        national = tuple(activity for activity in on if not is_local(activity) and activity.slug not in shown)
        shown.update(activity.slug for activity in national)
        found.append({"day": day, "national": national, "local": sum(1 for activity in on if is_local(activity)),
                      "has_page": bool(on)})
    return tuple(found)


def places(found: Listings) -> tuple[dict[str, Any], ...]:
    """The places a reader can pick on the home page: each region but national, by code, with its count and its
    cities that have activities (by code, with their counts: `Listings.cities`)."""
    cities = cities_by_province(found)
    return tuple({"code": code, "count": len(listed_there),
                  "cities": tuple({"code": city, "count": count} for city, count in cities.get(code, ()))}
                 for code, listed_there in found.regions.items() if code != NATIONAL)
