"""feeds: sitemap, robots.txt, Atom feeds, iCalendar files and open data of the default campaign."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import icalendar
import pytest

from campaignsite.i18n import Strings
from campaignsite.load import load_sources
from campaignsite.model import Text
from campaignsite.render import Urls, markdown_to_html
from campaignsite.render.calendars import fold, ics_escape
from campaignsite.render.feeds import publishing_files
from campaignsite.render.opendata import csv_cell
from campaignsite.routes import plan
from campaignsite.validate import validate

REPO = Path(__file__).resolve().parents[2]
FESTIVAL = REPO / "tests" / "fixtures" / "reading-festival"
BASE = "https://quality-month.example.org/"
BUILD_DATE = date(2008, 10, 1)
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml",
      "a": "http://www.w3.org/2005/Atom"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SLUGS = ["disaster-relief", "olympic-quality-service", "thirty-years-tqm", "top-brand-awards",
         "quality-forum-and-sme-fair", "competitiveness-index", "performance-excellence-standard",
         "workforce-quality-education", "publicity-materials"]
DATED = ["olympic-quality-service", "top-brand-awards"]
PREFIX = {"zh": "", "en": "en/"}


@pytest.fixture(scope="module")
def site():
    return validate(load_sources(REPO, REPO)).site


def files_of(site, base_url: str = BASE) -> dict[str, str]:
    return publishing_files(site, plan(site), Urls(base_url), Strings(site.strings), BUILD_DATE, markdown_to_html)


@pytest.fixture(scope="module")
def files(site):
    return files_of(site)


@pytest.fixture(scope="module")
def festival_files():
    """The reading festival: its book fair has a day range and a place, which no activity of the notice has."""
    return files_of(validate(load_sources(FESTIVAL, REPO)).site, "https://reading.example.org/")


def events_in(text: str) -> list:
    return icalendar.Calendar.from_ical(text).walk("VEVENT")


def with_activity(site, slug: str, **changes):
    return replace(site, activities=tuple(replace(a, **changes) if a.slug == slug else a for a in site.activities))


# --- the set of files ---------------------------------------------------------------------------------------

def test_the_files_are_exactly_these(files):
    assert sorted(files) == sorted([
        "sitemap.xml", "robots.txt", "feed.xml", "en/feed.xml", "calendar.ics", "en/calendar.ics",
        *(f"{prefix}activities/{slug}/calendar.ics" for prefix in ("", "en/") for slug in DATED),
        "data/activities.json", "data/activities.csv"])


def test_two_calls_give_identical_output(site, files):
    assert files_of(site) == files


# --- sitemap.xml and robots.txt -----------------------------------------------------------------------------

def test_the_sitemap_lists_every_page_but_the_404_pages_with_alternates(site, files):
    root = ET.fromstring(files["sitemap.xml"].encode("utf-8"))
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    entries = root.findall("s:url", NS)
    pages = plan(site)
    expected = [BASE + page.route for page in pages if page.key != "404"]
    assert len(entries) == len(pages) - 2 == len(expected)  # both 404 pages are left out
    locs = [e.findtext("s:loc", namespaces=NS) for e in entries]
    assert locs == expected
    assert not any("404" in loc for loc in locs)
    routes = ["", "schedule/", *(f"activities/{slug}/" for slug in SLUGS), "slogans/", "requirements/", "notice/",
              "about/"]
    assert {BASE + prefix + route for prefix in ("", "en/") for route in routes} <= set(locs)  # 30 known pages
    for entry in entries:
        assert entry.findtext("s:lastmod", namespaces=NS) == "2008-10-01"
        alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)}
        assert set(alternates) == {"zh-Hans", "en", "x-default"}
        assert alternates["x-default"] == alternates["zh-Hans"]
        assert alternates["en"] == alternates["zh-Hans"].replace(BASE, BASE + "en/", 1)
        assert entry.findtext("s:loc", namespaces=NS) in (alternates["zh-Hans"], alternates["en"])


def test_an_english_page_in_the_sitemap_names_both_languages(files):
    root = ET.fromstring(files["sitemap.xml"].encode("utf-8"))
    entry = next(e for e in root.findall("s:url", NS)
                 if e.findtext("s:loc", namespaces=NS) == BASE + "en/activities/top-brand-awards/")
    assert [(link.get("rel"), link.get("hreflang"), link.get("href")) for link in entry.findall("x:link", NS)] == [
        ("alternate", "zh-Hans", BASE + "activities/top-brand-awards/"),
        ("alternate", "en", BASE + "en/activities/top-brand-awards/"),
        ("alternate", "x-default", BASE + "activities/top-brand-awards/")]


def test_robots_points_to_the_sitemap(files):
    assert files["robots.txt"] == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n"


def test_under_a_sub_path_robots_and_uids_follow_the_base_url(site):
    files = files_of(site, "https://example.org/zt/quality-month/")
    assert files["robots.txt"] == ("User-agent: *\nAllow: /zt/quality-month/\n"
                                   "Sitemap: https://example.org/zt/quality-month/sitemap.xml\n")
    assert [str(e["UID"]) for e in events_in(files["calendar.ics"])] == [f"{s}@example.org" for s in DATED]


# --- Atom feeds ---------------------------------------------------------------------------------------------

def activity_entries(feed: ET.Element) -> list[ET.Element]:
    """The feed's entries of activities (not of news posts)."""
    return [entry for entry in feed.findall("a:entry", NS) if "/activities/" in (
        entry.findtext("a:id", namespaces=NS) or "")]


@pytest.mark.parametrize("lang, path, xml_lang", [("zh", "feed.xml", "zh-Hans"), ("en", "en/feed.xml", "en")])
def test_each_feed_lists_the_activities_in_its_language(site, files, lang, path, xml_lang):
    feed = ET.fromstring(files[path].encode("utf-8"))
    home = BASE + PREFIX[lang]
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.get(XML_LANG) == xml_lang
    assert feed.findtext("a:title", namespaces=NS) == site.campaign.name.get(lang)
    assert feed.findtext("a:id", namespaces=NS) == home
    assert feed.findtext("a:updated", namespaces=NS) == "2008-10-01T00:00:00Z"
    links = {link.get("rel"): (link.get("href"), link.get("type")) for link in feed.findall("a:link", NS)}
    assert links == {"self": (BASE + path, "application/atom+xml"), "alternate": (home, "text/html")}
    assert feed.findtext("a:author/a:name", namespaces=NS) == site.campaign.organisers[0].name.get(lang)
    assert len(feed.findall("a:entry", NS)) == 12  # the nine activities and the three news posts
    entries = activity_entries(feed)
    assert len(entries) == 9
    assert [e.findtext("a:id", namespaces=NS) for e in entries] == [
        f"{home}activities/{slug}/" for slug in SLUGS]
    assert [e.find("a:link", NS).get("href") for e in entries] == [f"{home}activities/{slug}/" for slug in SLUGS]
    assert [e.findtext("a:title", namespaces=NS) for e in entries] == [a.title.get(lang) for a in site.activities]
    for entry, activity in zip(entries, site.activities, strict=True):
        assert entry.findtext("a:updated", namespaces=NS) == "2008-10-01T00:00:00Z"
        assert entry.findtext("a:published", namespaces=NS) == "2008-06-26T00:00:00Z"
        assert entry.findtext("a:summary", namespaces=NS) == activity.summary.get(lang)
        content = entry.find("a:content", NS)
        assert content.get("type") == "html"
        assert content.text == markdown_to_html(activity.body.get(lang))


def test_the_feed_titles_are_in_the_right_language(files):
    zh = ET.fromstring(files["feed.xml"].encode("utf-8"))
    en = ET.fromstring(files["en/feed.xml"].encode("utf-8"))
    assert zh.findtext("a:entry/a:title", namespaces=NS) == "开展质量工作支援灾区活动"
    assert en.findtext("a:entry/a:title", namespaces=NS) == "Supporting disaster-stricken areas through quality work"
    assert zh.findtext("a:title", namespaces=NS) == "2008年全国质量月"
    assert en.findtext("a:title", namespaces=NS) == "2008 National Quality Month"


def test_markup_in_texts_is_escaped_in_the_xml(site):
    tricky = Text(zh="问与答 <b> & “引号”", en='Q&A <b>"quoted"</b> & more')
    files = files_of(with_activity(site, "top-brand-awards", title=tricky, body=Text(zh="**粗** <script>x</script>",
                                                                                       en="**bold** & <i>it</i>")))
    for lang, path in (("zh", "feed.xml"), ("en", "en/feed.xml")):
        feed = ET.fromstring(files[path].encode("utf-8"))
        entry = feed.findall("a:entry", NS)[3]
        assert entry.findtext("a:title", namespaces=NS) == tricky.get(lang)
    content = ET.fromstring(files["en/feed.xml"].encode("utf-8")).findall("a:entry/a:content", NS)[3].text
    assert content == "<p><strong>bold</strong> &amp; <i>it</i></p>"
    assert "<script>" not in ET.fromstring(files["feed.xml"].encode("utf-8")).findall("a:entry/a:content", NS)[3].text
    assert str(events_in(files["en/activities/top-brand-awards/calendar.ics"])[0]["SUMMARY"]) == tricky.en


def test_a_pending_translation_is_marked_with_its_language_in_the_feed(site):
    pending = Text(zh="中国名牌产品表彰大会", en="中国名牌产品表彰大会", pending=frozenset({"en"}))
    feed = ET.fromstring(files_of(with_activity(site, "top-brand-awards", title=pending))["en/feed.xml"])
    titles = feed.findall("a:entry/a:title", NS)
    assert titles[3].get(XML_LANG) == "zh-Hans"
    assert titles[2].get(XML_LANG) is None


def test_without_a_record_the_entries_have_no_published_date(site):
    feed = ET.fromstring(files_of(replace(site, campaign=replace(site.campaign, record=None)))["feed.xml"])
    assert [entry.find("a:published", NS) for entry in activity_entries(feed)] == [None] * 9
    assert len(feed.findall("a:entry", NS)) == 12  # a news post is published on its own date


# --- iCalendar ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["calendar.ics", "en/calendar.ics"])
def test_the_schedule_calendar_holds_the_two_dated_activities(files, path):
    calendar = icalendar.Calendar.from_ical(files[path])
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-CALNAME"]) == ("2008 National Quality Month" if path.startswith("en/")
                                             else "2008年全国质量月")
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    assert [(str(e["UID"]), e.decoded("DTSTART"), e.decoded("DTEND"), str(e["STATUS"])) for e in events] == [
        ("olympic-quality-service@quality-month.example.org", date(2008, 7, 1), date(2008, 10, 1), "CONFIRMED"),
        ("top-brand-awards@quality-month.example.org", date(2008, 9, 21), date(2008, 10, 11), "TENTATIVE"),
    ]
    for event in events:
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert event["DTEND"].params["VALUE"] == "DATE"
        assert str(event["URL"]) == f"{BASE}{'en/' if path.startswith('en/') else ''}activities/" \
                                    f"{str(event['UID']).split('@')[0]}/"


def test_every_event_is_stamped_with_the_build_date(files):
    for path, text in files.items():
        if path.endswith(".ics"):
            stamps = [line for line in text.split("\r\n") if line.startswith("DTSTAMP")]
            assert stamps and set(stamps) == {"DTSTAMP:20081001T000000Z"}, path
            assert {e.decoded("DTSTAMP").isoformat() for e in events_in(text)} == {"2008-10-01T00:00:00+00:00"}


def test_the_event_texts_are_in_each_language(files):
    zh = {str(e["UID"]): e for e in events_in(files["calendar.ics"])}
    en = {str(e["UID"]): e for e in events_in(files["en/calendar.ics"])}
    olympics = "olympic-quality-service@quality-month.example.org"
    assert str(zh[olympics]["SUMMARY"]) == "开展“优质服务迎奥运行动”"
    assert str(zh[olympics]["DESCRIPTION"]) == "2008年7月至9月\n\n向世界展示我国的优质产品、优质工程和优质服务"
    assert str(en[olympics]["SUMMARY"]) == "Launching the “Quality Service to Welcome the Olympics” campaign"
    assert str(en[olympics]["DESCRIPTION"]) == (
        "July to September 2008\n\nShowing the world China’s high-quality products, projects and services")
    assert [uid for uid, e in zh.items() if "LOCATION" in e] == []  # the notice places no dated activity


def test_a_day_range_ends_the_day_after_and_a_place_is_the_location(festival_files):
    zh = {str(e["UID"]): e for e in events_in(festival_files["calendar.ics"])}
    en = {str(e["UID"]): e for e in events_in(festival_files["en/calendar.ics"])}
    fair = "book-fair@reading.example.org"
    assert (en[fair].decoded("DTSTART"), en[fair].decoded("DTEND"), str(en[fair]["STATUS"])) == (
        date(2025, 4, 23), date(2025, 4, 26), "CONFIRMED")
    assert str(zh[fair]["LOCATION"]) == "中心广场" and str(en[fair]["LOCATION"]) == "Central Square"
    assert str(zh[fair]["DESCRIPTION"]) == "2025年4月23日至25日\n\n在中心广场举办书市。"
    assert str(en[fair]["DESCRIPTION"]) == "23–25 April 2025\n\nA book fair on Central Square."
    assert [uid for uid, e in zh.items() if "LOCATION" in e] == [fair]
    [event] = events_in(festival_files["en/activities/book-fair/calendar.ics"])
    assert str(event["LOCATION"]) == "Central Square"


def test_the_window_is_tentative_and_its_wording_comes_first(files):
    awards = "top-brand-awards@quality-month.example.org"
    zh = next(e for e in events_in(files["activities/top-brand-awards/calendar.ics"]))
    en = next(e for e in events_in(files["en/activities/top-brand-awards/calendar.ics"]))
    assert str(zh["UID"]) == str(en["UID"]) == awards
    assert str(zh["STATUS"]) == str(en["STATUS"]) == "TENTATIVE"
    assert str(zh["DESCRIPTION"]).startswith("2008年9月底或10月初\n\n")
    assert str(en["DESCRIPTION"]).startswith("Late September or early October 2008\n\n")


def test_uids_are_equal_across_languages_and_builds(site, files):
    for slug in DATED:
        zh = events_in(files[f"activities/{slug}/calendar.ics"])
        en = events_in(files[f"en/activities/{slug}/calendar.ics"])
        assert len(zh) == len(en) == 1
        assert str(zh[0]["UID"]) == str(en[0]["UID"]) == f"{slug}@quality-month.example.org"
    later = publishing_files(site, plan(site), Urls(BASE), Strings(site.strings), date(2009, 1, 1), markdown_to_html)
    assert [str(e["UID"]) for e in events_in(later["calendar.ics"])] == [
        str(e["UID"]) for e in events_in(files["calendar.ics"])]
    assert "DTSTAMP:20090101T000000Z" in later["calendar.ics"]


def test_undated_activities_get_no_event_and_no_file(site, files):
    undated = [a.slug for a in site.activities if a.schedule.kind == "campaign"]
    assert len(undated) == 7
    for slug in undated:
        assert not any(slug in path for path in files if path.endswith(".ics"))
        assert slug not in files["calendar.ics"] and slug not in files["en/calendar.ics"]


def test_a_campaign_without_dated_activities_has_no_calendar(site):
    undated = replace(site, activities=tuple(a for a in site.activities if not a.schedule.is_dated),
                      news=())  # the posts name dated activities
    assert not [path for path in files_of(undated) if path.endswith(".ics")]


def test_every_ics_line_is_at_most_75_octets_and_ends_with_crlf(files):
    folded = 0
    for path, text in files.items():
        if not path.endswith(".ics"):
            continue
        data = text.encode("utf-8")
        assert data.endswith(b"\r\n"), path
        lines = data.split(b"\r\n")[:-1]
        for line in lines:
            assert b"\n" not in line and b"\r" not in line, path
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # no multi-byte character was split across lines
        folded += sum(line.startswith(b" ") for line in lines)
    assert folded > 0  # the default campaign's Chinese texts are long enough to need folding


def test_folding_round_trips_a_long_chinese_description(site):
    summary = ("质量是企业的生命，" * 12 + "包括逗号,分号;反斜杠\\和换行\n第二行：“引号”与emoji😀。") * 2
    files = files_of(with_activity(site, "top-brand-awards", summary=Text(zh=summary, en="x")))
    text = files["activities/top-brand-awards/calendar.ics"]
    assert max(len(line.encode("utf-8")) for line in text.split("\r\n")) <= 75
    [event] = events_in(text)
    assert str(event["DESCRIPTION"]) == "2008年9月底或10月初\n\n" + summary
    unfolded = text.replace("\r\n ", "")
    assert "DESCRIPTION:2008年9月底或10月初\\n\\n" + ics_escape(summary) + "\r\n" in unfolded


def test_fold_counts_octets_and_never_splits_a_character():
    assert fold("a" * 75) == "a" * 75
    assert fold("a" * 76) == "a" * 75 + "\r\n a"
    assert fold("a" * 74 + "质") == "a" * 74 + "\r\n 质"  # 74 + 3 octets would be 77
    chinese = fold("质" * 60)
    assert chinese.split("\r\n ") == ["质" * 25, "质" * 24, "质" * 11]  # 75 octets, then 1 + 72
    assert fold("a" * 74 + "\\n") == "a" * 74 + "\r\n \\n"  # an escape is never split


def test_text_values_are_escaped():
    assert ics_escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


# --- open data ----------------------------------------------------------------------------------------------

def test_the_json_lists_the_activities_in_both_languages(site, files):
    text = files["data/activities.json"]
    assert text.endswith("}\n") and "全国质量月" in text  # not \u escapes
    data = json.loads(text)
    assert data["campaign"] == {"zh": "2008年全国质量月", "en": "2008 National Quality Month"}
    assert data["timezone"] == "Asia/Shanghai"  # the default: the zone of any time of day
    assert [a["slug"] for a in data["activities"]] == SLUGS
    assert [a["number"] for a in data["activities"]] == list(range(1, 10))
    fair = data["activities"][4]
    assert fair == {
        "slug": "quality-forum-and-sme-fair", "number": 5,
        "title": {"zh": "第十六届中国质量论坛和第五届中国国际中小企业博览会",
                  "en": "The 16th China Quality Forum and the 5th China International Small and Medium "
                        "Enterprises Fair"},
        "summary": {"zh": "举办第十六届中国质量论坛；9月22日至25日在广州举办第五届中国国际中小企业博览会",
                    "en": "Holding the 16th China Quality Forum, and the 5th China International Small and Medium "
                          "Enterprises Fair in Guangzhou on 22–25 September"},
        "schedule": {"kind": "campaign", "start": None, "end": None, "start_time": None, "end_time": None,
                     "text": {"zh": "活动期间", "en": "During the campaign"}},
        "place": None,
        "organisers": [],
        "url": {"zh": BASE + "activities/quality-forum-and-sme-fair/",
                "en": BASE + "en/activities/quality-forum-and-sme-fair/"},
        "status": None, "status_note": None, "online": None, "region": None, "city": None,
        "city_code": None, "county": None,
    }
    first = data["activities"][0]
    assert first["schedule"] == {"kind": "campaign", "start": None, "end": None, "start_time": None,
                                 "end_time": None, "text": {"zh": "活动期间", "en": "During the campaign"}}
    assert first["place"] is None
    assert data["activities"][5]["organisers"] == [
        {"slug": "nbs", "zh": "国家统计局", "en": "National Bureau of Statistics"},
        {"slug": "aqsiq", "zh": "国家质量监督检验检疫总局",
         "en": "General Administration of Quality Supervision, Inspection and Quarantine"}]


def test_the_csv_has_a_bom_crlf_rows_a_header_and_one_row_per_activity(files):
    text = files["data/activities.csv"]
    assert text.startswith("\ufeffslug,number,")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert len(rows) == 10
    assert rows[0] == ["slug", "number", "title_zh", "title_en", "summary_zh", "summary_en", "kind", "start", "end",
                       "when_zh", "when_en", "place_zh", "place_en", "organisers_zh", "organisers_en", "url_zh",
                       "url_en", "status", "status_note_zh", "status_note_en", "online",
                       "start_time", "end_time", "timezone",
                       "region", "region_zh", "region_en", "city_zh", "city_en",
                       "city_code", "county_code", "county_zh"]  # new columns last: old readers work
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [r["slug"] for r in records] == SLUGS
    assert records[4]["place_zh"] == "" and records[4]["when_en"] == "During the campaign"
    assert records[0]["start"] == records[0]["end"] == records[0]["place_en"] == records[0]["organisers_zh"] == ""
    assert (records[0]["start_time"], records[0]["end_time"], records[0]["timezone"]) == ("", "", "Asia/Shanghai")
    assert records[3]["when_zh"] == "2008年9月底或10月初"
    assert records[5]["organisers_zh"] == "国家统计局、国家质量监督检验检疫总局"
    assert records[5]["organisers_en"] == ("National Bureau of Statistics; "
                                           "General Administration of Quality Supervision, Inspection and Quarantine")
    assert records[1]["url_en"] == BASE + "en/activities/olympic-quality-service/"


def test_the_open_data_gives_a_day_range_and_a_place(festival_files):
    fair = json.loads(festival_files["data/activities.json"])["activities"][0]
    assert fair["schedule"] == {"kind": "days", "start": "2025-04-23", "end": "2025-04-25", "start_time": None,
                                "end_time": None, "text": {"zh": "2025年4月23日至25日", "en": "23–25 April 2025"}}
    assert fair["place"] == {"zh": "中心广场", "en": "Central Square"}
    rows = list(csv.DictReader(io.StringIO(festival_files["data/activities.csv"][1:], newline="")))
    assert (rows[0]["slug"], rows[0]["start"], rows[0]["end"]) == ("book-fair", "2025-04-23", "2025-04-25")
    assert (rows[0]["when_en"], rows[0]["place_zh"], rows[0]["place_en"]) == ("23–25 April 2025", "中心广场",
                                                                              "Central Square")


# --- formula injection in the CSV ---------------------------------------------------------------------------

def csv_records(text: str) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://evil.example/\",\"click\")", "+1+2", "-2+3", "@SUM(A1:A2)",
                                   "\t=1+1", "\r=1+1", "\x00=1+1", "=", "-", "=cmd|' /C calc'!A0"])
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["", "2008年全国质量月", "a=b", " =1+1", "'quoted", "1-2", "(=)", 7,
                                   "https://quality-month.example.org/"])
def test_any_other_cell_is_left_as_it_is(value):
    assert csv_cell(value) == value


def test_every_text_column_is_guarded_and_the_json_keeps_the_text(site):
    hostile = Text(zh="=1+1", en="@SUM(1,2)")
    changed = with_activity(site, "top-brand-awards", title=hostile, summary=Text(zh="+中文", en="-dash"),
                            place=Text(zh="\t=A1", en="\r=A1"))
    changed = replace(changed, activities=tuple(
        replace(a, organisers=(replace(a.organisers[0], name=Text(zh="=组织", en="-org")), *a.organisers[1:]))
        if a.slug == "competitiveness-index" else a for a in changed.activities))
    files = files_of(changed)
    records = csv_records(files["data/activities.csv"])
    awards, index = records[3], records[5]
    assert (awards["title_zh"], awards["title_en"]) == ("'=1+1", "'@SUM(1,2)")
    assert (awards["summary_zh"], awards["summary_en"]) == ("'+中文", "'-dash")
    assert (awards["place_zh"], awards["place_en"]) == ("'\t=A1", "'\r=A1")
    assert index["organisers_zh"] == "'=组织、国家质量监督检验检疫总局"
    assert index["organisers_en"].startswith("'-org; General Administration")
    data = json.loads(files["data/activities.json"])["activities"]
    assert data[3]["title"] == {"zh": "=1+1", "en": "@SUM(1,2)"}
    assert data[3]["summary"] == {"zh": "+中文", "en": "-dash"}
    assert data[3]["place"] == {"zh": "\t=A1", "en": "\r=A1"}
    assert data[5]["organisers"][0] == {"slug": "nbs", "zh": "=组织", "en": "-org"}


def test_the_default_csv_has_no_apostrophe_added(files):
    assert not any(cell.startswith("'") for record in csv_records(files["data/activities.csv"])
                   for cell in record.values())
