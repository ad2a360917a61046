"""The site plan: which pages exist, in which language, at which address, from which template.

Takes: a validated `model.Site`.
Gives: a list of `Page`s (both languages of every page, in a stable order), or `SiteError` when
two pages would be written to the same file (both sources named). Pages that would be empty are
left out: no slogans means no gallery, no activities means no schedule.

Only list pages see many activities, and each page's `data` holds what it shows, so that no page
grows with the size of the site unless it lists it. Every listing (the schedule; a region's, a month's) opens
at the build date (`model.now_first`: a group per day from today on, then the sections of what has no day) and
is cut into pages of whole days of at most `campaign.schedule_page_size` entries (`listings.cut`); what has
ended is in its archive, newest first, cut likewise. The schedule's page 1 is at schedule/ (key "schedule"),
page N at schedule/page/N/ ("schedule/N"); its archive at schedule/archive/ ("archive/schedule") and
schedule/archive/page/N/; a region's at regions/CODE/, a month's at schedule/YYYY-MM/, each with archive/ below;
a day's page (`model.on_day`) at schedule/YYYY-MM-DD/ ("day/YYYY-MM-DD"). The listings are worked out once for
both languages. The home page gets what `home.home_data` gives (the coming days, the places, the glance); the notice
the activities that are in the notice, and an activity page its neighbours (`listings.neighbours`: a local
activity's among the same place's by date), whether it is local, and the pages that list it.
The news list is cut likewise (news/, news/page/N/); a post (news/SLUG/) gets its neighbours, the home page
the latest `LATEST_NEWS` posts and an activity page the posts that report on it (`reports`).
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from .errors import Problem, SiteError
from .home import home_data
from .listings import Listings, cities_by_province, cut, days_covered, is_local, listings, months_of, neighbours
from .model import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    NEWS_PAGE_SIZE,
    Activity,
    Group,
    NewsPost,
    Site,
    by_start,
    now_first,
    on_day,
)

LATEST_NEWS = 3  # posts on the home page
SCHEDULE = "schedule"  # the key of the schedule's first page; page N is "schedule/N"
ARCHIVE = "archive"  # "archive/schedule", "archive/region/440000", "archive/month/2008-09", then "/N" for page N
DAY = "day"  # the key of a day's page: "day/2008-09-16", then "/N" for page N
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
    elif key.startswith(ARCHIVE + "/"):
        kind, *rest = key.split("/")[1:]
        base, number = (SCHEDULE, rest) if kind == SCHEDULE else (f"{kind}/{rest[0]}", rest[1:])
        path = route_of(base, DEFAULT_LANGUAGE) + "archive/" + "".join(f"page/{n}/" for n in number)
    elif key.startswith(DAY + "/"):
        _, day, *number = key.split("/")
        path = f"{SCHEDULE}/{day}/" + "".join(f"page/{n}/" for n in number)
    elif key.startswith(("region/", "month/")):
        kind, name, *number = key.split("/")
        path = f"{'regions' if kind == 'region' else SCHEDULE}/{name}/" + "".join(f"page/{n}/" for n in number)
    else:
        path = f"{key}/"
    return language_prefix(lang) + path


def schedule_key(number: int) -> str:
    """The key of the schedule's page `number` (counted from 1)."""
    return SCHEDULE if number == 1 else f"{SCHEDULE}/{number}"


def plan(site: Site, today: date | None = None) -> list[Page]:
    """Every page of the site, both languages, in a stable order, its listings as of `today` (the build date;
    by default the campaign's first day)."""
    scheduled = tuple(by_start(site.activities))
    lists = _lists(site, scheduled, today or site.campaign.period_start)
    pages = [spec for lang in LANGUAGES for spec in _pages_in(site, lang, scheduled, lists)]
    _refuse_shared_outputs(pages)
    return pages


def paginate(items: tuple[Activity, ...], page_size: int, key_of: Callable[[int], str]) -> list[dict[str, Any]]:
    """Each page's slice of `items`, its number, the page count, and the pages its pagination links (the
    first, the last, and this page with its neighbours); `key_of(number)` is a page's key."""
    count = max(1, -(-len(items) // page_size))
    found = []
    for number in range(1, count + 1):
        found.append({"activities": items[(number - 1) * page_size:number * page_size], "page_number": number,
                      "page_count": count, "page_links": _page_links(number, count, key_of)})
    return found


def _page_links(number: int, count: int, key_of: Callable[[int], str],
                labels: Callable[[int], dict[str, Any]] | None = None) -> tuple[dict[str, Any], ...]:
    linked = sorted(n for n in {1, number - 1, number, number + 1, count} if 1 <= n <= count)
    return tuple({"number": n, "key": key_of(n), **(labels(n) if labels else {})} for n in linked)


def cut_pages(groups: tuple[Group, ...], page_size: int, key_of: Callable[[int], str],
              day_pages: frozenset[date] = frozenset()) -> list[dict[str, Any]]:
    """A listing's groups cut into pages (`listings.cut`): each page's groups, with `linked` (for each group,
    whether its heading links its day's page, one of `day_pages`), number, page count, the days it covers
    (`covers`: first, last, or None) and the pages its pager links, each with the days it covers and the
    sections it holds, which the pager shows (9月16日–9月18日)."""
    pages = cut(groups, page_size)
    count = len(pages)

    def labels(number: int) -> dict[str, Any]:
        page = pages[number - 1]
        return {"days": days_covered(page), "sections": tuple(g.kind for g in page if g.day is None)}

    return [{"groups": page, "linked": tuple(group.day in day_pages for group in page), "page_number": number,
             "page_count": count, "covers": days_covered(page),
             "page_links": _page_links(number, count, key_of, labels)} for number, page in enumerate(pages, 1)]


def listing_key(base: str, number: int) -> str:
    """The key of page `number` of a listing whose first page's key is `base` ("schedule", "region/440000",
    "month/2008-09", "archive/schedule", "day/2008-09-16")."""
    if base == SCHEDULE:
        return schedule_key(number)
    return base if number == 1 else f"{base}/{number}"


def archive_key(base: str) -> str:
    """The key of the first page of the archive of the listing whose first page's key is `base`."""
    return f"{ARCHIVE}/{base}"


@dataclass(frozen=True)
class Listed:
    """A listing and its archive, cut into pages, and on which page each activity is."""

    current: list[dict[str, Any]]
    archive: list[dict[str, Any]]
    pages_of: dict[str, str]  # activity slug -> the key of the page that lists it


def listed(activities: tuple[Activity, ...], today: date, page_size: int, base: str,
           day_pages: frozenset[date] = frozenset()) -> Listed:
    """The listing of `activities` (in schedule order) from `today` whose first page's key is `base`, and its
    archive: each page's data (`cut_pages`), with `archive` (the archive's first page's key and how many it
    holds, or None when nothing has ended) and, on the archive's pages, `current_listing` (the listing's first
    page's key)."""
    groups, ended = now_first(activities, today)
    # the archive has a first page even when empty: a link may name it
    current = cut_pages(groups, page_size, partial(listing_key, base), day_pages)
    archive = cut_pages(ended, page_size, partial(listing_key, archive_key(base)), day_pages)
    count = sum(len(group.activities) for group in ended)
    link = {"key": archive_key(base), "count": count} if ended else None
    for data in current:
        data.update({"archive": link, "current_listing": None})
    for data in archive:
        data.update({"archive": None, "current_listing": base})
    pages_of: dict[str, str] = {}
    for first, found in ((base, current), (archive_key(base), archive)):
        for data in found:
            key = listing_key(first, data["page_number"])
            pages_of.update((activity.slug, key) for group in data["groups"] for activity in group.activities)
    return Listed(current, archive, pages_of)


def day_pages(days: dict[date, tuple[Activity, ...]], page_size: int) -> list[tuple[str, dict[str, Any]]]:
    """A page (or pages) per day with activities (`model.on_day`), as (key, data): the day's activities in time
    order, cut into pages, with the days before and after it that have a page."""
    ordered = tuple(days)
    found = []
    for index, (day, activities) in enumerate(days.items()):
        base = f"{DAY}/{day.isoformat()}"
        beside = {"day": day, "previous_day": ordered[index - 1] if index else None,
                  "next_day": ordered[index + 1] if index + 1 < len(ordered) else None}
        for data in cut_pages((Group("day", activities, day),), page_size, partial(listing_key, base)):
            found.append((listing_key(base, data["page_number"]), {**data, **beside}))
    return found


def listing_pages(site: Site, lang: str, lists: _Lists) -> list[Page]:
    """The regions' index, each region's, city's and month's pages and their archives (none when nothing is
    listed), and the day pages. A city's listing is a region's (at regions/CITY/) under its province; a
    province's first page lists its cities, with how many activities each has."""
    pages = []
    if lists.found.regions:
        counts = tuple((code, len(found)) for code, found in lists.found.regions.items())
        pages.append(Page("regions", lang, "regions.html", "activities.yaml (regions)", {"region_counts": counts}))
    undated = any(not activity.schedule.is_dated for activity in site.activities)
    cities = cities_by_province(lists.found)
    for base, found in lists.listings.items():
        kind, name = base.split("/")
        said = {"kind": kind, "region": name if kind == "region" else None,
                "month": name if kind == "month" else None, "has_monthless": undated and kind == "month",
                "province": name[:2] + "0000" if name in lists.found.cities else None}
        for first, cut_up in ((base, found.current), (archive_key(base), found.archive)):
            for data in cut_up:
                shown = cities.get(name, ()) if first == base and data["page_number"] == 1 else ()
                pages.append(Page(listing_key(first, data["page_number"]), lang, "listing.html",
                                  f"activities.yaml ({kind} {name})", {**data, **said, "city_counts": shown}))
    for key, data in lists.days:
        pages.append(Page(key, lang, "day.html", "activities.yaml (days)", data))
    return pages


@dataclass(frozen=True)
class _Lists:
    """What the pages of both languages say of the activities, worked out once (the same data in both)."""

    schedule: Listed  # the schedule's pages and its archive's
    activities: list[dict[str, Any]]  # each activity page's data, in the order of site.activities
    found: Listings
    listings: dict[str, Listed]  # "region/440000", "month/2008-09" -> its pages and its archive's
    days: list[tuple[str, dict[str, Any]]]  # each day page's key and data
    home: dict[str, Any]  # what the home page shows of the activities


def _lists(site: Site, scheduled: tuple[Activity, ...], today: date) -> _Lists | None:
    if not site.activities:
        return None
    size, found, days = site.campaign.schedule_page_size, listings(scheduled), on_day(scheduled)
    schedule = listed(scheduled, today, size, SCHEDULE, frozenset(days))
    kinds = {activity.schedule.kind for activity in scheduled}
    said = {
        # every page shows it (the calendar link); here, it is part of what the page's fingerprint covers
        "has_dated": any(activity.in_calendar for activity in scheduled),
        "has_undated": "campaign" in kinds,
        "has_unscheduled": "unscheduled" in kinds,
        "has_regions": bool(found.regions), "months": tuple(found.months),
    }
    for data in (*schedule.current, *schedule.archive):
        data.update(said)
        data["day_counts"] = ()
    if schedule.current:  # the first page shows the campaign's days with their counts (render.charts.day_strip)
        schedule.current[0]["day_counts"] = tuple((day, len(on_it)) for day, on_it in days.items())
    by_listing = {f"{kind}/{name}": listed(group, today, size, f"{kind}/{name}", frozenset(days))
                  for kind, groups in (("region", found.regions), ("region", found.cities), ("month", found.months))
                  for name, group in groups.items()}
    beside = neighbours(site.activities, scheduled)
    return _Lists(schedule, [{"activity": activity, "previous": beside[activity.slug][0],
                              "next": beside[activity.slug][1], "local": is_local(activity),
                              "notice_number": activity.notice_number,  # None: not in the notice
                              "schedule_page": schedule.pages_of[activity.slug], **posts_about(site, activity),
                              **_listed_in(activity, by_listing)} for activity in site.activities],
                  found, by_listing, day_pages(days, size), home_data(scheduled, found, days, today))


def _listed_in(activity: Activity, by_listing: dict[str, Listed]) -> dict[str, Any]:
    """The key of the page of its region's listing an activity is on (or None), of its city's (or None), and of
    its months' pages, `(month, key)` in calendar order."""
    region = f"region/{activity.region}" if activity.region is not None else None
    city = f"region/{activity.city_code}" if activity.city_code is not None else None
    months = tuple((month, by_listing[f"month/{month}"].pages_of[activity.slug])
                   for month in months_of(activity.schedule))
    return {"region_listing": by_listing[region].pages_of[activity.slug] if region else None,
            "city_listing": by_listing[city].pages_of[activity.slug] if city else None, "month_listings": months}


def _pages_in(site: Site, lang: str, scheduled: tuple[Activity, ...], lists: _Lists | None) -> list[Page]:
    shown = lists.home if lists is not None else {"coming": (), "places": (), "glance": (), "has_regions": False}
    pages = [Page("home", lang, "home.html", "campaign.yaml", {**shown, **_latest(site)})]
    if lists is not None:
        for first, cut_up in ((SCHEDULE, lists.schedule.current), (archive_key(SCHEDULE), lists.schedule.archive)):
            for data in cut_up:
                pages.append(Page(listing_key(first, data["page_number"]), lang, "schedule.html", "activities.yaml",
                                  data))
        for activity, data in zip(site.activities, lists.activities, strict=True):
            pages.append(Page(f"activity/{activity.slug}", lang, "activity.html",
                              f"activities.yaml (activities[{activity.slug}])", data))
        pages += listing_pages(site, lang, lists)
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


def _search_choices(lists: _Lists | None) -> dict[str, tuple[Any, ...]]:
    """What the search page's filters offer, in the order a reader looks for it: the regions by code (national
    first), the cities by code under their province, the months in calendar order."""
    if lists is None:
        return {"search_regions": (), "search_cities": (), "search_months": ()}
    cities = tuple((province, tuple(code for code, _ in pairs))
                   for province, pairs in cities_by_province(lists.found).items())
    return {"search_regions": tuple(lists.found.regions), "search_months": tuple(lists.found.months),
            "search_cities": cities}


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
