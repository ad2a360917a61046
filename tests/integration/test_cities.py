"""Places down to the city, built from the reading-festival fixture: the book fair is in 杭州 (`region: 330100`,
with a free-text city that disagrees), the author talks in its county 西湖区 (`region: 330106`; the name alone is
ambiguous); both are listed under 浙江 and under 杭州, the city is shown once in the page's language, and the city's
code reaches the open data, the structured data and the search terms."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.helpers import copy_fixture, run_build
from tests.integration.test_regions import TODAY, jsonld, main_lines, replace_in


def with_cities(into: Path) -> Path:
    site = copy_fixture("reading-festival", into)
    replace_in(site / "activities.yaml", "    place: {zh: 中心广场, en: Central Square}\n",
               "    place: {zh: 中心广场, en: Central Square}\n    region: 330100\n    city: {zh: 温州市, en: Wenzhou}\n")
    replace_in(site / "activities.yaml", "    region: 440000\n", "    region: 330106\n")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    site = with_cities(tmp_path_factory.mktemp("cities"))
    result = run_build("build", "--site", str(site), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    return site / "output", result.stderr


def test_a_free_text_city_that_disagrees_with_the_code_is_a_located_warning(built):
    assert "activities.yaml:11:5: activities[book-fair].city: warning: the city '温州市' is not 杭州市, the city the " \
           "region 330100 names: 杭州市 is shown — correct the region's code, or leave the city out" in built[1]


def test_activities_of_a_city_and_of_its_county_are_listed_under_the_province(built):
    root = built[0]
    assert main_lines(root, "regions/index.html")[-1] == "浙江省 （2）"
    titles = [line for line in main_lines(root, "en/regions/330000/index.html") if line.startswith("(")]
    assert titles == ["(1) Spring Book Fair", "(3) Author Talks"]  # from the build date: the day, then under way


def test_the_city_the_code_names_is_shown_once_in_the_pages_language(built):
    root = built[0]
    fair = main_lines(root, "en/activities/book-fair/index.html")
    assert fair[fair.index("Region"):fair.index("Region") + 4] == ["Region", "Zhejiang", "Where",
                                                                   "Hangzhou, Central Square"]
    assert "杭州市，中心广场" in main_lines(root, "activities/book-fair/index.html")
    text = (root / "en/activities/book-fair/index.html").read_text("utf-8")
    assert "Wenzhou" not in text and "温州" not in text
    assert "See also: Schedule: Hangzhou ; Schedule: April 2025" in fair  # its city's listing, then its months'
    assert '<a href="/en/regions/330100/">Schedule: Hangzhou</a>' in text


def test_the_open_data_gives_the_city_and_county_codes(built):
    root = built[0]
    records = {a["slug"]: a for a in json.loads((root / "data/activities.json").read_text("utf-8"))["activities"]}
    assert (records["book-fair"]["city"], records["book-fair"]["city_code"], records["book-fair"]["county"]) == (
        {"zh": "杭州市", "en": "Hangzhou"}, "330100", None)
    assert (records["author-talks"]["region"]["code"], records["author-talks"]["city_code"],
            records["author-talks"]["county"]) == ("330000", "330100", {"code": "330106", "zh": "西湖区"})
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO((root / "data/activities.csv").read_text("utf-8-sig")))}
    assert [rows["author-talks"][k] for k in ("region", "city_zh", "city_en", "city_code", "county_code",
                                              "county_zh")] == ["330000", "杭州市", "Hangzhou", "330100", "330106",
                                                                "西湖区"]
    assert [rows["reading-marathon"][k] for k in ("city_code", "county_code", "county_zh")] == ["", "", ""]


def test_the_structured_data_names_the_city_in_the_pages_language(built):
    assert jsonld(built[0], "en/activities/book-fair/index.html")["location"]["address"] == {
        "@type": "PostalAddress", "addressLocality": "Hangzhou", "addressRegion": "Zhejiang", "addressCountry": "CN"}


def test_the_search_terms_carry_the_city_filter_and_its_names_in_both_languages(built):
    text = (built[0] / "en/activities/author-talks/index.html").read_text("utf-8")
    assert 'data-pagefind-filter="city:330100"' in text and 'data-pagefind-filter="region:330000"' in text
    terms = re.search(r'<div class="search-terms" hidden>(.*?)</div>', text, re.S).group(1)
    assert all(name in terms for name in ("Hangzhou", "杭州市", "杭州", "西湖区", "Zhejiang", "浙江省"))


def test_a_citys_listing_is_at_its_code_under_its_province_and_the_province_page_lists_its_cities(built):
    root = built[0]
    city = main_lines(root, "en/regions/330100/index.html")
    assert city[:2] == ["Schedule of activities / Activities by region / Zhejiang", "Schedule: Hangzhou"]
    assert city[3:] == ["23 April 2025", "(1) Spring Book Fair", "23–25 April 2025 · Hangzhou, Central Square · Upcoming",
                        "Under way (dates by month or approximate)", "(3) Author Talks",
                        "March to April 2025 · Hangzhou · Under way"]  # the city once in each entry
    assert main_lines(root, "regions/330100/index.html")[1] == "活动安排：杭州市"
    province = (root / "en/regions/330000/index.html").read_text("utf-8")
    assert re.findall(r'<li><a href="(/en/regions/\d+/)">([^<]*)</a>([^<]*)</li>', province) == [
        ("/en/regions/330100/", "Hangzhou", " (2)")]
    assert "Activities by city in Zhejiang" in province
    zh = main_lines(root, "regions/330000/index.html")
    assert "浙江省各城市的活动" in zh and "杭州市 （2）" in zh
    assert main_lines(root, "regions/index.html")[3:] == ["浙江省 （2）"]  # the index lists provinces only


def test_a_markdown_link_may_name_a_citys_listing(tmp_path):
    site = with_cities(tmp_path)
    replace_in(site / "activities.yaml", "      en: Readers read every day and keep a log.\n",
               "      en: Readers read every day and keep a log ([in Hangzhou](/regions/330100/)).\n")
    result = run_build("check", "--site", str(site))
    assert result.returncode == 0, result.stderr
    replace_in(site / "activities.yaml", "(/regions/330100/)", "(/regions/330200/)")
    result = run_build("check", "--site", str(site))
    assert result.returncode == 1 and "/regions/330200/" in result.stderr  # a city without activities has no page


def test_a_citys_listing_has_its_archive_once_its_activities_have_ended(tmp_path):
    site = with_cities(tmp_path)
    assert run_build("build", "--site", str(site), "--today", "2025-05-01").returncode == 0
    city = main_lines(site / "output", "en/regions/330100/index.html")
    assert city[3:] == ["Activities that have ended (2)", "Nothing is scheduled from today on."]
    archive = main_lines(site / "output", "en/regions/330100/archive/index.html")
    assert archive[:2] == ["Schedule of activities / Activities by region / Zhejiang / Schedule: Hangzhou",
                           "Ended: Hangzhou"]
    assert [line for line in archive if line.startswith("(")] == ["(3) Author Talks", "(1) Spring Book Fair"]


def test_the_home_pages_place_picker_leads_to_the_city_without_javascript(built):
    text = (built[0] / "en/index.html").read_text("utf-8")
    picker = re.search(r'<ul class="place-picker">.*?</ul></details></li>', text, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', picker) == [
        ("/en/regions/330000/", "All of Zhejiang (2)"), ("/en/regions/330100/", "Hangzhou (2)")]


def test_the_search_page_filters_by_city_each_under_its_province(built):
    text = (built[0] / "en/search/index.html").read_text("utf-8")
    select = re.search(r'<select id="search-city" name="city" data-filter="city">.*?</select>', text, re.S).group(0)
    assert select == ('<select id="search-city" name="city" data-filter="city"><option value="">Any</option>'
                      '<optgroup label="Zhejiang"><option value="330100">Hangzhou</option></optgroup></select>')
