"""The site plan: which pages exist, in which language, at which address, from which template.

Takes: a validated `model.Site`.
Gives: a list of `Page`s (both languages of every page, in a stable order), or `SiteError` when
two pages would be written to the same file (both sources named). Pages that would be empty are
left out: no slogans means no gallery, no activities means no schedule.

Only list pages see many activities, and each page's `data` holds what it shows, so that no page
grows with the size of the site unless it lists it: the schedule is cut into pages of
`campaign.schedule_page_size` activities (page 1 at schedule/, key "schedule"; page N at
schedule/page/N/, key "schedule/N"), the home page gets the first `GLANCE` activities, the notice
the activities that are in the notice, and an activity page its neighbours (`listings.neighbours`: a local
activity's among the same place's by date), whether it is local, and where it is listed.
The news list is cut likewise (news/, news/page/N/); a post (news/SLUG/) gets its neighbours, the home page
the latest `LATEST_NEWS` posts and an activity page the posts that report on it (`reports`).
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from .errors import Problem, SiteError
from .listings import Listings, is_local, listings, neighbours
from .model import DEFAULT_LANGUAGE, LANGUAGES, NEWS_PAGE_SIZE, Activity, NewsPost, Site, by_start

GLANCE = 10  # activities in the home page's schedule at a glance
LATEST_NEWS = 3  # posts on the home page
SCHEDULE = "schedule"  # the key of the schedule's first page; page N is "schedule/N"
NEWS = "news"  # the key of the news list's first page; page N is "news/page/N", a post "news/SLUG"


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


@functools.lru_cache(maxsize=65536)  # a page links the same pages as many others: the menu, its neighbours
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
    elif key.startswith(SCHEDULE + "/"):
        path = f"{SCHEDULE}/page/{key.split('/', 1)[1]}/"
    elif key.startswith(("region/", "month/")):
        kind, name, *number = key.split("/")
        path = f"{'regions' if kind == 'region' else SCHEDULE}/{name}/" + "".join(f"page/{n}/" for n in number)
    else:
        path = f"{key}/"
    return language_prefix(lang) + path


def schedule_key(number: int) -> str:
    """The key of the schedule's page `number` (counted from 1)."""
    return SCHEDULE if number == 1 else f"{SCHEDULE}/{number}"


def listing_key(base: str, number: int) -> str:
    """The key of page `number` of a listing whose first page's key is `base` ("region/440000", "month/2008-09")."""
    return base if number == 1 else f"{base}/{number}"


def plan(site: Site) -> list[Page]:
    """Every page of the site, both languages, in a stable order."""
    scheduled = tuple(by_start(site.activities))
    lists = _lists(site, scheduled)
    pages = [spec for lang in LANGUAGES for spec in _pages_in(site, lang, scheduled, lists)]
    _refuse_shared_outputs(pages)
    return pages


def paginate(items: tuple[Activity, ...], page_size: int, key_of: Callable[[int], str]) -> list[dict[str, Any]]:
    """Each page's slice of `items`, its number, the page count, and the pages its pagination links (the
    first, the last, and this page with its neighbours); `key_of(number)` is a page's key."""
    count = max(1, -(-len(items) // page_size))
    found = []
    for number in range(1, count + 1):
        linked = sorted(n for n in {1, number - 1, number, number + 1, count} if 1 <= n <= count)
        found.append({
            "activities": items[(number - 1) * page_size:number * page_size],
            "page_number": number,
            "page_count": count,
            "page_links": tuple({"number": n, "key": key_of(n)} for n in linked),
        })
    return found


def schedule_pages(scheduled: tuple[Activity, ...], page_size: int) -> list[dict[str, Any]]:
    """The data of each schedule page (see `paginate`), with what every schedule page says of them all."""
    kinds = {activity.schedule.kind for activity in scheduled}
    said = {
        # every page shows it (the calendar link); here, it is part of what the page's fingerprint covers
        "has_dated": any(activity.in_calendar for activity in scheduled),
        "has_undated": "campaign" in kinds,
        "has_unscheduled": "unscheduled" in kinds,
    }
    found = paginate(scheduled, page_size, schedule_key)
    for data in found:
        data.update(said)
    return found


def listing_pages(site: Site, lang: str, found: Listings) -> list[Page]:
    """The regions' index, each region's pages (a province's first page lists its cities, with counts), each
    city's pages (at regions/CITY/, like a region's, under its province) and each month's pages (none when nothing
    is listed)."""
    size, pages = site.campaign.schedule_page_size, []
    if found.regions:
        counts = tuple((code, len(listed)) for code, listed in found.regions.items())
        pages.append(Page("regions", lang, "regions.html", "activities.yaml (regions)", {"region_counts": counts}))
    undated = any(not activity.schedule.is_dated for activity in site.activities)
    cities = _cities_by_province(found)
    for kind, groups in (("region", found.regions), ("region", found.cities), ("month", found.months)):
        for name, listed in groups.items():
            base = f"{kind}/{name}"
            for data in paginate(listed, size, partial(listing_key, base)):
                data.update({"listing": kind, "region": name if kind == "region" else None,
                             "month": name if kind == "month" else None,
                             "has_monthless": undated and kind == "month",
                             "province": name[:2] + "0000" if name in found.cities else None,
                             "city_counts": cities.get(name, ()) if data["page_number"] == 1 else ()})
                pages.append(Page(listing_key(base, data["page_number"]), lang, "listing.html",
                                  f"activities.yaml ({kind} {name})", data))
    return pages


def _cities_by_province(found: Listings) -> dict[str, tuple[tuple[str, int], ...]]:
    """Each province's cities that have activities, by code, with how many."""
    cities: dict[str, tuple[tuple[str, int], ...]] = {}
    for code, listed in found.cities.items():
        cities[code[:2] + "0000"] = (*cities.get(code[:2] + "0000", ()), (code, len(listed)))
    return cities


def listed_in(found: Listings, page_size: int) -> dict[str, dict[str, Any]]:
    """For each activity's slug, the key of the page of its region's listing it is on (or None) and the keys
    of its months' pages, `(month, key)` in order."""
    places: dict[str, dict[str, Any]] = {}
    for kind, groups in (("region", found.regions), ("month", found.months)):
        for name, listed in groups.items():
            for index, activity in enumerate(listed):
                entry = places.setdefault(activity.slug, {"region_listing": None, "month_listings": ()})
                key = listing_key(f"{kind}/{name}", index // page_size + 1)
                if kind == "region":
                    entry["region_listing"] = key
                else:
                    entry["month_listings"] += ((name, key),)
    return places


@dataclass(frozen=True)
class _Lists:
    """What the pages of both languages say of the activities, worked out once (the same data in both)."""

    schedule: list[dict[str, Any]]  # each schedule page's data
    activities: list[dict[str, Any]]  # each activity page's data, in the order of site.activities
    found: Listings


def _lists(site: Site, scheduled: tuple[Activity, ...]) -> _Lists | None:
    if not site.activities:
        return None
    size, found = site.campaign.schedule_page_size, listings(scheduled)
    schedule = schedule_pages(scheduled, size)
    for data in schedule:
        data.update({"has_regions": bool(found.regions), "months": tuple(found.months)})
    listed_on = {activity.slug: schedule_key(index // size + 1) for index, activity in enumerate(scheduled)}
    elsewhere, unlisted = listed_in(found, size), {"region_listing": None, "month_listings": ()}
    beside = neighbours(site.activities, scheduled)
    return _Lists(schedule, [{"activity": activity, "previous": beside[activity.slug][0],
                              "next": beside[activity.slug][1], "local": is_local(activity),
                              "notice_number": activity.notice_number,  # None: not in the notice
                              "schedule_page": listed_on[activity.slug], **posts_about(site, activity),
                              **elsewhere.get(activity.slug, unlisted)} for activity in site.activities], found)


def _pages_in(site: Site, lang: str, scheduled: tuple[Activity, ...], lists: _Lists | None) -> list[Page]:
    pages = [Page("home", lang, "home.html", "campaign.yaml", {"glance": scheduled[:GLANCE], **_latest(site)})]
    if lists is not None:
        for data in lists.schedule:
            pages.append(Page(schedule_key(data["page_number"]), lang, "schedule.html", "activities.yaml", data))
        for activity, data in zip(site.activities, lists.activities, strict=True):
            pages.append(Page(f"activity/{activity.slug}", lang, "activity.html",
                              f"activities.yaml (activities[{activity.slug}])", data))
        pages += listing_pages(site, lang, lists.found)
    if site.slogans:
        pages.append(Page("slogans", lang, "slogans.html", "slogans.yaml"))
        for slogan in site.slogans:
            pages.append(Page(f"poster/{slogan.slug}", lang, "poster.html",
                              f"slogans.yaml (slogans[{slogan.slug}])", {"slogan": slogan}))
    if site.campaign.requirements:
        pages.append(Page("requirements", lang, "requirements.html", "campaign.yaml (requirements)"))
    pages.append(Page("notice", lang, "notice.html", "campaign.yaml",
                      {"notice_activities": tuple(activity for activity in site.activities if activity.in_notice)}))
    for content in site.pages:
        pages.append(Page(f"page/{content.slug}", lang, "page.html", content.sources[0], {"content": content}))
    pages += news_pages(site, lang)
    keys = {page.key for page in pages}  # the search page links the listings there are, for readers without it
    browsable = tuple(key for key in ("schedule", "regions") if key in keys)
    pages.append(Page("search", lang, "search.html", "the theme's search page", {"listings": browsable,
                                                                                **_search_choices(lists)}))
    pages.append(Page("404", lang, "404.html", "the theme's 404 page"))
    return pages


def _search_choices(lists: _Lists | None) -> dict[str, tuple[str, ...]]:
    """What the search page's filters offer, in the order a reader looks for it: the regions by code (national
    first), the months in calendar order."""
    if lists is None:
        return {"search_regions": (), "search_months": ()}
    return {"search_regions": tuple(lists.found.regions), "search_months": tuple(lists.found.months)}


def _latest(site: Site) -> dict[str, Any]:
    """The home page's latest posts."""
    return {"latest_news": site.news[:LATEST_NEWS]}


def news_key(number: int) -> str:
    """The key of the news list's page `number` (counted from 1): news/, then news/page/N/."""
    return NEWS if number == 1 else f"{NEWS}/page/{number}"


def news_pages(site: Site, lang: str) -> list[Page]:
    """The news list's pages (newest first, `NEWS_PAGE_SIZE` each) and a page per post, with its neighbours:
    `previous` the older post, `next` the newer one."""
    posts, activities = site.news, {activity.slug: activity for activity in site.activities}
    count = -(-len(posts) // NEWS_PAGE_SIZE)
    pages = []
    for number in range(1, count + 1):
        linked = sorted(n for n in {1, number - 1, number, number + 1, count} if 1 <= n <= count)
        pages.append(Page(news_key(number), lang, "news.html", "content/news", {
            "posts": posts[(number - 1) * NEWS_PAGE_SIZE:number * NEWS_PAGE_SIZE], "page_number": number,
            "page_count": count, "page_links": tuple({"number": n, "key": news_key(n)} for n in linked)}))
    for index, post in enumerate(posts):
        pages.append(Page(f"{NEWS}/{post.slug}", lang, "post.html", post.sources[0], {
            "post": post, "about": tuple(activities[slug] for slug in post.activities),
            "previous": posts[index + 1] if index + 1 < len(posts) else None,
            "next": posts[index - 1] if index > 0 else None, "news_page": news_key(index // NEWS_PAGE_SIZE + 1)}))
    return pages


def posts_about(site: Site, activity: Activity) -> dict[str, tuple[NewsPost, ...]]:
    """The posts that report on `activity`, newest first."""
    return {"reports": tuple(post for post in site.news if activity.slug in post.activities)}


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
    menu_order = ["home", "news", "schedule", "slogans", "requirements", "notice"]
    keys = {page.key for page in pages if page.lang == lang}
    menu = [key for key in menu_order if key in keys]
    menu += sorted(key for key in keys if key.startswith("page/"))
    return [*menu, "search"] if "search" in keys else menu
