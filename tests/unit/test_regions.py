"""The regions an activity may name: the 34 provincial-level divisions and `national`."""
from __future__ import annotations

import pytest

from campaignsite.regions import NATIONAL, REGIONS, close_names, region_code


def test_there_are_thirty_four_provincial_level_divisions_and_national():
    assert len(REGIONS) == 35 and NATIONAL in REGIONS
    assert all(len(code) == 6 and code.isdigit() for code in REGIONS if code != NATIONAL)
    assert len({r.zh for r in REGIONS.values()}) == len({r.en for r in REGIONS.values()}) == 35


@pytest.mark.parametrize(("text", "code"), [
    ("440000", "440000"), ("４４００００", "440000"), ("广东省", "440000"), ("广东", "440000"),
    ("Guangdong", "440000"), ("  guangdong ", "440000"), ("Inner  Mongolia", "150000"), ("内蒙古", "150000"),
    ("Xizang", "540000"), ("Tibet", "540000"), ("Macau", "820000"), ("澳门特别行政区", "820000"),
    ("national", NATIONAL), ("全国", NATIONAL), ("Nationwide", NATIONAL),
])
def test_a_code_or_a_name_in_either_language_gives_the_code(text, code):
    assert region_code(text) == code


@pytest.mark.parametrize("text", ["", "Canton", "广州", "440100", "Guangdong Province"])
def test_anything_else_is_no_region(text):
    assert region_code(text) is None


def test_a_near_miss_gets_names_to_suggest():
    assert close_names("Guandong")[0] == "Guangdong"
    assert close_names("Shanxii")[:2] == ["Shanxi", "Shaanxi"]
