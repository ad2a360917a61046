"""`region:` down to the city: a province, a city or a county by its code or its name; the model keeps the province
and gains the city's and the county's codes; the city a code names wins over the free-text `city:`; an ambiguous or
unknown place is a located problem; the listings group each city's activities."""
from __future__ import annotations

import pytest

from campaignsite.home import places
from campaignsite.listings import listings
from campaignsite.model import Text, by_start
from campaignsite.validate import validate
from tests.unit.test_validate import ACTIVITY, problems_of, sources


def with_place(*lines: str, slug: str = "check") -> str:
    """ACTIVITY with `lines` added to its activity (and its slug changed)."""
    return ACTIVITY.replace("slug: check", f"slug: {slug}").rstrip("\n") + "\n" + "".join(
        f"    {line}\n" for line in lines)


def activity(*lines: str):
    validated = validate(sources(activities=with_place(*lines)))
    return validated.site.activities[0], [str(w) for w in validated.warnings]


@pytest.mark.parametrize("written", ["330100", "杭州", "杭州市", "Hangzhou", "hangzhou"])
def test_a_city_by_code_or_name_keeps_the_province_and_gains_the_city(written):
    found, warnings = activity(f"region: {written}")
    assert (found.region, found.city_code, found.county_code) == ("330000", "330100", None)
    assert found.city == Text("杭州市", "Hangzhou") and warnings == []


def test_a_county_gives_its_city_and_a_municipalitys_district_no_city():
    found, _ = activity("region: 330106")
    assert (found.region, found.city_code, found.county_code, found.city) == (
        "330000", "330100", "330106", Text("杭州市", "Hangzhou"))
    found, _ = activity("region: 东城区", "city: {zh: 北京市, en: Beijing}")
    assert (found.region, found.city_code, found.county_code, found.city) == (
        "110000", None, "110101", Text("北京市", "Beijing"))


def test_a_province_stays_as_before():
    found, _ = activity("region: 广东", "city: {zh: 广州市, en: Guangzhou}")
    assert (found.region, found.city_code, found.county_code, found.city) == (
        "440000", None, None, Text("广州市", "Guangzhou"))


@pytest.mark.parametrize("city", ["{zh: 杭州市, en: Hangzhou}", "{zh: 杭州, en: Hangzhou City}"])
def test_a_city_that_agrees_with_the_code_is_shown_once_without_a_warning(city):
    found, warnings = activity("region: 330100", f"city: {city}")
    assert found.city == Text("杭州市", "Hangzhou") and warnings == []


def test_the_code_wins_over_a_city_that_disagrees_with_a_located_warning():
    found, warnings = activity("region: 330100", "city: {zh: 温州市, en: Wenzhou}")
    assert found.city == Text("杭州市", "Hangzhou")
    assert warnings == ["activities.yaml:8:5: activities[check].city: warning: the city '温州市' is not 杭州市, the "
                        "city the region 330100 names: 杭州市 is shown — correct the region's code, or leave the city out"]


def test_an_ambiguous_place_is_refused_with_the_codes_it_may_mean():
    assert problems_of(activities=with_place("region: 朝阳区")) == [
        "activities.yaml:7:13: activities[check].region: '朝阳区' names more than one place: 110105 北京市朝阳区, "
        "220104 长春市朝阳区 — write the 6-digit code of the one you mean"]


def test_an_unknown_place_gets_a_did_you_mean():
    assert problems_of(activities=with_place("region: Hangzou")) == [
        "activities.yaml:7:13: activities[check].region: 'Hangzou' is not a province, city or county of China — "
        "did you mean 'Hangzhou'? write its 6-digit code (440000, 330100) or its name (广东省, 杭州 or Hangzhou), "
        "or national"]


def test_each_citys_activities_are_listed_under_the_city_and_the_province():
    text = (with_place("region: 330100", slug="a") + "\n".join(
        with_place(line, slug=slug).split("\n", 1)[1] for slug, line in (
            ("b", "region: 330106"), ("c", "region: 温州"), ("d", "region: 浙江"), ("e", "region: 北京"))))
    found = listings(by_start(validate(sources(activities=text)).site.activities))
    assert {code: [a.slug for a in listed] for code, listed in found.cities.items()} == {
        "330100": ["a", "b"], "330300": ["c"]}
    assert [a.slug for a in found.regions["330000"]] == ["a", "b", "c", "d"]
    assert list(found.cities) == ["330100", "330300"]


def test_the_home_pages_place_picker_offers_each_provinces_cities_with_their_counts():
    text = (with_place("region: 330100", slug="a") + "\n".join(
        with_place(line, slug=slug).split("\n", 1)[1] for slug, line in (
            ("b", "region: 330106"), ("c", "region: 温州"), ("d", "region: 浙江"), ("e", "region: 北京"))))
    assert places(listings(by_start(validate(sources(activities=text)).site.activities))) == (
        {"code": "110000", "count": 1, "cities": ()},
        {"code": "330000", "count": 4, "cities": ({"code": "330100", "count": 2}, {"code": "330300", "count": 1})})
