"""The build, as a list of stage calls: load, validate, plan the pages, render, write.

Takes: a campaign folder, the theme folder and the options of a build (`BuildOptions`), and what
a process keeps between builds of one campaign (`Session`: the preview keeps one).
Gives: `build` writes the site and gives a `BuildResult` (pages per language, warnings); `check`
renders every page in memory and writes nothing; either raises `SiteError` with every problem.

A build does only what its inputs ask for: nothing when no input changed since the last build
(`load.inputs_digest`); otherwise the pages whose fingerprint changed, rendered on every core when
there are many (`render`), and only the files whose content changed are written (`write`).
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, SiteError
from .i18n import Strings, check_table
from .images import IMAGES_FILE, load_image_cache
from .load import (
    ACTIVITIES_FILE,
    BYTECODE_DIR,
    CONVERSIONS_FILE,
    READINGS_FILE,
    STRINGS_FILE,
    TEMPLATES_FILE,
    ReadingCache,
    cache_dir,
    check_cache_folder,
    collect_assets,
    fingerprint_assets,
    inputs_digest,
    layered,
    load_previous,
    load_sources,
    within,
)
from .model import LANGUAGES, published
from .options import BuildOptions, Session
from .parallel import cores
from .render import Progress, Publication, RenderedSite, SitePlan, Urls, render_site
from .routes import plan
from .validate import ActivityMemo, MediaFiles, Validated, scheduled_notes, validate
from .write import (
    SearchIndex,
    check_location,
    clear_temporaries,
    confirm_manifest,
    find_pagefind,
    output_lock,
    publish,
    recover,
    save_cache,
    save_manifest,
)

__all__ = ["BuildOptions", "BuildResult", "Checked", "Session", "build", "check", "plan_site"]


@dataclass(frozen=True)
class BuildResult:
    counts: dict[str, int]  # pages per language
    warnings: tuple[Problem, ...]
    reused: int = 0  # pages taken unchanged from the previous build
    unchanged: bool = False  # nothing the site depends on has changed since the last build: nothing was done

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def build(options: BuildOptions, session: Session | None = None, progress: Progress | None = None,
          swap_lock: Callable[[], AbstractContextManager[object]] = nullcontext,
          notice: Callable[[str], None] | None = None) -> BuildResult:
    """Build the site into `options.output_dir`, as the only writer of that folder while it runs
    (another build waits); `swap_lock` is held while files are moved into place (the preview's
    readers), `notice` hears what the build waits for."""
    check_location(options.output_dir, options.site_dir, options.source_dirs())
    if options.search:
        find_pagefind()  # before anything is done: a build that cannot index says so at once
    with output_lock(options.output_dir, notice or _to_stderr, options.lock_wait):
        return _build(options, session, progress, swap_lock)


def _build(options: BuildOptions, session: Session | None, progress: Progress | None,
           swap_lock: Callable[[], AbstractContextManager[object]]) -> BuildResult:
    options = options.dated()
    output = options.output_dir
    check_cache_folder(output)  # before anything is written: a link there is refused, never followed
    recover(output, _display(output, options.site_dir))
    previous = load_previous(output)
    inputs = inputs_digest(options.site_dir, options.theme_dir, options.settings())
    if previous is not None and previous.inputs == inputs and previous.intact():
        if previous.racy():
            confirm_manifest(output)
        return BuildResult(previous.counts, (), previous.total, unchanged=True)
    session = session or Session.from_cache_folder(output)
    planned, warnings, assets = plan_site(options, session)
    rendered = render_site(planned, session.conversions, previous, session.parsed, progress)
    rendered.files.update(planned.media_files)  # written only where their bytes changed, like every file
    search = SearchIndex(find_pagefind(), planned.publication.urls.base_path) if options.search else None
    written = publish(output, _display(output, options.site_dir), rendered, assets, previous, swap_lock, progress,
                      search)
    counts = {lang: sum(1 for page in planned.pages if page.lang == lang) for lang in LANGUAGES}
    clear_temporaries(cache_dir(output))
    # a build with warnings is done again next time, so that they are shown again
    kept = [save_manifest(output, rendered.fingerprints, written, "" if warnings else inputs, counts)]
    if not session.kept_by_process:
        kept += _keep_caches(output, session)
    return BuildResult(counts, (*warnings, *(problem for problem in kept if problem)), len(rendered.reused))


@dataclass(frozen=True)
class Checked:
    plan: SitePlan
    rendered: RenderedSite
    assets: dict[str, Path]
    warnings: tuple[Problem, ...]


def check(options: BuildOptions) -> Checked:
    """Every stage of a build but the writing: every page and file, rendered in memory (the images a build into
    the output folder processed are taken from its cache, which check never writes)."""
    check_cache_folder(options.output_dir)  # as the build would: its caches are read only from a real folder
    session = Session(images=load_image_cache(options.output_dir))
    planned, warnings, assets = plan_site(options.dated(), session)
    return Checked(planned, render_site(planned, session.conversions), assets, warnings)


def plan_site(options: BuildOptions, session: Session) -> tuple[SitePlan, tuple[Problem, ...], dict[str, Path]]:
    """The model, its pages and how they are published; the warnings; the assets to copy."""
    media = MediaFiles(options.site_dir, within(options.site_dir, options.theme_dir), session.images, cores())
    session.activities.begin()
    validated = load_and_validate(options, session.readings, media, session.activities)
    session.activities.prune()
    (site, scheduled), shown = published(validated.site, options.day()), validated.media
    check_table(Strings(site.strings), STRINGS_FILE)
    urls = Urls(options.published_at(site.campaign.base_url), options.relative_urls, validated.moved)
    assets, asset_names = fingerprint_assets(collect_assets(options.site_dir, options.theme_dir))
    assets = {path: source for path, source in assets.items() if "/" + path not in shown.pictures}  # variants only
    env = session.environment(layered(options.site_dir, options.theme_dir, "templates"))
    publication = Publication(urls, options.day(), asset_names, search=options.search, media=shown.shown())
    planned = SitePlan(site, plan(site, options.day()), env, publication, options.site_dir, shown.files)
    return planned, (*validated.warnings, *scheduled_notes(scheduled, options.day())), assets


def load_and_validate(options: BuildOptions, readings: ReadingCache | None = None,
                      media: MediaFiles | None = None, memo: ActivityMemo | None = None) -> Validated:
    """The model of the campaign. The data files are first read quickly, without positions (or
    taken from `readings`); only when validation has something to say are they read again exactly,
    so that every message names its line and column (the exact reading is slower)."""
    quick = load_sources(options.site_dir, options.theme_dir, exact=False, cache=readings)
    try:
        validated = validate(quick, options.allow_fallback, media, memo, options.day())
        if not validated.warnings:
            return validated
    except SiteError:
        pass
    return validate(load_sources(options.site_dir, options.theme_dir), options.allow_fallback, media,
                    today=options.day())


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _keep_caches(output: Path, session: Session) -> list[Problem | None]:
    """Each cache that changed, sealed in the cache folder (see `write.records`)."""
    if session.cache_folder is not None:
        clear_temporaries(session.cache_folder / BYTECODE_DIR)  # Jinja's, left by a build killed while compiling
    kept = []
    if session.readings.dirty:
        kept.append(save_cache(output, READINGS_FILE, session.readings.entries))
    if session.conversions.take_new():
        kept.append(save_cache(output, CONVERSIONS_FILE, session.conversions.known))
    if session.activities.dirty:
        kept.append(save_cache(output, ACTIVITIES_FILE, {session.activities.tool: session.activities.entries}))
    if len(session.parsed) != session.parsed_read:
        kept.append(save_cache(output, TEMPLATES_FILE, {session.activities.tool: session.parsed}))
    if session.images.changed:
        kept.append(save_cache(output, IMAGES_FILE, session.images.to_save()))
    return kept


def _display(path: Path, site_dir: Path) -> str:
    """The output as messages name it: relative to the campaign folder when inside it (the output itself is
    not resolved: it is a link to the release it shows)."""
    try:
        return (path.parent.resolve() / path.name).relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        return str(path)
