"""Raw documents -> the immutable model, collecting every problem on the way.

Takes: the `YamlDoc`s of campaign.yaml, activities.yaml (or of activities/*.yaml), slogans.yaml and the UI
strings, and the `MarkdownDoc`s of content/ (all from `load`), and whether missing translations may fall back.
Gives: a `model.Site`, or raises `SiteError` with every problem found, each at its file, line, column and key
path. Warnings (such as an activity dated far from the campaign) travel with the site in `Validated.warnings`.
A link written in Markdown must lead to a page, file or anchor of the site (`mdlinks`, against `sitepaths`); an
image shown in it needs alternative text and a file that can be published, a document a published type (`media`).

One module reads each document (campaign, activities, slogans, pages, strings) through a `reader.Reader`;
`schema` declares every data file's keys, each with its kind of value (`kinds`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import TRANSLATION, Problem, ProblemLog
from ..load import Sources
from ..model import Site
from .activities import read_activities, read_activity_files, warn_far_dates
from .campaign import Present, campaign_year, listed, read_bodies, read_campaign, stale_mode, wants_fallback
from .common import BASE_URL_HINT, normalise_base_url, suggest_slug
from .mdlinks import activity_texts, check_markdown_links, page_texts
from .media import Media, MediaFiles, check_media
from .memo import ActivityMemo
from .news import cover_uses, news_texts, read_news, scheduled_notes
from .pages import read_pages
from .reader import Reader
from .sitepaths import SitePaths
from .slogans import read_slogans
from .strings import read_strings
from .translated import StaleTexts

__all__ = ["ActivityMemo", "BASE_URL_HINT", "TRANSLATION", "Media", "MediaFiles", "Reader", "Sources", "Validated",
           "normalise_base_url", "scheduled_notes", "suggest_slug", "validate"]


@dataclass(frozen=True)
class Validated:
    site: Site
    warnings: tuple[Problem, ...]
    media: Media = field(default_factory=Media)
    moved: dict[str, str] = field(default_factory=dict)  # listing pages Markdown names that the build does not make


def validate(sources: Sources, allow_fallback: bool = False, media: MediaFiles | None = None,
             memo: ActivityMemo | None = None, today: date | None = None) -> Validated:
    """Check every document and build the model; raise `SiteError` listing every error. With `media`, the
    images the Markdown shows are processed and the documents it links measured (`Validated.media`); `memo` keeps
    the activities of activities/ read from one build to the next; `today` is the build date, which says which
    later pages the listings have (a link to one no longer made is warned of and leads to the listing's first page:
    `Validated.moved`)."""
    log = ProblemLog()
    fallback = allow_fallback or wants_fallback(sources.campaign)
    year = campaign_year(sources.campaign)
    stale = StaleTexts.of(sources, stale_mode(sources.campaign))
    log.extend(stale.problems())
    strings = read_strings(sources.strings, log)
    campaign_reader = Reader(sources.campaign, log, fallback, year=year, stale=stale)
    bodies = read_bodies(campaign_reader)
    slogans = read_slogans(sources.slogans, log, fallback, stale)
    in_file = (read_activities(sources.activities, log, fallback, bodies, year=year, stale=stale, memo=memo)
               if sources.activities else None)
    activities, places = in_file if in_file and not sources.activity_files else read_activity_files(
        sources.activity_files, log, fallback, bodies, year=year, after=in_file, stale=stale, memo=memo)
    present = Present(listed(sources.activities, "activities") or bool(sources.activity_files),
                      listed(sources.slogans, "slogans"))
    campaign, period = read_campaign(campaign_reader, bodies, {s.slug: s for s in slogans}, present)
    pages = read_pages(sources.pages, log, fallback, stale)
    news = read_news(sources.news, log, fallback, activities, sources.content_files, year)
    if period is not None:
        warn_far_dates(places, activities, *period)
    log.raise_if_errors()
    assert campaign is not None, "a campaign that could not be read was reported as an error"
    site = Site(campaign, tuple(activities), tuple(slogans), tuple(pages), strings, news)
    paths = SitePaths.of(site, sources.content_files, today)
    texts = [*activity_texts(activities, places), *page_texts(pages, sources.pages, log),
             *news_texts(news, sources.news, log)]
    moved = check_markdown_links(texts, paths)
    shown = check_media(texts, paths, media, cover_uses(news, sources.news, log))
    log.raise_if_errors()
    return Validated(site, tuple(log.warnings), shown, moved)
