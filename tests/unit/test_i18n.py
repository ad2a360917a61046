"""i18n: dates, ranges, schedules and numbering, in both languages."""
from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from campaignsite.errors import ProblemLog
from campaignsite.i18n import Strings, chinese_numeral
from campaignsite.load import load_yaml
from campaignsite.model import Hours, Schedule, Text
from campaignsite.validate import Reader

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def strings() -> Strings:
    doc, _ = load_yaml(REPO / "templates" / "strings.yaml", "strings.yaml")
    reader = Reader(doc, ProblemLog())
    reader.strip = False
    return Strings({key: reader.text((key,)) for key in doc.data})


@pytest.mark.parametrize("number, expected", [(1, "一"), (9, "九"), (10, "十"), (15, "十五"), (20, "二十"),
                                              (23, "二十三"), (99, "九十九"), (100, "100")])
def test_chinese_numerals(number, expected):
    assert chinese_numeral(number) == expected


@pytest.mark.parametrize("start, end, zh, en", [
    (date(2008, 9, 22), date(2008, 9, 25), "2008年9月22日至25日", "22–25 September 2008"),
    (date(2008, 9, 28), date(2008, 10, 3), "2008年9月28日至10月3日", "28 September – 3 October 2008"),
    (date(2008, 12, 30), date(2009, 1, 2), "2008年12月30日至2009年1月2日", "30 December 2008 – 2 January 2009"),
    (date(2008, 9, 22), date(2008, 9, 22), "2008年9月22日", "22 September 2008"),
])
def test_day_ranges(strings, start, end, zh, en):
    assert strings.day_range(start, end, "zh") == zh
    assert strings.day_range(start, end, "en") == en


def test_schedules_are_worded_from_their_structure(strings):
    months = Schedule("months", date(2008, 7, 1), date(2008, 9, 30))
    assert strings.schedule(months, "zh") == "2008年7月至9月"
    assert strings.schedule(months, "en") == "July to September 2008"
    window = Schedule("window", date(2008, 9, 21), date(2008, 10, 10),
                      Text("9月底或10月初", "Late September or early October"))
    assert strings.schedule(window, "zh") == "2008年9月底或10月初"
    assert strings.schedule(window, "en") == "Late September or early October 2008"
    assert strings.schedule(Schedule("campaign"), "en") == "During the campaign"  # 活动期间: during, not throughout
    assert strings.schedule(Schedule("campaign"), "zh") == "活动期间"


@pytest.mark.parametrize(("schedule", "zh", "en"), [
    (Schedule("days", date(2024, 12, 21), date(2024, 12, 21), time=Hours(time(9), time(11, 30))),
     "2024年12月21日 9:00—11:30", "21 December 2024, 09:00–11:30"),
    (Schedule("days", date(2024, 12, 21), date(2024, 12, 21), time=Hours(time(19, 5))),
     "2024年12月21日 19:05", "21 December 2024, 19:05"),
    (Schedule("days", date(2024, 12, 27), date(2024, 12, 29), time=Hours(time(14), time(16))),
     "2024年12月27日至29日 每天14:00—16:00", "27–29 December 2024, 14:00–16:00 daily"),
    (Schedule("days", date(2024, 12, 31), date(2025, 1, 2), time=Hours(time(8))),
     "2024年12月31日至2025年1月2日 每天8:00", "31 December 2024 – 2 January 2025, 08:00 daily"),
    (Schedule("deadline", end=date(2023, 5, 26)), "2023年5月26日前", "by 26 May 2023"),
    (Schedule("deadline", end=date(2023, 5, 26), time=Hours(time(17))), "2023年5月26日 17:00前",
     "by 26 May 2023, 17:00"),
    (Schedule("unscheduled"), "时间另行通知", "Date to be announced"),
])
def test_times_deadlines_and_unscheduled_activities_are_worded_in_each_language(strings, schedule, zh, en):
    assert (strings.schedule(schedule, "zh"), strings.schedule(schedule, "en")) == (zh, en)


def test_an_authors_wording_replaces_the_dates_and_the_time(strings):
    schedule = Schedule("days", date(2024, 12, 21), date(2024, 12, 21), Text("冬至上午", "The morning of the solstice"),
                        Hours(time(9)))
    assert strings.schedule(schedule, "en") == "The morning of the solstice"


def test_a_whole_month_period_is_written_as_the_month(strings):
    assert strings.period(date(2008, 9, 1), date(2008, 9, 30), "zh") == "2008年9月"
    assert strings.period(date(2024, 6, 10), date(2024, 6, 16), "en") == "10–16 June 2024"


def test_notice_numbering(strings):
    assert strings.section_number(3, "zh") == "三、"
    assert strings.item_number(9, "zh") == "（九）"
    assert strings.item_number(9, "en") == "(9) "
