"""A time zone as iCalendar writes it: the VTIMEZONE component a TZID names (RFC 5545 3.6.5).

Takes: an IANA time zone name (validated) and the first and last year the calendar's times fall in.
Gives: the component's content lines (unfolded), made from Python's zoneinfo: one observance from the start
of the first year, then one for each change of the zone's offset up to the end of the last year, each written
as the single onset it is (no RRULE to guess from). A zone without changes (Asia/Shanghai) is one observance.
Local times in the zone therefore stay at their hour in any calendar program, over a daylight-saving change too.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

_STEP = timedelta(days=1)  # offsets change at most twice a year: a day apart, then narrowed to the second


def vtimezone(name: str, first_year: int, last_year: int) -> list[str]:
    """The VTIMEZONE of `name`, covering `first_year` to `last_year` inclusive."""
    zone = ZoneInfo(name)
    start = datetime(first_year, 1, 1, tzinfo=zone).astimezone(UTC)  # local midnight of New Year's Day
    stop = datetime(last_year + 1, 1, 1, tzinfo=zone).astimezone(UTC)
    offset = _offset(start, zone)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{name}", *_observance(start, zone, offset)]
    for change in _changes(zone, start, stop):
        lines += _observance(change, zone, _offset(change - timedelta(seconds=1), zone))
    return lines + ["END:VTIMEZONE"]


def _observance(onset: datetime, zone: ZoneInfo, before: timedelta) -> list[str]:
    """An observance beginning at the instant `onset`; DTSTART is its local time in the offset before it."""
    local = onset.astimezone(zone)
    kind = "DAYLIGHT" if local.dst() else "STANDARD"
    return [f"BEGIN:{kind}",
            f"DTSTART:{(onset + before).replace(tzinfo=None):%Y%m%dT%H%M%S}",
            f"TZOFFSETFROM:{_offset_text(before)}",
            f"TZOFFSETTO:{_offset_text(_offset(onset, zone))}",
            f"TZNAME:{local.tzname()}",
            f"END:{kind}"]


def _changes(zone: ZoneInfo, start: datetime, stop: datetime) -> Iterator[datetime]:
    """The instants (UTC) from which the zone's offset differs from the offset just before."""
    moment, offset = start, _offset(start, zone)
    while moment < stop:
        following = min(moment + _STEP, stop)
        if _offset(following, zone) != offset:
            change = _first_with_new_offset(zone, moment, following, offset)
            yield change
            offset = _offset(change, zone)
            following = change
        moment = following


def _first_with_new_offset(zone: ZoneInfo, low: datetime, high: datetime, old: timedelta) -> datetime:
    """The first whole second in (low, high] whose offset is not `old` (`high`'s is not)."""
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) // 2
        middle = middle.replace(microsecond=0)
        if _offset(middle, zone) == old:
            low = middle
        else:
            high = middle
    return high


def _offset(moment: datetime, zone: ZoneInfo) -> timedelta:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None, "a zoneinfo time zone always has an offset"
    return offset


def _offset_text(offset: timedelta) -> str:
    """+0800, -0500; +053328 for the seconds of a local mean time."""
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")
