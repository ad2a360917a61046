"""A campaign with many activities: the schedule is paginated, the home page shows the first ten,
and activities added after the notice are on the schedule but not in the notice."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, REPO, html_files, read_page, run_build

PAGE_SIZE = 10
COUNT = 25
NOT_IN_NOTICE = ("a03", "a10")
TODAY = "2025-04-01"  # before every activity: the listings hold them all, one a day
AS_OF = {**os.environ, "SOURCE_DATE_EPOCH": "1743465600"}  # TODAY, for `check` (which takes no --today)


def activities_yaml() -> str:
    """a01 has no dates (listed last); a02..a25 start on 25 April .. 2 April, so the schedule runs
    a25, a24, …, a02, a01: the reverse of the file's order."""
    lines = ["activities:"]
    for number in range(1, COUNT + 1):
        slug = f"a{number:02d}"
        schedule = ("{kind: campaign}" if number == 1
                    else f"{{kind: days, start: 2025-04-{27 - number:02d}}}")
        lines += [f"  - slug: {slug}",
                  f"    title: {{zh: 活动{slug}, en: Activity {slug}}}",
                  f"    summary: {{zh: 摘要{slug}。, en: Summary {slug}.}}",
                  f"    body: {{zh: 正文{slug}。, en: Body {slug}.}}",
                  f"    schedule: {schedule}"]
        if slug in NOT_IN_NOTICE:
            lines.append("    in_notice: false")
    return "\n".join(lines) + "\n"


SCHEDULE_ORDER = [f"a{n:02d}" for n in range(COUNT, 1, -1)] + ["a01"]


def make_site(root: Path) -> Path:
    site = root / "many"
    shutil.copytree(FIXTURES / "reading-festival", site)
    campaign = (site / "campaign.yaml").read_text(encoding="utf-8")
    assert "site:\n  base_url: https://reading.example.org/\n" in campaign
    campaign = campaign.replace("site:\n", f"site:\n  schedule_page_size: {PAGE_SIZE}\n", 1)
    (site / "campaign.yaml").write_text(campaign, encoding="utf-8")
    (site / "activities.yaml").write_text(activities_yaml(), encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    site = make_site(tmp_path_factory.mktemp("many"))
    result = run_build("build", "--site", str(site), "--output", str(site / "output"), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    return site / "output"


def between(root: Path, page: str, start: str, end: str) -> str:
    """The HTML of `page` from the first `start` to the next `end`."""
    text = (root / page).read_text(encoding="utf-8")
    assert start in text, (page, start)
    return text.split(start, 1)[1].split(end, 1)[0]


def listed(root: Path, page: str) -> list[str]:
    """The slugs of the activities a listing's page lists, in order (under each of its headings)."""
    prefix = "/en/activities/" if page.startswith("en/") else "/activities/"
    text = (root / page).read_text(encoding="utf-8")
    timelines = re.findall(r'<ol class="timeline">(.*?)</ol>', text, re.S)
    return re.findall(re.escape(prefix) + r"([a-z0-9-]+)/", "".join(timelines))


def title(root: Path, page: str) -> str:
    return between(root, page, "<title>", "</title>")


def pager(root: Path, page: str) -> dict:
    navs = read_page(root, page).find("nav", class_="pager")
    block = between(root, page, '<nav class="pager"', "</nav>")
    links = re.findall(r'<a href="([^"]*)"([^>]*)>', block)
    return {
        "label": navs[0].attrs["aria-label"] if navs else None,
        "hrefs": [href for href, _ in links],
        "prev": [href for href, attrs in links if 'rel="prev"' in attrs],
        "next": [href for href, attrs in links if 'rel="next"' in attrs],
        "current": [href for href, attrs in links if 'aria-current="page"' in attrs],
    }


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_schedule_is_split_into_pages_of_the_configured_size(many, prefix):
    files = html_files(many)
    pages = [f"{prefix}schedule/index.html", f"{prefix}schedule/page/2/index.html",
             f"{prefix}schedule/page/3/index.html"]
    assert all(page in files for page in pages)
    assert f"{prefix}schedule/page/4/index.html" not in files
    assert f"{prefix}schedule/page/1/index.html" not in files
    assert [listed(many, page) for page in pages] == [SCHEDULE_ORDER[:10], SCHEDULE_ORDER[10:20], SCHEDULE_ORDER[20:]]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_schedule_page_links_its_neighbours_and_marks_itself(many, prefix):
    first, second, third = f"/{prefix}schedule/", f"/{prefix}schedule/page/2/", f"/{prefix}schedule/page/3/"
    label = "Schedule pages" if prefix else "活动安排分页"
    one = pager(many, f"{prefix}schedule/index.html")
    two = pager(many, f"{prefix}schedule/page/2/index.html")
    three = pager(many, f"{prefix}schedule/page/3/index.html")
    assert one == {"label": label, "hrefs": [first, second, third], "prev": [], "next": [second], "current": [first]}
    assert two == {"label": label, "hrefs": [first, second, third], "prev": [first], "next": [third],
                   "current": [second]}
    assert three == {"label": label, "hrefs": [first, second, third], "prev": [second], "next": [], "current": [third]}


def test_the_title_of_a_later_page_says_its_number_in_both_languages(many):
    assert title(many, "schedule/index.html") == "活动安排 | 2025年全民阅读节"
    assert title(many, "schedule/page/2/index.html") == "活动安排（第2页，共3页） | 2025年全民阅读节"
    assert title(many, "en/schedule/index.html") == "Schedule of activities | 2025 National Reading Festival"
    assert (title(many, "en/schedule/page/3/index.html")
            == "Schedule of activities, page 3 of 3 | 2025 National Reading Festival")
    assert between(many, "en/schedule/page/2/index.html", "<h1>", "</h1>") == "Schedule of activities, page 2 of 3"
    assert between(many, "schedule/page/3/index.html", "<h1>", "</h1>") == "活动安排（第3页，共3页）"


def test_the_language_switch_of_a_later_page_leads_to_the_same_page(many):
    switch = read_page(many, "en/schedule/page/2/index.html").find("a", class_="lang-switch")[0]
    assert switch.attrs["href"] == "/schedule/page/2/"
    switch = read_page(many, "schedule/page/3/index.html").find("a", class_="lang-switch")[0]
    assert switch.attrs["href"] == "/en/schedule/page/3/"
    canonical = read_page(many, "en/schedule/page/2/index.html").find("link", rel="canonical")[0]
    assert canonical.attrs["href"] == "https://reading.example.org/en/schedule/page/2/"


def test_the_menu_leads_to_the_first_schedule_page_only(many):
    for page in ("en/index.html", "en/schedule/page/2/index.html", "en/activities/a05/index.html"):
        menu = between(many, page, '<nav class="site-nav"', "</nav>")
        assert 'href="/en/schedule/"' in menu and "/schedule/page/" not in menu


def test_the_sitemap_lists_every_schedule_page_with_its_alternates(many):
    sitemap = (many / "sitemap.xml").read_text(encoding="utf-8")
    for route in ("schedule/page/2/", "schedule/page/3/", "en/schedule/page/2/", "en/schedule/page/3/"):
        assert f"<loc>https://reading.example.org/{route}</loc>" in sitemap
    assert "schedule/page/4/" not in sitemap


def test_an_activity_page_leads_back_to_the_schedule_page_that_lists_it(many):
    # a10 is the 16th in the schedule: on page 2
    page = read_page(many, "en/activities/a10/index.html")
    back = [e.attrs["href"] for e in page.find("a") if e.attrs.get("href", "").startswith("/en/schedule")]
    # menu, breadcrumb, its month's listing (page 2 of April's), pager
    assert back == ["/en/schedule/", "/en/schedule/page/2/", "/en/schedule/2025-04/page/2/", "/en/schedule/page/2/"]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_home_page_glances_at_the_first_ten_activities(many, prefix):
    glance = between(many, f"{prefix}index.html", '<ol class="glance">', "</ol>")
    assert re.findall(r'/activities/([a-z0-9-]+)/', glance) == SCHEDULE_ORDER[:10]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_activities_added_after_the_notice_are_not_in_it(many, prefix):
    notice = (many / f"{prefix}notice/index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<li id="activity-([a-z0-9-]+)"><span class="number">([^<]*)</span>', notice)
    in_notice = [f"a{n:02d}" for n in range(1, COUNT + 1) if f"a{n:02d}" not in NOT_IN_NOTICE]
    assert [slug for slug, _ in ids] == in_notice
    numbers = [number.strip() for _, number in ids]
    assert numbers[:3] == (["（一）", "（二）", "（三）"] if not prefix else ["(1)", "(2)", "(3)"])
    assert numbers[-1] == ("（二十三）" if not prefix else "(23)")
    for slug in NOT_IN_NOTICE:
        assert f"/activities/{slug}/" in "".join(
            (many / f"{prefix}{page}").read_text(encoding="utf-8")
            for page in ("schedule/index.html", "schedule/page/2/index.html", "schedule/page/3/index.html"))
        assert (many / f"{prefix}activities/{slug}/index.html").is_file()


def test_an_activity_page_numbers_itself_as_the_notice_does(many):
    def kicker(page):
        return between(many, page, '<p class="kicker">', "</p>")
    assert kicker("en/activities/a04/index.html") == "Activity 3"  # a03 is not in the notice
    assert kicker("activities/a04/index.html") == "第三项活动"
    assert kicker("en/activities/a25/index.html") == "Activity 23"
    assert kicker("en/activities/a03/index.html") == "Added after the notice was issued"
    assert kicker("activities/a03/index.html") == "通知印发后增列的活动"


def test_a_notice_without_activities_has_no_activities_section(tmp_path):
    site = make_site(tmp_path)
    text = (site / "activities.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(    schedule: .*\n)(?!    in_notice)", r"\1    in_notice: false\n", text)
    (site / "activities.yaml").write_text(text, encoding="utf-8")
    result = run_build("build", "--site", str(site), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    notice = read_page(tmp_path / "out", "en/notice/index.html")
    assert "notice-activities" not in notice.ids()
    assert "Main activities" not in notice.text()
    assert [h.attrs.get("id") for h in notice.find("h2")] == ["notice-theme", "notice-requirements",
                                                               "notice-slogans"]


def test_check_covers_the_later_schedule_pages(many, tmp_path):
    site = make_site(tmp_path)
    result = run_build("check", "--strict", "--site", str(site), env=AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"; {len(html_files(many))} pages," in result.stdout + result.stderr
    # a broken link on the second page alone is found, in both languages
    (site / "templates").mkdir()
    template = (REPO / "templates" / "schedule.html").read_text(encoding="utf-8")
    broken = "{% if page_number == 2 %}<p><a href=\"{{ url('home') }}nowhere/\">x</a></p>{% endif %}\n"
    (site / "templates" / "schedule.html").write_text(
        template.replace("{% with kind=None %}", broken + "{% with kind=None %}", 1), encoding="utf-8")
    result = run_build("check", "--site", str(site), env=AS_OF)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    broken_on = sorted(set(re.findall(r"output/(\S+?):\d+", output)))
    assert broken_on == ["en/schedule/page/2/index.html", "schedule/page/2/index.html"], output


def test_a_wrong_in_notice_value_stops_the_build_with_its_position(tmp_path):
    site = make_site(tmp_path)
    text = (site / "activities.yaml").read_text(encoding="utf-8")
    (site / "activities.yaml").write_text(text.replace("    in_notice: false\n", "    in_notice: no\n", 1),
                                          encoding="utf-8")
    result = run_build("build", "--site", str(site), "--output", str(tmp_path / "out"))
    assert result.returncode != 0
    assert ("activities.yaml:17:16: activities[a03].in_notice: expected true or false, found 'no' "
            "— write true or false (yes/no and on/off are not accepted)") in result.stderr, result.stderr


def test_a_link_to_a_schedule_page_leads_there_while_the_build_makes_it_and_else_to_the_schedule_with_a_warning(
        tmp_path):
    site = make_site(tmp_path)
    activities = (site / "activities.yaml").read_text(encoding="utf-8")
    activities = activities.replace("body: {zh: 正文a02。, en: Body a02.}",
                                    'body: {zh: "[后面的活动](/schedule/page/3/)", en: "[Later](/schedule/page/3/)"}')
    (site / "activities.yaml").write_text(activities, encoding="utf-8")
    for today, leads_to, warned in ((TODAY, "/schedule/page/3/", False), ("2025-04-20", "/schedule/", True)):
        output = tmp_path / today
        result = run_build("build", "--site", str(site), "--output", str(output), "--today", today)
        assert result.returncode == 0, result.stderr
        for prefix, text in (("", "后面的活动"), ("en/", "Later")):
            page = (output / prefix / "activities/a02/index.html").read_text(encoding="utf-8")
            assert re.findall(f'<a href="([^"]*)">{text}</a>', page) == [f"/{prefix}{leads_to[1:]}"], today
        warning = ("activities.yaml:{}: activities[a02].body.{}: warning: the link /schedule/page/3/ names a page this "
                   "build does not make: the pages of the listing /schedule/ now follow the build date, and the link "
                   "leads to its first page — link /schedule/, or a day's page such as /schedule/YYYY-MM-DD/, instead")
        line = activities[:activities.index("[后面的活动]")].count("\n") + 1
        found = [row for row in result.stderr.splitlines() if "/schedule/page/3/" in row]
        assert found == ([warning.format(f"{line}:{column}", lang) for lang, column in (("zh", 16), ("en", 50))]
                         if warned else []), result.stderr


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_schedule_opens_with_its_ways_in_before_the_first_day(many, prefix):
    page = (many / f"{prefix}schedule/index.html").read_text(encoding="utf-8")
    ways_in = page.index('<nav class="browse"')
    assert ways_in < page.index('class="day-group"')
    links = re.findall(r'href="([^"]+)"', page[ways_in:page.index("</nav>", ways_in)])
    months = sorted({path.split("/")[-2] for path in links if re.search(r"/schedule/\d{4}-\d{2}/$", path)})
    assert months == ["2025-04"] and len(links) == len(months) + 1  # this campaign names no region
    assert links[0] == "#days-chart"  # the way to the strip of days after what is on now
