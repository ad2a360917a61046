"""activities.yaml, or the folder activities/ (one activity a file) -> the activities.

Takes: the `YamlDoc` of activities.yaml, or those of activities/*.yaml in file-name order, and the bodies
(an activity names its organisers by slug).
Gives: the `Activity`s in order, with where each stands (`Places`), so that `warn_far_dates` can warn at
the right line about an activity dated far from the campaign.
"""
from __future__ import annotations

import dataclasses
import difflib
from datetime import date
from functools import partial
from typing import Any

from ..errors import WARNING, Problem, ProblemLog
from ..load import YamlDoc
from ..model import SCHEDULE_KINDS, TIMED_KINDS, UNDATED_KINDS, Activity, Body, Hours, Schedule, Text
from ..regions import Division, divisions, place_of
from . import schema
from .common import KeyPath, visible
from .memo import ActivityMemo
from .reader import Reader
from .slogans import read_list_file
from .translated import StaleTexts

Places = dict[str, tuple[Reader, KeyPath]]  # an activity's slug -> the reader of its file, and its path there
EMPTY_FILE_HINT = "list the activities under a line 'activities:'"
EMPTY_ACTIVITY_HINT = "write one activity: its slug, title, summary, body and schedule"


def read_activities(doc: YamlDoc, log: ProblemLog, fallback: bool,
                    bodies: dict[str, Body], year: int | None = None,
                    stale: StaleTexts | None = None, memo: ActivityMemo | None = None) -> tuple[list[Activity], Places]:
    """The activities of activities.yaml; with `memo`, an item read before without a problem, whose text has not
    changed since, is not read again."""
    reader = Reader(doc, log, fallback, year=year, stale=stale)
    memo = memo if memo is not None else ActivityMemo()
    context = memo.context(fallback, year, bodies, stale)

    def read_item(reader: Reader, path: KeyPath, number: int, slug: str | None) -> Activity | None:
        spot = memo.item_spot(doc, number - 1, context, stale)
        read = partial(_read_activity, reader, path, number, slug, bodies)
        return memo.known(spot, number) or memo.read(spot, log, read)

    activities = read_list_file(reader, "activities.yaml", "activities", "activity", read_item, EMPTY_FILE_HINT)
    return numbered(activities), {a.slug: (reader, ("activities", a.number - 1)) for a in activities}


def read_activity_files(docs: tuple[YamlDoc, ...], log: ProblemLog, fallback: bool,
                        bodies: dict[str, Body], year: int | None = None,
                        after: tuple[list[Activity], Places] | None = None,
                        stale: StaleTexts | None = None,
                        memo: ActivityMemo | None = None) -> tuple[list[Activity], Places]:
    """A campaign with many activities may keep them one file each in activities/ (in file-name order), `after`
    those of activities.yaml when it has both (the notice's in the file, imported ones in the folder). With `memo`,
    a file read before without a problem, unchanged since, is not read again."""
    activities: list[Activity] = list(after[0]) if after else []
    places: Places = dict(after[1]) if after else {}
    if not docs and after is None:
        log.add(Problem("activities", message="the folder holds no activity",
                        hint="add a file such as activities/0010-opening.yaml with one activity"))
    memo = memo if memo is not None else ActivityMemo()
    context = memo.context(fallback, year, bodies, stale)
    for number, doc in enumerate(docs, start=len(activities) + 1):
        reader = Reader(doc, log, fallback, year=year, stale=stale)
        spot = memo.file_spot(doc, context, stale)
        activity = memo.known(spot, number)
        if activity is None:
            if reader.root("activity", EMPTY_ACTIVITY_HINT) is None:
                continue
            slug = reader.slug(("slug",))
            activity = memo.read(spot, log, partial(_read_activity, reader, (), number, slug, bodies))
        else:
            slug = activity.slug
        if slug in places:
            reader.problem(("slug",), f"the slug '{slug}' is already used by {places[slug][0].doc.file}",
                           hint="give each activity a slug of its own")
        elif activity is not None:
            activities.append(activity)
            places[activity.slug] = (reader, ())
    return numbered(activities), places


def _read_activity(reader: Reader, path: KeyPath, number: int, slug: str | None,
                   bodies: dict[str, Body]) -> Activity | None:
    title = reader.text(path + ("title",))
    summary = reader.text(path + ("summary",))
    body = schema.field("activity", "body").read(reader, path)
    schedule = _read_schedule(reader, path + ("schedule",))
    place = reader.text(path + ("place",), required=False)
    organisers = tuple(schema.BODY_REFS.read(reader, path + ("organisers",), bodies))
    in_notice = schema.field("activity", "in_notice").read(reader, path)
    state = _read_state(reader, path)
    if not slug or title is None or summary is None or body is None or schedule is None:
        return None
    return Activity(slug, number, title, summary, body, schedule, place, organisers, in_notice, **state)


def _read_state(reader: Reader, path: KeyPath) -> dict[str, Any]:
    """What becomes of the activity: a declared status and its note, whether (and where) it is online, and its region,
    city and the spreadsheet it came from."""
    status = schema.field("activity", "status").read(reader, path)
    note = schema.field("activity", "status_note").read(reader, path)
    if note is not None and reader.get(path + ("status",)) is None:
        reader.problem(path + ("status_note",), "a status note needs a status to explain", at_value=False,
                       hint="add 'status: cancelled' or 'status: postponed' above it, or remove the note")
    online = schema.field("activity", "online").read(reader, path)
    return {"status": status, "status_note": note if status else None, "online": online is not None,
            "online_url": online if isinstance(online, str) else None,
            **_read_place(reader, path), "imported_from": schema.field("activity", "imported_from").read(reader, path)}


def _read_place(reader: Reader, path: KeyPath) -> dict[str, Any]:
    """Its region (the province, as before), the city and county its `region:` names, and its city: the city the
    code names wins over the free text `city:` (a warning when they disagree)."""
    code = schema.field("activity", "region").read(reader, path)
    city = schema.field("activity", "city").read(reader, path)
    if code is None:
        return {"region": None, "city": city}
    place = place_of(code)
    if place.city is None:
        return {"region": place.region, "county_code": place.county, "city": city}
    named = divisions()[place.city]
    if city is not None and not _same_city(city, named):
        reader.problem(path + ("city",), f"the city '{visible(city.zh)}' is not {named.zh}, the city the region "
                       f"{code} names: {named.zh} is shown", severity=WARNING, at_value=False,
                       hint="correct the region's code, or leave the city out")
    return {"region": place.region, "city_code": place.city, "county_code": place.county,
            "city": Text(named.zh, named.en)}


def _same_city(city: Text, named: Division) -> bool:
    """Whether the free text names the city the code names (杭州, 杭州市 or Hangzhou, Hangzhou City)."""
    zh = city.zh.strip().removesuffix("市")
    en = city.en.strip().casefold().removesuffix(" city")
    return zh in (named.zh.removesuffix("市"), named.zh_short) or en == named.en.casefold()


def numbered(activities: list[Activity]) -> list[Activity]:
    """The activities, each in the notice given its item number there: the one number every page shows."""
    found, count = [], 0
    for activity in activities:
        count += activity.in_notice
        found.append(dataclasses.replace(activity, notice_number=count) if activity.in_notice else activity)
    return found


def _read_schedule(reader: Reader, path: KeyPath) -> Schedule | None:
    if reader.block(path, "schedule") is None:
        return None
    kind = _read_schedule_kind(reader, path + ("kind",))
    if kind is None:
        return None
    text = reader.text(path + ("text",), required=(kind == "window"))
    hours = _read_time(reader, path, kind)
    if kind in UNDATED_KINDS:
        _refuse_dates(reader, path, kind)
        return Schedule(kind, text=text)
    if kind == "deadline":
        return _read_deadline(reader, path, text, hours)
    start, end = _read_months(reader, path) if kind == "months" else _read_days(reader, path, kind)
    if start and end and end < start:
        reader.problem(path + ("end",), f"the end ({end.isoformat()}) is before the start ({start.isoformat()})",
                       hint="check the two dates; swap them if they are the wrong way round")
        return None
    if start is None or end is None:
        return None
    return Schedule(kind, start, end, text, hours)


def _read_time(reader: Reader, path: KeyPath, kind: str) -> Hours | None:
    """The time of day of a schedule whose kind has one (days, deadline); on another kind it is refused."""
    if reader.get(path + ("time",)) is None:
        return None
    if kind not in TIMED_KINDS:
        reader.problem(path + ("time",), f"a schedule of the kind '{kind}' has no time of day",
                       hint="remove this line, or choose the kind days (one day or several) or deadline")
        return None
    return reader.hours(path + ("time",))


def _read_deadline(reader: Reader, path: KeyPath, text: Text | None, hours: Hours | None) -> Schedule | None:
    """A deadline is one day, its `end`; a start would make it a span."""
    if reader.get(path + ("start",)) is not None:
        reader.problem(path + ("start",), "a deadline has no start, only its day ('end')",
                       hint="remove this line; for an activity that runs over several days choose the kind days")
    if reader.get(path + ("end",)) is None:
        reader.problem(path + ("end",), "the day of the deadline ('end') is missing",
                       hint="add 'end:' with the day, written YYYY-MM-DD", at_value=False)
        return None
    day = reader.day(path + ("end",))
    return Schedule("deadline", None, day, text, hours) if day else None


def _read_schedule_kind(reader: Reader, path: KeyPath) -> str | None:
    kind = reader.plain(path, required=True)
    if kind is None or kind in SCHEDULE_KINDS:
        return kind
    guess = difflib.get_close_matches(kind, SCHEDULE_KINDS, n=1)
    reader.problem(path, f"'{visible(kind)}' is not a kind of schedule",
                   hint=(f"did you mean '{guess[0]}'? " if guess else "") + "use one of: " + ", ".join(SCHEDULE_KINDS))
    return None


_NO_DATES = {"campaign": "an activity during the campaign without a date of its own has no dates",
             "unscheduled": "an activity whose date is to be announced has no dates"}


def _refuse_dates(reader: Reader, path: KeyPath, kind: str) -> None:
    for key in ("start", "end"):
        if reader.get(path + (key,)) is not None:
            reader.problem(path + (key,), _NO_DATES[kind],
                           hint="remove this line, or choose the kind days, months, window or deadline")


def _read_days(reader: Reader, path: KeyPath, kind: str) -> tuple[date | None, date | None]:
    start = reader.day(path + ("start",))
    end = reader.day(path + ("end",), required=(kind == "window")) or start
    return start, end


def _read_months(reader: Reader, path: KeyPath) -> tuple[date | None, date | None]:
    """From the first day of the start month to the last day of the end month (the start month when no end)."""
    start = reader.month(path + ("start",), end=False)
    end_key = "end" if reader.get(path + ("end",)) is not None else "start"
    end = reader.month(path + (end_key,), end=True) if start else None
    return start, end


def warn_far_dates(places: Places, activities: list[Activity], start: date, end: date) -> None:
    """A warning for each activity dated more than a year away from the campaign's `start`..`end`."""
    for activity in activities:
        schedule = activity.schedule
        if not schedule.is_dated:  # during the campaign, or to be announced
            continue
        first, last = schedule.span
        gap = max((start - last).days, (first - end).days)
        if gap > 366:
            reader, path = places[activity.slug]
            if path:
                reader.names[path] = activity.slug
            reader.problem(path + ("schedule", "start" if schedule.start else "end"),
                           f"the activity is dated more than a year away from the campaign "
                           f"({start.isoformat()} to {end.isoformat()})",
                           hint="check the year", severity=WARNING)
