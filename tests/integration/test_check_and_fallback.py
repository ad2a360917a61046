"""`build.py check`, publishing Chinese first with 'translation pending', and inputs that are fine though odd."""
from __future__ import annotations

import re

from tests.helpers import REPO, copy_fixture, read_page, run_build


def test_the_default_campaign_passes_check_strict_and_nothing_is_written(tmp_path):
    result = run_build("check", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("check: 0 errors, 0 warnings; 94 pages, ")
    assert result.stdout.rstrip().endswith("links checked; translations complete")


def test_check_writes_nothing(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    assert run_build("check", "--site", str(site)).returncode == 0
    assert sorted(p.name for p in site.iterdir()) == ["activities.yaml", "campaign.yaml", "content", "slogans.yaml"]


def test_check_finds_a_broken_link_and_a_missing_anchor_of_markdown_at_its_source(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    (site / "content" / "visit.en.md").write_text(
        "---\ntitle: Visiting\n---\nSee [the fair](/en/activities/bok-fair/) and [a slogan](/en/slogans/#nope).\n",
        encoding="utf-8")
    result = run_build("check", "--site", str(site))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/visit.en.md:4:16: the link /en/activities/bok-fair/ leads to no page of the site — did you mean "
        "/en/activities/book-fair/?",
        "content/visit.en.md:4:57: the link /en/slogans/#nope names the anchor #nope, which is not on the English "
        "page /slogans/ — the anchors there are #books-for-all, #read-every-day",
        "check: 2 errors, 0 warnings; 0 pages, 0 links checked; translations complete",
    ]


def test_check_finds_a_broken_link_and_a_missing_anchor_a_template_makes(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    for guide in (site / "content").glob("guide.*.md"):  # one content page is enough to show the messages
        guide.unlink()
    page = (REPO / "templates" / "page.html").read_text(encoding="utf-8")
    (site / "templates").mkdir()
    (site / "templates" / "page.html").write_text(page.replace(
        "{{ md(content.body) }}",
        "{{ md(content.body) }}<a href=\"{{ url('activity/bok-fair') }}\">x</a><a href=\"{{ url('slogans') }}#nope\">y</a>"),
        encoding="utf-8")
    result = run_build("check", "--site", str(site))
    assert result.returncode == 1
    assert [re.sub(r"html:\d+:", "html:N:", line) for line in result.stderr.splitlines()] == [
        "output/en/visit/index.html:N: the link /en/activities/bok-fair/ leads to en/activities/bok-fair/index.html, "
        "which is not built — check the slug or the template that makes this link",
        "output/en/visit/index.html:N: the link /en/slogans/#nope names the anchor #nope, which is not on "
        "en/slogans/index.html — check the slug or the template that makes this link",
        "output/visit/index.html:N: the link /activities/bok-fair/ leads to activities/bok-fair/index.html, "
        "which is not built — check the slug or the template that makes this link",
        "output/visit/index.html:N: the link /slogans/#nope names the anchor #nope, which is not on "
        "slogans/index.html — check the slug or the template that makes this link",
        "check: 4 errors, 0 warnings; 50 pages, 1260 links checked; translations complete",
    ]  # 1260: with the links of the regions chart and of the schedule's strip of days (and the way to it), in each language


def _chinese_first(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    text = (site / "activities.yaml").read_text(encoding="utf-8")
    (site / "activities.yaml").write_text(text.replace("title: {zh: 作家讲座, en: Author Talks}", "title: {zh: 作家讲座}"),
                                          encoding="utf-8")
    (site / "content" / "visit.en.md").unlink()
    return site


def test_a_missing_translation_stops_the_build_by_default(tmp_path):
    site = _chinese_first(tmp_path)
    result = run_build("build", "--site", str(site))
    assert result.returncode == 1
    assert "activities.yaml:19:5: activities[author-talks].title.en: the English title is missing" in result.stderr
    assert "content/visit.zh.md: the page has no English version — add content/visit.en.md" in result.stderr


def test_with_the_option_the_english_page_shows_the_chinese_marked_pending(tmp_path):
    site = _chinese_first(tmp_path)
    result = run_build("build", "--site", str(site), "--allow-missing-translations")
    assert result.returncode == 0, result.stderr
    page = read_page(site / "output", "en/activities/author-talks/index.html")
    pending = page.find("span", class_="pending")
    assert pending and pending[0].lang == "zh-Hans"
    assert "作家讲座 (translation pending)" in page.text()
    visit = read_page(site / "output", "en/visit/index.html")
    assert visit.find("div", class_="pending")[0].attrs["lang"] == "zh-Hans"
    assert "(translation pending)" in visit.text()


def _declare_fallback(site):
    text = (site / "campaign.yaml").read_text(encoding="utf-8")
    (site / "campaign.yaml").write_text(text.replace("site:\n", "site:\n  translation_fallback: true\n"),
                                        encoding="utf-8")


def _chinese_first_in_places(tmp_path):
    """A campaign published in Chinese first: English missing in an activity, a page, a slogan and a heading."""
    site = _chinese_first(tmp_path)
    for name, old, new in (("slogans.yaml", 'en: Good books for everyone', ''),
                           ("campaign.yaml", "slogans: {zh: 宣传口号, en: Slogans}", "slogans: {zh: 宣传口号}")):
        text = (site / name).read_text(encoding="utf-8")
        (site / name).write_text(text.replace(old, new).replace("好书共分享, }", "好书共分享}"), encoding="utf-8")
    return site


PENDING = [
    "activities.yaml:19:5: activities[author-talks].title.en: warning: the English title is missing "
    "(shown as 'translation pending') — add 'en: …' under 'title' once it is ready",
    "campaign.yaml:17:3: sections.slogans.en: warning: the English heading of the slogans section is missing "
    "(shown as 'translation pending') — add 'en: …' under 'slogans' once it is ready",
    "content/visit.zh.md: warning: the page has no English version — add content/visit.en.md",
    "slogans.yaml:5:5: slogans[books-for-all].text.en: warning: the English text of the slogan is missing "
    "(shown as 'translation pending') — add 'en: …' under 'text' once it is ready",
]


def test_check_lists_every_pending_translation_and_strict_passes_when_the_campaign_declares_them(tmp_path):
    site = _chinese_first_in_places(tmp_path)
    _declare_fallback(site)
    for options in ((), ("--strict",)):
        result = run_build("check", "--site", str(site), *options)
        assert result.returncode == 0, result.stderr
        assert result.stderr.splitlines() == PENDING
        assert result.stdout.startswith("check: 0 errors, 4 warnings; 52 pages, ")
        assert result.stdout.rstrip().endswith("links checked; 4 translations pending")


def test_the_option_declares_pending_translations_as_the_setting_does(tmp_path):
    site = _chinese_first_in_places(tmp_path)
    result = run_build("check", "--site", str(site), "--strict", "--allow-missing-translations")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == PENDING


def test_without_a_declared_fallback_the_same_campaign_fails_check_strict_or_not(tmp_path):
    site = _chinese_first_in_places(tmp_path)
    for options in ((), ("--strict",)):
        result = run_build("check", "--site", str(site), *options)
        assert result.returncode == 1
        lines = result.stderr.splitlines()
        assert lines[0] == ("activities.yaml:19:5: activities[author-talks].title.en: the English title is missing — "
                            "add 'en: …' under 'title' (or set site.translation_fallback: true to publish the "
                            "original for now)")
        assert len(lines) == 5 and lines[-1] == "check: 4 errors, 0 warnings; 0 pages, 0 links checked; " \
                                                "4 translations missing"


def test_strict_still_fails_on_a_warning_that_is_no_pending_translation(tmp_path):
    site = _chinese_first_in_places(tmp_path)
    _declare_fallback(site)
    text = (site / "activities.yaml").read_text(encoding="utf-8")
    (site / "activities.yaml").write_text(text.replace("start: 2025-04-23, end: 2025-04-25", "start: 2027-04-23, end: 2027-04-25"), encoding="utf-8")
    relaxed, strict = (run_build("check", "--site", str(site), *options) for options in ((), ("--strict",)))
    assert relaxed.returncode == 0 and strict.returncode == 1
    assert "warning: the activity is dated more than a year away from the campaign" in strict.stderr
    assert strict.stderr.splitlines()[-1].endswith("links checked; 4 translations pending")


def test_bom_and_crlf_and_yaml_1_1_words_are_read_as_the_author_meant(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    slogans = "slogans:\n  - slug: read-every-day\n    text: {zh: 读书, en: yes}\n  - slug: at-ten\n    text: {zh: 十点, en: 10:00}\n"
    (site / "slogans.yaml").write_bytes(b"\xef\xbb\xbf" + slogans.replace("\n", "\r\n").encode("utf-8"))
    result = run_build("build", "--site", str(site))
    assert result.returncode == 0, result.stderr
    gallery = read_page(site / "output", "en/slogans/index.html")
    assert [e for e in gallery.texts if e[1] in ("yes", "10:00")] == [("en", "yes"), ("en", "10:00")]


def test_every_value_from_yaml_is_escaped_in_text_and_attributes(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    nasty = '<script>alert(1)</script>" onmouseover="x'
    text = (site / "activities.yaml").read_text(encoding="utf-8")
    text = text.replace("summary: {zh: 在中心广场举办书市。, en: A book fair on Central Square.}",
                        f"summary: {{zh: 书市, en: '{nasty}'}}")
    (site / "activities.yaml").write_text(text, encoding="utf-8")
    assert run_build("build", "--site", str(site)).returncode == 0
    html = (site / "output" / "en" / "activities" / "book-fair" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in html and 'onmouseover="x' not in html
    assert '<meta name="description" content="&lt;script&gt;alert(1)&lt;/script&gt;&#34; onmouseover=&#34;x">' in html
