"""The default campaign's news (issue 15 §4): three posts in both languages, each with its cover published only as
processed variants with alt text in both languages, linked to the activities they report on; the slogans as a
one-page PDF with real text, at most 300 KB, linked from the first post with its type and size."""
from __future__ import annotations

import re

from PIL import Image
from pypdf import PdfReader

from tests.helpers import REPO

POSTS = ["forum-and-fair", "performance-excellence-standard", "quality-month-begins"]  # newest first
PDF = "files/2008-quality-month-slogans.pdf"


def test_the_news_list_shows_the_three_posts_newest_first_in_both_languages(default_site):
    for prefix in ("", "en/"):
        listed = re.findall(r'<h2><a href="/' + prefix + r'news/([a-z-]+)/">', (default_site / prefix / "news/index.html")
                            .read_text(encoding="utf-8"))
        assert listed == POSTS


def test_each_post_shows_its_cover_with_alt_text_and_names_its_activities(default_site):
    for prefix in ("", "en/"):
        for slug in POSTS:
            page = (default_site / prefix / "news" / slug / "index.html").read_text(encoding="utf-8")
            cover = re.search(r'<div class="post-cover">.*?<img [^>]*alt="([^"]+)" loading="eager"', page)
            assert cover and len(cover.group(1)) > 20, (prefix, slug)
            assert '<p class="post-activities">' in page
            assert re.search(r'<meta property="og:image" content="https://quality-month\.example\.org/images/news/'
                             r'2008-[a-z-]+\.[0-9a-f]{10}\.1600\.jpg">', page)
    for path in (default_site / "images/news").iterdir():
        with Image.open(path) as image:
            assert not image.getexif() and image.width in (480, 960, 1600)
    assert not list((default_site / "images/news").glob("*.png"))  # the drawn originals are not published


def test_the_slogans_pdf_is_one_page_of_real_text_under_300_kb_linked_with_its_type_and_size(default_site):
    assert (REPO / "content" / PDF).stat().st_size <= 300 * 1024
    assert (default_site / PDF).read_bytes() == (REPO / "content" / PDF).read_bytes()
    reader = PdfReader(str(default_site / PDF))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1 and "Win through quality, drive scientific development" in text.replace("ﬁ", "fi")
    assert "以质取胜" in text and "2008年全国质量月活动宣传口号" in text
    assert not [char for char in text if 0x2E80 <= ord(char) < 0x2FE0]  # 月, not the radical ⽉ that looks like it
    zh = (default_site / "news/quality-month-begins/index.html").read_text(encoding="utf-8")
    en = (default_site / "en/news/quality-month-begins/index.html").read_text(encoding="utf-8")
    assert f'<a href="/{PDF}">2008年全国质量月活动宣传口号（PDF，221 KB）</a>' in zh
    assert f'<a href="/{PDF}">Publicity Slogans for the 2008 National Quality Month (PDF, 221 KB)</a>' in en
