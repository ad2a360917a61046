"""Other campaigns build with no change to the code: a reading festival, and a bare week with no slogans."""
from __future__ import annotations

import re

from tests.helpers import FIXTURES, html_files, read_page, run_build


def test_a_second_campaign_builds_with_its_own_month_activities_and_slogans(festival_site):
    files = html_files(festival_site)
    assert "activities/book-fair/index.html" in files and "en/visit/index.html" in files
    assert len([f for f in files if f.startswith("en/activities/")]) == 3
    home = read_page(festival_site, "index.html").text()
    assert "2025年4月" in home and "书香满城" in home
    assert "April 2025" in read_page(festival_site, "en/index.html").text()
    # built after the festival: the schedule keeps what has no date of its own, its archive the rest, latest first
    assert "During the campaign" in read_page(festival_site, "en/schedule/index.html").text()
    archive = read_page(festival_site, "en/schedule/archive/index.html").text()
    assert archive.index("March to April 2025") < archive.index("23–25 April 2025")
    gallery = read_page(festival_site, "en/slogans/index.html")
    assert len(gallery.find("figure", class_="slogan")) == 2


def test_footer_identifiers_appear_when_the_campaign_sets_them(festival_site):
    footer = read_page(festival_site, "index.html").text()
    assert "网站标识码：1100000001" in footer and "ICP备案号：京ICP备00000001号" in footer
    assert "公网安备号" not in footer  # not set: left out, not blank
    english = read_page(festival_site, "en/index.html").text()
    assert "ICP filing no.: 京ICP备00000001号" in english  # 备案 is a filing, not a licence


def test_an_activity_with_a_place_says_where_on_its_page_and_in_the_schedule(festival_site):
    text = read_page(festival_site, "en/activities/book-fair/index.html").text()
    assert "Where" in text and "Central Square" in text
    assert "23–25 April 2025 · Central Square · Ended" in " ".join(  # a listing's entry: when · where · status
        read_page(festival_site, "en/schedule/archive/index.html").text().split())
    assert "地点" in read_page(festival_site, "activities/book-fair/index.html").text()
    assert "Where" not in read_page(festival_site, "en/activities/reading-marathon/index.html").text()


def test_a_page_of_every_markdown_element_keeps_its_table_in_a_named_scroll_box_and_its_images_alt(festival_site):
    for file, header, alt in (("guide/index.html", "场馆, 地址, 开放时间, 交通, 无障碍设施", "本站标志："),
                              ("en/guide/index.html", "Venue, Address, Opening hours, Getting there, Accessibility",
                               "The site’s emblem: ")):
        page = read_page(festival_site, file)
        [box] = page.find("div", class_="table-scroll")
        assert box.attrs == {"class": "table-scroll", "role": "region", "aria-label": header, "tabindex": "0"}
        assert len(page.find("th")) == 5 and len(page.find("td")) == 15
        assert len(page.find("th", style="text-align:center")) == 1  # the column written | :---: |
        assert page.find("pre")[0].attrs == {"tabindex": "0"}
        assert len(page.find("blockquote")) == 1 and len(page.find("hr")) == 1
        lists = [e for e in page.find("ol") + page.find("ul") if not e.attrs]  # not the menu, not the footer
        assert [e.tag for e in lists] == ["ol", "ol", "ul", "ul"]  # each nested in the other
        [image] = [img for img in page.find("img") if img.attrs.get("src", "").startswith("/images/emblem.")]
        assert image.attrs["alt"].startswith(alt)  # the emblem's picture: its variants, not the original
        assert image.attrs["src"].endswith(".960.jpg") and image.attrs["width"] == "960"
    assert "地铁2号线文化路站A出口" in read_page(festival_site, "guide/index.html").text()


def test_a_campaign_without_slogans_or_dates_leaves_those_pages_out(tmp_path):
    result = run_build("build", "--site", str(FIXTURES / "bare"), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    files = html_files(tmp_path / "out")
    assert not any(f.startswith(("slogans/", "en/slogans/", "requirements/", "en/requirements/")) for f in files)
    home = read_page(tmp_path / "out", "en/index.html")
    hrefs = [e.attrs["href"] for e in home.find("a")]
    assert "/week/en/slogans/" not in hrefs and "/week/en/schedule/" in hrefs
    schedule = read_page(tmp_path / "out", "en/schedule/index.html").text()
    assert "During the campaign" in schedule and "Safety Inspections" in schedule


def test_links_are_root_relative_to_the_base_url_path(tmp_path):
    result = run_build("build", "--site", str(FIXTURES / "bare"), "--output", str(tmp_path / "out"))
    assert result.returncode == 0
    page = read_page(tmp_path / "out", "en/activities/inspection/index.html")
    internal = [e.attrs.get("href") or e.attrs.get("src") for e in page.elements
                if e.tag in ("a", "link", "img") and e.attrs.get("rel") not in ("canonical", "alternate")]
    internal = [u for u in internal if u and not u.startswith("#")]
    assert internal and all(u.startswith("/week/") for u in internal), internal
    canonical = page.find("link", rel="canonical")[0].attrs["href"]
    assert canonical == "https://safety.example.org/week/en/activities/inspection/"


def test_the_base_url_option_overrides_the_campaign_file(tmp_path):
    result = run_build("build", "--site", str(FIXTURES / "bare"), "--output", str(tmp_path / "out"),
                       "--base-url", "https://www.example.gov.cn/zt/safety")
    assert result.returncode == 0, result.stderr
    page = read_page(tmp_path / "out", "index.html")
    stylesheet = page.find("link", rel="stylesheet")[0].attrs["href"]
    assert re.fullmatch(r"/zt/safety/assets/site\.[0-9a-f]{10}\.css", stylesheet)
