"""What a template sees when it renders a page: the page's data, the site, and the helpers.

Takes: the validated `Site`, a planned `Page`, the facts of the whole site, the UI `Strings`, the
`Publication` and the Markdown `Conversions`.
Gives: the context dict of one page. Every text a template shows comes through a helper here
(`t`, `md`, `ui`, the date formatters), so a pending translation is always marked, never blank.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from ..i18n import Strings, chinese_numeral, other_language
from ..model import (
    DEFAULT_LANGUAGE,
    HTML_LANG,
    LANGUAGES,
    Activity,
    Group,
    NewsPost,
    Site,
    Text,
    by_start,
    shown_status,
)
from ..regions import name_of
from ..routes import Page, navigation, route_of
from ..validate.sitepaths import NO_ADDRESS, SiteAddress, site_address
from . import charts, news, posters, searchterms, structured
from .markdown import Conversions
from .media import FirstImage, show_media
from .urls import Publication, json_for_script, own_paths, site_links

Ui = Callable[..., str]  # ui(key, **values): a UI string in the page's language


@dataclass(frozen=True)
class SiteFacts:
    """What every page may show about the whole site, worked out once per build (not once per page,
    which would make a build's time grow with the square of the number of activities)."""

    menus: dict[str, tuple[str, ...]]  # language -> the keys of the pages in the main menu
    scheduled: tuple[Activity, ...]  # the activities by the start of their window
    has_dated: bool  # some activity is in the calendars
    address: SiteAddress = NO_ADDRESS  # where the site is published: Markdown may link to its pages' addresses there

    @classmethod
    def of(cls, site: Site, pages: list[Page]) -> SiteFacts:
        return cls({lang: tuple(navigation(pages, lang)) for lang in LANGUAGES}, tuple(by_start(site.activities)),
                   any(activity.in_calendar for activity in site.activities), site_address(site))


@dataclass(frozen=True)
class PageMaker:
    """Everything a page's context is made from that is the same for every page of a build."""

    site: Site
    facts: SiteFacts
    strings: Strings
    publication: Publication
    conversions: Conversions
    qr_codes: dict[tuple[str, str], str] = field(default_factory=dict)  # every poster shows the same code
    per_language: dict[str, dict[str, Any]] = field(default_factory=dict)  # what every page of a language shares

    def qr_code(self, target: str, label: str) -> Markup:
        if (target, label) not in self.qr_codes:
            self.qr_codes[target, label] = posters.qr_code(target, label)
        return Markup(self.qr_codes[target, label])

    def context(self, page: Page) -> dict[str, Any]:
        lang = page.lang
        other = other_language(lang)
        return {
            "site": self.site,
            "campaign": self.site.campaign,
            "page": page,
            "lang": lang,
            "other_lang": other,
            "html_lang": HTML_LANG[lang],
            "other_html_lang": HTML_LANG[other],
            "languages": LANGUAGES,
            "default_lang": DEFAULT_LANGUAGE,
            "html_langs": HTML_LANG,
            "nav": self._nav(page),
            "stale_page": lang != DEFAULT_LANGUAGE and _shows_stale(self._subjects(page)),
            **self._text_helpers(lang, route_of(page.key, DEFAULT_LANGUAGE)),
            **self._language_values(lang),
            **page.data,
        }

    def _language_values(self, lang: str) -> dict[str, Any]:
        """The links and site values of every page in `lang`, made once (thousands of pages share them)."""
        if lang not in self.per_language:
            self.per_language[lang] = {**self._link_helpers(lang), **self._site_values(lang)}
        return self.per_language[lang]

    def _subjects(self, page: Page) -> list[Any]:
        """What a page is about, whose stale texts its note at the top tells of."""
        campaign = self.site.campaign
        return [*(page.data.get(key) for key in _SUBJECTS), *_CAMPAIGN_PARTS.get(page.key, lambda c: ())(campaign)]

    def _ui(self, lang: str) -> Ui:
        return lambda key, **values: self.strings.get(key, lang, **values)

    def _nav(self, page: Page) -> list[dict[str, Any]]:
        ui, link = self._ui(page.lang), self._link_helpers(page.lang)["url"]
        return [{"key": key, "url": link(key), "current": key == page.key,
                 "label": _nav_label(self.site, key, ui, page.lang)} for key in self.facts.menus[page.lang]]

    def _text_helpers(self, lang: str, original: str) -> dict[str, Any]:
        """The text helpers; `original` is the route of the page in the original language (a stale note links it)."""
        strings, ui = self.strings, self._ui(lang)

        def t(text: Text | None) -> Markup:
            if text is None:
                raise jinja2.UndefinedError("t() was given a missing text")
            return _localized(text, lang, ui)

        first = FirstImage()  # one per page: its first image is loaded at once

        def md(text: Text) -> Markup:
            body = self._markdown_html(text.get(lang), lang, first, ui)
            if text.is_pending(lang):
                return Markup('<div lang="{}" class="pending">{}</div><p class="pending-note">{}</p>').format(
                    HTML_LANG[other_language(lang)], body, ui(_pending_note(text)))
            if text.stale and lang != DEFAULT_LANGUAGE:
                return body + _stale_note(ui, self.publication.urls.link(original), "p")
            return body

        return {
            **self._cover_helpers(lang, ui, first),
            "ui": ui, "t": t, "md": md, "sentences": functools.partial(sentences, ui),
            "shows_city": lambda activity: shows_city(activity, lang),
            "plain": lambda text: text.get(lang),
            "fmt_date": lambda day: strings.date(day, lang),
            "schedule_text": lambda schedule: strings.schedule(schedule, lang),
            "hours_text": lambda hours: strings.hours(hours, lang),
            "section_no": lambda number: strings.section_number(number, lang),
            "item_no": lambda number: strings.item_number(number, lang),
            "cn": chinese_numeral,
            "region_name": lambda code: name_of(code, lang),
            "month_text": lambda month: strings.month(date(int(month[:4]), int(month[5:7]), 1), lang),
            "day_span": lambda days: strings.short_range(days[0], days[1], lang),
            "group_heading": lambda group: _group_heading(group, self.publication.today, strings, ui, lang),
            "day_heading": lambda day: _group_heading(Group("day", (), day), self.publication.today, strings, ui, lang),
            "page_span": lambda link: _page_span(link, strings, ui, lang),
        }

    def _markdown_html(self, source: str, lang: str, first: FirstImage, ui: Ui) -> Markup:
        """Markdown as the page shows it: its addresses of the published site as paths, its pictures and documents
        as published, its paths as links under the base URL."""
        html = show_media(own_paths(self.conversions.to_html(source), self.facts.address), self.publication.media,
                          first, lambda kind, size: ui("download.label", type=kind, size=size))
        return Markup(site_links(html, lang, self.publication.urls.base_path, self.publication.urls.moved))

    def _link_helpers(self, lang: str) -> dict[str, Any]:
        urls, names = self.publication.urls, self.publication.asset_names

        def asset(path: str, absolute: bool = False) -> str:
            route = "assets/" + names.get(path, path)
            return urls.absolute(route) if absolute else urls.link(route)

        return {
            "url": lambda key, in_lang=None: urls.link(route_of(key, in_lang or lang)),
            "absolute_url": lambda key, in_lang=None: urls.absolute(route_of(key, in_lang or lang)),
            "asset": asset,
            "link_to": lambda path: urls.link(path),
            "qr_code": self.qr_code,
        }

    def _site_values(self, lang: str) -> dict[str, Any]:
        site, strings, today, ui = self.site, self.strings, self.publication.today, self._ui(lang)
        home_url = self.publication.urls.absolute(route_of("home", lang))

        def status(activity: Activity) -> dict[str, str]:
            state = shown_status(activity, site.campaign, today)
            return {"key": state, "label": ui(f"status.{state}")}

        def event_data(activity: Activity) -> dict[str, Any] | None:
            page_url = self.publication.urls.absolute(route_of(f"activity/{activity.slug}", lang))
            return structured.event(activity, site.campaign, lang, page_url, strings.schedule(activity.schedule, lang))

        return {
            "period_text": strings.period(site.campaign.period_start, site.campaign.period_end, lang),
            "scheduled": self.facts.scheduled,
            "featured": site.campaign.featured_slogans,
            "slogan_ids": False,
            "status": status,
            "today": today,
            "as_of": strings.date(today, lang),
            "jsonld": json_for_script,
            "has_activities": bool(site.activities),
            "has_dated": self.facts.has_dated,
            "event_data": event_data,
            "datetime_of": lambda schedule: structured.when_start(schedule, site.campaign.timezone),
            "organizations_data": lambda: structured.organizations(site.campaign, lang, home_url),
            "search_enabled": self.publication.search,
            "search_bundle": self.publication.urls.base_path + "pagefind/",
            "search_filters": lambda activity: searchterms.search_filters(activity, site.campaign, today),
            "search_order": lambda activity: searchterms.order(activity, site.campaign, today),
            "search_names": lambda activity: searchterms.place_names(activity, lang),
            "search_when": searchterms.WHEN,
            "region_name": lambda code: name_of(code, lang),
            "article_data": self._article_data(lang),
            "region_chart": self._region_chart(lang, ui),
            "day_strip": self._day_strip(lang, ui),
        }

    def _day_strip(self, lang: str, ui: Ui) -> Callable[[Sequence[tuple[date, int]], str], Markup]:
        """day_strip(day_counts, id): the campaign's days with the number of activities on each (the schedule's first
        page's `day_counts`, from `model.on_day`), as weeks of an SVG chart named by the element with that id; each
        day with a page links it. The strip covers the campaign's period from its first to its last day with
        activities, and is left out ('') beyond `charts.MAX_STRIP_DAYS` days, where the months' listings serve
        better."""
        urls, campaign = self.publication.urls, self.site.campaign

        def strip(day_counts: Sequence[tuple[date, int]], labelled_by: str) -> Markup:
            counts = dict(day_counts)
            shown = charts.strip_days(counts, campaign.period_start, campaign.period_end)
            return Markup(charts.day_strip([
                charts.Day(day, charts.short_day(day, index == 0), counts.get(day, 0),
                           urls.link(route_of(f"day/{day.isoformat()}", lang)) if day in counts else None,
                           self.strings.date(day, lang) + ui("listing.count", n=counts.get(day, 0)))
                for index, day in enumerate(shown)], labelled_by))

        return strip

    def _region_chart(self, lang: str, ui: Ui) -> Callable[[Sequence[tuple[str, int]], str], Markup]:
        """region_chart(region_counts, id): the regions' counts as a bar chart, the most active first, named by the
        element with that id; each bar links the region's listing."""
        urls = self.publication.urls

        def chart(counts: Sequence[tuple[str, int]], labelled_by: str) -> Markup:
            bars = []
            for code, count in sorted(counts, key=lambda item: -item[1]):
                name = name_of(code, lang)
                bars.append(charts.Bar(name, count, urls.link(route_of(f"region/{code}", lang)),
                                       name + ui("listing.count", n=count)))
            return Markup(charts.bar_chart(bars, labelled_by))

        return chart

    def _cover_helpers(self, lang: str, ui: Ui, first: FirstImage) -> dict[str, Any]:
        """A post's cover as a picture (`small` on a list) and its share card. A post's cover is its page's first
        image: loaded at once, and the text's images then all wait until scrolled to."""
        media, urls = self.publication.media, self.publication.urls

        def cover_html(post: NewsPost, small: bool = False) -> Markup:
            return Markup(news.cover_html(post, lang, media, urls, lambda credit: ui("news.credit", credit=credit),
                                          small, eager=not small and first.take()))

        return {"cover_html": cover_html, "cover_card": lambda post: news.cover_card(post, lang, media, urls)}

    def _article_data(self, lang: str) -> Callable[[NewsPost], dict[str, Any]]:
        """A post's NewsArticle, at the addresses where this build publishes the post and its cover."""
        urls = self.publication.urls

        def article_data(post: NewsPost) -> dict[str, Any]:
            card = news.card_file(post, self.publication.media)
            image = urls.absolute(quote(card.path, safe="/")) if card is not None else None
            return news.news_article(post, self.site.campaign, lang, urls.absolute(route_of(f"news/{post.slug}", lang)),
                                     image)

        return article_data


def sentences(ui: Ui, *parts: str) -> Markup:
    """Sentences (texts, or Markup such as a link) set side by side as the language sets them
    (`punctuation.sentences`: in Chinese without a space between them); the empty ones left out."""
    pattern = escape(ui("punctuation.sentences"))
    shown = [part for part in parts if part]
    if not shown:
        return Markup("")
    return escape(functools.reduce(lambda first, second: pattern.format(first=first, second=second), shown))


def shows_city(activity: Activity, lang: str) -> bool:
    """Whether an activity's city is shown beside its place: not when the place already names it (温州市…中心 in 温州,
    …Centre, Wenzhou in Wenzhou), so that the city is read once."""
    if activity.city is None:
        return False
    if activity.place is None:
        return True
    city, place = activity.city.get(lang).strip(), activity.place.get(lang).strip()
    name = city.removesuffix("市") if lang == "zh" else _without_suffix(city, " city")
    if not name:
        return True
    place = place.casefold()
    return not (place.startswith(name.casefold()) or place.endswith(name.casefold()))


def _without_suffix(text: str, suffix: str) -> str:
    return text[:-len(suffix)] if text.casefold().endswith(suffix) else text


def _group_heading(group: Group, today: date, strings: Strings, ui: Ui, lang: str) -> str:
    """A listing's heading over a group: its day (today's called so) or its section, and whether it continues
    the page before."""
    if group.day is None:
        heading = ui(f"listing.section.{group.kind}")
    elif group.day == today:
        heading = ui("listing.today", date=strings.date(group.day, lang))
    else:
        heading = strings.date(group.day, lang)
    return ui("listing.continued", heading=heading) if group.continued else heading


def _page_span(link: dict[str, Any], strings: Strings, ui: Ui, lang: str) -> str:
    """What a pager calls a listing's page: the days it covers (9月16日–9月18日), else the sections it holds."""
    if link["days"] is not None:
        first, last = link["days"]
        return strings.short_range(first, last, lang)
    return ui("list.separator").join(ui(f"listing.section.{kind}") for kind in link["sections"])


def _nav_label(site: Site, key: str, ui: Ui, lang: str) -> str:
    if key.startswith("page/"):
        slug = key.split("/", 1)[1]
        return next(page.title.get(lang) for page in site.pages if page.slug == slug)
    return ui(f"nav.{key}")


def _localized(text: Text, lang: str, ui: Ui) -> Markup:
    if not text.is_pending(lang):
        if text.stale and lang != DEFAULT_LANGUAGE:  # a link here could fall inside a link: the page's note has one
            return Markup('{} <span class="stale-note">{}</span>').format(text.get(lang), ui("translation_stale_short"))
        return escape(text.get(lang))
    source = other_language(lang)
    return Markup('<span lang="{}" class="pending">{}</span> <span class="pending-note">{}</span>').format(
        HTML_LANG[source], text.get(lang), ui(_pending_note(text)))


def _pending_note(text: Text) -> str:
    """The note beside a text shown in the other language: its translation is pending, or being updated."""
    return "translation_updating" if text.stale else "translation_pending"


def _stale_note(ui: Ui, original: str, element: str) -> Markup:
    """The note that the original was updated since the text was translated, with a link to the original page."""
    return Markup('<{0} class="stale-note">{1} <a href="{2}" hreflang="{3}">{4}</a></{0}>').format(
        element, ui("translation_stale"), original, HTML_LANG[DEFAULT_LANGUAGE], ui("translation_stale_link"))


_SUBJECTS = ("activity", "slogan", "content")  # the keys of a page's data that hold what the page is about
_CAMPAIGN_PARTS: dict[str, Callable[[Any], tuple[Any, ...]]] = {  # the pages about the campaign: what of it
    "home": lambda campaign: (campaign,),
    "notice": lambda campaign: (campaign, *campaign.requirements),
    "requirements": lambda campaign: campaign.requirements,
}


def _shows_stale(values: Any) -> bool:
    """Whether a stale translation is among `values` (what a page is about: an activity, a slogan, a content page;
    not its neighbours or the items it lists, each marked where it stands) or their texts, and is shown stale (in
    fallback it is shown in the original)."""
    for value in values:
        if isinstance(value, Text):
            if value.stale and not value.pending:
                return True
        elif hasattr(value, "__dataclass_fields__") and any(
                isinstance(part := getattr(value, name), Text) and part.stale and not part.pending
                for name in value.__dataclass_fields__):
            return True
    return False
