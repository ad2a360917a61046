"""The listings by region and by month, built from the reading-festival fixture given regions and a city: the book
fair is in Guangdong (广州市, Central Square) in April 2025, the author talks are national from March to April, the
reading marathon has neither region nor dates. Pages, their words in both languages, the open data and the
structured data, and the incremental build."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest

from tests.helpers import copy_fixture, html_files, run_build
from tests.integration.test_incremental import files


def with_regions(into: Path) -> Path:
    """A copy of the reading-festival campaign whose book fair is in 广东省, 广州市 and whose talks are national."""
    site = copy_fixture("reading-festival", into)
    replace_in(site / "activities.yaml", "    place: {zh: 中心广场, en: Central Square}\n",
               "    place: {zh: 中心广场, en: Central Square}\n    region: 广东省\n    city: {zh: 广州市, en: Guangzhou}\n")
    replace_in(site / "activities.yaml", "    region: 440000\n", "    region: national\n")
    return site


@pytest.fixture(scope="module")
def regions_site(tmp_path_factory) -> Path:
    site = with_regions(tmp_path_factory.mktemp("regions"))
    result = run_build("build", "--site", str(site), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    return site / "output"


TODAY = "2025-04-01"  # the campaign's first day: nothing has ended
LISTINGS = ["regions/440000/archive/index.html", "regions/440000/index.html", "regions/index.html",
            "regions/national/archive/index.html", "regions/national/index.html", "schedule/2025-03-01/index.html",
            "schedule/2025-03/archive/index.html", "schedule/2025-03/index.html", "schedule/2025-04-23/index.html",
            "schedule/2025-04-24/index.html", "schedule/2025-04-25/index.html", "schedule/2025-04/archive/index.html",
            "schedule/2025-04/index.html"]


def main_lines(root: Path, relative: str) -> list[str]:
    """The text of a page's <main>, one line per element's text, whitespace squeezed."""
    text = (root / relative).read_text(encoding="utf-8")
    main = re.search(r"<main\b.*?</main>", text, re.S).group(0)
    pieces = re.split(r"<(?:p|h1|h2|h3|li|dt|dd|div)\b[^>]*>", main)
    lines = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", piece)).split()) for piece in pieces]
    return [line for line in lines if line]


def test_the_listing_pages_are_built_in_both_languages(regions_site):
    built = html_files(regions_site)
    assert [f for f in built if f.startswith(("regions/", "schedule/20"))] == LISTINGS
    assert [f for f in built if f.startswith(("en/regions/", "en/schedule/20"))] == ["en/" + f for f in LISTINGS]


def test_the_region_index_lists_national_first_with_counts(regions_site):
    assert main_lines(regions_site, "regions/index.html") == [
        "活动安排", "各地区的活动", "有活动的地区，括号内为活动数。 各地区的活动数（点击地区查看其活动） "
        "全国（1） 全国 1 广东省（1） 广东省 1", "全国 （1）", "广东省 （1）"]  # the chart (each bar's name, label, count)
    assert main_lines(regions_site, "en/regions/index.html") == [
        "Schedule of activities", "Activities by region", "Every region with activities; the number of activities "
        "is in brackets. Activities in each region (select a region to see them) Nationwide (1) Nationwide 1 "
        "Guangdong (1) Guangdong 1", "Nationwide (1)", "Guangdong (1)"]


def test_a_region_listing_shows_its_activities_with_city_and_place(regions_site):
    lines = main_lines(regions_site, "en/regions/440000/index.html")
    assert lines[:3] == ["Schedule of activities / Activities by region", "Schedule: Guangdong",
                         "Activities in Guangdong from today, by day and time. Status as of 1 April 2025."]
    # a title and one line: when · where (its city and place; not its region, which the listing is) · status
    assert lines[3:] == ["23 April 2025", "(1) Spring Book Fair", "23–25 April 2025 · Guangzhou, Central Square · Upcoming"]
    zh = main_lines(regions_site, "regions/440000/index.html")
    assert zh[1] == "活动安排：广东省" and "2025年4月23日至25日 · 广州市，中心广场 · 即将开始" in zh and "广东省" not in zh[3:]
    national = main_lines(regions_site, "regions/national/index.html")
    assert national[1:3] == ["活动安排：全国", national[2]] and national[2].startswith("面向各地的活动，从今天起逐日按时间排列。")


def test_a_month_listing_holds_every_activity_whose_dates_touch_it_and_says_where_the_others_are(regions_site):
    april = main_lines(regions_site, "en/schedule/2025-04/index.html")
    assert april[1] == "Schedule: April 2025"
    assert april[3] == "Activities without dates of their own are in no month. See the whole schedule"
    titles = [line for line in april if line.startswith("(")]
    # the fair on its day; the talks, begun in March, under way
    assert titles == ["(1) Spring Book Fair", "(3) Author Talks"]
    assert april[april.index("(3) Author Talks") - 1] == "Under way (dates by month or approximate)"
    march = main_lines(regions_site, "schedule/2025-03/index.html")
    assert march[1] == "活动安排：2025年3月" and [line for line in march if line.startswith("（")] == ["（三） 作家讲座"]
    # outside a region's listing, an entry says where: its city and place, or else its region (the talks: nationwide)
    assert april[april.index("(3) Author Talks") + 1] == "March to April 2025 · Nationwide · Under way"
    assert april[april.index("(1) Spring Book Fair") + 1] == "23–25 April 2025 · Guangzhou, Central Square · Upcoming"


def test_the_schedule_links_the_region_index_and_the_months(regions_site):
    text = (regions_site / "en/schedule/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="(/en/(?:regions|schedule/20\d\d-\d\d/)[^"]*)">([^<]*)</a>', text) == [
        ("/en/regions/", "Activities by region"), ("/en/schedule/2025-03/", "March 2025"),
        ("/en/schedule/2025-04/", "April 2025")]


def test_an_activity_page_links_its_regions_and_its_months_listings(regions_site):
    text = (regions_site / "activities/author-talks/index.html").read_text(encoding="utf-8")
    assert '<dt>地区</dt><dd><a href="/regions/national/">全国</a></dd>' in text
    assert re.findall(r'<a href="(/schedule/20[^"]*)">([^<]*)</a>', text) == [
        ("/schedule/2025-03/", "活动安排：2025年3月"), ("/schedule/2025-04/", "活动安排：2025年4月")]
    fair = main_lines(regions_site, "en/activities/book-fair/index.html")
    assert fair[fair.index("Region"):fair.index("Region") + 4] == ["Region", "Guangdong", "Where",
                                                                   "Guangzhou, Central Square"]
    assert "See also: Schedule: April 2025" in fair
    marathon = (regions_site / "en/activities/reading-marathon/index.html").read_text(encoding="utf-8")
    assert "See also" not in marathon and "/en/regions/" not in marathon


def test_the_open_data_gives_the_region_with_its_names_and_the_city(regions_site):
    records = {a["slug"]: a for a in json.loads((regions_site / "data/activities.json").read_text("utf-8"))[
        "activities"]}
    assert records["book-fair"]["region"] == {"code": "440000", "zh": "广东省", "en": "Guangdong"}
    assert records["book-fair"]["city"] == {"zh": "广州市", "en": "Guangzhou"}
    assert records["author-talks"]["region"] == {"code": "national", "zh": "全国", "en": "Nationwide"}
    assert records["reading-marathon"]["region"] is records["reading-marathon"]["city"] is None
    text = (regions_site / "data/activities.csv").read_text("utf-8-sig")
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}
    assert list(next(iter(rows.values())))[-8:] == ["region", "region_zh", "region_en", "city_zh", "city_en",
                                                    "city_code", "county_code", "county_zh"]
    assert [rows["book-fair"][k] for k in ("region", "region_zh", "region_en", "city_zh", "city_en")] == [
        "440000", "广东省", "Guangdong", "广州市", "Guangzhou"]
    assert [rows["author-talks"][k] for k in ("region", "city_en")] == ["national", ""]


def jsonld(root: Path, relative: str) -> dict:
    text = (root / relative).read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))


def test_the_structured_data_gives_the_address_without_inventing_a_place(regions_site):
    assert jsonld(regions_site, "activities/book-fair/index.html")["location"] == {
        "@type": "Place", "name": "中心广场",
        "address": {"@type": "PostalAddress", "addressLocality": "广州市", "addressRegion": "广东省",
                    "addressCountry": "CN"}}
    assert jsonld(regions_site, "en/activities/book-fair/index.html")["location"]["address"] == {
        "@type": "PostalAddress", "addressLocality": "Guangzhou", "addressRegion": "Guangdong",
        "addressCountry": "CN"}
    # national: no division to name, no place of its own
    assert jsonld(regions_site, "en/activities/author-talks/index.html")["location"] == {
        "@type": "Place", "address": {"@type": "PostalAddress", "addressCountry": "CN"}}


# -- the incremental build ------------------------------------------------------------------------

def incremental_and_full(tmp_path: Path, edit, partial: bool = True) -> tuple[dict[str, bytes], ...]:
    """The reading-festival site built, edited by `edit(site)`, built again (`partial`: some pages are left as they
    were): (before, after, a full build of the edited site into a fresh folder), each as {file: bytes}."""
    site = with_regions(tmp_path)
    assert run_build("build", "--site", str(site), "--today", TODAY).returncode == 0
    before = files(site / "output")
    edit(site)
    result = run_build("build", "--site", str(site), "--today", TODAY)
    assert result.returncode == 0 and ("unchanged" in result.stdout) == partial, result.stdout + result.stderr
    fresh = tmp_path / "fresh"
    assert run_build("build", "--site", str(site), "--output", str(fresh), "--today", TODAY).returncode == 0
    return before, files(site / "output"), files(fresh)


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return sorted(f for f in set(before) | set(after) if before.get(f) != after.get(f) and f.endswith(".html")
                  and "/activities/" not in "/" + f and f not in ("sitemap.xml",))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_activity_rebuilds_the_listings_it_is_in(tmp_path):
    # the place, which a listing's entry shows (its summary is on its own page alone)
    before, after, full = incremental_and_full(tmp_path, lambda site: replace_in(
        site / "activities.yaml", "place: {zh: 中心广场, en: Central Square}", "place: {zh: 中心广场, en: The Square}"))
    assert after == full
    assert changed(before, after) == ["en/regions/440000/index.html", "en/schedule/2025-04-23/index.html",
                                      "en/schedule/2025-04-24/index.html", "en/schedule/2025-04-25/index.html",
                                      "en/schedule/2025-04/index.html", "en/schedule/index.html"]


def test_a_region_changed_moves_the_activity_between_listings(tmp_path):
    before, after, full = incremental_and_full(tmp_path, lambda site: replace_in(
        site / "activities.yaml", "region: 广东省", "region: Beijing"))
    assert after == full
    assert "regions/440000/index.html" not in after and "en/regions/110000/index.html" in after
    assert [f for f in changed(before, after) if f.startswith("regions/")] == [
        "regions/110000/archive/index.html", "regions/110000/index.html", "regions/440000/archive/index.html",
        "regions/440000/index.html", "regions/index.html"]


def test_a_new_activity_makes_its_month_and_adds_to_its_region(tmp_path):
    def add(site: Path) -> None:
        with (site / "activities.yaml").open("a", encoding="utf-8") as out:
            out.write("  - slug: poetry-night\n    title: {zh: 诗歌之夜, en: Poetry Night}\n"
                      "    summary: {zh: 朗诵会。, en: Readings.}\n    body: {zh: 朗诵。, en: Readings.}\n"
                      "    schedule: {kind: days, start: 2025-05-04}\n    region: 440000\n"
                      "    city: {zh: 深圳市, en: Shenzhen}\n    in_notice: false\n")
    before, after, full = incremental_and_full(tmp_path, add, partial=False)  # a new activity: every page
    assert after == full
    assert {"schedule/2025-05/index.html", "en/schedule/2025-05/index.html"} <= set(after) - set(before)
    assert "Shenzhen" in after["en/regions/440000/index.html"].decode() and "（2）" in after[
        "regions/index.html"].decode()
