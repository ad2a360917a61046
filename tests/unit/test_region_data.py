"""Region and city in the structured data: a postal address of what is known, never an invented place."""
from __future__ import annotations

from datetime import date

import pytest

from campaignsite.model import Activity, Schedule, Text
from campaignsite.render import structured
from campaignsite.validate import validate
from tests.unit.test_validate import CAMPAIGN, sources

CITY = Text("深圳市", "Shenzhen")
PLACE = Text("市民中心", "Civic Centre")


def location(lang: str = "en", **given) -> dict | None:
    campaign = validate(sources(campaign=CAMPAIGN)).site.campaign
    text = Text("x", "x")
    activity = Activity("a", 1, text, text, text, Schedule("days", date(2024, 6, 11), date(2024, 6, 11)), **given)
    event = structured.event(activity, campaign, lang, "https://example.org/a/", "11 June 2024")
    assert event is not None
    return event.get("location")


def test_no_place_is_given_when_the_data_names_none():
    assert location() is None


def test_a_place_alone_is_named_as_before():
    assert location(place=PLACE) == {"@type": "Place", "name": "Civic Centre", "address": "Civic Centre"}


@pytest.mark.parametrize("given, lang, expected", [
    ({"region": "440000", "city": CITY, "place": PLACE}, "zh", {
        "@type": "Place", "name": "市民中心", "address": {
            "@type": "PostalAddress", "addressLocality": "深圳市", "addressRegion": "广东省", "addressCountry": "CN"}}),
    ({"region": "440000"}, "en", {"@type": "Place", "address": {
        "@type": "PostalAddress", "addressRegion": "Guangdong", "addressCountry": "CN"}}),
    ({"city": CITY}, "en", {"@type": "Place", "address": {
        "@type": "PostalAddress", "addressLocality": "Shenzhen", "addressCountry": "CN"}}),
    ({"region": "national", "place": PLACE}, "en", {"@type": "Place", "name": "Civic Centre", "address": {
        "@type": "PostalAddress", "addressCountry": "CN"}}),
])
def test_city_and_region_make_a_postal_address_and_national_names_no_division(given, lang, expected):
    assert location(lang, **given) == expected


def test_an_online_activity_in_a_region_has_both_locations():
    found = location(region="310000", online=True)
    assert found == [{"@type": "Place", "address": {"@type": "PostalAddress", "addressRegion": "Shanghai",
                                                     "addressCountry": "CN"}}, {"@type": "VirtualLocation"}]
