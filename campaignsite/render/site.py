"""The render stage as a whole: every page and whole-site file of a plan, made on every core.

Takes: a `SitePlan` (the model, its pages, the templates and how the site is published), the
Markdown `Conversions`, and the record of the previous build when there is one.
Gives: `RenderedSite`: the files made this time (bytes), the files that can be taken unchanged
from the previous build (its pages whose fingerprint did not change, its whole-site files whose
content did not change), and every page's fingerprint; or `SiteError` with every problem of every
page. Nothing here writes.

A large site is rendered by forked workers, one per core, in batches; the whole-site files
(sitemap, feeds, calendars, open data) are made by two more workers meanwhile. After a previous
build they start at once, while the pages are compared (the Markdown the feeds show is in the
cache); on a first build they start once the pages are rendered, so that they find every body
already converted.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from .. import parallel
from ..i18n import Strings
from ..load import Previous, content_digest
from ..model import Site
from ..routes import Page
from .context import PageMaker, SiteFacts
from .feeds import PUBLISHING_PARTS, publishing_files
from .fingerprints import Parsed, fingerprints
from .markdown import Conversions
from .media import show_media
from .pages import Found, raise_found, render_pages
from .posters import banner_files
from .urls import Publication

PAGES_PER_WORKER = 150  # below this, forking a worker costs more than it saves
BATCH = 100  # pages a worker renders before handing them over

Progress = Callable[[str, int, int], None]  # (what is being done, done, total)


@dataclass(frozen=True)
class SitePlan:
    """Everything decided before a page is rendered."""

    site: Site
    pages: list[Page]
    env: jinja2.Environment
    publication: Publication
    display_root: Path  # template files are named relative to it in messages
    media_files: dict[str, bytes] = field(default_factory=dict)  # the images' variants, by output path (write's)


@dataclass(frozen=True)
class RenderedSite:
    files: dict[str, bytes]  # made this time
    reused: dict[str, str] = field(default_factory=dict)  # unchanged since the previous build: {path: its file}
    fingerprints: dict[str, str] = field(default_factory=dict)  # of every page


def render_site(plan: SitePlan, conversions: Conversions, previous: Previous | None = None,
                parsed: Parsed | None = None, progress: Progress | None = None) -> RenderedSite:
    extras = WholeSiteFiles(plan, conversions, previous)
    if previous is not None:
        extras.start()
    prints = fingerprints(plan.site, plan.pages, plan.env, plan.publication, parsed)
    reused = previous.reusable(prints) if previous else {}
    to_render = [page for page in plan.pages if page.output not in reused]
    files = _render(plan, to_render, conversions, progress or _quiet)
    made, unchanged = extras.collect()
    files.update(made)
    reused.update(unchanged)
    return RenderedSite(files, reused, prints)


def whole_site_files(plan: SitePlan, conversions: Conversions,
                     parts: tuple[str, ...] = PUBLISHING_PARTS) -> dict[str, str]:
    """The files made from the whole site rather than from a template: banners, sitemap, feeds
    ("listings"); calendars, open data ("schedule")."""
    site = plan.site
    files: dict[str, str] = dict(banner_files(site.slogans)) if "listings" in parts else {}
    files.update(publishing_files(site, plan.pages, plan.publication.urls, Strings(site.strings),
                                  plan.publication.today, lambda source: show_media(conversions.to_html(source),
                                                                                    plan.publication.media), parts))
    return files


def _quiet(what: str, done: int, total: int) -> None:
    pass


def _render(plan: SitePlan, pages: list[Page], conversions: Conversions, progress: Progress) -> dict[str, bytes]:
    """`pages` rendered in batches, by forked workers when there are many (each sends back its HTML
    and the Markdown it converted, which this process keeps)."""
    maker = PageMaker(plan.site, SiteFacts.of(plan.site, plan.pages), Strings(plan.site.strings),
                      plan.publication, conversions)
    batches = [pages[start:start + BATCH] for start in range(0, len(pages), BATCH)]

    def render_batch(number: int) -> tuple[dict[str, bytes], Found, dict[str, str]]:
        html, found = render_pages(batches[number], plan.env, maker, plan.display_root)
        return {path: text.encode("utf-8") for path, text in html.items()}, found, conversions.take_new()

    workers = min(parallel.cores(), len(pages) // PAGES_PER_WORKER)
    if workers >= 2 and parallel.can_fork():
        for template in sorted({page.template for page in pages}):
            plan.env.get_template(template)  # compiled once here, not once in every worker
        outcomes = parallel.Workers(render_batch, workers, len(batches)).results()
    else:
        outcomes = (render_batch(number) for number in range(len(batches)))
    files: dict[str, bytes] = {}
    problems: Found = []
    for html, found, converted in outcomes:
        files.update(html)
        problems += found
        conversions.keep(converted)
        progress("rendering pages", len(files) + len(problems), len(pages))
    raise_found(problems)
    return files


class WholeSiteFiles:
    """The whole-site files of a plan, made on a large site by two forked workers, each of which
    also sets aside the files whose content equals the previous build's, so that only the changed
    ones travel back."""

    def __init__(self, plan: SitePlan, conversions: Conversions, previous: Previous | None) -> None:
        self.plan = plan
        self.conversions = conversions
        self.previous = previous
        self.workers: parallel.Workers | None = None

    def start(self) -> None:
        if self.workers is None and self._in_workers():
            self.workers = parallel.Workers(self._changed_files, len(PUBLISHING_PARTS), len(PUBLISHING_PARTS))

    def collect(self) -> tuple[dict[str, bytes], dict[str, str]]:
        """({path: bytes} of the files made, {path: the previous build's file} of those unchanged)."""
        self.start()
        if self.workers is None:
            files = whole_site_files(self.plan, self.conversions)
            return {path: _bytes(text) for path, text in files.items()}, {}
        made: dict[str, bytes] = {}
        unchanged: dict[str, str] = {}
        for changed, same, converted in self.workers.results():
            self.conversions.keep(converted)
            made.update(changed)
            unchanged.update({path: str(self.previous.root / path) for path in same} if self.previous else {})
        return made, unchanged

    def _in_workers(self) -> bool:
        return len(self.plan.pages) >= 2 * PAGES_PER_WORKER and parallel.cores() >= 2 and parallel.can_fork()

    def _changed_files(self, number: int) -> tuple[dict[str, bytes], list[str], dict[str, str]]:
        """({path: bytes} of part `number`'s files that differ from the previous build's, [paths of
        those that do not], the Markdown converted on the way)."""
        changed: dict[str, bytes] = {}
        unchanged: list[str] = []
        for path, text in whole_site_files(self.plan, self.conversions, PUBLISHING_PARTS[number:number + 1]).items():
            data = _bytes(text)
            if self.previous is not None and self.previous.unchanged(path, content_digest(data)):
                unchanged.append(path)
            else:
                changed[path] = data
        return changed, unchanged, self.conversions.take_new()


def _bytes(text: Any) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text
