"""Pages -> HTML, through Jinja templates with autoescape and StrictUndefined.

Takes: the validated `Site`, the planned `Page`s, the template folders (the site's first, then the
theme's), and the URL settings.
Gives: `{output path: HTML text}` for every page, or `SiteError` naming the template, its line and
the page being rendered when a template is wrong. Nothing here touches the output folder.
"""
from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markdown
import nh3
from markupsafe import Markup, escape

from . import posters, structured
from .errors import Problem, SiteError
from .i18n import MissingString, Strings, chinese_numeral, other_language
from .model import DEFAULT_LANGUAGE, HTML_LANG, LANGUAGES, Activity, Campaign, Schedule, Site, Text
from .routes import Page, navigation, route_of

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_ALLOWED_ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
    "ol": {"start"},
}


_NO_DATE = date.min


@dataclass(frozen=True)
class Urls:
    """Where the site lives: links are root-relative to the base URL's path (or, with `relative`,
    relative to each page, so that the files work from disk)."""

    base_url: str  # https://example.org/zt/quality-month/
    relative: bool = False

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


_LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def relativize(html: str, output: str, base_path: str) -> str:
    """Root-relative links in `html` (written to `output`) made relative, with index.html spelled out."""
    depth = output.count("/")
    up = "../" * depth

    def replace(match: re.Match) -> str:
        url = match.group(2)
        if not url.startswith(base_path) or url.startswith("//"):
            return match.group(0)
        path, hash_mark, fragment = url[len(base_path):].partition("#")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return f"{match.group(1)}{up}{path}{hash_mark}{fragment}{match.group(3)}"

    return _LINK_ATTRIBUTE.sub(replace, html)


def json_for_script(value: Any) -> Markup:
    """JSON safe inside <script>: no '<', '>' or '&' can end the element or start a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)  # no indent: the encoder written in C
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class Conversions:
    """Markdown already converted, by a digest of the converter's versions and settings and of the
    source: HTML that cannot differ from what converting again would give. A build loads them from
    the tool's cache folder and saves the new ones, so that a rebuild (after a template edit, say)
    converts only Markdown it has not seen; Python-Markdown is most of the cost of a page."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}
        self.new: dict[str, str] = {}

    def load(self, entries: dict[str, str]) -> None:
        self.known.update(entries)

    def keep(self, converted: dict[str, str]) -> None:
        """Conversions made by another process (a worker), to be kept as if made here."""
        self.known.update(converted)
        self.new.update(converted)

    def take_new(self) -> dict[str, str]:
        new, self.new = self.new, {}
        return new


conversions = Conversions()  # a memo: whatever it holds, every result is what converting gives
_CONVERTER = repr((markdown.__version__, getattr(nh3, "__version__", ""), sorted(_ALLOWED_TAGS),
                   sorted((k, sorted(v)) for k, v in _ALLOWED_ATTRIBUTES.items()))).encode("utf-8")


def markdown_to_html(source: str) -> str:
    """Markdown -> sanitised HTML: raw HTML in the source keeps only harmless tags and http(s)/mailto links."""
    key = hashlib.blake2b(_CONVERTER + source.encode("utf-8"), digest_size=20).hexdigest()
    html = conversions.known.get(key)
    if html is None:
        html = nh3.clean(_converter().reset().convert(source), tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES,
                         url_schemes={"http", "https", "mailto"}, link_rel=None)
        conversions.known[key] = conversions.new[key] = html
    return html


_converters = threading.local()


def _converter() -> markdown.Markdown:
    """One Markdown converter per thread, reset between texts: making one costs more than converting
    a short text (0.38 ms against 0.16 ms, measured)."""
    if not hasattr(_converters, "markdown"):
        _converters.markdown = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")
    return _converters.markdown


def make_environment(template_dirs: list[Path], watch_templates: bool = False) -> jinja2.Environment:
    """One environment per set of template folders, kept for the process. With `watch_templates`
    (the preview) Jinja recompiles a template when its file changes, which keeps preview rebuilds
    fast; a one-off build does not look at every template file again for every page."""
    dirs = tuple(str(d) for d in template_dirs)
    return _watching_environment(dirs) if watch_templates else _environment(dirs, False)


@lru_cache(maxsize=8)
def _watching_environment(template_dirs: tuple[str, ...]) -> jinja2.Environment:
    return _environment(template_dirs, True)


def _environment(template_dirs: tuple[str, ...], watch_templates: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        auto_reload=watch_templates,
        loader=jinja2.FileSystemLoader(list(template_dirs)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def render_all(site: Site, pages: list[Page], all_pages: list[Page], env: jinja2.Environment,
               publication: Publication, display_root: Path, facts: "SiteFacts | None" = None) -> dict[str, str]:
    """Render `pages` (of the site's `all_pages`); collect the problems of all templates before giving up.
    `facts` (from `SiteFacts.of`) may be given when the site's pages are rendered in several calls."""
    strings = Strings(site.strings)
    urls = publication.urls
    facts = facts or SiteFacts.of(site, all_pages)
    problems: list[Problem] = []
    seen: set[tuple[str, int, str]] = set()
    html: dict[str, str] = {}
    for page in pages:
        try:
            template = env.get_template(page.template)
            text = template.render(page_context(site, page, facts, strings, publication))
            html[page.output] = relativize(text, page.output, urls.base_path) if urls.relative else text
        except jinja2.TemplateSyntaxError as exc:
            problem = Problem(_template_name(exc.filename, display_root, exc.name), exc.lineno, 0, "",
                              f"template syntax error: {exc.message}",
                              "correct the template tag on this line")
        except jinja2.TemplateNotFound as exc:
            problem = Problem("templates", message=f"the template {exc.name} is missing (needed by {page.output})",
                              hint=f"add templates/{exc.name}, or restore it from the theme")
        except (jinja2.UndefinedError, MissingString) as exc:
            problem = _render_problem(exc, page, display_root)
        else:
            continue
        key = (problem.file, problem.line, problem.message)
        if key not in seen:
            seen.add(key)
            problems.append(problem)
    if problems:
        raise SiteError(problems)
    return html


@dataclass(frozen=True)
class SiteFacts:
    """What every page may show about the whole site, worked out once per build (not once per page,
    which would make a build's time grow with the square of the number of activities)."""

    menus: dict[str, tuple[str, ...]]  # language -> the keys of the pages in the main menu
    scheduled: tuple[Activity, ...]  # the activities by the start of their window
    has_dated: bool

    @classmethod
    def of(cls, site: Site, pages: list[Page]) -> "SiteFacts":
        return cls({lang: tuple(navigation(pages, lang)) for lang in LANGUAGES}, tuple(by_start(site.activities)),
                   any(activity.schedule.is_dated for activity in site.activities))


def page_context(site: Site, page: Page, facts: SiteFacts, strings: Strings,
                 publication: Publication) -> dict[str, Any]:
    lang = page.lang
    urls = publication.urls
    other = other_language(lang)

    def ui(key: str, **values: object) -> str:
        return strings.get(key, lang, **values)

    def t(text: Text | None) -> Markup:
        if text is None:
            raise jinja2.UndefinedError("t() was given a missing text")
        return _localized(text, lang, ui)

    def md(text: Text) -> Markup:
        body = Markup(markdown_to_html(text.get(lang)))
        if text.is_pending(lang):
            source = other_language(lang)
            return Markup('<div lang="{}" class="pending">{}</div><p class="pending-note">{}</p>').format(
                HTML_LANG[source], body, ui("translation_pending"))
        return body

    def url(key: str, in_lang: str | None = None) -> str:
        return urls.link(route_of(key, in_lang or lang))

    def absolute_url(key: str, in_lang: str | None = None) -> str:
        return urls.absolute(route_of(key, in_lang or lang))

    def asset(path: str, absolute: bool = False) -> str:
        route = "assets/" + publication.asset_names.get(path, path)
        return urls.absolute(route) if absolute else urls.link(route)

    def status(activity: Activity) -> dict[str, str]:
        state = activity_status(activity.schedule, site.campaign, publication.today)
        return {"key": state, "label": ui(f"status.{state}")}

    nav = [{"key": key, "url": url(key), "current": key == page.key, "label": _nav_label(site, key, ui, lang)}
           for key in facts.menus[lang]]
    return {
        "site": site,
        "campaign": site.campaign,
        "page": page,
        "lang": lang,
        "other_lang": other,
        "html_lang": HTML_LANG[lang],
        "other_html_lang": HTML_LANG[other],
        "languages": LANGUAGES,
        "default_lang": DEFAULT_LANGUAGE,
        "html_langs": HTML_LANG,
        "nav": nav,
        "ui": ui,
        "t": t,
        "plain": lambda text: text.get(lang),
        "md": md,
        "url": url,
        "absolute_url": absolute_url,
        "asset": asset,
        "fmt_date": lambda day: strings.date(day, lang),
        "schedule_text": lambda schedule: strings.schedule(schedule, lang),
        "section_no": lambda number: strings.section_number(number, lang),
        "cn": chinese_numeral,
        "period_text": strings.period(site.campaign.period_start, site.campaign.period_end, lang),
        "scheduled": facts.scheduled,
        "featured": site.campaign.featured_slogans,
        "slogan_ids": False,
        "item_no": lambda number: strings.item_number(number, lang),
        "status": status,
        "today": publication.today,
        "as_of": strings.date(publication.today, lang),
        "jsonld": json_for_script,
        "has_activities": bool(site.activities),
        "has_dated": facts.has_dated,
        "link_to": lambda path: urls.link(path),
        "qr_code": lambda target, label: Markup(posters.qr_code(target, label)),
        "event_data": lambda activity: structured.event(activity, site.campaign, lang,
                                                       absolute_url(f"activity/{activity.slug}"),
                                                       strings.schedule(activity.schedule, lang)),
        "organizations_data": lambda: structured.organizations(site.campaign, lang, absolute_url("home")),
        **page.data,
    }


def activity_status(schedule: Schedule, campaign: Campaign, today: date) -> str:
    """upcoming, ongoing or over as of `today` (an undated activity runs through the campaign);
    an approximate window that has not ended is only 'expected'."""
    start = schedule.start or campaign.period_start
    end = schedule.end or campaign.period_end
    if today > end:
        return "over"
    if schedule.kind == "window":
        return "expected"
    return "ongoing" if today >= start else "upcoming"


def by_start(activities: tuple[Activity, ...]) -> list[Activity]:
    """Dated activities by the start (then end) of their window, then the undated ones, each in file order."""
    return sorted(activities, key=lambda a: (not a.schedule.is_dated, a.schedule.start or a.schedule.end
                                              or _NO_DATE, a.schedule.end or _NO_DATE, a.number))


def _nav_label(site: Site, key: str, ui, lang: str) -> str:
    if key.startswith("page/"):
        slug = key.split("/", 1)[1]
        return next(page.title.get(lang) for page in site.pages if page.slug == slug)
    return ui(f"nav.{key}")


def _localized(text: Text, lang: str, ui) -> Markup:
    if not text.is_pending(lang):
        return escape(text.get(lang))
    source = other_language(lang)
    return Markup('<span lang="{}" class="pending">{}</span> <span class="pending-note">{}</span>').format(
        HTML_LANG[source], text.get(lang), ui("translation_pending"))


def _render_problem(exc: Exception, page: Page, display_root: Path) -> Problem:
    file, line = _template_position(exc, display_root)
    if isinstance(exc, MissingString):
        message = f"the UI string '{exc.args[0]}' is not in the string table"
        hint = "add it to templates/strings.yaml with 'zh:' and 'en:'"
    else:
        message = f"{exc} (while rendering {page.output})"
        hint = "check the variable's name; the variables a page has are listed in the README"
    return Problem(file, line, 0, "", message, hint)


def _template_position(exc: Exception, display_root: Path) -> tuple[str, int]:
    """The template file and line the error came from (Jinja's traceback frames carry them)."""
    file, line = "templates", 0
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".txt", ".svg")):
            file, line = _template_name(name, display_root, name), tb.tb_lineno
        tb = tb.tb_next
    return file, line


def _template_name(filename: str | None, display_root: Path, fallback: str | None) -> str:
    if not filename:
        return fallback or "templates"
    path = Path(filename)
    try:
        return path.resolve().relative_to(display_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
