"""Times of day and time zones as authors write them: "09:00", "9:00-11:30", "Asia/Shanghai".

Takes: the text of a `time:` or `site.timezone:` value.
Gives: `parse_hours` (the `model.Hours`, or `BadValue` saying what is wrong and how to fix it) and
`check_time_zone` (None for a time zone name this machine and every other knows, else a `BadValue`).
Pure functions: the reader (`reader.Reader.hours`, `time_zone`) reports what they find at its position.
"""
from __future__ import annotations

import difflib
import re
from datetime import time
from functools import lru_cache
from zoneinfo import available_timezones

from ..load.yamldoc import visible
from ..model import Hours

# 9:00 is 09:00; a range joins two times with a hyphen, or the dashes the site itself shows (– and —)
_HOURS = re.compile(r"(\d{1,2}):(\d{2})(?:\s*[-–—]\s*(\d{1,2}):(\d{2}))?")
FORMAT_HINT = 'write the time as HH:MM or the hours as HH:MM-HH:MM on the 24-hour clock, such as "09:00-11:30"'
ZONE_HINT = "write a time zone name of the IANA database, such as Asia/Shanghai (the time of all of mainland China)"
# names of the system's own settings, not of a place: the same file would mean another zone on another machine
_NOT_PLACES = frozenset({"localtime", "posixrules", "Factory"})


class BadValue(ValueError):
    """What is wrong with a value, and how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def parse_hours(text: str) -> Hours:
    """"09:00" -> Hours(09:00); "9:00-11:30" -> Hours(09:00, 11:30). Raises `BadValue`."""
    found = _HOURS.fullmatch(text.strip())
    if found is None:
        raise BadValue(f"'{visible(text)}' is not a time of day", FORMAT_HINT)
    start = _time_of_day(found.group(1), found.group(2))
    if found.group(3) is None:
        return Hours(start)
    end = _time_of_day(found.group(3), found.group(4))
    if end <= start:
        before = "when" if end == start else "before"
        raise BadValue(f"the hours end ({end:%H:%M}) {before} they start ({start:%H:%M})",
                       "check the two times (the 24-hour clock writes 2 p.m. as 14:00); "
                       'for one time of day write it alone, such as "09:00"')
    return Hours(start, end)


def _time_of_day(hour: str, minute: str) -> time:
    if int(hour) > 23 or int(minute) > 59:
        hint = "write a time that ends at midnight as 23:59" if (hour, minute) == ("24", "00") else FORMAT_HINT
        raise BadValue(f"'{hour}:{minute}' is not a time of day: the 24-hour clock runs from 00:00 to 23:59", hint)
    return time(int(hour), int(minute))


def check_time_zone(name: str) -> BadValue | None:
    """None when `name` is a time zone of the IANA database (as Python's zoneinfo and the tzdata package know it)."""
    if _zone_names().get(name.casefold()) == name:
        return None
    names = _zone_names()
    guess = names.get(name.casefold()) or next(iter(difflib.get_close_matches(name, sorted(names.values()), n=1,
                                                                             cutoff=0.85)), None)
    hint = f"did you mean '{guess}'? " if guess else ""
    return BadValue(f"'{visible(name)}' is not a time zone name", hint + ZONE_HINT)


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    """The zones' names by their case-folded spelling (asia/shanghai -> Asia/Shanghai)."""
    return {name.casefold(): name for name in sorted(available_timezones() - _NOT_PLACES)}
