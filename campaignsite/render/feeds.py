"""The site's machine-readable files: sitemap, robots.txt, Atom feeds, iCalendar files, open data.

Takes: the validated `Site`, the planned `Page`s, the site's `Urls`, the UI `Strings` and the build
date (the only date the output depends on; nothing here reads the clock or any file).
Gives: `{output path relative to the site root: file text}` for
  sitemap.xml, robots.txt                       every HTML page but the 404 pages, with hreflang alternates
  feed.xml, en/feed.xml                         Atom 1.0 (RFC 4287), one entry per activity, in data order
  calendar.ics, en/calendar.ics                 iCalendar (RFC 5545), one all-day event per dated activity
  activities/SLUG/calendar.ics (and en/...)     the same event alone, for each dated activity
  data/activities.json, data/activities.csv     the activities as open data (the CSV with a BOM, CRLF rows;
                                                a cell a spreadsheet would read as a formula starts with ')
Undated activities (`schedule.kind == "campaign"`) get no event and no calendar file: no date is
ever invented. A calendar with no event at all is not written (RFC 5545 needs one component).
The same input always gives the same text.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from ..i18n import Strings, other_language
from ..model import DEFAULT_LANGUAGE, HTML_LANG, LANGUAGES, Activity, Site, Text
from ..routes import Page, language_prefix, route_of
from .urls import Urls

ToHtml = Callable[[str], str]  # Markdown -> sanitised HTML (render.markdown.Conversions.to_html)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ATOM_NS = "http://www.w3.org/2005/Atom"
PRODID = "-//campaignsite//NONSGML campaign calendar//EN"
CSV_HEADER = ("slug", "number", "title_zh", "title_en", "summary_zh", "summary_en", "kind", "start", "end",
              "when_zh", "when_en", "place_zh", "place_en", "organisers_zh", "organisers_en", "url_zh", "url_en")
ORGANISER_SEPARATOR = {"zh": "、", "en": "; "}
ICS_LINE_OCTETS = 75
# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (OWASP's CSV
# injection page; ASVS 5.0 1.2.10 adds NUL): the cell gets a leading apostrophe, which they read as "text".
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\x00")

# Characters XML 1.0 does not allow at all (C0 controls other than tab, LF and CR; lone surrogates; U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Control characters RFC 5545 TEXT does not allow (tab is allowed; line breaks are escaped before this).
_NOT_ICS_TEXT = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
_ICS_UNITS = re.compile(r"\\.|.", re.DOTALL)  # a folded line never splits an escape such as \n


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
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


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
              _atom_text("content", activity.body, lang, to_html=to_html),
              "  </entry>"]
    return lines


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


# --- iCalendar ----------------------------------------------------------------------------------------------

def calendars(site: Site, urls: Urls, strings: Strings, build_date: date) -> dict[str, str]:
    """The whole schedule and each dated activity, as .ics files in every language."""
    dated = [activity for activity in site.activities if activity.schedule.is_dated]
    host = urlsplit(urls.base_url).hostname or "localhost"
    files: dict[str, str] = {}
    for lang in LANGUAGES:
        events = {a.slug: _folded(vevent(a, urls, strings, lang, host, build_date)) for a in dated}
        name = site.campaign.name.get(lang)
        if events:
            files[language_prefix(lang) + "calendar.ics"] = _folded_calendar(name, list(events.values()))
        for slug, event in events.items():
            files[route_of(f"activity/{slug}", lang) + "calendar.ics"] = _folded_calendar(name, [event])
    return files


def _folded(lines: list[str]) -> str:
    return "".join(fold(line) + "\r\n" for line in lines)


def _folded_calendar(name: str, folded_events: list[str]) -> str:
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            f"X-WR-CALNAME:{ics_escape(name)}"]
    return _folded(head) + "".join(folded_events) + "END:VCALENDAR\r\n"


def vevent(activity: Activity, urls: Urls, strings: Strings, lang: str, host: str, build_date: date) -> list[str]:
    """One all-day event spanning the activity's dates (DTEND is the day after the last day)."""
    schedule = activity.schedule
    start, end = schedule.span
    description = f"{strings.schedule(schedule, lang)}\n\n{activity.summary.get(lang)}"
    lines = ["BEGIN:VEVENT",
             f"UID:{ics_escape(activity.slug + '@' + host)}",
             f"DTSTAMP:{build_date.strftime('%Y%m%d')}T000000Z",
             f"DTSTART;VALUE=DATE:{_ics_date(start)}",
             f"DTEND;VALUE=DATE:{_ics_date(end + timedelta(days=1))}",
             f"SUMMARY:{ics_escape(activity.title.get(lang))}",
             f"DESCRIPTION:{ics_escape(description)}"]
    if activity.place is not None:
        lines.append(f"LOCATION:{ics_escape(activity.place.get(lang))}")
    lines += [f"URL:{urls.absolute(route_of(f'activity/{activity.slug}', lang))}",
              f"STATUS:{'TENTATIVE' if schedule.kind == 'window' else 'CONFIRMED'}",
              "TRANSP:TRANSPARENT",  # a day-long campaign event should not mark the reader as busy
              "END:VEVENT"]
    return lines


def _ics_date(day: date) -> str:
    return day.strftime("%Y%m%d")


def ics_escape(value: str) -> str:
    r"""An RFC 5545 TEXT value (3.3.11): \ ; , escaped, any line break written as \n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return _NOT_ICS_TEXT.sub("", value)


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1): CRLF and one space before each continuation.
    Never splits a UTF-8 character or a backslash escape."""
    if len(line) * 4 <= ICS_LINE_OCTETS or len(line.encode("utf-8")) <= ICS_LINE_OCTETS:
        return line
    parts: list[str] = []
    current, size = "", 0
    for unit in _ICS_UNITS.findall(line):
        octets = len(unit.encode("utf-8"))
        limit = ICS_LINE_OCTETS if not parts else ICS_LINE_OCTETS - 1  # a continuation starts with a space
        if size + octets > limit:
            parts.append(current)
            current, size = "", 0
        current += unit
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)


# --- open data ----------------------------------------------------------------------------------------------

def activity_record(activity: Activity, urls: Urls, strings: Strings) -> dict[str, Any]:
    """One activity as plain values, both languages side by side."""
    schedule = activity.schedule
    return {
        "slug": activity.slug,
        "number": activity.number,
        "title": _both(activity.title),
        "summary": _both(activity.summary),
        "schedule": {
            "kind": schedule.kind,
            "start": schedule.start.isoformat() if schedule.start else None,
            "end": schedule.end.isoformat() if schedule.end else None,
            "text": {lang: strings.schedule(schedule, lang) for lang in LANGUAGES},
        },
        "place": _both(activity.place) if activity.place is not None else None,
        "organisers": [{"slug": body.slug, **_both(body.name)} for body in activity.organisers],
        "url": {lang: urls.absolute(route_of(f"activity/{activity.slug}", lang)) for lang in LANGUAGES},
    }


def activities_json(site: Site, urls: Urls, strings: Strings) -> str:
    """The schedule as JSON, one activity to a line: readable, and made by the encoder written in C
    (an indented document needs the slow one)."""
    records = [json.dumps(activity_record(activity, urls, strings), ensure_ascii=False)
               for activity in site.activities]
    return (f'{{"campaign": {json.dumps(_both(site.campaign.name), ensure_ascii=False)},\n"activities": [\n'
            + ",\n".join(records) + "\n]}\n")


def activities_csv(site: Site, urls: Urls, strings: Strings) -> str:
    """The activities as CSV: UTF-8 with a BOM (so spreadsheets read the Chinese), CRLF rows, no formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for activity in site.activities:
        record = activity_record(activity, urls, strings)
        schedule = record["schedule"]
        place = record["place"] or {"zh": "", "en": ""}
        writer.writerow([csv_cell(value) for value in (
            activity.slug, activity.number,
            activity.title.zh, activity.title.en, activity.summary.zh, activity.summary.en,
            schedule["kind"], schedule["start"] or "", schedule["end"] or "",
            schedule["text"]["zh"], schedule["text"]["en"], place["zh"], place["en"],
            *(ORGANISER_SEPARATOR[lang].join(body.name.get(lang) for body in activity.organisers)
              for lang in ("zh", "en")),
            record["url"]["zh"], record["url"]["en"],
        )])
    return "\ufeff" + buffer.getvalue()


def csv_cell(value: str | int) -> str | int:
    """A CSV cell that no spreadsheet runs as a formula: text starting with = + - @, a tab, a carriage
    return or NUL gets a leading apostrophe (the JSON keeps the text as it is)."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_START):
        return "'" + value
    return value


def _both(text: Text) -> dict[str, str]:
    return {lang: text.get(lang) for lang in LANGUAGES}
