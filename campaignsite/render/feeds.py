"""The site's machine-readable files: sitemap, robots.txt, Atom feeds, iCalendar files, open data.

Takes: the validated `Site`, the planned `Page`s, the site's `Urls`, the UI `Strings` and the build
date (the only date the output depends on; nothing here reads the clock or any file).
Gives: `{output path relative to the site root: file text}` for
  sitemap.xml, robots.txt                       every HTML page but the 404 pages, with hreflang alternates
  feed.xml, en/feed.xml                         Atom 1.0 (RFC 4287), one entry per activity, in data order,
                                                then one per published news post, newest first
  calendar.ics, activities/SLUG/calendar.ics    the iCalendar files (made by render.calendars)
  data/activities.json, data/activities.csv     the open data (made by render.opendata)
The same input always gives the same text.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from ..i18n import Strings, other_language
from ..model import DEFAULT_LANGUAGE, HTML_LANG, LANGUAGES, Activity, NewsPost, Site, Text
from ..routes import Page, language_prefix, route_of
from ..validate.sitepaths import SiteAddress, site_address
from .calendars import calendars
from .opendata import activities_csv, activities_json
from .urls import Urls, own_paths, site_links

ToHtml = Callable[[str], str]  # Markdown -> sanitised HTML (render.markdown.Conversions.to_html)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ATOM_NS = "http://www.w3.org/2005/Atom"

# Characters XML 1.0 does not allow at all (C0 controls other than tab, LF and CR; lone surrogates; U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


PUBLISHING_PARTS = ("listings", "schedule")  # two halves of about equal work, to be made side by side


def publishing_files(site: Site, pages: list[Page], urls: Urls, strings: Strings, build_date: date,
                     to_html: ToHtml, parts: tuple[str, ...] = PUBLISHING_PARTS) -> dict[str, str]:
    """{output path relative to the site root: file text} for sitemap.xml, robots.txt and the Atom
    feeds ("listings"), and the iCalendar files and the open data ("schedule")."""
    files: dict[str, str] = {}
    if "listings" in parts:
        files.update({"sitemap.xml": sitemap(pages, urls, build_date), "robots.txt": robots(urls)})
        for lang in LANGUAGES:
            files[language_prefix(lang) + "feed.xml"] = atom_feed(site, urls, lang, build_date, to_html)
    if "schedule" in parts:
        files.update(calendars(site, urls, strings, build_date))
        files["data/activities.json"] = activities_json(site, urls, strings)
        files["data/activities.csv"] = activities_csv(site, urls, strings)
    return files


# --- sitemap.xml and robots.txt ---------------------------------------------------------------------------

def sitemap(pages: list[Page], urls: Urls, build_date: date) -> str:
    """One <url> per HTML page but the 404 pages, each with its alternates in every language."""
    listed = [page for page in pages if page.key != "404"]
    languages_of: dict[str, list[str]] = {}
    for page in listed:
        languages_of.setdefault(page.key, []).append(page.lang)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<urlset xmlns={_attr(SITEMAP_NS)} xmlns:xhtml={_attr(XHTML_NS)}>']
    for page in listed:
        lines += ["  <url>",
                  f"    <loc>{_text(urls.absolute(page.route))}</loc>",
                  f"    <lastmod>{build_date.isoformat()}</lastmod>"]
        for lang in languages_of[page.key]:
            lines.append(_alternate(HTML_LANG[lang], urls.absolute(route_of(page.key, lang))))
        if DEFAULT_LANGUAGE in languages_of[page.key]:
            lines.append(_alternate("x-default", urls.absolute(route_of(page.key, DEFAULT_LANGUAGE))))
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _alternate(hreflang: str, href: str) -> str:
    return f'    <xhtml:link rel="alternate" hreflang={_attr(hreflang)} href={_attr(href)}/>'


def robots(urls: Urls) -> str:
    return f"User-agent: *\nAllow: {urls.base_path}\nSitemap: {urls.absolute('sitemap.xml')}\n"


# --- Atom feeds ---------------------------------------------------------------------------------------------

def atom_feed(site: Site, urls: Urls, lang: str, build_date: date, to_html: ToHtml) -> str:
    """The activities in data order as an Atom 1.0 feed in one language."""
    campaign = site.campaign
    to_html = _with_own_paths(to_html, site_address(site))
    updated = _atom_time(build_date)
    home = urls.absolute(route_of("home", lang))
    self_url = urls.absolute(language_prefix(lang) + "feed.xml")
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f"<feed xmlns={_attr(ATOM_NS)} xml:lang={_attr(HTML_LANG[lang])}>",
             _atom_text("title", campaign.name, lang, indent=2),
             f"  <id>{_text(home)}</id>",
             f"  <updated>{updated}</updated>",
             f'  <link rel="self" type="application/atom+xml" href={_attr(self_url)}/>',
             f'  <link rel="alternate" type="text/html" href={_attr(home)}/>',
             f"  <author><name>{_text(_feed_author(site, lang))}</name></author>"]
    for activity in site.activities:
        lines += _atom_entry(site, activity, urls, lang, updated, to_html)
    for post in site.news:
        lines += _post_entry(post, urls, lang, to_html)
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _with_own_paths(to_html: ToHtml, address: SiteAddress) -> ToHtml:
    """`to_html`, with the links written as the pages' addresses on the published site made the paths they name."""
    return lambda source: own_paths(to_html(source), address)


def _atom_entry(site: Site, activity: Activity, urls: Urls, lang: str, updated: str, to_html: ToHtml) -> list[str]:
    page = urls.absolute(route_of(f"activity/{activity.slug}", lang))
    lines = ["  <entry>",
             _atom_text("title", activity.title, lang),
             f"    <id>{_text(page)}</id>",
             f'    <link rel="alternate" type="text/html" href={_attr(page)}/>',
             f"    <updated>{updated}</updated>"]
    if site.campaign.record is not None:
        lines.append(f"    <published>{_atom_time(site.campaign.record.issued)}</published>")
    lines += [_atom_text("summary", activity.summary, lang),
              _atom_text("content", activity.body, lang,  # a feed reader is elsewhere: links to pages are whole
                         to_html=lambda source: site_links(to_html(source), lang, urls.base_url, urls.moved)),
              "  </entry>"]
    return lines


def _post_entry(post: NewsPost, urls: Urls, lang: str, to_html: ToHtml) -> list[str]:
    """A news post as an entry, dated by its day."""
    page = urls.absolute(route_of(f"news/{post.slug}", lang))
    return ["  <entry>",
            _atom_text("title", post.title, lang),
            f"    <id>{_text(page)}</id>",
            f'    <link rel="alternate" type="text/html" href={_attr(page)}/>',
            f"    <updated>{_atom_time(post.day)}</updated>",
            f"    <published>{_atom_time(post.day)}</published>",
            _atom_text("summary", post.summary, lang),
            _atom_text("content", post.body, lang,
                       to_html=lambda source: site_links(to_html(source), lang, urls.base_url, urls.moved)),
            "  </entry>"]


def _atom_text(element: str, text: Text, lang: str, indent: int = 4, to_html: ToHtml | None = None) -> str:
    """An Atom text construct; a text still showing the other language says so with xml:lang."""
    value = text.get(lang)
    attributes = ' type="html"' if to_html else ""
    if text.is_pending(lang):
        attributes += f" xml:lang={_attr(HTML_LANG[other_language(lang)])}"
    if to_html:
        value = to_html(value)
    return f"{' ' * indent}<{element}{attributes}>{_text(value)}</{element}>"


def _feed_author(site: Site, lang: str) -> str:
    """The first organiser (Atom needs an author; a campaign without organisers names itself)."""
    organisers = site.campaign.organisers
    return organisers[0].name.get(lang) if organisers else site.campaign.name.get(lang)


def _atom_time(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _text(value: str) -> str:
    """XML character data: escaped, and without the characters XML cannot carry."""
    value = _NOT_XML.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    """A double-quoted XML attribute value."""
    escaped = _text(value).replace('"', "&quot;")
    for char, reference in (("\t", "&#9;"), ("\n", "&#10;"), ("\r", "&#13;")):
        escaped = escaped.replace(char, reference)
    return f'"{escaped}"'
