"""translations.fields, in memory: every translated field of a campaign's sources (ids by slug, both layouts of the
activities, the site's strings but not the theme's, content pages), where each stands, and its status."""
from __future__ import annotations

from campaignsite.load import Sources, parse_markdown, parse_yaml, quick_yaml
from campaignsite.load.yamldoc import Mark
from campaignsite.translations.fields import address, positions, stale_fields, statuses, translated_fields
from campaignsite.translations.record import entry

CAMPAIGN = """\
name: {zh: 阅读节, en: Reading Festival}
title:
  zh: 关于举办阅读节的通知
  en: Notice on the Reading Festival
record:
  subject_terms: {zh: [阅读], en: [reading]}
requirements:
  - slug: safety
    text: {zh: 注意安全。, en: Be safe.}
site:
  base_url: https://reading.example.org/
  footer:
    organiser: {zh: 文化局, en: ""}
"""
ACTIVITIES = """\
activities:
  - slug: book-fair
    title: {zh: 书市, en: Book Fair}
    body:
      zh: |
        书市**免费**。
      en: |
        The fair is **free**.
  - slug: book-fair
    title: {zh: 又一个书市}
  - title: {zh: 无名, en: Nameless}
"""


def doc(text, name, exact=True):
    return parse_yaml(text, name)[0] if exact else quick_yaml(text, name)


def page(text, name):
    return parse_markdown(text, name)[0]


def sources(exact=True, **files):
    return Sources(doc(files.get("campaign", CAMPAIGN), "campaign.yaml", exact),
                   doc(files["activities"], "activities.yaml", exact) if "activities" in files else None,
                   doc(files["slogans"], "slogans.yaml", exact) if "slogans" in files else None,
                   tuple(page(text, name) for name, text in files.get("pages", {}).items()),
                   tuple(doc(text, "templates/strings.yaml", exact) for text in files.get("strings", ())),
                   tuple(doc(text, name, exact) for name, text in files.get("activity_files", {}).items()))


def test_every_zh_en_block_is_a_field_named_by_slug_and_a_list_of_terms_is_not():
    fields = translated_fields(sources(activities=ACTIVITIES))
    assert [(f.id, f.zh, f.en) for f in fields] == [
        ("campaign.yaml:name", "阅读节", "Reading Festival"),
        ("campaign.yaml:title", "关于举办阅读节的通知", "Notice on the Reading Festival"),
        ("campaign.yaml:requirements[safety].text", "注意安全。", "Be safe."),
        ("campaign.yaml:site.footer.organiser", "文化局", None),  # an empty English is missing
        ("activities.yaml:activities[book-fair].title", "书市", "Book Fair"),
        ("activities.yaml:activities[book-fair].body", "书市**免费**。\n", "The fair is **free**.\n"),
        ("activities.yaml:activities[1].title", "又一个书市", None),  # a slug used twice names the first only
        ("activities.yaml:activities[2].title", "无名", "Nameless"),
    ]
    assert [f.markdown for f in fields] == [False] * 5 + [True, False, False]
    assert fields[5].path == ("activities", 0, "body") and fields[5].key_path == "activities[book-fair].body"


def test_an_exact_reading_gives_where_the_chinese_stands_and_a_quick_one_does_not_but_positions_finds_it():
    exact = translated_fields(sources(activities=ACTIVITIES))
    assert [f.mark for f in exact[:2]] == [Mark(1, 12), Mark(3, 7)]
    assert exact[5].mark == Mark(5, 11)
    quick = translated_fields(sources(exact=False, activities=ACTIVITIES))
    assert [f.id for f in quick] == [f.id for f in exact] and all(f.mark is None for f in quick)
    found = positions(ACTIVITIES, [f.path + ("zh",) for f in exact if f.file == "activities.yaml"] + [("nope",)])
    assert found == {f.path + ("zh",): f.mark for f in exact if f.file == "activities.yaml"}


def test_the_activities_folder_and_the_site_strings_but_not_the_theme_s():
    theme = "nav.home: {zh: 首页, en: Home}\n"
    site = "nav.home: {zh: 主页, en: Start}\n"
    found = translated_fields(sources(activity_files={"activities/010-fair.yaml": "slug: fair\ntitle: {zh: 书市}\n"},
                                      strings=(theme, site)))
    assert [(f.id, f.page) for f in found][-2:] == [("activities/010-fair.yaml:title", "activity/fair"),
                                                     ("templates/strings.yaml:nav.home", "home")]
    assert all(f.zh != "首页" for f in found)
    only_theme = translated_fields(sources(strings=(theme,)))  # the site is the theme's own folder
    assert not any(f.file == "templates/strings.yaml" for f in only_theme)


def test_a_content_page_gives_its_title_description_and_body_and_a_missing_english_page_is_missing():
    zh = "---\ntitle: 参观\ndescription: 如何前往。\n---\n正文[链接](a.html)。\n"
    en = "---\ntitle: Visiting\n---\nText [link](a.html).\n"
    found = translated_fields(sources(pages={"content/visit.zh.md": zh, "content/visit.en.md": en}))
    assert [(f.id, f.zh, f.en, f.source, f.target, f.mark, f.markdown) for f in found[-3:]] == [
        ("content/visit.md:title", "参观", "Visiting", "content/visit.zh.md", "content/visit.en.md", Mark(2, 8), False),
        ("content/visit.md:description", "如何前往。", None, "content/visit.zh.md", "content/visit.en.md", Mark(3, 14),
         False),
        ("content/visit.md", "正文[链接](a.html)。\n", "Text [link](a.html).\n", "content/visit.zh.md",
         "content/visit.en.md", Mark(5, 1), True),
    ]
    assert [f.key_path for f in found[-3:]] == ["title", "description", "body"]
    alone = translated_fields(sources(pages={"content/visit.zh.md": zh}))
    assert [f.en for f in alone[-3:]] == [None, None, None]
    assert translated_fields(sources(pages={"content/visit.en.md": en})) == translated_fields(sources())


def test_each_field_knows_the_english_page_that_shows_it():
    found = {f.id: address(f, "https://x.org/") for f in translated_fields(sources(
        activities=ACTIVITIES, slogans="slogans:\n  - slug: read\n    text: {zh: 读书, en: Read}\n",
        pages={"content/visit.zh.md": "---\ntitle: 参观\n---\n正文\n"}))}
    assert found["campaign.yaml:name"] == "https://x.org/en/"
    assert found["campaign.yaml:requirements[safety].text"] == "https://x.org/en/requirements/#safety"
    assert found["activities.yaml:activities[book-fair].title"] == "https://x.org/en/activities/book-fair/"
    assert found["slogans.yaml:slogans[read].text"] == "https://x.org/en/slogans/read/"
    assert found["content/visit.md"] == "https://x.org/en/visit/"


def test_statuses_against_the_record_and_the_stale_fields_the_build_asks_for():
    fields = translated_fields(sources(activities=ACTIVITIES))
    record = {"campaign.yaml:name": entry("阅读节"), "campaign.yaml:title": entry("旧标题"),
              "campaign.yaml:site.footer.organiser": entry("文化局")}
    found = statuses(fields, record)
    assert found["campaign.yaml:name"] == "current" and found["campaign.yaml:title"] == "stale"
    assert found["campaign.yaml:site.footer.organiser"] == "missing"  # no English: missing, whatever is recorded
    assert found["activities.yaml:activities[book-fair].title"] == "untracked"
    assert set(statuses(fields, None).values()) == {"untracked", "missing"}
    assert [f.id for f in stale_fields(sources(activities=ACTIVITIES), record)] == ["campaign.yaml:title"]
    assert stale_fields(sources(activities=ACTIVITIES), None) == []
