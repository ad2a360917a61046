"""i18n: dates, ranges, schedules and numbering, in both languages."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from campaignsite.errors import ProblemLog
from campaignsite.i18n import Strings, chinese_numeral
from campaignsite.load import load_yaml
from campaignsite.model import Schedule, Text
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
    assert strings.schedule(Schedule("campaign"), "en") == "Throughout the campaign"


def test_a_whole_month_period_is_written_as_the_month(strings):
    assert strings.period(date(2008, 9, 1), date(2008, 9, 30), "zh") == "2008年9月"
    assert strings.period(date(2024, 6, 10), date(2024, 6, 16), "en") == "10–16 June 2024"


def test_notice_numbering(strings):
    assert strings.section_number(3, "zh") == "三、"
    assert strings.item_number(9, "zh") == "（九）"
    assert strings.item_number(9, "en") == "(9) "
