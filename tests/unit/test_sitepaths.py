"""Links in Markdown: what an address means (`sitepaths.parse_link`, `Link.route`), the table of a site's paths
and what it says about a link (`SitePaths`), where links stand in a text (`mdlinks.find_links`), how the render stage
writes them (`render.urls.site_links`, `relativize`), and the messages validation gives, at the source's line."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from campaignsite.errors import SiteError
from campaignsite.listings import later_pages
from campaignsite.load import parse_markdown, parse_yaml
from campaignsite.model import Site, by_start
from campaignsite.render.urls import own_paths, relativize, site_links
from campaignsite.routes import language_prefix, plan
from campaignsite.validate import Sources, validate
from campaignsite.validate.mdlinks import find_links
from campaignsite.validate.sitepaths import SITE_FOLDERS, SiteAddress, SitePaths, declared_ids, parse_link
from tests.unit.test_validate import CAMPAIGN, STRINGS

REQUIREMENTS = "requirements:\n  - slug: safety\n    text: {zh: 安全。, en: Be safe.}\n"
SLOGANS = "slogans:\n  - slug: read\n    text: {zh: 读书, en: Read}\n  - slug: share\n    text: {zh: 分享, en: Share}\n"


def activities(count: int = 2, body_en: str = "Body.", body_zh: str = "正文。") -> str:
    lines = ["activities:"]
    for number in range(1, count + 1):
        lines += [f"  - slug: a{number}", f"    title: {{zh: 活动{number}, en: Activity {number}}}",
                  "    summary: {zh: 摘要。, en: Summary.}", "    body:"]
        lines += ["      zh: |", *(f"        {line}" for line in (body_zh if number == 1 else "正文。").split("\n"))]
        lines += ["      en: |", *(f"        {line}" for line in (body_en if number == 1 else "Body.").split("\n"))]
        lines.append("    schedule: {kind: campaign}" if number > 1 else "    schedule: {kind: days, start: 2024-06-11}")
        if number == count and count > 1:
            lines.append("    in_notice: false")
    return "\n".join(lines) + "\n"


def page(body: str) -> str:
    return f"---\ntitle: T\n---\n{body}\n"


def sources(activities_text: str | None = None, pages: dict[str, str] | None = None, campaign: str = CAMPAIGN,
            slogans: str | None = SLOGANS, files: tuple[str, ...] = ()) -> Sources:
    def doc(text, name):
        parsed, problems = parse_yaml(text, name)
        assert problems == [], problems
        return parsed

    docs = []
    for name, text in (pages or {"about.zh.md": "关于。", "about.en.md": "About.\n\n## Contact {#contact}"}).items():
        parsed, problems = parse_markdown(page(text), f"content/{name}")
        assert problems == [] and parsed is not None
        docs.append(parsed)
    return Sources(doc(campaign + REQUIREMENTS, "campaign.yaml"), doc(activities_text or activities(), "activities.yaml"),
                   doc(slogans, "slogans.yaml") if slogans else None, tuple(docs), (doc(STRINGS, "s.yaml"),),
                   content_files=files)


def site_of(**kwargs) -> Site:
    return validate(sources(**kwargs)).site


def problems_of(**kwargs) -> list[str]:
    with pytest.raises(SiteError) as caught:
        validate(sources(**kwargs))
    return [str(p) for p in caught.value.problems]


# -- what an address is -------------------------------------------------------------------------

@pytest.mark.parametrize("href", ["https://example.org/x/", "http://a.b", "mailto:a@b.c", "tel:+8610123",
                                  "//cdn.example.org/x.js"])
def test_external_addresses_are_not_the_sites(href):
    assert parse_link(href).kind == "external"


@pytest.mark.parametrize("href, kind", [("#x", "here"), ("", "here"), ("../x/", "relative"), ("x/", "relative"),
                                        ("./x.html", "relative"), ("?a=1", "here"), ("/", "site")])
def test_the_kind_of_an_address(href, kind):
    assert parse_link(href).kind == kind


@pytest.mark.parametrize("href, lang, path", [
    ("/schedule/", None, "/schedule/"), ("/en/schedule/", "en", "/schedule/"), ("/zh/notice/", "zh", "/notice/"),
    ("/en/", "en", "/"), ("/", None, "/"), ("/english/", None, "/english/"), ("/en", "en", ""),
])
def test_a_language_prefix_names_the_language(href, lang, path):
    link = parse_link(href)
    assert (link.kind, link.lang, link.path) == ("site", lang, path)


@pytest.mark.parametrize("href, page_lang, route", [
    ("/", "zh", ""), ("/", "en", "en/"), ("/en/", "zh", "en/"), ("/zh/", "en", ""),
    ("/schedule/", "zh", "schedule/"), ("/schedule/", "en", "en/schedule/"),
    ("/schedule/page/2/", "en", "en/schedule/page/2/"),
    ("/activities/a1/", "en", "en/activities/a1/"), ("/zh/activities/a1/", "en", "activities/a1/"),
    ("/slogans/#read", "en", "en/slogans/#read"), ("/slogans/share/", "zh", "slogans/share/"),
    ("/notice/#activity-a1", "en", "en/notice/#activity-a1"), ("/requirements/#safety", "zh", "requirements/#safety"),
    ("/about/", "en", "en/about/"), ("/en/about/#contact", "zh", "en/about/#contact"),
    ("/schedule/?view=list&x=1#main", "en", "en/schedule/?view=list&x=1#main"),
    ("/activities/a%31/", "en", "en/activities/a1/"),
    ("/images/map.png", "en", "images/map.png"), ("/en/images/map.png", "en", "images/map.png"),
    ("/files/plan%202024.pdf", "zh", "files/plan%202024.pdf"), ("/files/报告.pdf", "en", "files/%E6%8A%A5%E5%91%8A.pdf"),
])
def test_a_site_path_is_its_route_in_the_language_of_the_page_or_the_one_it_names(href, page_lang, route):
    assert parse_link(href).route(page_lang) == route


# -- the table of a site's paths ----------------------------------------------------------------

def test_the_table_holds_every_page_the_plan_makes_and_no_other():
    site = site_of(activities_text=activities(12), campaign=CAMPAIGN + "  schedule_page_size: 10\n")
    paths = SitePaths.of(site)
    planned = {"/" + page.route[len(language_prefix(page.lang)):] for page in plan(site) if page.key != "404"}
    # a listing's later pages are not: which days they hold moves with the build date
    moving = {path for path in planned if path.startswith(("/schedule/", "/regions/")) and "/page/" in path}
    assert set(paths.pages) == planned - moving
    assert "/schedule/page/2/" in moving and "/slogans/share/" in planned
    assert {"/schedule/archive/", "/schedule/2024-06-11/"} <= set(paths.pages)


@pytest.mark.parametrize("today", [date(2024, 6, 1), date(2024, 6, 11), date(2024, 7, 1)])
def test_the_later_listing_pages_are_those_the_plan_makes_on_the_build_date(today):
    text = activities(23).replace("    schedule: {kind: campaign}\n    in_notice: false",
                                  "    schedule: {kind: days, start: 2024-06-20}\n    in_notice: false")
    for number in range(2, 9):  # a region's listing and a day of more than a page
        text = text.replace(f"  - slug: a{number}\n", f"  - slug: a{number}\n    region: 440000\n")
    site = site_of(activities_text=text.replace("{kind: campaign}", "{kind: days, start: 2024-06-12}", 11),
                   campaign=CAMPAIGN + "  schedule_page_size: 10\n")
    planned = {"/" + page.route[len(language_prefix(page.lang)):] for page in plan(site, today)}
    made = later_pages(by_start(site.activities), today, 10)
    assert made == {path for path in planned if path.startswith(("/schedule/", "/regions/")) and "/page/" in path}
    assert "/schedule/2024-06-12/page/2/" in made


def test_a_link_to_a_schedule_page_the_build_makes_leads_there_and_one_it_no_longer_makes_warns_and_leads_to_the_first():
    # page 3 of the schedule: before 11 June 2024, a1's day and 11 activities during the campaign, 10 a page
    before, after = date(2024, 6, 1), date(2024, 7, 1)
    text = activities(12, body_en="[More](/schedule/page/3/) and [this](/en/regions/440000/page/2/#main)")
    for number in range(1, 12):  # a region of 11: a1's day and 10 during the campaign make two pages before
        text = text.replace(f"  - slug: a{number}\n", f"  - slug: a{number}\n    region: 440000\n")
    made = validate(sources(activities_text=text, campaign=CAMPAIGN + "  schedule_page_size: 10\n"), today=before)
    assert made.warnings == () and made.moved == {}
    gone = validate(sources(activities_text=text, campaign=CAMPAIGN + "  schedule_page_size: 10\n"), today=after)
    assert [str(problem) for problem in gone.warnings] == [
        "activities.yaml:10:16: activities[a1].body.en: warning: the link /schedule/page/3/ names a page this build "
        "does not make: the pages of the listing /schedule/ now follow the build date, and the link leads to its "
        "first page — link /schedule/, or a day's page such as /schedule/YYYY-MM-DD/, instead",
        "activities.yaml:10:46: activities[a1].body.en: warning: the link /en/regions/440000/page/2/#main names a "
        "page this build does not make: the pages of the listing /regions/440000/ now follow the build date, and "
        "the link leads to its first page — link /regions/440000/, or a day's page such as /schedule/YYYY-MM-DD/, "
        "instead"]
    assert gone.moved == {"/schedule/page/3/": "/schedule/", "/regions/440000/page/2/": "/regions/440000/"}
    html = '<a href="/schedule/page/3/">More</a> <a href="/en/regions/440000/page/2/#main">this</a>'
    assert site_links(html, "zh", "/zt/x/", gone.moved) == (
        '<a href="/zt/x/schedule/">More</a> <a href="/zt/x/en/regions/440000/#main">this</a>')
    assert site_links(html, "zh", "/zt/x/", made.moved) == (
        '<a href="/zt/x/schedule/page/3/">More</a> <a href="/zt/x/en/regions/440000/page/2/#main">this</a>')
    assert validate(sources(activities_text=text)).warnings == ()  # without a build date: every page is made


@pytest.mark.parametrize("href", ["/schedule/page/1/", "/regions/page/2/", "/schedule/2031-01/page/2/",
                                  "/schedule/page/0/", "/schedule/page/x/"])
def test_a_listing_page_of_no_listing_stays_an_error(href):
    assert problems_of(activities_text=activities(body_en=f"[x]({href})")) == [
        f"activities.yaml:9:13: activities[a1].body.en: the link {href} leads to no page of the site — "
        + SitePaths.of(site_of())._page_hint(parse_link(href))]


def test_a_site_without_slogans_or_activities_has_no_gallery_nor_schedule_to_link_to():
    paths = SitePaths.of(site_of(slogans=None))
    assert "/slogans/" not in paths.pages and "/schedule/page/2/" not in paths.pages
    assert paths.problem(parse_link("/slogans/"), "/about/", "en") == (
        "the link /slogans/ leads to no page of the site", "a page's path is /, /schedule/, /activities/SLUG/, "
        "/news/, /news/SLUG/, /slogans/, /notice/, /requirements/, /regions/, /regions/CODE/, /schedule/YYYY-MM/, "
        "/schedule/YYYY-MM-DD/ or /NAME/ for content/NAME.zh.md")



def test_the_listings_by_region_and_by_month_are_pages_links_may_name():
    text = activities(3).replace("    schedule: {kind: days, start: 2024-06-11}",
                                 "    schedule: {kind: months, start: 2024-12, end: 2025-01}\n    region: 广东")
    text = text.replace("  - slug: a2\n", "  - slug: a2\n    region: national\n")
    paths = SitePaths.of(site_of(activities_text=text))
    listed = sorted(path for path in paths.pages if path.startswith(("/regions/", "/schedule/")))
    assert listed == ["/regions/", "/regions/440000/", "/regions/440000/archive/", "/regions/national/",
                      "/regions/national/archive/", "/schedule/", "/schedule/2024-12-01/", "/schedule/2024-12/", "/schedule/2024-12/archive/",
                      "/schedule/2025-01/", "/schedule/2025-01/archive/", "/schedule/archive/"]
    assert paths.problem(parse_link("/en/schedule/2025-01/"), "/about/", "zh") is None
    assert paths.problem(parse_link("/regions/110000/"), "/about/", "en")[0] == (
        "the link /regions/110000/ leads to no page of the site")


def test_a_site_without_regions_has_no_region_listing_to_link_to():
    paths = SitePaths.of(site_of())
    assert "/regions/" not in paths.pages and "/schedule/2024-06/" in paths.pages


def test_the_anchors_are_the_datas_and_those_the_pages_markdown_declares():
    paths = SitePaths.of(site_of(activities_text=activities(body_en="Text.\n\n## Fees {#fees}")))
    assert paths.pages["/slogans/"]["en"] == {"main", "read", "share"}
    assert paths.pages["/requirements/"]["zh"] == {"main", "safety"}
    assert paths.pages["/notice/"]["en"] == {"main", "activity-a1", "fees"}  # a2 is not in the notice
    assert paths.pages["/activities/a1/"] == {"zh": {"main"}, "en": {"main", "fees"}}
    assert paths.pages["/about/"] == {"zh": {"main"}, "en": {"main", "contact"}}


def test_declared_ids_are_attribute_lists_and_html_ids():
    assert declared_ids('## A {#a}\n## B {: #b .wide }\n<span id="c">x</span> {.cls}') == {"a", "b", "c"}


@pytest.mark.parametrize("href, on, lang", [
    ("/", "/about/", "zh"), ("/en/", "/about/", "zh"), ("/schedule/", "/about/", "en"),
    ("/activities/a2/", "/about/", "en"), ("/slogans/#share", "/about/", "zh"), ("/slogans/read/", "/about/", "en"),
    ("/notice/#activity-a1", "/about/", "en"), ("/requirements/#safety", "/about/", "en"), ("/about/", "/about/", "en"),
    ("/en/about/#contact", "/activities/a1/", "zh"), ("#contact", "/about/", "en"), ("#main", "/about/", "zh"),
    ("/activities/a%31/", "/about/", "en"), ("/images/map.png", "/about/", "en"), ("/files/a%20b.pdf", "/about/", "zh"),
    ("https://example.org/x/#nope", "/about/", "en"), ("/schedule/?view=list#main", "/about/", "en"),
])
def test_a_link_to_a_page_file_or_anchor_that_exists_passes(href, on, lang):
    paths = SitePaths.of(site_of(), ("images/map.png", "files/a b.pdf", "notes.txt"))
    assert paths.problem(parse_link(href), on, lang) is None


@pytest.mark.parametrize("href, on, lang, wrong", [
    ("/activities/a3/", "/about/", "en", ("the link /activities/a3/ leads to no page of the site",
                                          "did you mean /activities/a2/?")),
    ("/schedule", "/about/", "en", ("the link /schedule leads to no page of the site", "did you mean /schedule/?")),
    ("/en/shedule/", "/about/", "zh", ("the link /en/shedule/ leads to no page of the site",
                                       "did you mean /en/schedule/?")),
    ("/zt/week/en/notise/", "/about/", "en", ("the link /zt/week/en/notise/ leads to no page of the site",
                                              "did you mean /en/notice/?")),
    ("https://example.org/zt/week/activities/a3/#x", "/about/", "en", (
        "the link https://example.org/zt/week/activities/a3/#x leads to no page of the site",
        "did you mean /activities/a2/?")),
    ("/zt/week/slogans/#reed", "/about/", "en", ("the link /zt/week/slogans/#reed names the anchor #reed, which is "
                                                 "not on the English page /slogans/", "the anchors there are #read, "
                                                                                      "#share")),
    ("/slogans/#reed", "/about/", "en", ("the link /slogans/#reed names the anchor #reed, which is not on the "
                                         "English page /slogans/", "the anchors there are #read, #share")),
    ("#contact", "/about/", "zh", ("the link #contact names the anchor #contact, which is not on this page",
                                   "link to /about/ without an anchor, or end a heading there with {#contact}")),
    ("/about/#contact", "/activities/a1/", "zh", (
        "the link /about/#contact names the anchor #contact, which is not on the Chinese page /about/",
        "link to /about/ without an anchor, or end a heading there with {#contact}")),
    ("/images/plan.png", "/about/", "en", ("the link /images/plan.png leads to the file content/images/plan.png, "
                                           "which is not there", "add the file content/images/plan.png, or correct "
                                                                 "the name")),
    ("/notes.txt", "/about/", "en", ("the link /notes.txt leads to no page of the site",
                                     "a page's path is /, /schedule/, /activities/SLUG/, /news/, /news/SLUG/, "
                                     "/slogans/, /notice/, /requirements/, /regions/, /regions/CODE/, "
                                     "/schedule/YYYY-MM/, /schedule/YYYY-MM-DD/ or /NAME/ for content/NAME.zh.md")),
    ("../a2/", "/activities/a1/", "en", ("the link ../a2/ is relative; a link to a page of the site is written as "
                                         "its path", "write /activities/a2/ (the path from the site's root, without "
                                                     "the base URL: the build adds it)")),
    ("schedule/?x=1#main", "/about/", "en", ("the link schedule/?x=1#main is relative; a link to a page of the site "
                                             "is written as its path", "write /schedule/?x=1#main (the path from the "
                                                                       "site's root, without the base URL: the build "
                                                                       "adds it)")),
])
def test_a_link_to_nothing_says_what_is_missing_and_what_to_write(href, on, lang, wrong):
    paths = SitePaths.of(site_of(campaign=CAMPAIGN.replace("https://example.org/", "https://example.org/zt/week/")),
                         ("images/map.png", "notes.txt"))
    assert paths.problem(paths.parse(href), on, lang) == wrong


# -- an address copied from the published site ---------------------------------------------------

PUBLISHED = SiteAddress.of("https://www.example.gov.cn/zt/reading-2024/", ["about"])


@pytest.mark.parametrize("href, path", [
    ("/zt/reading-2024/schedule/", "/schedule/"),
    ("https://www.example.gov.cn/zt/reading-2024/schedule/", "/schedule/"),
    ("http://www.example.gov.cn/zt/reading-2024/schedule/", "/schedule/"),
    ("HTTPS://WWW.Example.gov.cn/zt/reading-2024/en/activities/a1/", "/en/activities/a1/"),
    ("https://www.example.gov.cn/zt/reading-2024/schedule/index.html", "/schedule/"),
    ("/zt/reading-2024/en/index.html", "/en/"),
    ("https://www.example.gov.cn/zt/reading-2024/", "/"), ("https://www.example.gov.cn/zt/reading-2024", "/"),
    ("/zt/reading-2024", "/"), ("https://www.example.gov.cn:443/zt/reading-2024/notice/", "/notice/"),
    ("/zt/reading-2024/schedule/?view=list&x=1#main", "/schedule/?view=list&x=1#main"),
    ("https://www.example.gov.cn/zt/reading-2024/notice/#activity-a1", "/notice/#activity-a1"),
    ("/zt/reading-2024/images/map.png", "/images/map.png"),
])
def test_a_pages_address_on_the_published_site_is_the_path_of_the_site_it_names(href, path):
    assert PUBLISHED.site_path(href) == path
    assert parse_link(href, PUBLISHED) == replace(parse_link(path), href=href)


@pytest.mark.parametrize("href", [
    "https://other.example.org/zt/reading-2024/schedule/", "https://www.example.gov.cn/zt/other/",
    "https://www.example.gov.cn/", "https://www.example.gov.cn:8443/zt/reading-2024/schedule/",
    "ftp://www.example.gov.cn/zt/reading-2024/", "mailto:a@example.gov.cn", "//www.example.gov.cn/zt/reading-2024/",
    "/schedule/", "/about/", "/zt/other/", "#x", "../x/", "https://[www.example.gov.cn/zt/reading-2024/",
])
def test_an_address_elsewhere_and_a_path_of_the_site_are_left_as_they_are(href):
    assert PUBLISHED.site_path(href) is None
    assert parse_link(href, PUBLISHED) == parse_link(href)


def test_another_hosts_address_stays_external():
    assert parse_link("https://example.com/zt/reading-2024/schedule/", PUBLISHED).kind == "external"


def test_without_a_path_in_the_base_url_the_whole_address_is_still_the_sites():
    address = SiteAddress.of("https://reading.example.org/")
    assert address.site_path("https://reading.example.org/en/schedule/?a=1#main") == "/en/schedule/?a=1#main"
    assert address.site_path("http://reading.example.org/index.html") == "/"
    assert address.site_path("/schedule/") is None and address.site_path("https://example.org/schedule/") is None
    assert SiteAddress.of("/").site_path("https://reading.example.org/schedule/") is None


def test_a_path_whose_first_folder_is_the_sites_keeps_leading_where_it_led():
    assert SiteAddress.of("https://example.org/news/").site_path("/news/2024/") is None
    assert SiteAddress.of("https://example.org/zt/", ["zt"]).site_path("/zt/") is None
    assert SiteAddress.of("https://example.org/en/x/").site_path("/en/x/schedule/") is None
    assert SiteAddress.of("https://example.org/zt/").site_path("/zt/") == "/"
    assert SiteAddress.of("https://example.org/news/").site_path("https://example.org/news/news/") == "/news/"


def test_the_sites_folders_are_the_first_folders_of_every_page_the_plan_makes():
    site = site_of(activities_text=activities(3).replace("    schedule: {kind: campaign}\n",
                                                           "    schedule: {kind: campaign}\n    region: 广东\n", 1))
    planned = {page.route[len(language_prefix(page.lang)):].partition("/")[0] for page in plan(site)
               if page.key != "404"}
    assert "regions" in planned
    assert planned <= SITE_FOLDERS | {page.slug for page in site.pages}


PUBLISHED_CAMPAIGN = CAMPAIGN.replace("https://example.org/", "https://www.example.gov.cn/zt/reading-2024/")


def test_validation_takes_a_pages_published_address_and_reports_one_that_leads_nowhere_at_its_line():
    body = ("[a](/zt/reading-2024/schedule/) [b](https://www.example.gov.cn/zt/reading-2024/en/activities/a2/)\n"
            "[c](http://www.example.gov.cn/zt/reading-2024/about/index.html#contact)\n"
            "[d](https://www.example.gov.cn/zt/reading-2024/activities/a3/?from=home#top)\n"
            "[e](/zt/reading-2024/slogans/#reed) [f](https://example.com/zt/reading-2024/nope/)\n"
            "[g](https://www.example.gov.cn/other/)")
    wrong = problems_of(campaign=PUBLISHED_CAMPAIGN, pages={"about.zh.md": "关于。",
                                                           "about.en.md": body + "\n\n## Contact {#contact}"})
    assert wrong == [
        "content/about.en.md:6:5: the link https://www.example.gov.cn/zt/reading-2024/activities/a3/?from=home#top "
        "leads to no page of the site — did you mean /activities/a2/?",
        "content/about.en.md:7:5: the link /zt/reading-2024/slogans/#reed names the anchor #reed, which is not on the "
        "English page /slogans/ — the anchors there are #read, #share",
    ]
    fine = body.split("\n[d]")[0]
    assert validate(sources(campaign=PUBLISHED_CAMPAIGN, pages={"about.zh.md": "关于。", "about.en.md": fine
                                                                + "\n\n## Contact {#contact}"})).site


def test_a_picture_at_its_published_path_is_shown_and_at_its_whole_address_is_refused_saying_what_to_write():
    pages = {"about.zh.md": "![地图](/zt/reading-2024/images/map.png)",
             "about.en.md": "![Map](https://www.example.gov.cn/zt/reading-2024/images/map.png)\n\n"
                            "![Other](https://example.com/zt/reading-2024/images/map.png)"}
    assert problems_of(campaign=PUBLISHED_CAMPAIGN, pages=pages, files=("images/map.png",)) == [
        "content/about.en.md:4:1: ![Map](https://www.example.gov.cn/zt/reading-2024/images/map.png): a picture is "
        "shown from its path on the site, not its whole address — write ![what it shows](/images/map.png)",
        "content/about.en.md:6:1: ![Other](https://example.com/zt/reading-2024/images/map.png): pictures from another "
        "site are not shown — save the picture into content/images/ and link that: ![what it shows](/images/NAME.jpg)",
    ]


# -- where the links of a text are ----------------------------------------------------------------

def test_links_are_found_in_every_form_markdown_makes_an_address_of():
    text = ('A [page](/schedule/ "Title") and ![img](</images/a b.png>).\n'
            "[ref]: /notice/#x\n"
            '<a href="/about/">x</a> <img alt="" src=\'/files/a.pdf\'> <a title="t" href=/slogans/>s</a>\n'
            "[nested (parens)](/activities/a(1)/) and [amp](/x/?a=1&amp;b=2)")
    assert find_links(text) == [(1, 10, "/schedule/"), (1, 42, "/images/a b.png"), (2, 8, "/notice/#x"),
                                (3, 10, "/about/"), (3, 42, "/files/a.pdf"), (3, 75, "/slogans/"),
                                (4, 19, "/activities/a(1)/"), (4, 48, "/x/?a=1&b=2")]


def test_code_holds_no_links():
    text = ("`[a](../x/)` and ``[b](../y/)`` but [c](/z/)\n\n```\n[d](../fenced/)\n```\n\n"
            "    [e](../indented/)\n\n- item\n\n    [f](/in-list/)\n\n~~~~\n[g](../tilde/)\n~~~~\n[h](/after/)")
    assert [address for _, _, address in find_links(text)] == ["/z/", "/in-list/", "/after/"]


# -- how a build writes them ----------------------------------------------------------------------

def test_site_links_puts_each_path_under_the_base_and_leaves_the_rest():
    html = ('<a href="/schedule/">s</a><a href="/en/notice/#x">n</a><img src="/images/a%20b.png">'
            '<a href="https://example.com/">e</a><a href="//cdn.example.org/">c</a><a href="#here">h</a>'
            '<a href="/schedule/?a=1&amp;b=2">q</a>')
    assert site_links(html, "en", "/zt/x/") == (
        '<a href="/zt/x/en/schedule/">s</a><a href="/zt/x/en/notice/#x">n</a><img src="/zt/x/images/a%20b.png">'
        '<a href="https://example.com/">e</a><a href="//cdn.example.org/">c</a><a href="#here">h</a>'
        '<a href="/zt/x/en/schedule/?a=1&amp;b=2">q</a>')
    assert site_links('<a href="/schedule/">s</a>', "zh", "https://example.org/zt/x/") == \
        '<a href="https://example.org/zt/x/schedule/">s</a>'
    assert site_links("<p>no links</p>", "en", "/") == "<p>no links</p>"


def test_a_pages_published_address_is_written_as_its_path_would_be_and_another_hosts_is_untouched():
    html = ('<a href="/zt/reading-2024/schedule/">a</a>'
            '<a href="https://www.example.gov.cn/zt/reading-2024/en/notice/index.html?a=1&amp;b=2#x">b</a>'
            '<img src="/zt/reading-2024/images/a%20b.png">'
            '<a href="https://example.com/zt/reading-2024/schedule/">c</a>'
            '<a href="https://www.example.gov.cn/other/">d</a><a href="/about/">e</a>')
    as_paths = own_paths(html, PUBLISHED)
    assert as_paths == ('<a href="/schedule/">a</a><a href="/en/notice/?a=1&amp;b=2#x">b</a>'
                        '<img src="/images/a%20b.png">'
                        '<a href="https://example.com/zt/reading-2024/schedule/">c</a>'
                        '<a href="https://www.example.gov.cn/other/">d</a><a href="/about/">e</a>')
    assert site_links(as_paths, "en", "/preview/") == (
        '<a href="/preview/en/schedule/">a</a><a href="/preview/en/notice/?a=1&amp;b=2#x">b</a>'
        '<img src="/preview/images/a%20b.png">'
        '<a href="https://example.com/zt/reading-2024/schedule/">c</a>'
        '<a href="https://www.example.gov.cn/other/">d</a><a href="/preview/en/about/">e</a>')
    assert relativize(site_links(as_paths, "zh", "/"), "activities/a/index.html", "/").startswith(
        '<a href="../../schedule/index.html">a</a><a href="../../en/notice/index.html?a=1&amp;b=2#x">b</a>')
    assert own_paths("<p>no links</p>", PUBLISHED) == "<p>no links</p>"
    assert own_paths('<a href="https://reading.example.org/schedule/">a</a>',
                     SiteAddress.of("https://reading.example.org/")) == '<a href="/schedule/">a</a>'


def test_relative_urls_keep_the_query_before_the_anchor():
    html = '<a href="/zt/x/en/schedule/?a=1#main">s</a><a href="/zt/x/images/a.png">i</a>'
    assert relativize(html, "en/activities/a/index.html", "/zt/x/") == (
        '<a href="../../../en/schedule/index.html?a=1#main">s</a><a href="../../../images/a.png">i</a>')


# -- the messages of validation, at the source's line ----------------------------------------------

def test_validation_reports_each_wrong_link_at_its_line_and_column_in_the_source():
    wrong = problems_of(activities_text=activities(body_en="Fine [s](/schedule/).\nSee [x](../a2/) and [y](/nope/)."),
                        pages={"about.zh.md": "关于[我们](#us)。", "about.en.md": "About.\n\n[notes](/notes/)"})
    assert wrong == [
        "activities.yaml:10:17: activities[a1].body.en: the link ../a2/ is relative; a link to a page of the site "
        "is written as its path — write /activities/a2/ (the path from the site's root, without the base URL: the "
        "build adds it)",
        "activities.yaml:10:33: activities[a1].body.en: the link /nope/ leads to no page of the site — did you mean "
        "/notice/?",
        "content/about.en.md:6:9: the link /notes/ leads to no page of the site — did you mean /notice/?",
        "content/about.zh.md:4:8: the link #us names the anchor #us, which is not on this page — link to /about/ "
        "without an anchor, or end a heading there with {#us}",
    ]


def test_a_text_shown_in_place_of_a_pending_translation_is_checked_in_that_language_too():
    campaign = CAMPAIGN.replace("site:\n", "site:\n  translation_fallback: true\n")
    pages = {"about.zh.md": "## 联系 {#contact}", "about.en.md": "About."}
    only_chinese = activities().replace("      en: |\n        Body.\n", "", 1)
    assert "en: |\n        Body.\n    schedule: {kind: days" not in only_chinese
    body = "见[联系](/about/#contact)。"
    with pytest.raises(SiteError) as caught:
        validate(sources(campaign=campaign, pages=pages, activities_text=only_chinese.replace("正文。", body, 1)))
    assert [str(p) for p in caught.value.problems if p.severity == "error"] == [
        "activities.yaml:7:15: activities[a1].body.zh: the link /about/#contact names the anchor #contact, which is "
        "not on the English page /about/ — link to /about/ without an anchor, or end a heading there with {#contact}"]
    assert validate(sources(campaign=campaign, pages=pages, activities_text=activities(body_zh=body))).site
