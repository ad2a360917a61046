"""The listings by region and by month, built from the reading-festival fixture: the book fair is in Guangdong
(广州市, Central Square) in April 2025, the author talks are national from March to April, the reading marathon
has neither region nor dates. Pages, their words in both languages, the open data and the structured data."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

from tests.helpers import html_files

LISTINGS = ["regions/440000/index.html", "regions/index.html", "regions/national/index.html",
            "schedule/2025-03/index.html", "schedule/2025-04/index.html"]


def main_lines(root: Path, relative: str) -> list[str]:
    """The text of a page's <main>, one line per element's text, whitespace squeezed."""
    text = (root / relative).read_text(encoding="utf-8")
    main = re.search(r"<main\b.*?</main>", text, re.S).group(0)
    pieces = re.split(r"<(?:p|h1|h2|li|dt|dd|div)\b[^>]*>", main)
    lines = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", piece)).split()) for piece in pieces]
    return [line for line in lines if line]


def test_the_listing_pages_are_built_in_both_languages(festival_site):
    built = html_files(festival_site)
    assert [f for f in built if f.startswith(("regions/", "schedule/20"))] == LISTINGS
    assert [f for f in built if f.startswith(("en/regions/", "en/schedule/20"))] == ["en/" + f for f in LISTINGS]


def test_the_region_index_lists_national_first_with_counts(festival_site):
    assert main_lines(festival_site, "regions/index.html") == [
        "活动安排", "各地区的活动", "有活动的地区，括号内为活动数。", "全国 （1）", "广东省 （1）"]
    assert main_lines(festival_site, "en/regions/index.html") == [
        "Schedule of activities", "Activities by region", "Every region with activities; the number of activities "
        "is in brackets.", "Nationwide (1)", "Guangdong (1)"]


def test_a_region_listing_shows_its_activities_with_city_and_place(festival_site):
    lines = main_lines(festival_site, "en/regions/440000/index.html")
    assert lines[:3] == ["Schedule of activities / Activities by region", "Schedule: Guangdong",
                         "Activities in Guangdong, in order of their start. Status as of " + lines[2].split(" of ")[-1]]
    assert lines[3:] == ["23–25 April 2025 Ended", "(1) Spring Book Fair", "A book fair on Central Square.",
                         "Where", "Guangzhou, Central Square", "Organized by", "City Library"]
    zh = main_lines(festival_site, "regions/440000/index.html")
    assert zh[1] == "活动安排：广东省" and "广州市，中心广场" in zh and "地区" not in zh
    national = main_lines(festival_site, "regions/national/index.html")
    assert national[1:3] == ["活动安排：全国", national[2]] and national[2].startswith("面向各地的活动，按开始时间排列。")


def test_a_month_listing_holds_every_activity_whose_dates_touch_it_and_says_where_the_others_are(festival_site):
    april = main_lines(festival_site, "en/schedule/2025-04/index.html")
    assert april[1] == "Schedule: April 2025"
    assert april[3] == "Activities without dates of their own are in no month. See the whole schedule"
    titles = [line for line in april if line.startswith("(")]
    assert titles == ["(3) Author Talks", "(1) Spring Book Fair"]  # schedule order; the talks span March and April
    march = main_lines(festival_site, "schedule/2025-03/index.html")
    assert march[1] == "活动安排：2025年3月" and [line for line in march if line.startswith("（")] == ["（三） 作家讲座"]
    assert "Region" in april and "Nationwide" in april and "Guangdong" in april


def test_the_schedule_links_the_region_index_and_the_months(festival_site):
    text = (festival_site / "en/schedule/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="(/en/(?:regions|schedule/20)[^"]*)">([^<]*)</a>', text) == [
        ("/en/regions/", "Activities by region"), ("/en/schedule/2025-03/", "March 2025"),
        ("/en/schedule/2025-04/", "April 2025")]


def test_an_activity_page_links_its_regions_and_its_months_listings(festival_site):
    text = (festival_site / "activities/author-talks/index.html").read_text(encoding="utf-8")
    assert '<dt>地区</dt><dd><a href="/regions/national/">全国</a></dd>' in text
    assert re.findall(r'<a href="(/schedule/20[^"]*)">([^<]*)</a>', text) == [
        ("/schedule/2025-03/", "活动安排：2025年3月"), ("/schedule/2025-04/", "活动安排：2025年4月")]
    fair = main_lines(festival_site, "en/activities/book-fair/index.html")
    assert fair[fair.index("Region"):fair.index("Region") + 4] == ["Region", "Guangdong", "Where",
                                                                   "Guangzhou, Central Square"]
    assert "See also: Schedule: April 2025" in fair
    marathon = (festival_site / "en/activities/reading-marathon/index.html").read_text(encoding="utf-8")
    assert "See also" not in marathon and "/en/regions/" not in marathon


def test_the_open_data_gives_the_region_with_its_names_and_the_city(festival_site):
    records = {a["slug"]: a for a in json.loads((festival_site / "data/activities.json").read_text("utf-8"))[
        "activities"]}
    assert records["book-fair"]["region"] == {"code": "440000", "zh": "广东省", "en": "Guangdong"}
    assert records["book-fair"]["city"] == {"zh": "广州市", "en": "Guangzhou"}
    assert records["author-talks"]["region"] == {"code": "national", "zh": "全国", "en": "Nationwide"}
    assert records["reading-marathon"]["region"] is records["reading-marathon"]["city"] is None
    text = (festival_site / "data/activities.csv").read_text("utf-8-sig")
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}
    assert list(next(iter(rows.values())))[-5:] == ["region", "region_zh", "region_en", "city_zh", "city_en"]
    assert [rows["book-fair"][k] for k in ("region", "region_zh", "region_en", "city_zh", "city_en")] == [
        "440000", "广东省", "Guangdong", "广州市", "Guangzhou"]
    assert [rows["author-talks"][k] for k in ("region", "city_en")] == ["national", ""]


def jsonld(root: Path, relative: str) -> dict:
    text = (root / relative).read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))


def test_the_structured_data_gives_the_address_without_inventing_a_place(festival_site):
    assert jsonld(festival_site, "activities/book-fair/index.html")["location"] == {
        "@type": "Place", "name": "中心广场",
        "address": {"@type": "PostalAddress", "addressLocality": "广州市", "addressRegion": "广东省",
                    "addressCountry": "CN"}}
    assert jsonld(festival_site, "en/activities/book-fair/index.html")["location"]["address"] == {
        "@type": "PostalAddress", "addressLocality": "Guangzhou", "addressRegion": "Guangdong",
        "addressCountry": "CN"}
    # national: no division to name, no place of its own
    assert jsonld(festival_site, "en/activities/author-talks/index.html")["location"] == {
        "@type": "Place", "address": {"@type": "PostalAddress", "addressCountry": "CN"}}
