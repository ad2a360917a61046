"""A post's cover as pages show it (`render.news`): a picture of the processed variants on the post (eager, with
caption and credit) and on the list (small, lazy, decorative beside the title), and the share card's image (the
widest JPEG variant at its absolute address, never the original)."""
from __future__ import annotations

from datetime import date

from campaignsite.images import File, Picture
from campaignsite.model import Cover, NewsPost, Text
from campaignsite.render.news import cover_card, cover_html
from campaignsite.render.urls import Urls
from campaignsite.validate.media import Media

SHOWN = Picture("/images/a.jpg", 1600, 900, tuple(
    File(f"images/a.h.{width}.{kind}", width, width * 9 // 16, kind, b"") for width in (480, 960, 1600)
    for kind in ("webp", "jpg")))
MEDIA = Media({"/images/a.jpg": SHOWN})
URLS = Urls("https://example.org/zt/")


def post(**cover) -> NewsPost:
    words = Text("正文", "Text")
    return NewsPost("opening", date(2008, 9, 1), words, words, words, ("content/news/x.zh.md",),
                    cover=Cover("/images/a.jpg", **cover))


def credit(who: str) -> str:
    return f"Image: {who}"


def test_the_cover_is_an_eager_picture_with_its_caption_and_credit_on_the_post():
    html = cover_html(post(alt=Text("甲", "A"), caption=Text("乙", "B"), credit=Text("丙", "C")), "en", MEDIA, URLS,
                      credit)
    assert html.startswith("<figure><picture>") and 'loading="eager"' in html and 'alt="A"' in html
    assert 'src="/zt/images/a.h.960.jpg"' in html and 'width="960" height="540"' in html
    assert html.endswith('<figcaption>B <small class="credit">Image: C</small></figcaption></figure>')


def test_the_cover_on_the_list_is_small_lazy_and_decorative_beside_its_title():
    html = cover_html(post(alt=Text("甲", "A"), caption=Text("乙", "B")), "zh", MEDIA, URLS, credit, small=True)
    assert html.startswith("<picture>") and 'loading="lazy"' in html and 'alt=""' in html and 'sizes="8rem"' in html


def test_a_decorative_cover_has_empty_alt_text_and_its_card_no_alt():
    decorative = post(alt=None, decorative=True)
    assert 'alt=""' in cover_html(decorative, "en", MEDIA, URLS, credit)
    assert cover_card(decorative, "en", MEDIA, URLS) == {
        "url": "https://example.org/zt/images/a.h.1600.jpg", "width": 1600, "height": 900, "alt": ""}


def test_the_card_is_the_widest_jpeg_variant_and_a_post_without_a_shown_cover_has_none():
    assert cover_card(post(alt=Text("甲", "A")), "zh", MEDIA, URLS) == {
        "url": "https://example.org/zt/images/a.h.1600.jpg", "width": 1600, "height": 900, "alt": "甲"}
    assert cover_card(post(alt=Text("甲", "A")), "zh", Media(), URLS) is None
    assert cover_html(post(alt=Text("甲", "A")), "zh", Media(), URLS, credit) == ""
