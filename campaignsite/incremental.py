"""What a page's HTML depends on, as one fingerprint per page: equal fingerprints, equal HTML.

Takes: the validated site, the planned pages, the Jinja environment and the base URL.
Gives: `{output path: fingerprint}`. A page's fingerprint covers the templates it is made from
(following extends, include and import), the data every page shows (campaign, UI strings, menu)
and the data of that page (an activity page: its activity and its neighbours). A page whose
templates read the whole site (`site`, `scheduled`, `featured`), or whose templates cannot be
traced (a template name computed at run time), depends on all of the data.
"""
from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from typing import Any

import jinja2
from jinja2 import meta

from .model import LANGUAGES, Site
from .routes import Page, navigation

WHOLE_SITE_NAMES = frozenset({"site", "scheduled", "featured"})


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


@dataclasses.dataclass(frozen=True)
class TemplateFacts:
    digest: str  # of the sources of the template and every template it uses
    reads_whole_site: bool


def template_facts(env: jinja2.Environment, name: str, cache: dict[str, TemplateFacts]) -> TemplateFacts:
    if name in cache:
        return cache[name]
    sources: dict[str, str] = {}
    whole = False
    pending = [name]
    while pending:
        current = pending.pop()
        if current in sources:
            continue
        source = env.loader.get_source(env, current)[0]
        sources[current] = source
        tree = env.parse(source)
        if meta.find_undeclared_variables(tree) & WHOLE_SITE_NAMES:
            whole = True
        for referenced in meta.find_referenced_templates(tree):
            if referenced is None:  # computed at run time: cannot be traced, so depend on every template
                whole = True
                pending.extend(env.list_templates(filter_func=lambda n: n.endswith(".html")))
            else:
                pending.append(referenced)
    cache[name] = TemplateFacts(digest(sorted(sources.items())), whole)
    return cache[name]


def fingerprints(site: Site, pages: list[Page], env: jinja2.Environment, base_url: str) -> dict[str, str]:
    """`{output path: fingerprint}` for every page; empty when a template cannot be read (rendering
    then reports why, and everything is rendered)."""
    try:
        return _fingerprints(site, pages, env, base_url)
    except jinja2.TemplateError:
        return {}


def _fingerprints(site: Site, pages: list[Page], env: jinja2.Environment, base_url: str) -> dict[str, str]:
    menu = {lang: navigation(pages, lang) for lang in LANGUAGES}
    shared = digest(site.campaign, site.strings, base_url, menu,
                    [(p.slug, p.title) for p in site.pages], len(site.slogans), len(site.activities))
    whole_site = digest(site)
    facts: dict[str, TemplateFacts] = {}
    result = {}
    for page in pages:
        template = template_facts(env, page.template, facts)
        data = whole_site if template.reads_whole_site else digest(page.data)
        result[page.output] = digest(shared, template.digest, page.key, page.lang, page.template, data)
    return result
