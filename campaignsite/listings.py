"""The listings the activities make besides the schedule: by region and by month; and an activity's neighbours.

Takes: activities in schedule order (`model.by_start`).
Gives: `Listings`: each region that has activities (national first, then by code), each city that has some (by
code: an activity whose `region:` names a city or one of its counties) and each month that some activity's dates
touch (in calendar order), with its activities in schedule order. An activity without a region is in no region's
listing, one without a city code in no city's; one without dates of its own (during the campaign, to be announced)
in no month's.
A month is written YYYY-MM. Shared by the page plan (routes) and the site paths Markdown links may name.
`is_local` (an activity placed in a division of the country or a city, not national) and `neighbours` (the
previous and next activity a page links: a local one's among the same place's in schedule order, any other's
among the others in file order).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .model import Activity, Schedule
from .regions import NATIONAL

Neighbours = tuple[Activity | None, Activity | None]  # (previous, next)


@dataclass(frozen=True)
class Listings:
    regions: dict[str, tuple[Activity, ...]]  # region code -> its activities, regions in listing order
    months: dict[str, tuple[Activity, ...]]  # "2008-09" -> the activities whose dates touch it, months in order
    cities: dict[str, tuple[Activity, ...]] = field(default_factory=dict)  # city code -> its activities, by code


def region_order(code: str) -> tuple[int, str]:
    """National first, then the divisions by their code."""
    return (0 if code == NATIONAL else 1, code)


def months_of(schedule: Schedule) -> tuple[str, ...]:
    """Every month (YYYY-MM) from the first day of a dated schedule to its last; none for an undated one."""
    if not schedule.is_dated:
        return ()
    first, last = schedule.span
    return tuple(_month(index) for index in range(_index(first), _index(last) + 1))


def listings(scheduled: Sequence[Activity]) -> Listings:
    """The region and month listings of activities given in schedule order."""
    regions: dict[str, list[Activity]] = {}
    cities: dict[str, list[Activity]] = {}
    months: dict[str, list[Activity]] = {}
    for activity in scheduled:
        if activity.region is not None:
            regions.setdefault(activity.region, []).append(activity)
        if activity.city_code is not None:
            cities.setdefault(activity.city_code, []).append(activity)
        for month in months_of(activity.schedule):
            months.setdefault(month, []).append(activity)
    return Listings({code: tuple(regions[code]) for code in sorted(regions, key=region_order)},
                    {month: tuple(months[month]) for month in sorted(months)},
                    {code: tuple(cities[code]) for code in sorted(cities)})


def is_local(activity: Activity) -> bool:
    """A local activity: placed in a division of the country (a region other than national), or, without a region,
    in a city."""
    if activity.region is not None:
        return activity.region != NATIONAL
    return activity.city is not None


def neighbours(activities: Sequence[Activity], scheduled: Sequence[Activity]) -> dict[str, Neighbours]:
    """For each activity's slug, the (previous, next) activities its page links. A local activity's are among the
    activities of the same place (its region and, when it names one, its city), in schedule order (`scheduled`);
    the others' among the activities that are not local, in file order (`activities`): a reader of one
    city's activity reads on in that city, by date, and a national one on among the national ones."""
    places: dict[tuple[str | None, str | None], list[Activity]] = {}
    for activity in scheduled:
        if is_local(activity):
            places.setdefault(_place(activity), []).append(activity)
    found: dict[str, Neighbours] = {}
    for group in (*places.values(), [activity for activity in activities if not is_local(activity)]):
        for index, activity in enumerate(group):
            found[activity.slug] = (group[index - 1] if index > 0 else None,
                                    group[index + 1] if index + 1 < len(group) else None)
    return found


def _place(activity: Activity) -> tuple[str | None, str | None]:
    """Where a local activity is: its region, and its city's Chinese name without the suffix 市 (温州市 is 温州)."""
    city = activity.city.zh.strip().removesuffix("市") if activity.city is not None else None
    return activity.region, city


def page_count(items: int, page_size: int) -> int:
    """How many pages a list of `items` takes (at least one)."""
    return max(1, -(-items // page_size))


def _index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"
