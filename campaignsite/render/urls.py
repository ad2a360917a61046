"""Where the site is published, and how its pages link to each other.

Takes: the base URL, whether links are relative, the build date and the fingerprinted asset names.
Gives: `Urls` (a route -> a link or an absolute address), `Publication` (everything about how
this build is published that a page may show), `relativize` (root-relative links in a page made
relative to it, so the files work from disk), `own_paths` (the links of Markdown written as pages' addresses on the
published site made the paths of the site they name, as validation read them), `site_links` (the paths of the site
that Markdown links to, made addresses under the base URL) and `json_for_script` (JSON safe inside <script>).
"""
from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from html import escape, unescape
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from ..validate.media import Media
from ..validate.sitepaths import SiteAddress, parse_link


@dataclass(frozen=True)
class Urls:
    """Where the site lives: links are root-relative to the base URL's path (or, with `relative`,
    relative to each page, so that the files work from disk)."""

    base_url: str  # https://example.org/zt/quality-month/
    relative: bool = False
    moved: dict[str, str] = field(default_factory=dict)  # a listing's page Markdown names that this build does
    # not make (its pages follow the build date) -> the listing's first page, where such a link leads instead

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def link(self, route: str) -> str:
        return self.base_path + route

    def absolute(self, route: str) -> str:
        return self.base_url + route


@dataclass(frozen=True)
class Publication:
    """How this build is published: where, as of which day, and the fingerprinted asset names."""

    urls: Urls
    today: date
    asset_names: dict[str, str] = field(default_factory=dict)  # "site.css" -> "site.1a2b3c4d.css"
    search: bool = False  # the site has a search index (the search page works)
    media: Media = field(default_factory=Media)  # the images and documents Markdown shows (without bytes)


_LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')  # "URL 480w, URL 960w": each URL rewritten as an href


def _with_srcsets(html: str, replace: Callable[[re.Match[str]], str]) -> str:
    """`html` with `replace` applied to every href and src, and to every URL of every srcset."""
    html = _LINK_ATTRIBUTE.sub(replace, html)
    if " srcset=" not in html:
        return html

    def one(entry: str) -> str:
        url, space, width = entry.strip().partition(" ")
        return _LINK_ATTRIBUTE.sub(replace, f' src="{url}"')[len(' src="'):-1] + space + width

    return _SRCSET.sub(lambda match: match.group(1) + ", ".join(one(entry) for entry in match.group(2).split(","))
                       + match.group(3), html)


def relativize(html: str, output: str, base_path: str) -> str:
    """Root-relative links in `html` (written to `output`) made relative, with index.html spelled out."""
    depth = output.count("/")
    up = "../" * depth

    def replace(match: re.Match[str]) -> str:
        url = match.group(2)
        if not url.startswith(base_path) or url.startswith("//"):
            return match.group(0)
        path, hash_mark, fragment = url[len(base_path):].partition("#")
        path, question_mark, query = path.partition("?")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return f"{match.group(1)}{up}{path}{question_mark}{query}{hash_mark}{fragment}{match.group(3)}"

    return _with_srcsets(html, replace)


def own_paths(html: str, address: SiteAddress) -> str:
    """The links (and pictures) of converted Markdown written as a page's address on the published site
    (/zt/x/schedule/, https://host/zt/x/schedule/) made the path of the site they name (/schedule/), as validation
    read and checked them; the pictures and `site_links` then treat them as any path of the site."""
    own_base = address.base_path != "/" and address.base_path in html
    if not own_base and (address.host is None or address.host[0] not in html.lower()):
        return html  # most texts: no address of the site in them

    def replace(match: re.Match[str]) -> str:
        path = address.site_path(unescape(match.group(2)))
        return match.group(0) if path is None else f"{match.group(1)}{escape(path)}{match.group(3)}"

    return _with_srcsets(html, replace)


def site_links(html: str, lang: str, prefix: str, moved: dict[str, str] | None = None) -> str:
    """The links of converted Markdown written as paths of the site (/schedule/, /en/notice/#x, /images/x.jpg)
    made addresses under `prefix` (the base URL's path, or the whole base URL where the text leaves the site, as in
    a feed), on a page in `lang`; validation has checked that each leads somewhere, or given the page it leads to
    instead (`moved`)."""
    if '="/' not in html:
        return html

    def replace(match: re.Match[str]) -> str:
        url = unescape(match.group(2))
        if not url.startswith("/") or url.startswith("//"):
            return match.group(0)
        link = parse_link(url)
        if moved and link.decoded in moved:
            link = dataclasses.replace(link, path=moved[link.decoded])
        return f"{match.group(1)}{escape(prefix + link.route(lang))}{match.group(3)}"

    return _with_srcsets(html, replace)


def json_for_script(value: Any) -> Markup:
    """JSON safe inside <script>: no '<', '>' or '&' can end the element or start a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)  # no indent: the encoder written in C
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
