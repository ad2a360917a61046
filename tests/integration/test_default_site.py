"""The default campaign (the 2008 National Quality Month notice), built end to end."""
from __future__ import annotations

import dataclasses
import re

import pytest
import yaml

from campaignsite.load import load_sources
from campaignsite.model import Text, TextList
from campaignsite.validate import validate
from tests.helpers import CJK, FIXTURES, REPO, html_files, read_page, squash

NOTICE = (FIXTURES / "notice" / "notice.txt").read_text(encoding="utf-8")


def notice_lines() -> list[str]:
    return [line.strip() for line in NOTICE.splitlines() if line.strip() and line.strip() != "[image: image1]"]


def test_every_line_of_the_notice_is_on_the_chinese_notice_page(default_site):
    page = squash(read_page(default_site, "notice/index.html").text())
    missing = [line for line in notice_lines() if squash(line) not in page]
    assert missing == []
    assert len(notice_lines()) == 44


def test_every_activity_page_carries_its_full_paragraph_of_the_notice(default_site):
    items = [line for line in notice_lines() if line.startswith("（")][:9]
    for number, slug in enumerate(_activity_slugs(), start=1):
        text = squash(read_page(default_site, f"activities/{slug}/index.html").text())
        paragraph = squash(items[number - 1]).split("）", 1)[1]
        assert paragraph in text, slug


def test_nine_activity_pages_and_fifteen_slogans_in_each_language(default_site):
    for prefix in ("", "en/"):
        activities = [f for f in html_files(default_site) if f.startswith(prefix + "activities/")]
        assert len(activities) == 9
        gallery = read_page(default_site, prefix + "slogans/index.html")
        assert len(gallery.find("figure", class_="slogan")) == 15


def test_every_chinese_page_has_its_english_counterpart_and_the_switcher_links_them(default_site):
    files = html_files(default_site)
    chinese = [f for f in files if not f.startswith("en/")]
    english = [f for f in files if f.startswith("en/")]
    assert sorted("en/" + f for f in chinese) == english
    for zh_file in chinese:
        en_file = "en/" + zh_file
        zh_switch = read_page(default_site, zh_file).find("a", class_="lang-switch")[0]
        en_switch = read_page(default_site, en_file).find("a", class_="lang-switch")[0]
        assert zh_switch.attrs["href"] == "/" + en_file.removesuffix("index.html")
        assert en_switch.attrs["href"] == "/" + zh_file.removesuffix("index.html")
        assert zh_switch.attrs["hreflang"] == "en" and en_switch.attrs["hreflang"] == "zh-Hans"


def test_english_pages_show_chinese_only_as_originals_marked_zh_hans(default_site):
    for file in html_files(default_site):
        if not file.startswith("en/"):
            continue
        page = read_page(default_site, file)
        stray = [text for lang, text in page.texts if lang != "zh-Hans" and CJK.search(text)]
        stray += [f"{e.tag}[{k}]={v}" for e in page.elements if e.lang != "zh-Hans"
                  for k, v in e.attrs.items() if k in ("alt", "title", "aria-label", "content") and CJK.search(v)]
        assert stray == [], file


def test_english_gallery_shows_each_chinese_slogan_beside_its_translation(default_site):
    page = read_page(default_site, "en/slogans/index.html")
    originals = [e for e in page.find("p", class_="slogan-zh")]
    assert len(originals) == 15 and all(e.lang == "zh-Hans" for e in originals)
    text = page.text()
    assert "坚持以质取胜　推动科学发展" in text
    assert text.index("坚持以质取胜") < text.index("Win through quality, drive scientific development")


def test_every_page_declares_its_language_alternates_and_canonical(default_site):
    base = "https://quality-month.example.org/"
    for file in html_files(default_site):
        page = read_page(default_site, file)
        lang = "en" if file.startswith("en/") else "zh-Hans"
        assert page.find("html")[0].attrs["lang"] == lang
        route = file.removeprefix("en/").removesuffix("index.html")
        alternates = {e.attrs["hreflang"]: e.attrs["href"] for e in page.find("link", rel="alternate")
                      if "hreflang" in e.attrs}
        assert alternates == {"zh-Hans": base + route, "en": base + "en/" + route, "x-default": base + route}
        canonical = page.find("link", rel="canonical")[0].attrs["href"]
        assert canonical == (base + "en/" + route if lang == "en" else base + route)


def test_every_page_has_one_h1_a_skip_link_first_landmarks_and_the_organisers_in_its_footer(default_site):
    for file in html_files(default_site):
        page = read_page(default_site, file)
        assert len(page.find("h1")) == 1, file
        first_link = page.find("a")[0]
        assert first_link.attrs == {"class": "skip-link", "href": "#main"}
        assert page.find("main", id="main") and page.find("nav") and page.find("header") and page.find("footer")
    footer_text = squash(read_page(default_site, "index.html").text().split("主办单位：", 1)[1])
    assert footer_text.startswith("国家质量监督检验检疫总局、中共中央宣传部、国家发展和改革委员会、中华全国总工会、共青团中央")


def test_the_schedule_built_after_the_campaign_lists_the_undated_and_archives_the_dated_latest_first(default_site):
    """The fixture builds as of today, long after 2008: what had dates has ended."""
    page = read_page(default_site, "schedule/index.html")
    links = [e.attrs["href"] for e in page.elements if e.tag == "a" and e.attrs.get("href", "").startswith("/activities/")]
    undated = [slug for slug in _activity_slugs() if slug not in ("olympic-quality-service", "top-brand-awards")]
    assert links == [f"/activities/{slug}/" for slug in undated]
    assert '<a href="/schedule/archive/">已结束的活动（2项）</a>' in (default_site / "schedule/index.html").read_text("utf-8")
    archive = read_page(default_site, "schedule/archive/index.html")
    assert [e.attrs["href"] for e in archive.elements if e.tag == "a" and e.attrs.get("href", "").startswith(
        "/activities/")] == ["/activities/top-brand-awards/", "/activities/olympic-quality-service/"]


@pytest.mark.parametrize("file, expected", [
    ("schedule/index.html", ["活动期间"]),  # the listings show no summary: the dates in prose are on the notice's
    ("en/schedule/index.html", ["During the campaign"]),
    ("schedule/archive/index.html", ["2008年10月10日", "2008年7月至9月", "2008年9月底或10月初"]),
    ("en/schedule/archive/index.html", ["10 October 2008", "July to September 2008",
                                        "Late September or early October 2008"]),
    ("index.html", ["2008年9月", "质量安全是社会和谐的基础"]),
    ("en/index.html", ["September 2008"]),
    ("notice/index.html", ["国家质检总局办公厅　2008年6月26日印发", "9月22日至25日，在广州"]),
    ("en/notice/index.html", ["Issued by the General Office of AQSIQ on 26 June 2008",
                              "in Guangzhou on 22–25 September"]),
    ("en/about/index.html", ["issued on 26 June 2008 by the General Office"]),
])
def test_dates_are_written_the_way_each_language_writes_them(default_site, file, expected):
    text = read_page(default_site, file).text()
    for phrase in expected:
        assert phrase in text


def test_english_pages_write_the_day_before_the_month(default_site):
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    month_first = re.compile(rf"\b(?:{months}) \d{{1,2}}\b")
    for file in html_files(default_site):
        if file.startswith("en/"):
            assert month_first.findall(read_page(default_site, file).text()) == [], file


def test_an_activity_page_says_when_and_links_its_neighbours_and_the_schedule(default_site):
    page = read_page(default_site, "en/activities/quality-forum-and-sme-fair/index.html")
    text = page.text()
    # the notice dates and places only the fair, not the forum: the page gives no date or place of its own
    assert "During the campaign" in text and "in Guangzhou on 22–25 September" in text
    assert "Where" not in text and not page.find("p", class_="calendar-link")
    hrefs = [e.attrs["href"] for e in page.find("a")]
    assert "/en/activities/top-brand-awards/" in hrefs  # previous in the data file's order
    assert "/en/activities/competitiveness-index/" in hrefs  # next
    assert "/en/schedule/" in hrefs
    first = read_page(default_site, "activities/disaster-relief/index.html")
    assert not first.find("a", rel="prev") and first.find("a", rel="next")
    assert "地点" not in first.text()  # no place in the notice: the row is left out, not blank


def test_the_notice_page_carries_the_document_record(default_site):
    text = read_page(default_site, "en/notice/index.html").text()
    for phrase in ("Subject terms", "Copied to", "Within the Administration", "Issued by"):
        assert phrase in text




def test_the_english_follows_the_glossary_in_every_field():
    glossary = yaml.safe_load((REPO / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    site = validate(load_sources(REPO, REPO)).site
    pairs = list(_bilingual_values(dataclasses.replace(site, strings={})))
    assert _glossary_misses(pairs, glossary) == []
    ui = {key: _glossary_misses([(text.zh, text.en)], glossary) for key, text in site.strings.items()}
    assert {key for key, misses in ui.items() if misses} == set()
    unused = [term["zh"] for term in glossary if not any(term["zh"] in zh for zh, _ in pairs)]
    assert unused == []  # every fixed translation holds some text of the campaign to it
    assert len(glossary) >= 40


def test_the_glossary_match_allows_endings_and_hyphens_and_defers_to_longer_terms():
    assert _english_term("win through quality").search("the strategy of winning through quality")
    assert _english_term("bureau of quality and technical supervision").search("Bureaus of Quality and Technical "
                                                                               "Supervision of all provinces")
    assert _english_term("top-brand products").search("provincial top brand products")
    assert not _english_term("top-brand strategy").search("the brand strategy")
    assert not _english_term("top-brand products").search("stop-brand products")
    glossary = [{"zh": "名牌产品"}, {"zh": "中国名牌产品"}]
    assert not _term_stands_alone("名牌产品", "中国名牌产品生产企业", glossary)
    assert _term_stands_alone("名牌产品", "中国名牌产品、省级名牌产品", glossary)
    assert not _term_stands_alone("名牌产品", "名优企业", glossary)


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    from tests.helpers import run_build
    outputs = []
    for name in ("one", "two"):
        result = run_build("build", "--output", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(tmp_path / name): p.read_bytes()
                        for p in sorted((tmp_path / name).rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 30


def _activity_slugs() -> list[str]:
    data = yaml.safe_load((REPO / "activities.yaml").read_text(encoding="utf-8"))
    return [a["slug"] for a in data["activities"]]


def _glossary_misses(pairs: list[tuple[str, str]], glossary: list[dict]) -> list[tuple[str, str, str]]:
    """(term zh, term en, start of the English) for every zh term whose fixed English is missing."""
    return [(term["zh"], term["en"], en[:60]) for zh, en in pairs for term in glossary
            if _term_stands_alone(term["zh"], zh, glossary) and not _english_term(term["en"]).search(en)]


def _english_term(en: str) -> re.Pattern[str]:
    """`en` as a whole phrase, any case, a hyphen or a space between its words, each word with any ending."""
    words = [re.escape(word) + r"\w*" for word in re.split(r"[\s-]+", en.strip())]
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(words), re.IGNORECASE)


def _term_stands_alone(term: str, zh: str, glossary: list[dict]) -> bool:
    """Whether `term` occurs in `zh` other than inside a longer glossary term that contains it."""
    covered: set[int] = set()
    for longer in (t["zh"] for t in glossary if term in t["zh"] and t["zh"] != term):
        for match in re.finditer(re.escape(longer), zh):
            covered.update(range(match.start(), match.end()))
    return any(match.start() not in covered for match in re.finditer(re.escape(term), zh))


def _bilingual_values(value, seen=None):
    """Every (zh, en) pair in the model."""
    if isinstance(value, Text):
        yield value.zh, value.en
    elif isinstance(value, TextList):
        yield " ".join(value.zh), " ".join(value.en)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _bilingual_values(getattr(value, f.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _bilingual_values(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _bilingual_values(item)
