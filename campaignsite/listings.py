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
among the others in file order). `cut`: a listing's groups (`model.now_first`) cut into pages of whole days;
`later_pages`: the paths of the pages after the first that the listings cut so make on a given build date.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .model import Activity, Group, Schedule, now_first, on_day
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


def cities_by_province(found: Listings) -> dict[str, tuple[tuple[str, int], ...]]:
    """Each province's cities that have activities, by code, with how many: (code, count) pairs."""
    cities: dict[str, list[tuple[str, int]]] = {}
    for code, listed_here in found.cities.items():
        cities.setdefault(code[:2] + "0000", []).append((code, len(listed_here)))
    return {province: tuple(pairs) for province, pairs in cities.items()}


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


def cut(groups: tuple[Group, ...], size: int) -> list[tuple[Group, ...]]:
    """The pages of a listing of `groups`, each of at most `size` entries and of whole groups, as many as fit; a
    group of more than `size` entries starts a page and runs on over as many as it needs (its later parts
    `continued`). No groups make one empty page."""
    pages: list[list[Group]] = [[]]
    filled = 0
    for group in groups:
        if filled + len(group.activities) > size and filled:
            pages.append([])
            filled = 0
        for start in range(0, len(group.activities), size):
            if start:
                pages.append([])
            part = group.activities[start:start + size]
            pages[-1].append(Group(group.kind, part, group.day, continued=start > 0))
            filled = len(part) if start else filled + len(part)
    return [tuple(page) for page in pages]


def days_covered(page: tuple[Group, ...]) -> tuple[date, date] | None:
    """The first and last day a page's day groups cover (in listing order), or None when it has none."""
    days = [group.day for group in page if group.day is not None]
    return (days[0], days[-1]) if days else None


def later_pages(scheduled: Sequence[Activity], today: date, size: int) -> frozenset[str]:
    """The site paths of every listing's pages after its first (`/schedule/page/2/`, `/regions/440000/archive/page/2/`,
    `/schedule/2008-09-16/page/2/`) that a build on `today` makes with pages of `size` entries, as the page plan
    cuts them: which they are moves with the build date."""
    ordered = tuple(scheduled)
    found = listings(ordered)
    firsts = [("/schedule/", ordered)]
    firsts += [(f"/regions/{code}/", listed) for code, listed in found.regions.items()]
    firsts += [(f"/schedule/{month}/", listed) for month, listed in found.months.items()]
    paths: list[str] = []
    for first, listed in firsts:
        current, ended = now_first(listed, today)
        paths += _numbered(first, len(cut(current, size))) + _numbered(first + "archive/", len(cut(ended, size)))
    for day, activities in on_day(ordered).items():
        paths += _numbered(f"/schedule/{day.isoformat()}/", len(cut((Group("day", activities, day),), size)))
    return frozenset(paths)


def _numbered(first: str, count: int) -> list[str]:
    return [f"{first}page/{number}/" for number in range(2, count + 1)]
