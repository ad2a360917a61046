"""Publishing: feeds, calendars, sitemap, structured data, share cards, posters, status, open data,
fingerprinted assets, government meta tags, relative URLs and `init`."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, REPO, copy_fixture, html_files, parse_html, read_page, run_build


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("published") / "output"
    result = run_build("build", "--output", str(output), "--today", "2008-09-23")
    assert result.returncode == 0, result.stderr
    return output


def test_sitemap_and_robots(built):
    robots = (built / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://quality-month.example.org/sitemap.xml" in robots.splitlines()
    tree = ElementTree.parse(built / "sitemap.xml")
    locations = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locations) == len(html_files(built)) - 2  # every page but the two 404 pages
    assert "https://quality-month.example.org/en/slogans/" in locations


def test_every_dated_activity_page_links_its_calendar_and_undated_ones_do_not(built):
    page = read_page(built, "en/activities/top-brand-awards/index.html")
    links = [e.attrs["href"] for e in page.find("a") if e.attrs.get("href", "").endswith(".ics")]
    assert links == ["/en/activities/top-brand-awards/calendar.ics"]
    assert (built / "en/activities/top-brand-awards/calendar.ics").is_file()
    undated = read_page(built, "en/activities/disaster-relief/index.html")
    assert not [e for e in undated.find("a") if e.attrs.get("href", "").endswith(".ics")]
    assert not (built / "en/activities/disaster-relief/calendar.ics").exists()


def test_the_schedule_links_the_calendar_the_feed_and_the_open_data(built):
    hrefs = {e.attrs["href"] for e in read_page(built, "schedule/index.html").find("a")}
    assert {"/calendar.ics", "/feed.xml", "/data/activities.json", "/data/activities.csv"} <= hrefs
    data = (built / "data" / "activities.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 10 and rows[0][0] == "slug"
    assert len(json.loads((built / "data" / "activities.json").read_text(encoding="utf-8"))["activities"]) == 9


def structured_data(page_html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    return json.loads(match.group(1))


def test_activity_pages_carry_a_schema_org_event(built, festival_site):
    event = structured_data((built / "en/activities/top-brand-awards/index.html").read_text(encoding="utf-8"))
    assert event["@type"] == "Event"
    # an approximate window ("late September or early October") is dated to the month, never to a day
    assert (event["startDate"], event["endDate"]) == ("2008-09", "2008-10")
    assert event["disambiguatingDescription"] == "Late September or early October 2008"
    assert "location" not in event  # the notice gives no place
    # an activity during the campaign without dates of its own is no Event over the campaign's period
    undated = (built / "en/activities/disaster-relief/index.html").read_text(encoding="utf-8")
    assert "application/ld+json" not in undated
    assert event["url"] == "https://quality-month.example.org/en/activities/top-brand-awards/"
    fair = structured_data((festival_site / "en/activities/book-fair/index.html").read_text(encoding="utf-8"))
    assert (fair["startDate"], fair["endDate"]) == ("2025-04-23", "2025-04-25")
    assert fair["location"]["name"] == "Central Square"
    home = structured_data((built / "index.html").read_text(encoding="utf-8"))
    organizations = [node["name"] for node in home["@graph"] if node["@type"] == "Organization"]
    assert organizations[0] == "国家质量监督检验检疫总局" and len(organizations) == 5


def test_structured_data_cannot_break_out_of_its_script(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    text = (site / "activities.yaml").read_text(encoding="utf-8")
    (site / "activities.yaml").write_text(text.replace(
        "title: {zh: 春季书市, en: Spring Book Fair}",
        "title: {zh: 春季书市, en: '</script><script>alert(1)</script><!--'}"), encoding="utf-8")
    assert run_build("build", "--site", str(site)).returncode == 0
    html = (site / "output/en/activities/book-fair/index.html").read_text(encoding="utf-8")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script
    assert structured_data(html)["name"] == "</script><script>alert(1)</script><!--"
    assert html.count("<script") == 1


def test_every_page_has_share_cards_in_its_own_language(built):
    for file in html_files(built):
        page = read_page(built, file)
        meta = {e.attrs.get("property") or e.attrs.get("name"): e.attrs.get("content") for e in page.find("meta")}
        assert meta["og:url"] == page.find("link", rel="canonical")[0].attrs["href"]
        assert meta["og:title"] and meta["og:description"] and meta["twitter:card"] == "summary_large_image"
        image = meta["og:image"].removeprefix("https://quality-month.example.org/")
        assert (built / image).is_file()
        assert meta["og:locale"] == ("en_US" if file.startswith("en/") else "zh_CN")


def test_government_meta_tags_appear_when_the_campaign_sets_them(built, tmp_path):
    page = read_page(built, "notice/index.html")
    meta = {e.attrs.get("name"): e.attrs.get("content") for e in page.find("meta") if e.attrs.get("name")}
    assert meta["SiteName"] == "2008年全国质量月" and meta["ColumnName"] == "质量月专题"
    assert meta["SiteDomain"] == "quality-month.example.org" and meta["PubDate"] == "2008-06-26"
    assert meta["ArticleTitle"] == "关于开展“2008年全国质量月”活动的通知"
    assert meta["ContentSource"] == "国家质检总局办公厅"
    assert "SiteIDCode" not in meta  # not set: not emitted
    assert run_build("build", "--site", str(FIXTURES / "bare"), "--output", str(tmp_path / "bare")).returncode == 0
    bare = read_page(tmp_path / "bare", "index.html")
    assert not [e for e in bare.find("meta") if e.attrs.get("name") in ("SiteName", "ArticleTitle")]


@pytest.mark.parametrize("today, expected", [
    ("2008-06-01", {"olympic-quality-service": "Upcoming", "top-brand-awards": "Expected",
                    "quality-forum-and-sme-fair": "Upcoming", "disaster-relief": "Upcoming"}),
    ("2008-09-23", {"olympic-quality-service": "Under way", "top-brand-awards": "Expected",
                    "quality-forum-and-sme-fair": "Under way", "disaster-relief": "Under way"}),
    ("2009-01-01", {"olympic-quality-service": "Ended", "top-brand-awards": "Ended",
                    "quality-forum-and-sme-fair": "Ended", "disaster-relief": "Ended"}),
])
def test_each_activity_shows_its_status_as_of_the_build_date(tmp_path, today, expected):
    assert run_build("build", "--output", str(tmp_path / "out"), "--today", today).returncode == 0
    for slug, label in expected.items():
        page = read_page(tmp_path / "out", f"en/activities/{slug}/index.html")
        status = [e for e in page.elements if e.tag == "span" and "status " in e.attrs.get("class", "")]
        assert len(status) == 1
        text = page.text()
        assert f"{label} (Status as of " in text, slug
        # an approximate window is "to be confirmed" only until it has passed
        assert ("Date to be confirmed" in text) == (slug == "top-brand-awards" and label == "Expected"), slug


def test_source_date_epoch_sets_the_build_date(tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1222128000"}  # 2008-09-23
    assert run_build("build", "--output", str(tmp_path / "out"), env=env).returncode == 0
    text = read_page(tmp_path / "out", "en/schedule/index.html").text()
    assert "Status as of 23 September 2008" in text
    assert "DTSTAMP:20080923T000000Z" in (tmp_path / "out" / "calendar.ics").read_text(encoding="utf-8")


def test_assets_are_named_by_their_content_and_every_reference_uses_the_name(built):
    css = (REPO / "assets" / "site.css").read_bytes()
    hashed = f"assets/site.{hashlib.sha256(css).hexdigest()[:10]}.css"
    assert (built / hashed).read_bytes() == css
    for file in html_files(built):
        html = (built / file).read_text(encoding="utf-8")
        assert f'href="/{hashed}"' in html and '"/assets/site.css"' not in html


def test_every_slogan_has_a_poster_page_and_a_banner_linked_from_the_gallery(built):
    gallery = read_page(built, "en/slogans/index.html")
    hrefs = [e.attrs["href"] for e in gallery.find("a")]
    for slug in ("win-through-quality", "food-safety"):
        assert f"/en/slogans/{slug}/" in hrefs and f"/slogans/{slug}/banner.svg" in hrefs
    posters = [f for f in html_files(built) if re.fullmatch(r"en/slogans/[a-z-]+/index.html", f)]
    assert len(posters) == 15
    poster = read_page(built, "en/slogans/food-safety/index.html")
    assert poster.find("svg", class_="qr-code") and "Care about food safety" in poster.text()
    banner = ElementTree.parse(built / "slogans/food-safety/banner.svg").getroot()
    assert banner.find("{http://www.w3.org/2000/svg}text").text == "关注食品安全　保障大众健康"


def test_relative_urls_make_every_link_lead_to_a_file_from_disk(tmp_path):
    output = tmp_path / "out"
    assert run_build("build", "--output", str(output), "--relative-urls").returncode == 0
    checked = 0
    for file in html_files(output):
        page = parse_html((output / file).read_text(encoding="utf-8"))
        for element in page.elements:
            if element.tag == "link" and element.attrs.get("rel") in ("canonical", "alternate"):
                continue
            for attribute in ("href", "src"):
                url = element.attrs.get(attribute)
                if not url or url.startswith(("#", "https://", "http://", "mailto:")):
                    continue
                assert not url.startswith("/"), (file, url)
                target = ((output / file).parent / url.split("#")[0]).resolve()
                assert target.is_file(), (file, url)
                checked += 1
    assert checked > 900


def test_init_creates_a_campaign_that_builds_and_passes_check(tmp_path):
    target = tmp_path / "new-campaign"
    result = run_build("init", str(target))
    assert result.returncode == 0 and result.stdout.startswith(f"Created a new campaign in {target}.")
    assert run_build("check", "--site", str(target), "--strict").returncode == 0
    assert run_build("build", "--site", str(target)).returncode == 0
    assert (target / "output" / "en" / "index.html").is_file()
    again = run_build("init", str(target))
    assert again.returncode == 1 and again.stderr.startswith(f"{target}: already exists and is not empty")
