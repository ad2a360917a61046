"""schema.org data of a news post: a `NewsArticle`.

Takes: a `NewsPost`, the campaign, the page's language, the post page's absolute address and the site's
absolute address of its cover (None without one).
Gives: a plain dict, which `render.json_for_script` serialises into <script type="application/ld+json">: its
headline, description, date, language, publisher (the campaign's first organiser, else the campaign) and, only
when the post has a cover, its image.
"""
from __future__ import annotations

from ..model import HTML_LANG, Campaign, NewsPost
from .structured import organization


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
