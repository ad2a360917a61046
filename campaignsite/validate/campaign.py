"""campaign.yaml -> the campaign: its bodies, notice, record and the website's settings.

Takes: a `Reader` of campaign.yaml, the slogans (the home page may feature some), and which of the site's other
files hold entries (`Present`: a section's heading is required only when the site has that section).
Gives: the bodies by slug (read first: the activities name them too), then the `Campaign`, or None when a
part of it is wrong (each part reported), with the campaign's period either way (activities are dated
against it). Before any of it, what the other documents need to know of campaign.yaml: whether translations
may fall back, and the campaign's year (`campaign_year`).
"""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..load import YamlDoc
from ..model import STALE_MODES, Body, Campaign, Footer, GovernmentMeta, Record, Requirement, Slogan, Text, TextList
from . import schema
from .reader import Reader

EMPTY_HINT = "describe the campaign: see the author reference in docs/"


class Period(NamedTuple):
    start: date
    end: date


class Present(NamedTuple):
    """Whether the site's other files hold activities and slogans: each makes a section of the site."""

    activities: bool
    slogans: bool


def listed(doc: YamlDoc | None, key: str) -> bool:
    """Whether `doc`'s top block holds a list under `key` with anything in it (before any entry is checked)."""
    return doc is not None and isinstance(doc.data, dict) and isinstance(entries := doc.data.get(key), list) \
        and bool(entries)


def campaign_year(doc: YamlDoc) -> int | None:
    """The campaign's year, known before campaign.yaml is read (the examples in hints use it): `year`, or the year
    the campaign starts in when `year` is wrong; None when neither is written right."""
    data = doc.data if isinstance(doc.data, dict) else {}
    year = data.get("year")
    if isinstance(year, int) and not isinstance(year, bool) and 1900 < year < 2200:
        return year
    period = data.get("period")
    start = period.get("start") if isinstance(period, dict) else None
    return start.year if isinstance(start, date) else None


def wants_fallback(doc: YamlDoc) -> bool:
    """Whether the site lets missing translations fall back (known before any text is read)."""
    site = doc.data.get("site") if isinstance(doc.data, dict) else None
    return isinstance(site, dict) and site.get("translation_fallback") is True


def stale_mode(doc: YamlDoc) -> str:
    """How the site shows stale translations (known before any text is read; a wrong value, reported when the
    campaign is read, counts as the default)."""
    site = doc.data.get("site") if isinstance(doc.data, dict) else None
    mode = site.get("stale_translations") if isinstance(site, dict) else None
    return mode if mode in STALE_MODES else "mark"


def read_bodies(reader: Reader) -> dict[str, Body]:
    if not isinstance(reader.doc.data, dict):
        return {}
    bodies: dict[str, Body] = {}
    slugs = []
    for path, _ in reader.items(("bodies",)):
        if reader.block(path, "body") is None:
            continue
        values = reader.fields(path, "body")
        slugs.append((path, values["slug"]))
        if values["slug"] and values["name"]:
            bodies.setdefault(values["slug"], Body(**values))
    reader.unique_slugs(slugs, "body")
    return bodies


# The parts are read in the order their problems have always been found in: a warning keeps its place.
def read_campaign(reader: Reader, bodies: dict[str, Body], slogans: dict[str, Slogan],
                  present: Present) -> tuple[Campaign | None, Period | None]:
    if reader.root("campaign.yaml", EMPTY_HINT) is None:
        return None, None
    start, end = _read_period(reader)
    year = schema.field("campaign.yaml", "year").read(reader, ())
    sections = _read_sections(reader, present)
    reader.block(("theme",), "theme")
    site = reader.block(("site",), "site") or {}
    base_url = reader.url(("site", "base_url"), required=bool(site))
    featured = _read_featured(reader, slogans)
    name, title = reader.text(("name",)), reader.text(("title",))
    addressees = reader.text(("addressees",), required=False)
    preamble = reader.text(("preamble",), required=False)
    organisers = tuple(schema.BODY_REFS.read(reader, ("organisers",), bodies))
    guiding_ideology = reader.text(("guiding_ideology",), required=False)
    theme_intro, theme = reader.text(("theme", "intro"), required=False), reader.text(("theme", "text"))
    requirements, record = _read_requirements(reader), _read_record(reader)
    contact = reader.text(("site", "contact"), required=False)
    footer = _read_footer(reader) if site.get("footer") is not None else Footer()
    meta = _read_meta(reader) if site.get("meta") is not None else None
    page_size = schema.field("site", "schedule_page_size").read(reader, ("site",))
    timezone = schema.field("site", "timezone").read(reader, ("site",))
    schema.field("site", "translation_fallback").read(reader, ("site",))  # reported when not true or false
    stale = schema.field("site", "stale_translations").read(reader, ("site",)) or "mark"
    period = Period(start, end) if start and end else None
    if year is None or name is None or title is None or theme is None or start is None or end is None:
        return None, period  # each was reported
    campaign = Campaign(name, title, year, start, end,
                        addressees, preamble, organisers, sections, guiding_ideology, theme_intro, theme,
                        requirements, record, featured, base_url, contact, footer, reader.fallback, meta, page_size,
                        timezone, stale)
    return campaign, period


def _read_period(reader: Reader) -> tuple[date | None, date | None]:
    """The campaign's first and last day (each reported when missing, `period: {}` included)."""
    if reader.block(("period",), "period") is None:
        return None, None
    start, end = reader.fields(("period",), "period").values()
    if start and end and end < start:
        reader.problem(("period", "end"), "the campaign ends before it starts", hint="swap start and end")
    return start, end


def _read_sections(reader: Reader, present: Present) -> dict[str, Text]:
    """The headings of the sections the site has: the theme's always; the guiding ideology's, the activities',
    the requirements' and the slogans' when the site has that section. A heading given for a section the site
    lacks is read (and checked) all the same."""
    path = ("sections",)
    if reader.block(path, "sections") is None:
        return {}
    has = {"guiding_ideology": reader.get(("guiding_ideology",)) is not None,
           "requirements": listed(reader.doc, "requirements"),
           "activities": present.activities, "slogans": present.slogans}
    headings = {spec.name: reader.text(path + (spec.name,), spec.required or has.get(spec.name, False))
                for spec in schema.BLOCKS["sections"]}
    return {name: heading for name, heading in headings.items() if heading is not None}


def _read_featured(reader: Reader, slogans: dict[str, Slogan]) -> tuple[Slogan, ...]:
    if not reader.block(("home",), "home", required=False):
        return ()
    return tuple(schema.SLOGAN_REFS.read(reader, ("home", "featured_slogans"), slogans))


def _read_requirements(reader: Reader) -> tuple[Requirement, ...]:
    found = []
    slugs = []
    for number, (path, _) in enumerate(reader.items(("requirements",)), start=1):
        if reader.block(path, "requirement") is None:
            continue
        values = reader.fields(path, "requirement")
        slugs.append((path, values["slug"]))
        if values["slug"] and values["text"]:
            found.append(Requirement(values["slug"], number, values["text"]))
    reader.unique_slugs(slugs, "requirement")
    return tuple(found)


def _read_record(reader: Reader) -> Record | None:
    path = ("record",)
    if reader.block(path, "record", required=False) is None:
        return None
    terms = TextList((), ())
    if reader.block(path + ("subject_terms",), "terms"):
        terms = TextList(**reader.fields(path + ("subject_terms",), "terms"))
    cc = reader.text(path + ("cc",), required=False)
    internal = reader.text(path + ("internal",), required=False)
    issuer, issued = reader.text(path + ("issuer",)), reader.day(path + ("issued",))
    if issuer is None or issued is None:
        return None
    return Record(terms, cc, internal, issuer, issued)


def _read_footer(reader: Reader) -> Footer:
    path = ("site", "footer")
    if reader.block(path, "footer") is None:
        return Footer()
    return Footer(**_present(reader.fields(path, "footer")))


def _read_meta(reader: Reader) -> GovernmentMeta | None:
    path = ("site", "meta")
    if reader.block(path, "meta") is None:
        return None
    return GovernmentMeta(**_present(reader.fields(path, "meta")))


def _present(values: dict) -> dict:
    """Empty text (`icp: ''`) is the same as no text."""
    return {name: value or None for name, value in values.items()}
