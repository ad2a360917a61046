"""What a page shows of a news post beyond its text: its cover, its share card, its `NewsArticle`.

Takes: a `NewsPost`, the campaign, the page's language, the build's `Media` (the processed pictures) and `Urls`.
Gives: `cover_html` (the cover as a `<picture>` of its published variants: on the post page eager, as it is on
the first screen, with its caption and credit; on a list small and lazy, without them, as the title beside it says
what the post is); `cover_card` (the widest JPEG variant of the cover, at its absolute address with its size and
alternative text: the post's share card; never the original file); `news_article` (a plain dict, which
`render.json_for_script` serialises into <script type="application/ld+json">: headline, description, date,
language, publisher (the campaign's first organiser, else the campaign) and, only when the post has a cover, the
address of its card's image).
"""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from ..images import File, picture_html
from ..model import HTML_LANG, Campaign, NewsPost
from ..validate.media import Media
from .structured import organization
from .urls import Urls

LIST_SIZES = "8rem"  # the news list's small pictures: as wide as the theme's .news-cover at most (6rem on a phone)


def cover_html(post: NewsPost, lang: str, media: Media, urls: Urls, credit: Callable[[str], str],
               small: bool = False, eager: bool = True) -> str:
    """The post's cover as a picture ('' without one); `credit` words a credit in the page's language; `eager`
    when it is the page's first image (on the first screen: loaded at once)."""
    cover = post.cover
    shown = media.pictures.get(cover.src) if cover is not None else None
    if cover is None or shown is None:
        return ""
    alt = "" if cover.decorative or cover.alt is None else cover.alt.get(lang)
    caption = cover.caption.get(lang) if cover.caption is not None and not small else ""
    by = credit(cover.credit.get(lang)) if cover.credit is not None and not small else ""
    return picture_html(shown, "" if small else alt, decorative=cover.decorative or small, caption=caption,
                        credit=by, eager=eager and not small, link=lambda path: urls.link(quote(path, safe="/")),
                        **({"sizes": LIST_SIZES} if small else {}))


def card_file(post: NewsPost, media: Media) -> File | None:
    """The cover's widest JPEG variant: what a share card and the NewsArticle show (None without a cover)."""
    shown = media.pictures.get(post.cover.src) if post.cover is not None else None
    if shown is None or not shown.of_format("jpg"):
        return None
    return max(shown.of_format("jpg"), key=lambda file: file.width)


def cover_card(post: NewsPost, lang: str, media: Media, urls: Urls) -> dict[str, str | int] | None:
    """The post's share card: the address, width, height and alternative text of its cover's widest JPEG."""
    found = card_file(post, media)
    if found is None or post.cover is None:
        return None
    alt = post.cover.alt.get(lang) if post.cover.alt is not None else ""
    return {"url": urls.absolute(quote(found.path, safe="/")), "width": found.width, "height": found.height,
            "alt": alt}


def news_article(post: NewsPost, campaign: Campaign, lang: str, page_url: str, image_url: str | None) -> dict:
    publisher = (organization(campaign.organisers[0], lang) if campaign.organisers
                 else {"@type": "Organization", "name": campaign.name.get(lang)})
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title.get(lang),
        "description": post.summary.get(lang),
        "datePublished": post.day.isoformat(),
        "inLanguage": HTML_LANG[lang],
        "url": page_url,
        "mainEntityOfPage": page_url,
        "publisher": publisher,
    }
    if image_url is not None:
        data["image"] = image_url
    return data
