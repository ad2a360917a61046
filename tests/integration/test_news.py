"""News posts built end to end: the reading festival with the posts of tests/fixtures/news (four published on
the build date, one scheduled): the list, the posts, the home page, an activity page, the feeds, the sitemap, the
structured data, `check`'s note, and an incremental rebuild after a post is edited."""
from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, run_build

TODAY = "2025-04-20"
ATOM = "{http://www.w3.org/2005/Atom}"
PUBLISHED = ["talks-begin", "marathon-route", "fair-programme", "festival-announced"]
NOTE = ("content/news/2025-04-28-fair-results.zh.md: note: the post is dated 2025-04-28, after the build date "
        "(2025-04-20), and is not published yet — it appears on the build of 2025-04-28 or later\n")


def make_site(root: Path) -> Path:
    site = root / "site"
    shutil.copytree(FIXTURES / "reading-festival", site)
    shutil.copytree(FIXTURES / "news" / "content", site / "content", dirs_exist_ok=True)
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = make_site(tmp_path_factory.mktemp("news"))
    result = run_build("build", "--site", str(site), "--output", str(site / "output"), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert result.stderr == NOTE
    return site / "output"


def main_of(root: Path, page: str) -> str:
    text = (root / page).read_text(encoding="utf-8")
    return text[text.index('<main id="main"'):text.index("</main>") + 7]


def between(root: Path, page: str, start: str, end: str) -> str:
    text = (root / page).read_text(encoding="utf-8")
    begin = text.index(start)
    return text[begin:text.index(end, begin) + len(end)]


def test_the_news_list_shows_the_published_posts_newest_first(built):
    assert main_of(built, "en/news/index.html") == """<main id="main" class="wrap" tabindex="-1">
<h1>News</h1>
<ol class="news-list">
  <li class="news-item">
    <h2><a href="/en/news/talks-begin/">The authors&#39; talks begin</a></h2>
    <p class="when"><time datetime="2025-04-19">19 April 2025</time></p>
    <p>The first talk was held at the City Library.</p>
  </li>
  <li class="news-item">
    <h2><a href="/en/news/marathon-route/">The marathon&#39;s route is set</a></h2>
    <p class="when"><time datetime="2025-04-12">12 April 2025</time></p>
    <p>The reading marathon will be a relay between five libraries.</p>
  </li>
  <li class="news-item has-cover">
    <div class="news-cover"><picture><source type="image/webp" srcset="/images/emblem.c847e80d5a.480.webp 480w, /images/emblem.c847e80d5a.960.webp 960w, /images/emblem.c847e80d5a.1200.webp 1200w" sizes="8rem"><img src="/images/emblem.c847e80d5a.960.jpg" srcset="/images/emblem.c847e80d5a.480.jpg 480w, /images/emblem.c847e80d5a.960.jpg 960w, /images/emblem.c847e80d5a.1200.jpg 1200w" sizes="8rem" width="960" height="504" alt="" loading="lazy" decoding="async"></picture></div>
    <h2><a href="/en/news/fair-programme/">The fair&#39;s exhibitors are published</a></h2>
    <p class="when"><time datetime="2025-04-02">2 April 2025</time></p>
    <p>Forty publishers will take part in the spring book fair.</p>
  </li>
  <li class="news-item">
    <h2><a href="/en/news/festival-announced/">The festival&#39;s programme is announced</a></h2>
    <p class="when"><time datetime="2025-03-20">20 March 2025</time></p>
    <p>The organizers announced this year&#39;s activities.</p>
  </li>
</ol>
<p><a href="/en/feed.xml">Subscribe to the news (Atom)</a></p>
</main>"""
    assert not (built / "news" / "page").exists()


def test_the_scheduled_post_is_nowhere(built):
    assert not (built / "news" / "fair-results").exists() and not (built / "en" / "news" / "fair-results").exists()
    for path in built.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml"):
            assert "fair-results" not in path.read_text(encoding="utf-8"), path


def test_a_post_shows_its_date_source_text_activities_and_neighbours(built):
    assert main_of(built, "news/festival-announced/index.html") == """<main id="main" class="wrap" tabindex="-1">
<p class="breadcrumb"><a href="/news/">工作动态</a></p>
<article class="post">
  <h1>读书节活动安排公布</h1>
  <p class="post-meta"><time datetime="2025-03-20">2025年3月20日</time>\u3000<span class="post-source">来源：市文化局</span></p>
  <div class="prose">
<p>本届读书节包括<a href="/activities/book-fair/">春季书市</a>和作家讲座。</p>
  </div>
  <p class="post-activities">相关活动：<a href="/activities/book-fair/">春季书市</a>、<a href="/activities/author-talks/">作家讲座</a></p>
</article>
<nav class="pager" aria-label="动态翻页">
  <ul>
    <li class="pager-next"><a href="/news/fair-programme/" rel="next"><span class="pager-label">下一篇</span> 书市参展名单发布</a></li>
    <li class="pager-back"><a href="/news/">返回工作动态</a></li>
  </ul>
</nav>
</main>"""
    newest = main_of(built, "en/news/talks-begin/index.html")
    assert '<li class="pager-prev"><a href="/en/news/marathon-route/" rel="prev">' in newest
    assert 'rel="next"' not in newest and "post-activities" not in newest and "post-source" not in newest


def test_the_home_page_shows_the_latest_three(built):
    assert between(built, "en/index.html", '<section class="panel" aria-labelledby="news-heading">',
                   "</section>") == """<section class="panel" aria-labelledby="news-heading">
  <h2 id="news-heading">Latest news</h2>
  <ul class="news-latest">
    <li><a href="/en/news/talks-begin/">The authors&#39; talks begin</a> <time class="when" datetime="2025-04-19">19 April 2025</time></li>
    <li><a href="/en/news/marathon-route/">The marathon&#39;s route is set</a> <time class="when" datetime="2025-04-12">12 April 2025</time></li>
    <li><a href="/en/news/fair-programme/">The fair&#39;s exhibitors are published</a> <time class="when" datetime="2025-04-02">2 April 2025</time></li>
  </ul>
  <p><a href="/en/news/">See all news</a></p>
</section>"""
    assert '<li><a href="/en/news/">News</a></li>' in (built / "en/index.html").read_text(encoding="utf-8")


def test_an_activity_page_lists_the_posts_that_report_on_it(built):
    assert between(built, "en/activities/book-fair/index.html", '<section class="reports"', "</section>") == (
        """<section class="reports" aria-labelledby="reports-heading">
    <h2 id="reports-heading">News about this activity</h2>
    <ul>
      <li><a href="/en/news/fair-programme/">The fair&#39;s exhibitors are published</a> <time class="when" datetime="2025-04-02">2 April 2025</time></li>
      <li><a href="/en/news/festival-announced/">The festival&#39;s programme is announced</a> <time class="when" datetime="2025-03-20">20 March 2025</time></li>
    </ul>
  </section>""")
    for activity, post in (("author-talks", "festival-announced"), ("reading-marathon", "marathon-route")):
        listed = between(built, f"activities/{activity}/index.html", '<section class="reports"', "</section>")
        assert re.findall(r'href="/news/([^/]+)/"', listed) == [post]


def test_the_feeds_keep_the_activities_and_add_the_posts(built):
    for lang, prefix in (("zh", ""), ("en", "en/")):
        feed = ET.parse(built / prefix / "feed.xml").getroot()
        entries = feed.findall(f"{ATOM}entry")
        ids = [entry.findtext(f"{ATOM}id") for entry in entries]
        assert ids == [f"https://reading.example.org/{prefix}activities/{slug}/" for slug in
                       ("book-fair", "reading-marathon", "author-talks")] + [
            f"https://reading.example.org/{prefix}news/{slug}/" for slug in PUBLISHED], lang
    post = ET.parse(built / "en/feed.xml").getroot().findall(f"{ATOM}entry")[4]
    assert [(child.tag[len(ATOM):], child.text) for child in post if child.tag != f"{ATOM}link"] == [
        ("title", "The marathon's route is set"), ("id", "https://reading.example.org/en/news/marathon-route/"),
        ("updated", "2025-04-12T00:00:00Z"), ("published", "2025-04-12T00:00:00Z"),
        ("summary", "The reading marathon will be a relay between five libraries."),
        ("content", "<p>The relay runs between five libraries.</p>")]


def test_the_sitemap_lists_the_news_pages(built):
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>https://reading\.example\.org/((?:en/)?news/[^<]*)</loc>", sitemap)
    assert listed == ["news/", *(f"news/{slug}/" for slug in PUBLISHED), "en/news/",
                      *(f"en/news/{slug}/" for slug in PUBLISHED)]


def structured(root: Path, page: str) -> dict:
    text = (root / page).read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text).group(1))


def test_each_post_is_a_news_article_with_an_image_only_when_it_has_a_cover(built):
    assert structured(built, "en/news/fair-programme/index.html") == {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "The fair's exhibitors are published",
        "description": "Forty publishers will take part in the spring book fair.", "datePublished": "2025-04-02",
        "inLanguage": "en", "url": "https://reading.example.org/en/news/fair-programme/",
        "mainEntityOfPage": "https://reading.example.org/en/news/fair-programme/",
        "image": "https://reading.example.org/images/emblem.c847e80d5a.1200.jpg",  # the widest JPEG, never the original
        "publisher": {"@type": "Organization", "name": "City Culture Bureau", "alternateName": "Culture Bureau"}}
    zh = structured(built, "news/talks-begin/index.html")
    assert "image" not in zh and (zh["headline"], zh["inLanguage"]) == ("作家讲座开讲", "zh-Hans")


def test_check_notes_when_the_scheduled_post_appears(tmp_path):
    site = make_site(tmp_path)
    noon = datetime.fromisoformat(TODAY + "T12:00:00+00:00").timestamp()
    result = run_build("check", "--site", str(site), env={**os.environ, "SOURCE_DATE_EPOCH": str(int(noon))})
    assert result.returncode == 0, result.stderr
    assert result.stderr == NOTE


def test_editing_a_post_renders_it_its_neighbours_the_lists_and_its_activity_again(tmp_path):
    site = make_site(tmp_path)
    args = ("build", "--site", str(site), "--output", str(site / "output"), "--today", TODAY)
    assert run_build(*args).returncode == 0
    post = site / "content/news/2025-04-12-marathon-route.en.md"
    post.write_text(post.read_text(encoding="utf-8").replace("five libraries.\n", "six libraries.\n"),
                    encoding="utf-8")
    result = run_build(*args)
    assert result.returncode == 0, result.stderr
    # the post, its two neighbours, the news list, the home page and the marathon's page, in both languages
    assert re.match(r"Built 62 pages \(31 zh, 31 en; 50 unchanged\)", result.stdout), result.stdout
    assert "six libraries" in (site / "output/en/news/marathon-route/index.html").read_text(encoding="utf-8")


EMBLEM = "/images/emblem.c847e80d5a"


def test_a_post_shows_its_cover_first_as_a_picture_with_its_caption_and_credit(built):
    assert between(built, "en/news/fair-programme/index.html", '<div class="post-cover">', "</div>") == (
        f'<div class="post-cover"><figure><picture><source type="image/webp" srcset="{EMBLEM}.480.webp 480w, '
        f'{EMBLEM}.960.webp 960w, {EMBLEM}.1200.webp 1200w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)">'
        f'<img src="{EMBLEM}.960.jpg" srcset="{EMBLEM}.480.jpg 480w, {EMBLEM}.960.jpg 960w, {EMBLEM}.1200.jpg 1200w" '
        'sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="960" height="504" '
        'alt="The festival&#x27;s emblem" loading="eager" decoding="async"></picture><figcaption>This year&#x27;s '
        'emblem <small class="credit">Image: City Library</small></figcaption></figure></div>')
    assert ('<figcaption>本届读书节标志 <small class="credit">摄影/制图：市图书馆</small></figcaption>'
            in (built / "news/fair-programme/index.html").read_text(encoding="utf-8"))


def test_a_posts_share_card_is_its_covers_widest_jpeg_and_other_pages_keep_the_campaigns(built):
    cards = re.findall(r'<meta (?:property|name)="(?:og|twitter):image[^>]*>',
                       (built / "en/news/fair-programme/index.html").read_text(encoding="utf-8"))
    assert cards == [f'<meta property="og:image" content="https://reading.example.org{EMBLEM}.1200.jpg">',
                     '<meta property="og:image:width" content="1200">',
                     '<meta property="og:image:height" content="630">',
                     '<meta property="og:image:alt" content="The festival&#39;s emblem">',
                     f'<meta name="twitter:image" content="https://reading.example.org{EMBLEM}.1200.jpg">']
    for page in ("en/news/talks-begin/index.html", "en/news/index.html"):
        assert "/assets/share." in between(built, page, '<meta property="og:image"', ">")
    assert not (built / "images/emblem.png").exists()  # only the processed variants are published
