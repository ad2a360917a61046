"""The site plan: which pages exist, in which language, at which address, from which template.

Takes: a validated `model.Site`.
Gives: a list of `Page`s (both languages of every page, in a stable order), or `SiteError` when
two pages would be written to the same file (both sources named). Pages that would be empty are
left out: no slogans means no gallery, no activities means no schedule.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import Problem, SiteError
from .model import DEFAULT_LANGUAGE, LANGUAGES, Site


@dataclass(frozen=True)
class Page:
    key: str  # the page's identity across languages, such as "activity/olympics-service"
    lang: str
    template: str
    source: str  # the input it comes from, named in messages
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def route(self) -> str:
        """The address below the site root: '', 'schedule/', 'en/activities/x/', 'en/404.html'."""
        return route_of(self.key, self.lang)

    @property
    def output(self) -> str:
        route = self.route
        return route if route.endswith(".html") else route + "index.html"


def language_prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def route_of(key: str, lang: str) -> str:
    if key == "home":
        path = ""
    elif key == "404":
        path = "404.html"
    elif key.startswith("activity/"):
        path = f"activities/{key.split('/', 1)[1]}/"
    elif key.startswith("page/"):
        path = f"{key.split('/', 1)[1]}/"
    elif key.startswith("poster/"):
        path = f"slogans/{key.split('/', 1)[1]}/"
    else:
        path = f"{key}/"
    return language_prefix(lang) + path


def plan(site: Site) -> list[Page]:
    """Every page of the site, both languages, in a stable order."""
    pages = [spec for lang in LANGUAGES for spec in _pages_in(site, lang)]
    _refuse_shared_outputs(pages)
    return pages


def _pages_in(site: Site, lang: str) -> list[Page]:
    pages = [Page("home", lang, "home.html", "campaign.yaml")]
    if site.activities:
        pages.append(Page("schedule", lang, "schedule.html", "activities.yaml"))
        for index, activity in enumerate(site.activities):
            previous = site.activities[index - 1] if index > 0 else None
            following = site.activities[index + 1] if index + 1 < len(site.activities) else None
            pages.append(Page(f"activity/{activity.slug}", lang, "activity.html",
                              f"activities.yaml (activities[{activity.slug}])",
                              {"activity": activity, "previous": previous, "next": following}))
    if site.slogans:
        pages.append(Page("slogans", lang, "slogans.html", "slogans.yaml"))
        for slogan in site.slogans:
            pages.append(Page(f"poster/{slogan.slug}", lang, "poster.html",
                              f"slogans.yaml (slogans[{slogan.slug}])", {"slogan": slogan}))
    if site.campaign.requirements:
        pages.append(Page("requirements", lang, "requirements.html", "campaign.yaml (requirements)"))
    pages.append(Page("notice", lang, "notice.html", "campaign.yaml"))
    for content in site.pages:
        pages.append(Page(f"page/{content.slug}", lang, "page.html", content.sources[0], {"content": content}))
    pages.append(Page("404", lang, "404.html", "the theme's 404 page"))
    return pages


def _refuse_shared_outputs(pages: list[Page]) -> None:
    claimed: dict[str, Page] = {}
    problems = []
    for page in pages:
        first = claimed.setdefault(page.output, page)
        if first is not page:
            problems.append(Problem(page.source, message=(
                f"would be written to {page.output}, where {first.source} is written too"),
                hint="give one of them another slug or file name"))
    if problems:
        raise SiteError(problems)


def navigation(pages: list[Page], lang: str) -> list[str]:
    """The keys of the pages the main menu leads to, in menu order."""
    menu_order = ["home", "schedule", "slogans", "requirements", "notice"]
    keys = {page.key for page in pages if page.lang == lang}
    menu = [key for key in menu_order if key in keys]
    menu += sorted(key for key in keys if key.startswith("page/"))
    return menu
