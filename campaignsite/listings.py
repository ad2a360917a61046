"""The listings the activities make besides the schedule: by region and by month.

Takes: activities in schedule order (`model.by_start`).
Gives: `Listings`: each region that has activities (national first, then by code) and each month that some
activity's dates touch (in calendar order), with its activities in schedule order. An activity without a region
is in no region's listing; one without dates of its own (during the campaign, to be announced) in no month's.
A month is written YYYY-MM. Shared by the page plan (routes) and the site paths Markdown links may name.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .model import Activity, Schedule
from .regions import NATIONAL


@dataclass(frozen=True)
class Listings:
    regions: dict[str, tuple[Activity, ...]]  # region code -> its activities, regions in listing order
    months: dict[str, tuple[Activity, ...]]  # "2008-09" -> the activities whose dates touch it, months in order


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
    months: dict[str, list[Activity]] = {}
    for activity in scheduled:
        if activity.region is not None:
            regions.setdefault(activity.region, []).append(activity)
        for month in months_of(activity.schedule):
            months.setdefault(month, []).append(activity)
    return Listings({code: tuple(regions[code]) for code in sorted(regions, key=region_order)},
                    {month: tuple(months[month]) for month in sorted(months)})


def page_count(items: int, page_size: int) -> int:
    """How many pages a list of `items` takes (at least one)."""
    return max(1, -(-items // page_size))


def _index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"
