"""The paths of a site as an author writes them in Markdown (`/schedule/`, `/en/slogans/#SLUG`), and what they lead to.

Takes: an address as written in Markdown (`parse_link`, with the site's `SiteAddress`); the validated `Site` and the
files under content/ (`SitePaths.of`).
Gives: a `Link` (external, an anchor of the page it is on, a path of the site, or relative; and its address below the
base URL in a page's language, `Link.route`), `SiteAddress` (where the site is published: which addresses copied from
the published site name one of its paths), and `SitePaths`: every page's path with the anchors each language's page
has, and the files, so that `SitePaths.problem` says what is wrong with a link (nothing, or a message and a hint).

An author may also write a page's address on the published site, as copied from the address bar: the base URL's path
and a path of the site (`/zt/reading-2024/schedule/`), or the whole address (`https://www.example.gov.cn/zt/…`, http or
https, with or without a last `index.html`). Such an address is read as the path of the site it names (`/schedule/`),
checked and written out like it, so that it works on a preview and an intranet copy too. A path whose first folder is
one the site has (`/schedule/…`, `/en/…`, a content page's `/NAME/`) is always that path of the site, even when the
base URL's path begins the same way: a link that built before keeps leading where it led. A whole address of another
host, or outside the base URL's path, stays external.

A path of the site leaves out the base URL (the build adds it) and the language: without one it leads to the page in
the language of the page it is on; `/en/…` leads to the English page and `/zh/…` to the Chinese one (the only way to
name the Chinese page from an English text). The table keeps pages and files apart: `/images/NAME` and `/files/NAME`
are the files content/images/NAME and content/files/NAME, the same in both languages. Its anchors are those the data
makes (a slogan's slug on /slogans/, a requirement's on /requirements/, activity-SLUG on /notice/) and the ids a
page's own Markdown declares (`{#name}` after a heading, `id="name"`), with the theme's `#main`: an id the theme's
templates alone make may change with the theme, and is not a target.
"""
from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal
from urllib.parse import SplitResult, quote, unquote, urljoin, urlsplit

from ..listings import later_pages, listings
from ..load.assets import CONTENT_FILE_FOLDERS
from ..model import DEFAULT_LANGUAGE, LANGUAGES, NEWS_PAGE_SIZE, Site, Text, by_start, on_day
from .common import LANGUAGE_NAMES

THEME_ANCHORS = frozenset({"main"})  # on every page (the skip link's target)
# the first folder of every path the site makes, besides its content pages' (a test holds this to the page plan)
SITE_FOLDERS = frozenset({"", "schedule", "activities", "news", "slogans", "notice", "requirements", "regions",
                          "search", *CONTENT_FILE_FOLDERS, *LANGUAGES})
_DEFAULT_PORTS = {"http": 80, "https": 443}
PAGE_FORMS = ("/, /schedule/, /activities/SLUG/, /news/, /news/SLUG/, /slogans/, /notice/, /requirements/, "
              "/regions/, /regions/CODE/, /schedule/YYYY-MM/, /schedule/YYYY-MM-DD/ or /NAME/ for content/NAME.zh.md")
# ids a Markdown text declares: attr_list's {#name} (or {: #name .class}), and an id="name" in raw HTML
_ATTRIBUTE_LIST_ID = re.compile(r"\{:?[^}\n]*?#([^\s}#]+)[^}\n]*\}")
_HTML_ID = re.compile(r"""\sid\s*=\s*["']([^"'\n]+)["']""")
_MAX_LISTED = 8  # anchors named in a hint
_LATER_PAGE = re.compile(r"(/(?:schedule|regions)/(?:.+/)?)page/([1-9][0-9]*)/")  # a listing's page N


@dataclass(frozen=True)
class Link:
    """An address as written in Markdown. `path` is the site's path without the language, as written (percent
    escapes kept); `lang` the language it names, if any."""

    kind: Literal["external", "here", "site", "relative"]
    href: str
    lang: str | None = None
    path: str = ""
    query: str = ""
    fragment: str = ""

    @property
    def decoded(self) -> str:
        return unquote(self.path)

    def route(self, page_lang: str) -> str:
        """The address below the base URL, on a page in `page_lang`: 'en/schedule/?a=1#x', 'images/x.jpg'."""
        path = quote(self.decoded[1:], safe="/-._~!$&'()*+,;=:@")
        if not is_file_path(self.decoded):
            lang = self.lang or page_lang
            path = ("" if lang == DEFAULT_LANGUAGE else f"{lang}/") + path
        return path + (f"?{self.query}" if self.query else "") + (f"#{self.fragment}" if self.fragment else "")


@dataclass(frozen=True)
class SiteAddress:
    """Where the site is published (campaign.yaml's `base_url`), and the first folders of its own paths: what tells
    an address copied from the published site (`/zt/x/schedule/`, `https://host/zt/x/schedule/`) from a path of the
    site (`/schedule/`)."""

    host: tuple[str, int | None] | None = None  # (name, port) of the base URL; None when it has no host
    base_path: str = "/"
    folders: frozenset[str] = SITE_FOLDERS

    @classmethod
    def of(cls, base_url: str, page_slugs: Iterable[str] = ()) -> SiteAddress:
        parts = urlsplit(base_url)
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        return cls(_host(parts), path, SITE_FOLDERS | frozenset(page_slugs))

    def site_path(self, href: str) -> str | None:
        """`href` written as the path of the site it names ('/schedule/?a=1#x'), when it is the address of one of the
        site's pages on the published site; None when it is anything else (a path of the site among them)."""
        try:
            parts = urlsplit(href.strip())
        except ValueError:
            return None
        if parts.scheme or parts.netloc or href.strip().startswith("//"):
            if parts.scheme.lower() not in _DEFAULT_PORTS or self.host is None or _host(parts) != self.host:
                return None
        elif not parts.path.startswith("/") or self.base_path == "/" or self._own(parts.path):
            return None
        rest = self._below_base(parts.path or "/")
        if rest is None:
            return None
        if rest.endswith("/index.html") or rest == "index.html":
            rest = rest[:-len("index.html")]
        tail = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
        return "/" + rest + tail

    def _own(self, path: str) -> bool:
        """A path whose first folder is one the site has: a path of the site as written."""
        return unquote(path[1:].partition("/")[0]) in self.folders

    def _below_base(self, path: str) -> str | None:
        if path == self.base_path[:-1]:
            return ""
        return path[len(self.base_path):] if path.startswith(self.base_path) else None


def _host(parts: SplitResult) -> tuple[str, int | None] | None:
    """(host name, port) with the scheme's default port left out: http and https name the same site."""
    try:
        name, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number
        return None
    if not name:
        return None
    return name.lower(), None if port == _DEFAULT_PORTS.get(parts.scheme.lower()) else port


NO_ADDRESS = SiteAddress()  # a site without a base URL: only paths of the site name its pages


def parse_link(href: str, address: SiteAddress = NO_ADDRESS) -> Link:
    """What an address written in Markdown is: http(s):, mailto:, tel:, //host are external; `#x` (or nothing) an
    anchor of the page it is on; `/…` a path of the site; anything else is relative. With the site's `address`, the
    address of a page on the published site is the path of the site it names (`href` keeps it as written)."""
    meant = address.site_path(href) if address is not NO_ADDRESS else None
    if meant is not None:
        return replace(parse_link(meant), href=href)
    try:
        parts = urlsplit(href.strip())
    except ValueError:  # an address Python cannot split (an unclosed [ in a host): not ours to check
        return Link("external", href)
    if parts.scheme or parts.netloc or href.strip().startswith("//"):
        return Link("external", href)
    if not parts.path:
        return Link("here", href, query=parts.query, fragment=parts.fragment)
    if not parts.path.startswith("/"):
        return Link("relative", href, path=parts.path, query=parts.query, fragment=parts.fragment)
    path, lang = parts.path, None
    for code in LANGUAGES:
        if path == f"/{code}" or path.startswith(f"/{code}/"):
            path, lang = path[len(code) + 1:], code
    return Link("site", href, lang, path, parts.query, parts.fragment)


def is_file_path(decoded: str) -> bool:
    """/images/x.jpg and /files/x.pdf name files; /images/ itself (a content page named images) does not."""
    folder, _, name = decoded[1:].partition("/")
    return folder in CONTENT_FILE_FOLDERS and name != "" and not name.endswith("/")


def declared_ids(markdown: str) -> frozenset[str]:
    """The ids a Markdown text gives its elements."""
    found = _ATTRIBUTE_LIST_ID.findall(markdown) if "{" in markdown else []
    return frozenset(found + _HTML_ID.findall(markdown) if "=" in markdown else found)


@dataclass(frozen=True)
class SitePaths:
    """Every page of a site by its path ('/activities/x/'), with the anchors of its page in each language, and the
    files ('/images/x.jpg'); `address` is where the campaign is published, for the links written as its addresses
    there and for the hint when a link repeats the base URL's path."""

    pages: dict[str, dict[str, frozenset[str]]]
    files: frozenset[str]
    address: SiteAddress = NO_ADDRESS
    # the listings' later pages a build makes on its date (worked out when a link names one); None: no build date
    later: Callable[[], frozenset[str]] | None = None

    @classmethod
    def of(cls, site: Site, content_files: tuple[str, ...] = (), today: date | None = None) -> SitePaths:
        """The table of `site`'s pages and files; with `today` (the build date), which later pages of its listings
        that build makes."""
        pages: dict[str, dict[str, frozenset[str]]] = {}

        def add(path: str, anchors: frozenset[str] = frozenset(), text: Text | None = None) -> None:
            pages[path] = {lang: THEME_ANCHORS | anchors | (declared_ids(text.get(lang)) if text else frozenset())
                           for lang in LANGUAGES}

        for path, anchors in _data_pages(site):
            add(path, anchors)
        for activity in site.activities:
            add(f"/activities/{activity.slug}/", text=activity.body)
        for page in site.pages:
            add(f"/{page.slug}/", text=page.body)
        for post in site.news:
            add(f"/news/{post.slug}/", text=post.body)
        for lang in LANGUAGES:  # the notice shows the bodies of the activities it lists
            pages["/notice/"][lang] = pages["/notice/"][lang].union(
                *(pages[f"/activities/{a.slug}/"][lang] for a in site.activities if a.in_notice))
        files = frozenset("/" + name for name in content_files if is_file_path("/" + name))
        later = None if today is None else functools.cache(
            lambda: later_pages(by_start(site.activities), today, site.campaign.schedule_page_size))
        return cls(pages, files, site_address(site), later)

    def parse(self, href: str) -> Link:
        """What `href`, written in one of the site's texts, is (an address on the published site: the path it names)."""
        return parse_link(href, self.address)

    def moved(self, link: Link) -> tuple[str, str, str] | None:
        """When `link` names a later page of a listing (/schedule/page/9/) that this build does not make: a warning
        (message, hint) and the listing's first page, which it then leads to. A listing's pages follow the build
        date, so a page number that named a page once may name none later; a build without a date (None) makes
        every such page."""
        first = self._listing_of(link.decoded) if link.kind == "site" else None
        if first is None or self.later is None or link.decoded in self.later():
            return None
        return (f"the link {link.href} names a page this build does not make: the pages of the listing {first} "
                 "now follow the build date, and the link leads to its first page",
                f"link {first}, or a day's page such as /schedule/YYYY-MM-DD/, instead", first)

    def _listing_of(self, decoded: str) -> str | None:
        """The first page of the listing whose later page `decoded` names (/schedule/ for /schedule/page/2/)."""
        match = _LATER_PAGE.fullmatch(decoded)
        if match is None or int(match.group(2)) < 2 or match.group(1) not in self.pages:
            return None
        return match.group(1) if match.group(1) != "/regions/" else None

    def problem(self, link: Link, on_page: str, lang: str) -> tuple[str, str] | None:
        """What is wrong with `link` written in a text shown on the page `on_page` in `lang`: (message, hint)."""
        if link.kind == "external":
            return None
        if link.kind == "relative":
            return _relative(link, on_page, self)
        if link.kind == "here":
            return self._anchor(link, on_page, lang, "this page")
        decoded = link.decoded
        if is_file_path(decoded):
            if decoded in self.files:
                return None
            return (f"the link {link.href} leads to the file content{decoded}, which is not there",
                    f"add the file content{decoded}, or correct the name")
        if decoded not in self.pages and (first := self._listing_of(decoded)) is not None:
            return self._anchor(link, first, link.lang or lang, f"the page {decoded}")  # a moved one is `moved`'s
        if decoded not in self.pages:
            return f"the link {link.href} leads to no page of the site", self._page_hint(link)
        return self._anchor(link, decoded, link.lang or lang, f"the {LANGUAGE_NAMES[link.lang or lang]} page {decoded}")

    def exists(self, href: str) -> bool:
        link = self.parse(href)
        return link.kind == "site" and (link.decoded in self.pages or link.decoded in self.files
                                        or self._listing_of(link.decoded) is not None)

    def _anchor(self, link: Link, page: str, lang: str, where: str) -> tuple[str, str] | None:
        anchor = unquote(link.fragment)
        if not anchor:
            return None
        anchors = self.pages.get(page, {}).get(lang, THEME_ANCHORS)
        if anchor in anchors:
            return None
        listed = sorted(anchors - THEME_ANCHORS)
        if not listed:
            hint = f"link to {page} without an anchor, or end a heading there with {{#{anchor}}}"
        else:
            shown = ", ".join(f"#{name}" for name in listed[:_MAX_LISTED])
            hint = f"the anchors there are {shown}" + (f" and {len(listed) - _MAX_LISTED} more"
                                                       if len(listed) > _MAX_LISTED else "")
        return f"the link {link.href} names the anchor #{anchor}, which is not on {where}", hint

    def _page_hint(self, link: Link) -> str:
        decoded = link.decoded
        prefix = f"/{link.lang}" if link.lang else ""
        base_path = self.address.base_path
        if base_path != "/" and (prefix + decoded).startswith(base_path):
            rest = "/" + (prefix + decoded)[len(base_path):]
            return f"write {rest} (a path of the site, without the base URL's path {base_path}: the build adds it)"
        guess = difflib.get_close_matches(decoded, list(self.pages), n=1, cutoff=0.6)
        if guess:
            return f"did you mean {prefix}{guess[0]}?"
        return f"a page's path is {PAGE_FORMS}"


def site_address(site: Site) -> SiteAddress:
    """Where `site` is published, with the folders its content pages add to the site's own."""
    return SiteAddress.of(site.campaign.base_url, (page.slug for page in site.pages))


def _data_pages(site: Site) -> list[tuple[str, frozenset[str]]]:
    """The pages the campaign's data makes, with the anchors the data gives them."""
    found = [("/", frozenset()), ("/notice/", frozenset(f"activity-{a.slug}" for a in site.activities
                                                        if a.in_notice)), ("/search/", frozenset())]
    if site.activities:
        found += [("/schedule/", frozenset()), ("/schedule/archive/", frozenset())]
        found += _listing_pages(site)
    if site.slogans:
        found.append(("/slogans/", frozenset(slogan.slug for slogan in site.slogans)))
        found += [(f"/slogans/{slogan.slug}/", frozenset()) for slogan in site.slogans]
    if site.campaign.requirements:
        found.append(("/requirements/", frozenset(r.slug for r in site.campaign.requirements)))
    if site.news:
        count = -(-len(site.news) // NEWS_PAGE_SIZE)
        found += [("/news/", frozenset())] + [(f"/news/page/{n}/", frozenset()) for n in range(2, count + 1)]
    return found


def _listing_pages(site: Site) -> list[tuple[str, frozenset[str]]]:
    """The regions' index, each region's, city's and month's first page and its archive's, and each day's page (the
    page plan makes the same). Their later pages are not among them: which days they hold moves with the build
    date."""
    scheduled = by_start(site.activities)
    found = listings(scheduled)
    paths = ["/regions/"] if found.regions else []
    for folder, groups in (("regions", found.regions), ("regions", found.cities), ("schedule", found.months)):
        paths += [path for name in groups for path in (f"/{folder}/{name}/", f"/{folder}/{name}/archive/")]
    paths += [f"/schedule/{day.isoformat()}/" for day in on_day(scheduled)]
    return [(path, frozenset()) for path in paths]


def _relative(link: Link, on_page: str, paths: SitePaths) -> tuple[str, str]:
    """A relative link is refused: it breaks when the same text is shown on another page (an activity's body is
    on its page and on the notice). The hint gives the path of the site it was meant to be, when one exists."""
    tail = (f"?{link.query}" if link.query else "") + (f"#{link.fragment}" if link.fragment else "")
    candidates = [urljoin(on_page, link.path), "/" + link.path.lstrip("./")]
    meant = next((path for path in candidates if paths.exists(path)), None)
    message = f"the link {link.href} is relative; a link to a page of the site is written as its path"
    if meant is None:
        return message, f"write the page's path from the site's root, such as /schedule/ ({PAGE_FORMS})"
    return message, f"write {meant}{tail} (the path from the site's root, without the base URL: the build adds it)"
