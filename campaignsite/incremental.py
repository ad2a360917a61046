"""What a page's HTML depends on, as one fingerprint per page: equal fingerprints, equal HTML.

Takes: the validated site, the planned pages, the Jinja environment and the `Publication`
(addresses, build date, asset names).
Gives: `{output path: fingerprint}`. A page's fingerprint covers the templates it is made from
(following extends, include and import), the data every page shows (campaign, UI strings, menu),
the data of that page (an activity page: its activity and its neighbours) and the parts of the
site its templates read (`site.activities` or `scheduled`: every activity). A template that uses
`site` as a whole, or names a template computed at run time, makes its pages depend on everything.
"""
from __future__ import annotations

import dataclasses
import hashlib
import pickle
from functools import lru_cache
from datetime import date
from typing import Any

import jinja2
from jinja2 import meta, nodes

from .model import LANGUAGES, Site
from .routes import Page, navigation

SITE_PARTS = ("campaign", "activities", "slogans", "pages", "strings")
LIST_NAMES = {"scheduled": "activities", "featured": "slogans"}  # context names that carry a part of the site


def canonical(value: Any) -> Any:
    """A structure whose repr is the same in every process for equal values (sets are sorted)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,) + tuple(
            (f.name, canonical(getattr(value, f.name))) for f in dataclasses.fields(value))
    if isinstance(value, (set, frozenset)):
        return ("set",) + tuple(sorted(repr(canonical(v)) for v in value))
    if isinstance(value, dict):
        return ("dict",) + tuple(sorted((repr(k), canonical(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(canonical(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def digest(*values: Any) -> str:
    return hashlib.sha256(repr(canonical(values)).encode("utf-8")).hexdigest()


def model_digest(value: Any) -> str:
    """The digest of a model value (frozen dataclasses of text, dates and tuples), at C speed: its
    pickle. Equal input read by the same code gives equal bytes in every process; at worst a value
    whose parts happen to be shared differently renders its page again. (The model's only set,
    `Text.pending`, never holds more than one language, so no hash order can show.)"""
    return hashlib.sha256(pickle.dumps(value, protocol=5)).hexdigest()


@dataclasses.dataclass(frozen=True)
class TemplateFacts:
    digest: str  # of the sources of the template and every template it uses
    site_parts: frozenset[str]  # the parts of the site (SITE_PARTS) its templates read as a whole


def template_facts(env: jinja2.Environment, name: str, cache: dict[str, TemplateFacts]) -> TemplateFacts:
    if name in cache:
        return cache[name]
    sources: dict[str, str] = {}
    parts: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in sources:
            continue
        source = env.loader.get_source(env, current)[0]
        sources[current] = source
        read, references = _parsed_facts(env, source)
        parts |= read
        for referenced in references:
            if referenced is None:  # computed at run time: cannot be traced, so depend on everything
                parts |= set(SITE_PARTS)
                pending.extend(env.list_templates(filter_func=lambda n: n.endswith(".html")))
            else:
                pending.append(referenced)
    cache[name] = TemplateFacts(digest(sorted(sources.items())), frozenset(parts))
    return cache[name]


@lru_cache(maxsize=512)
def _parsed_facts(env: jinja2.Environment, source: str) -> tuple[frozenset[str], tuple[str | None, ...]]:
    """What one template's source reads and which templates it names (parsing is the slow part)."""
    tree = env.parse(source)
    return frozenset(_site_parts_read(tree)), tuple(meta.find_referenced_templates(tree))


def _site_parts_read(tree: nodes.Template) -> set[str]:
    """Which parts of `site` a template reads: `site.slogans` reads the slogans; bare `site`, all."""
    parts = {LIST_NAMES[n.name] for n in tree.find_all(nodes.Name) if n.name in LIST_NAMES}
    uses = sum(1 for n in tree.find_all(nodes.Name) if n.name == "site")
    attributes = [n.attr for n in tree.find_all(nodes.Getattr)
                  if isinstance(n.node, nodes.Name) and n.node.name == "site"]
    if uses > len(attributes) or any(attr not in SITE_PARTS for attr in attributes):
        return set(SITE_PARTS)
    return parts | set(attributes)


def fingerprints(site: Site, pages: list[Page], env: jinja2.Environment, publication) -> dict[str, str]:
    """`{output path: fingerprint}` for every page; empty when a template cannot be read (rendering
    then reports why, and everything is rendered)."""
    try:
        return _fingerprints(site, pages, env, publication)
    except jinja2.TemplateError:
        return {}


def _fingerprints(site: Site, pages: list[Page], env: jinja2.Environment, publication) -> dict[str, str]:
    menu = {lang: navigation(pages, lang) for lang in LANGUAGES}
    shared = digest(site.campaign, site.strings, publication, menu,
                    [(p.slug, p.title) for p in site.pages], len(site.slogans), len(site.activities))
    known: dict[int, str] = {}  # each activity appears on several pages: its digest is worked out once

    def digest_of(value: Any) -> str:
        if id(value) not in known:
            known[id(value)] = model_digest(value)
        return known[id(value)]

    part_digests = {part: digest([digest_of(item) for item in getattr(site, part)])
                    if isinstance(getattr(site, part), tuple) else digest(getattr(site, part)) for part in SITE_PARTS}
    facts: dict[str, TemplateFacts] = {}
    result = {}
    for page in pages:
        template = template_facts(env, page.template, facts)
        parts = [part_digests[part] for part in sorted(template.site_parts)]
        data = [f"{name}={digest_of(value)}" for name, value in sorted(page.data.items())]
        text = "\n".join([shared, template.digest, page.key, page.lang, page.template, *parts, *data])
        result[page.output] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return result
