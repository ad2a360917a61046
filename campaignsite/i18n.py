"""Language-dependent wording: UI strings, dates, schedules and numbering in each language.

Takes: the validated UI string table (`dict[str, Text]`) and model values.
Gives: `Strings`, which answers a UI key in a language, and formats dates, date ranges,
schedules and the notice's numbering (一、 （一） in Chinese, 1. (1) in English).
Every pattern comes from the string table, so a site can reword any of them.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date as Day
from datetime import time, timedelta

from .errors import Problem, SiteError
from .model import LANGUAGES, UNDATED_KINDS, Hours, Schedule, Text

_CHINESE_DIGITS = "〇一二三四五六七八九"


class MissingString(KeyError):
    """A template asked for a UI string that no table defines."""


@dataclass(frozen=True)
class Strings:
    table: dict[str, Text]

    def get(self, key: str, lang: str, **values: object) -> str:
        try:
            pattern = self.in_language(lang)[key]
        except KeyError:
            raise MissingString(key) from None
        return pattern.format(**values) if values else pattern

    def in_language(self, lang: str) -> dict[str, str]:
        return self._by_language[lang]

    @functools.cached_property
    def _by_language(self) -> dict[str, dict[str, str]]:
        """The table in each language, made once: templates ask for hundreds of strings a page."""
        return {lang: {key: text.get(lang) for key, text in self.table.items()} for lang in LANGUAGES}

    def month_name(self, month: int, lang: str) -> str:
        return self.get(f"month.{month}", lang)

    def date(self, day: Day, lang: str) -> str:
        return self.get("date.day", lang, **self._parts(day, lang))

    def month(self, day: Day, lang: str) -> str:
        return self.get("date.month", lang, **self._parts(day, lang))

    def day_range(self, start: Day, end: Day, lang: str) -> str:
        if start == end:
            return self.date(start, lang)
        parts = {**self._parts(start, lang), **self._parts(end, lang, "2")}
        if start.year != end.year:
            return self.get("date.range", lang, start=self.date(start, lang), end=self.date(end, lang))
        if start.month != end.month:
            return self.get("date.day_range_same_year", lang, **parts)
        return self.get("date.day_range_same_month", lang, **parts)

    def short_range(self, start: Day, end: Day, lang: str) -> str:
        """Days without their year, as a pager names the days a page covers: 9月16日–9月18日, 16–18 September."""
        if start == end:
            return self.get("date.short_day", lang, **self._parts(start, lang))
        if (start.year, start.month) == (end.year, end.month):
            return self.get("date.short_range_same_month", lang, **self._parts(start, lang),
                            **self._parts(end, lang, "2"))
        return self.get("date.short_range", lang, start=self.get("date.short_day", lang, **self._parts(start, lang)),
                        end=self.get("date.short_day", lang, **self._parts(end, lang)))

    def month_range(self, start: Day, end: Day, lang: str) -> str:
        if (start.year, start.month) == (end.year, end.month):
            return self.month(start, lang)
        if start.year != end.year:
            return self.get("date.range", lang, start=self.month(start, lang), end=self.month(end, lang))
        parts = {**self._parts(start, lang), **self._parts(end, lang, "2")}
        return self.get("date.month_range_same_year", lang, **parts)

    def period(self, start: Day, end: Day, lang: str) -> str:
        """A campaign period: whole months are written as months (September 2008), else as days."""
        whole_months = start.day == 1 and (end + timedelta(days=1)).day == 1
        return self.month_range(start, end, lang) if whole_months else self.day_range(start, end, lang)

    def schedule(self, schedule: Schedule, lang: str) -> str:
        """The wording of a schedule: the author's own where given (it replaces the dates and the time), else
        derived from its dates and time."""
        if schedule.text is not None:
            if schedule.kind == "window":  # "late September or early October" needs its year
                return self.get("schedule.window", lang, text=schedule.text.get(lang), y=schedule.span[0].year)
            return schedule.text.get(lang)
        if schedule.kind in UNDATED_KINDS:
            return self.get(f"schedule.{schedule.kind}", lang)
        if schedule.kind == "months":
            return self.month_range(*schedule.span, lang)
        days = self.day_range(*schedule.span, lang)
        if schedule.time is not None:
            several = schedule.span[0] != schedule.span[1]
            days = self.get("schedule.daily" if several else "schedule.timed", lang, date=days,
                            time=self.hours(schedule.time, lang))
        return self.get("schedule.deadline", lang, date=days) if schedule.kind == "deadline" else days

    def hours(self, hours: Hours, lang: str) -> str:
        """A time of day (9:00), or the hours from one to another (9:00—11:30)."""
        start = self.time_of_day(hours.start, lang)
        if hours.end is None:
            return start
        return self.get("time.hours", lang, start=start, end=self.time_of_day(hours.end, lang))

    def time_of_day(self, moment: time, lang: str) -> str:
        return self.get("time.of_day", lang, h=moment.hour, hh=f"{moment.hour:02d}", mm=f"{moment.minute:02d}")

    def section_number(self, number: int, lang: str) -> str:
        return self.get("number.section", lang, n=number, cn=chinese_numeral(number))

    def item_number(self, number: int, lang: str) -> str:
        return self.get("number.item", lang, n=number, cn=chinese_numeral(number))

    def _parts(self, day: Day, lang: str, suffix: str = "") -> dict[str, object]:
        return {f"y{suffix}": day.year, f"m{suffix}": day.month, f"d{suffix}": day.day,
                f"month{suffix}": self.month_name(day.month, lang)}


REQUIRED_KEYS = tuple(f"month.{n}" for n in range(1, 13)) + (
    "date.day", "date.month", "date.range", "date.day_range_same_month", "date.day_range_same_year",
    "date.month_range_same_year", "schedule.campaign", "schedule.window", "number.section", "number.item",
    "schedule.unscheduled", "schedule.deadline", "schedule.timed", "schedule.daily", "time.of_day", "time.hours",
    "calendar.deadline")


def check_table(strings: Strings, file: str) -> None:
    """Raise `SiteError` when a key that the code itself formats with is missing from the table."""
    missing = [key for key in REQUIRED_KEYS if key not in strings.table]
    if missing:
        raise SiteError(Problem(file, path=key, message="this UI string is missing from the table",
                                hint="add it with 'zh:' and 'en:'") for key in missing)


def chinese_numeral(number: int) -> str:
    """1 -> 一, 10 -> 十, 15 -> 十五, 23 -> 二十三 (up to 99; larger numbers are written in digits)."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    text = ""
    if tens:
        text = ("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十"
    if ones:
        text += _CHINESE_DIGITS[ones]
    return text


def other_language(lang: str) -> str:
    return next(other for other in LANGUAGES if other != lang)
