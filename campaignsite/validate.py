"""Raw documents -> the immutable model, collecting every problem on the way.

Takes: the `YamlDoc`s of campaign.yaml, activities.yaml, slogans.yaml and the UI strings, and the
`MarkdownDoc`s of content/ (all from `load`), and whether missing translations may fall back.
Gives: a `model.Site`, or raises `SiteError` with every problem found, each at its file, line,
column and key path. Warnings (such as an activity dated far from the campaign) travel with the
site in `Validated.warnings`.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import schema
from .errors import WARNING, Problem, ProblemLog
from .load import MarkdownDoc, YamlDoc, format_path
from .model import (
    LANGUAGES,
    SCHEDULE_KINDS,
    SCHEDULE_PAGE_SIZE,
    Activity,
    Body,
    Campaign,
    ContentPage,
    Footer,
    GovernmentMeta,
    Record,
    Requirement,
    Schedule,
    Site,
    Slogan,
    Text,
    TextList,
)

LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}
TRANSLATION = "translation"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MIN_SCHEDULE_PAGE_SIZE = 10
RESERVED_SLUGS = {"assets"}  # other clashes with the site's own pages are caught by routes, naming both files


@dataclass(frozen=True)
class Sources:
    """Every document of a campaign, as loaded."""

    campaign: YamlDoc
    activities: YamlDoc | None  # activities.yaml, or None when the activities are in a folder
    slogans: YamlDoc | None
    pages: tuple[MarkdownDoc, ...]
    strings: tuple[YamlDoc, ...]  # the theme's table first, then the site's overrides
    activity_files: tuple[YamlDoc, ...] = ()  # activities/*.yaml, one activity each, in file-name order


@dataclass(frozen=True)
class Validated:
    site: Site
    warnings: tuple[Problem, ...]


def validate(sources: Sources, allow_fallback: bool = False) -> Validated:
    """Check every document and build the model; raise `SiteError` listing every error."""
    log = ProblemLog()
    fallback = allow_fallback or _wants_fallback(sources.campaign)
    strings = _read_strings(sources.strings, log)
    bodies_reader = Reader(sources.campaign, log, fallback)
    bodies = _read_bodies(bodies_reader)
    slogans = _read_slogans(sources.slogans, log, fallback)
    if sources.activities is not None:
        activities, places = _read_activities(sources.activities, log, fallback, bodies)
    else:
        activities, places = _read_activity_files(sources.activity_files, log, fallback, bodies)
    campaign = _read_campaign(bodies_reader, bodies, {s.slug: s for s in slogans})
    pages = _read_pages(sources.pages, log, fallback)
    if campaign:
        _warn_far_dates(places, activities, campaign, log)
    log.raise_if_errors()
    site = Site(campaign, tuple(activities), tuple(slogans), tuple(pages), strings)
    return Validated(site, tuple(log.warnings))


class Reader:
    """Reads typed values out of one YAML document, reporting problems at their positions."""

    def __init__(self, doc: YamlDoc, log: ProblemLog, fallback: bool = False) -> None:
        self.doc = doc
        self.log = log
        self.fallback = fallback
        self.names: dict[tuple, str] = {}  # list items named by their slug in messages
        self.strip = True  # UI strings keep their spaces: a separator may be a space

    # -- reporting -------------------------------------------------------------------------
    def problem(self, path: tuple, message: str, hint: str = "", severity: str = "error",
                at_value: bool = True, category: str = "") -> None:
        mark = self.doc.value_mark(path) if at_value else self.doc.mark(path)
        self.log.add(Problem(self.doc.file, mark.line, mark.col, format_path(path, self.names),
                             message, hint, severity, category))

    def get(self, path: tuple) -> Any:
        value = self.doc.data
        for part in path:
            if isinstance(value, dict) and part in value:
                value = value[part]
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return None
        return value

    # -- structure -------------------------------------------------------------------------
    def block(self, path: tuple, block: str, required: bool = True) -> dict | None:
        """A mapping whose keys are those the schema declares for `block`."""
        value = self.get(path)
        if value is None:
            if required:
                self._missing(path, f"the {_label(path)} block")
            return None
        if not isinstance(value, dict):
            self.problem(path, f"expected a block of keys ({', '.join(schema.field_names(block))}), "
                               f"found {_describe(value)}", hint="indent the keys under this line")
            return None
        allowed = schema.BLOCKS[block]
        for key in value:
            if key not in {f.name for f in allowed}:
                self.unknown_key(path + (key,), [f.name for f in allowed])
        for spec in allowed:
            if spec.required and value.get(spec.name) is None and _reported_here(spec):
                self._missing(path + (spec.name,), f"'{spec.name}'")
        return value

    def unknown_key(self, path: tuple, allowed: list[str]) -> None:
        key = str(path[-1])
        guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{guess[0]}'?" if guess else f"the keys allowed here are: {', '.join(allowed)}"
        self.problem(path, f"unknown key '{key}'", hint=hint, at_value=False)

    def items(self, path: tuple, required: bool = False) -> list[tuple[tuple, Any]]:
        value = self.get(path)
        if value is None:
            if required:
                self._missing(path, f"the list '{path[-1]}'")
            return []
        if not isinstance(value, list):
            self.problem(path, f"expected a list (lines starting with '- '), found {_describe(value)}")
            return []
        for index, item in enumerate(value):
            if isinstance(item, dict) and isinstance(item.get("slug"), str) and SLUG_RE.match(item["slug"]):
                self.names.setdefault(path + (index,), item["slug"])
        return [(path + (index,), item) for index, item in enumerate(value)]

    def _missing(self, path: tuple, what: str) -> None:
        self.problem(path, f"{what} is missing", hint=f"add '{path[-1]}:' here", at_value=False)

    # -- values ----------------------------------------------------------------------------
    def text(self, path: tuple, required: bool = True) -> Text | None:
        """A reader-visible text: a block with zh and en, both non-empty."""
        value = self.get(path)
        if value is None:
            if required:
                self.problem(path, f"the {_label(path)} is missing",
                             hint=f"add '{path[-1]}:' with 'zh:' and 'en:' under it", at_value=False)
            return None
        if not isinstance(value, dict):
            self.problem(path, f"expected the {_label(path)} in both languages, found {_describe(value)}",
                         hint="write it as two lines under this key: 'zh: …' and 'en: …'")
            return None
        for key in value:
            if key not in LANGUAGES:
                self.unknown_key(path + (key,), list(LANGUAGES))
        before = len(self.log.problems)
        found = {lang: self.plain_text(path + (lang,), value.get(lang)) for lang in LANGUAGES}
        if len(self.log.problems) > before:
            return None  # a value of the wrong type was reported; "missing" would only repeat it
        return self._complete(path, found)

    def _complete(self, path: tuple, found: dict[str, str | None]) -> Text | None:
        if found["zh"] and found["en"]:
            return Text(found["zh"], found["en"])
        missing = [lang for lang in LANGUAGES if not found[lang]]
        present = [lang for lang in LANGUAGES if found[lang]]
        field_name = _label(path)
        for lang in missing:
            message = f"the {LANGUAGE_NAMES[lang]} {field_name} is missing"
            if self.fallback and present:
                self.problem(path + (lang,), message + " (shown as 'translation pending')",
                             severity=WARNING, at_value=False, category=TRANSLATION)
            else:
                self.problem(path + (lang,), message, category=TRANSLATION,
                             hint=f"add '{lang}: …' under '{path[-1]}'"
                             + ("" if self.fallback else " (or set site.translation_fallback: true to publish "
                                                         "the original for now)"),
                             at_value=False)
        if not present or not self.fallback:
            return None
        source = present[0]
        filled = {lang: found[lang] or found[source] for lang in LANGUAGES}
        return Text(filled["zh"], filled["en"], frozenset(missing))

    def plain_text(self, path: tuple, value: Any) -> str | None:
        """Text in one language; a plain scalar YAML turned into a number or boolean keeps its wording."""
        if value is None:
            return None
        if path in self.doc.source_text:
            value = self.doc.source_text[path]
        if isinstance(value, str):
            return value.strip() if self.strip else value
        self.problem(path, f"expected text, found {_describe(value)}",
                     hint="write the text on this line after the colon")
        return None

    def plain(self, path: tuple, required: bool = False) -> str | None:
        value = self.get(path)
        if value is None:
            if required:
                self._missing(path, f"'{path[-1]}'")
            return None
        text = self.plain_text(path, value)
        if text == "" and required:
            self.problem(path, f"'{path[-1]}' is empty", hint="write a value after the colon")
        return text

    def slug(self, path: tuple) -> str | None:
        value = self.plain(path, required=True)
        if value is None or value == "":
            return None
        if not SLUG_RE.match(value):
            self.problem(path, f"the slug '{_visible(value)}' is not safe in a web address",
                         hint=f"use lowercase ASCII letters, digits and hyphens, such as '{suggest_slug(value, path)}'")
            return None
        return value

    def day(self, path: tuple, required: bool = True) -> date | None:
        value = self.get(path)
        if value is None:
            if required:
                self._missing(path, f"the date '{path[-1]}'")
            return None
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
        if isinstance(value, str) and DAY_RE.match(value):  # a date in quotes is still a date
            try:
                return date.fromisoformat(value)
            except ValueError as exc:
                self.problem(path, f"{value} is not a real date ({exc})", hint="check the day and the month")
                return None
        self.problem(path, f"expected a date written as YYYY-MM-DD, found {_describe(value)}",
                     hint="write the date like 2008-09-22")
        return None

    def flag(self, path: tuple, default: bool) -> bool:
        """true or false as YAML 1.2 writes them; YAML 1.1's yes/no/on/off are refused, not guessed."""
        value = self.get(path)
        if value is None:
            return default
        source = self.doc.source_text.get(path)  # a quick reading leaves yes/no/on/off to the exact one
        if isinstance(value, bool) and (source is None or source.lower() in ("true", "false")):
            return value
        self.problem(path, f"expected true or false, found {self._wording(path, value)}",
                     hint="write true or false (yes/no and on/off are not accepted)")
        return default

    def count(self, path: tuple, default: int, minimum: int) -> int:
        """A whole number no smaller than `minimum`."""
        value = self.get(path)
        if value is None:
            return default
        if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
            return value
        self.problem(path, f"expected a whole number of at least {minimum}, found {self._wording(path, value)}",
                     hint=f"write a number such as {default} (the default when the line is left out)")
        return default

    def _wording(self, path: tuple, value: Any) -> str:
        """A wrong value as the file writes it: `yes` stays 'yes', not "the yes/no value true"."""
        source = self.doc.source_text.get(path)
        if isinstance(value, bool) and source is not None:
            return f"'{source}'"
        return _describe(value)

    def month(self, path: tuple, end: bool) -> date | None:
        value = self.get(path)
        if value is None:
            self._missing(path, f"the month '{path[-1]}'")
            return None
        match = MONTH_RE.match(value) if isinstance(value, str) else None
        if not match or not 1 <= int(match.group(2)) <= 12:
            self.problem(path, f"expected a month written as YYYY-MM, found {_describe(value)}",
                         hint="write the month like \"2008-07\" (in quotes)")
            return None
        year, month = int(match.group(1)), int(match.group(2))
        if not end:
            return date(year, month, 1)
        next_month = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(next_month.toordinal() - 1)

    def refs(self, path: tuple, known: dict[str, Any], what: str, one: str) -> list[Any]:
        found = []
        for item_path, slug in self.items(path):
            if not isinstance(slug, str):
                self.problem(item_path, f"expected the slug of one of the {what}, found {_describe(slug)}")
            elif slug not in known:
                guess = difflib.get_close_matches(slug, list(known), n=1)
                hint = (f"did you mean '{guess[0]}'?" if guess else f"the {what} are: {', '.join(known)}"
                        if known else f"no {one} is defined yet")
                self.problem(item_path, f"there is no {one} with the slug '{slug}'", hint=hint)
            else:
                found.append(known[slug])
        return found

    def unique_slugs(self, items: list[tuple[tuple, str | None]], what: str) -> None:
        seen: dict[str, tuple] = {}
        for path, slug in items:
            if slug is None:
                continue
            if slug in seen:
                first = self.doc.value_mark(seen[slug] + ("slug",))
                self.problem(path + ("slug",), f"the slug '{slug}' is used by another {what} too",
                             hint=f"give each {what} its own slug (the other is on line {first.line})")
            else:
                seen[slug] = path
                self.names[path] = slug


# -- the documents -------------------------------------------------------------------------

def _wants_fallback(doc: YamlDoc) -> bool:
    site = doc.data.get("site") if isinstance(doc.data, dict) else None
    return isinstance(site, dict) and site.get("translation_fallback") is True


def _root(reader: Reader, block: str, empty_hint: str) -> dict | None:
    if reader.doc.data is None:
        reader.log.add(Problem(reader.doc.file, 1, 1, message="the file is empty", hint=empty_hint))
        return None
    return reader.block((), block)


def _read_bodies(reader: Reader) -> dict[str, Body]:
    if not isinstance(reader.doc.data, dict):
        return {}
    bodies: dict[str, Body] = {}
    slugs = []
    for path, _ in reader.items(("bodies",)):
        if reader.block(path, "body") is None:
            continue
        slug = reader.slug(path + ("slug",))
        slugs.append((path, slug))
        name = reader.text(path + ("name",))
        short = reader.text(path + ("short",), required=False)
        if slug and name:
            bodies.setdefault(slug, Body(slug, name, short))
    reader.unique_slugs(slugs, "body")
    return bodies


def _read_campaign(reader: Reader, bodies: dict[str, Body], slogans: dict[str, Slogan]) -> Campaign | None:
    root = _root(reader, "campaign.yaml", "describe the campaign: see the author reference in docs/")
    if root is None:
        return None
    period = reader.block(("period",), "period")
    start = reader.day(("period", "start")) if period else None
    end = reader.day(("period", "end")) if period else None
    if start and end and end < start:
        reader.problem(("period", "end"), "the campaign ends before it starts", hint="swap start and end")
    year = reader.get(("year",))
    if year is not None and not (isinstance(year, int) and not isinstance(year, bool) and 1900 < year < 2200):
        reader.problem(("year",), f"expected a year such as 2008, found {_describe(year)}")
    sections = {}
    if reader.block(("sections",), "sections"):
        sections = {f.name: reader.text(("sections", f.name)) for f in schema.BLOCKS["sections"]}
    reader.block(("theme",), "theme")
    site = reader.block(("site",), "site") or {}
    base_url = _base_url(reader, site)
    home = reader.block(("home",), "home", required=False) or {}
    featured = reader.refs(("home", "featured_slogans"), slogans, "slogans", "slogan") if home else []
    campaign = Campaign(
        name=reader.text(("name",)),
        title=reader.text(("title",)),
        year=year,
        period_start=start,
        period_end=end,
        addressees=reader.text(("addressees",), required=False),
        preamble=reader.text(("preamble",), required=False),
        organisers=tuple(reader.refs(("organisers",), bodies, "bodies", "body")),
        sections=sections,
        guiding_ideology=reader.text(("guiding_ideology",), required=False),
        theme_intro=reader.text(("theme", "intro"), required=False),
        theme=reader.text(("theme", "text")),
        requirements=_read_requirements(reader),
        record=_read_record(reader),
        featured_slogans=tuple(featured),
        base_url=base_url,
        contact=reader.text(("site", "contact"), required=False),
        footer=_read_footer(reader) if site.get("footer") is not None else Footer(),
        translation_fallback=reader.fallback,
        meta=_read_meta(reader) if site.get("meta") is not None else None,
        schedule_page_size=reader.count(("site", "schedule_page_size"), default=SCHEDULE_PAGE_SIZE,
                                        minimum=MIN_SCHEDULE_PAGE_SIZE),
    )
    return campaign


def _read_meta(reader: Reader) -> GovernmentMeta | None:
    path = ("site", "meta")
    if reader.block(path, "meta") is None:
        return None
    return GovernmentMeta(
        site_name=reader.text(path + ("site_name",), required=False),
        site_domain=reader.plain(path + ("site_domain",)) or None,
        site_id_code=reader.plain(path + ("site_id_code",)) or None,
        column_name=reader.text(path + ("column_name",), required=False),
        content_source=reader.text(path + ("content_source",), required=False),
    )


def _base_url(reader: Reader, site: dict) -> str:
    value = reader.plain(("site", "base_url"), required=bool(site))
    if not value:
        return "/"
    normalised = normalise_base_url(value)
    if normalised is None:
        reader.problem(("site", "base_url"), f"'{value}' is not a full web address", hint=BASE_URL_HINT)
        return "/"
    return normalised


BASE_URL_HINT = "write it like https://www.example.gov.cn/zt/quality-month/"


def normalise_base_url(value: str) -> str | None:
    """A full http(s) address ending in '/', or None when `value` is not one."""
    if not re.match(r"^https?://[^/\s?#]+(/[^\s?#]*)?$", value):
        return None
    return value if value.endswith("/") else value + "/"


def _read_requirements(reader: Reader) -> tuple[Requirement, ...]:
    found = []
    slugs = []
    for number, (path, _) in enumerate(reader.items(("requirements",)), start=1):
        if reader.block(path, "requirement") is None:
            continue
        slug = reader.slug(path + ("slug",))
        slugs.append((path, slug))
        text = reader.text(path + ("text",))
        if slug and text:
            found.append(Requirement(slug, number, text))
    reader.unique_slugs(slugs, "requirement")
    return tuple(found)


def _read_record(reader: Reader) -> Record | None:
    if reader.block(("record",), "record", required=False) is None:
        return None
    terms = {}
    if reader.block(("record", "subject_terms"), "terms"):
        for lang in LANGUAGES:
            items = reader.items(("record", "subject_terms", lang), required=True)
            terms[lang] = tuple(t for t in (reader.plain_text(p, v) for p, v in items) if t)
            if not terms[lang] and items:
                reader.problem(("record", "subject_terms", lang), "the list of terms is empty")
    return Record(
        subject_terms=TextList(terms.get("zh", ()), terms.get("en", ())),
        cc=reader.text(("record", "cc"), required=False),
        internal=reader.text(("record", "internal"), required=False),
        issuer=reader.text(("record", "issuer")),
        issued=reader.day(("record", "issued")),
    )


def _read_footer(reader: Reader) -> Footer:
    path = ("site", "footer")
    if reader.block(path, "footer") is None:
        return Footer()
    return Footer(
        organiser=reader.text(path + ("organiser",), required=False),
        site_code=reader.plain(path + ("site_code",)) or None,
        icp=reader.plain(path + ("icp",)) or None,
        public_security=reader.plain(path + ("public_security",)) or None,
    )


def _read_list_file(doc: YamlDoc | None, log: ProblemLog, fallback: bool, block: str, key: str, item_block: str,
                    read_item: Callable[[Reader, tuple, int], Any]) -> tuple[Reader | None, list]:
    if doc is None:
        return None, []
    reader = Reader(doc, log, fallback)
    if doc.data is None:
        if block == "activities.yaml":
            log.add(Problem(doc.file, 1, 1, message="the file is empty",
                            hint=f"list the {key} under a line '{key}:'"))
        return reader, []
    if reader.block((), block) is None:
        return reader, []
    found = []
    slugs = []
    for number, (path, _) in enumerate(reader.items((key,)), start=1):
        if reader.block(path, item_block) is None:
            continue
        slug = reader.slug(path + ("slug",))
        slugs.append((path, slug))
        if slug:
            reader.names[path] = slug
        item = read_item(reader, path, number)
        if item is not None and slug:
            found.append(item(slug) if callable(item) else item)
    reader.unique_slugs(slugs, item_block)
    return reader, found


def _read_slogans(doc: YamlDoc | None, log: ProblemLog, fallback: bool) -> list[Slogan]:
    def read(reader: Reader, path: tuple, number: int):
        text = reader.text(path + ("text",))
        return (lambda slug: Slogan(slug, number, text)) if text else None

    _, slogans = _read_list_file(doc, log, fallback, "slogans.yaml", "slogans", "slogan", read)
    return _unique_by_slug(slogans)


Places = dict[str, tuple["Reader", tuple]]  # an activity's slug -> the reader of its file, and its path there


def _read_activity(reader: Reader, path: tuple, number: int, bodies: dict[str, Body]):
    title = reader.text(path + ("title",))
    summary = reader.text(path + ("summary",))
    body = reader.text(path + ("body",))
    schedule = _read_schedule(reader, path + ("schedule",))
    place = reader.text(path + ("place",), required=False)
    organisers = tuple(reader.refs(path + ("organisers",), bodies, "bodies", "body"))
    in_notice = reader.flag(path + ("in_notice",), default=True)
    if None in (title, summary, body, schedule):
        return None
    return lambda slug: Activity(slug, number, title, summary, body, schedule, place, organisers, in_notice)


def _read_activities(doc: YamlDoc, log: ProblemLog, fallback: bool,
                     bodies: dict[str, Body]) -> tuple[list[Activity], Places]:
    reader, activities = _read_list_file(doc, log, fallback, "activities.yaml", "activities", "activity",
                                         lambda reader, path, number: _read_activity(reader, path, number, bodies))
    activities = _unique_by_slug(activities)
    return activities, {a.slug: (reader, ("activities", a.number - 1)) for a in activities}


def _read_activity_files(docs: tuple[YamlDoc, ...], log: ProblemLog, fallback: bool,
                         bodies: dict[str, Body]) -> tuple[list[Activity], Places]:
    """A campaign with many activities may keep them one file each in activities/ (in file-name order)."""
    activities: list[Activity] = []
    places: Places = {}
    if not docs:
        log.add(Problem("activities", message="the folder holds no activity",
                        hint="add a file such as activities/0010-opening.yaml with one activity"))
    for number, doc in enumerate(docs, start=1):
        reader = Reader(doc, log, fallback)
        if doc.data is None:
            log.add(Problem(doc.file, 1, 1, message="the file is empty",
                            hint="write one activity: its slug, title, summary, body and schedule"))
            continue
        if reader.block((), "activity") is None:
            continue
        slug = reader.slug(("slug",))
        item = _read_activity(reader, (), number, bodies)
        if slug in places:
            reader.problem(("slug",), f"the slug '{slug}' is already used by {places[slug][0].doc.file}",
                           hint="give each activity a slug of its own")
        elif item is not None and slug:
            activities.append(item(slug))
            places[slug] = (reader, ())
    return activities, places


def _unique_by_slug(items: list) -> list:
    seen: set[str] = set()
    return [item for item in items if not (item.slug in seen or seen.add(item.slug))]


def _read_schedule(reader: Reader, path: tuple) -> Schedule | None:
    if reader.block(path, "schedule") is None:
        return None
    kind = reader.plain(path + ("kind",), required=True)
    if kind is None:
        return None
    if kind not in SCHEDULE_KINDS:
        guess = difflib.get_close_matches(kind, SCHEDULE_KINDS, n=1)
        reader.problem(path + ("kind",), f"'{kind}' is not a kind of schedule",
                       hint=(f"did you mean '{guess[0]}'? " if guess else "")
                       + "use one of: " + ", ".join(SCHEDULE_KINDS))
        return None
    text = reader.text(path + ("text",), required=(kind == "window"))
    if kind == "campaign":
        for key in ("start", "end"):
            if reader.get(path + (key,)) is not None:
                reader.problem(path + (key,), "an activity that runs throughout the campaign has no dates",
                               hint="remove this line, or choose the kind days, months or window")
        return Schedule(kind, text=text)
    if kind == "months":
        start = reader.month(path + ("start",), end=False)
        end_key = "end" if reader.get(path + ("end",)) is not None else "start"
        end = reader.month(path + (end_key,), end=True) if start else None
    else:
        start = reader.day(path + ("start",))
        end = reader.day(path + ("end",), required=(kind == "window")) or start
    if start and end and end < start:
        reader.problem(path + ("end",), f"the end ({end.isoformat()}) is before the start ({start.isoformat()})",
                       hint="check the two dates; swap them if they are the wrong way round")
        return None
    if start is None or end is None:
        return None
    return Schedule(kind, start, end, text)


def _warn_far_dates(places: Places, activities: list[Activity], campaign: Campaign, log: ProblemLog) -> None:
    if not campaign.period_start or not campaign.period_end:
        return
    for activity in activities:
        schedule = activity.schedule
        if not schedule.is_dated:
            continue
        gap = max((campaign.period_start - schedule.end).days, (schedule.start - campaign.period_end).days)
        if gap > 366:
            reader, path = places[activity.slug]
            if path:
                reader.names[path] = activity.slug
            reader.problem(path + ("schedule", "start"),
                           f"the activity is dated more than a year away from the campaign "
                           f"({campaign.period_start.isoformat()} to {campaign.period_end.isoformat()})",
                           hint="check the year", severity=WARNING)


def _read_pages(docs: tuple[MarkdownDoc, ...], log: ProblemLog, fallback: bool) -> list[ContentPage]:
    by_slug: dict[str, dict[str, MarkdownDoc]] = {}
    for doc in docs:
        name = doc.file.rsplit("/", 1)[-1]
        match = re.match(r"^(.+)\.(zh|en)\.md$", name)
        if not match:
            log.add(Problem(doc.file, message="a page's file name must end in .zh.md or .en.md",
                            hint="rename it, for example about.zh.md and about.en.md"))
            continue
        slug, lang = match.groups()
        if not SLUG_RE.match(slug):
            log.add(Problem(doc.file, message=f"the page name '{slug}' is not safe in a web address",
                            hint=f"rename the file to {suggest_slug(slug, ())}.{lang}.md"))
            continue
        if slug in RESERVED_SLUGS:
            log.add(Problem(doc.file, message=f"the page '{slug}' would be written among the site's assets",
                            hint="choose another file name"))
            continue
        by_slug.setdefault(slug, {})[lang] = doc
    return [page for slug, docs_by_lang in sorted(by_slug.items())
            if (page := _read_page(slug, docs_by_lang, log, fallback))]


def _read_page(slug: str, docs: dict[str, MarkdownDoc], log: ProblemLog, fallback: bool) -> ContentPage | None:
    found: dict[str, dict[str, str | None]] = {"title": {}, "description": {}, "body": {}}
    for lang, doc in docs.items():
        reader = Reader(doc.front, log, fallback)
        if doc.front.data is None or reader.block((), "front matter") is not None:
            found["title"][lang] = reader.plain(("title",), required=True)
            found["description"][lang] = reader.plain(("description",))
            found["body"][lang] = doc.body.strip() or None
            if not found["body"][lang]:
                log.add(Problem(doc.file, doc.body_line, 1, message="the page has no text",
                                hint="write the page's text below the front matter"))
    for lang in LANGUAGES:
        if lang not in docs:
            other = next(iter(docs.values()))
            stem = other.file.rsplit(".", 2)[0]
            severity = WARNING if fallback else "error"
            log.add(Problem(other.file, message=f"the page has no {LANGUAGE_NAMES[lang]} version",
                            hint=f"add {stem}.{lang}.md", severity=severity, category=TRANSLATION))
            if not fallback:
                return None
    texts = {}
    for key, values in found.items():
        values = {lang: values.get(lang) for lang in LANGUAGES}
        present = [lang for lang in LANGUAGES if values[lang]]
        if key == "description" and not present:
            texts[key] = Text("", "")
            continue
        if not present:
            return None
        missing = frozenset(lang for lang in LANGUAGES if not values[lang])
        texts[key] = Text(*(values[lang] or values[present[0]] for lang in LANGUAGES), pending=missing)
    sources = tuple(docs[lang].file for lang in LANGUAGES if lang in docs)
    return ContentPage(slug, texts["title"], texts["description"], texts["body"], sources)


def _read_strings(docs: tuple[YamlDoc, ...], log: ProblemLog) -> dict[str, Text]:
    strings: dict[str, Text] = {}
    for doc in docs:
        reader = Reader(doc, log)
        reader.strip = False
        if not isinstance(doc.data, dict):
            if doc.data is not None:
                reader.problem((), "expected a block of UI strings (key: {zh: …, en: …})")
            continue
        for key in doc.data:
            text = reader.text((key,))
            if text:
                strings[key] = text
    return strings


# -- helpers -------------------------------------------------------------------------------

def suggest_slug(value: str, path: tuple) -> str:
    """A safe slug close to `value`: ASCII letters and digits joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", value.lower())
    if words:
        return "-".join(words)
    parent = next((str(p) for p in reversed(path) if isinstance(p, str) and p != "slug"), "item")
    index = next((p for p in reversed(path) if isinstance(p, int)), 0)
    return f"{parent.rstrip('s')}-{index + 1}"


def _reported_here(spec: schema.Field) -> bool:
    """Whether `Reader.block` reports this field missing (other kinds are reported by their own readers)."""
    return spec.kind == "year" or spec.kind.startswith("refs:") or (
        spec.kind.startswith("list:") and spec.kind != "list:plain")


def _visible(text: str) -> str:
    """Control characters (a NUL, say) written as escapes, so a message shows what the file holds."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _label(path: tuple) -> str:
    key = next((p for p in reversed(path) if isinstance(p, str) and p not in LANGUAGES), "value")
    return key.replace("_", " ")


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of keys"
    if value is None:
        return "nothing"
    return f"'{value}'"
