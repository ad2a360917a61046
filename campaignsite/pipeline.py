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

import os
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import jinja2

from .errors import Problem, SiteError
from .i18n import Strings, check_table
from .load import (
    CONVERSIONS_FILE,
    READINGS_FILE,
    STRINGS_FILE,
    THEME_DIR,
    ReadingCache,
    cache_dir,
    collect_assets,
    fingerprint_assets,
    inputs_digest,
    layered,
    load_previous,
    load_sources,
    read_cache_file,
)
from .model import LANGUAGES
from .render import Conversions, Progress, Publication, RenderedSite, SitePlan, Urls, make_environment, render_site
from .routes import plan
from .validate import BASE_URL_HINT, Validated, normalise_base_url, validate
from .write import check_location, publish, recover, save_cache, save_manifest


@dataclass(frozen=True)
class BuildOptions:
    site_dir: Path
    output_dir: Path
    base_url: str | None = None  # overrides site.base_url; a full address ending in '/'
    allow_fallback: bool = False
    theme_dir: Path = THEME_DIR
    today: date | None = None  # the build date; default: SOURCE_DATE_EPOCH, else today
    relative_urls: bool = False

    def day(self) -> date:
        return self.today or build_date()


@dataclass
class Session:
    """What one process keeps between builds of a campaign: the templates (recompiled when their
    file changes), the data files' quick readings, converted Markdown, parsed template facts."""

    readings: ReadingCache = field(default_factory=ReadingCache)
    conversions: Conversions = field(default_factory=Conversions)
    parsed: dict = field(default_factory=dict)
    watch_templates: bool = False
    kept_by_process: bool = False  # True: the caches live in this process; False: in the cache folder
    environments: dict[tuple[Path, ...], jinja2.Environment] = field(default_factory=dict)

    @classmethod
    def from_cache_folder(cls, output: Path) -> Session:
        folder = cache_dir(output)
        return cls(ReadingCache(read_cache_file(folder / READINGS_FILE)),
                   Conversions(read_cache_file(folder / CONVERSIONS_FILE)))

    def environment(self, template_dirs: list[Path]) -> jinja2.Environment:
        key = tuple(template_dirs)
        if key not in self.environments:
            self.environments[key] = make_environment(template_dirs, self.watch_templates)
        return self.environments[key]


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
          swap_lock: Callable[[], AbstractContextManager[object]] = nullcontext) -> BuildResult:
    output = options.output_dir
    check_location(output, options.site_dir, _source_dirs(options))
    recover(output)
    previous = load_previous(output)
    inputs = inputs_digest(options.site_dir, options.theme_dir, _settings(options))
    if previous is not None and previous.inputs == inputs and previous.intact():
        return BuildResult(previous.counts, (), previous.total, unchanged=True)
    session = session or Session.from_cache_folder(output)
    planned, warnings, assets = plan_site(options, session)
    rendered = render_site(planned, session.conversions, previous, session.parsed, progress)
    written = publish(output, _display(output, options.site_dir), rendered, assets, previous, swap_lock)
    counts = {lang: sum(1 for page in planned.pages if page.lang == lang) for lang in LANGUAGES}
    # a build with warnings is done again next time, so that they are shown again
    save_manifest(output, rendered.fingerprints, written, "" if warnings else inputs, counts)
    if not session.kept_by_process:
        _keep_caches(output, session)
    return BuildResult(counts, warnings, len(rendered.reused))


@dataclass(frozen=True)
class Checked:
    plan: SitePlan
    rendered: RenderedSite
    assets: dict[str, Path]
    warnings: tuple[Problem, ...]


def check(options: BuildOptions) -> Checked:
    """Every stage of a build but the writing: every page and file, rendered in memory."""
    session = Session()
    planned, warnings, assets = plan_site(options, session)
    return Checked(planned, render_site(planned, session.conversions), assets, warnings)


def plan_site(options: BuildOptions, session: Session) -> tuple[SitePlan, tuple[Problem, ...], dict[str, Path]]:
    """The model, its pages and how they are published; the warnings; the assets to copy."""
    validated = load_and_validate(options, session.readings)
    site = validated.site
    check_table(Strings(site.strings), STRINGS_FILE)
    urls = Urls(_base_url(options.base_url) if options.base_url else site.campaign.base_url, options.relative_urls)
    assets, asset_names = fingerprint_assets(collect_assets(options.site_dir, options.theme_dir))
    env = session.environment(layered(options.site_dir, options.theme_dir, "templates"))
    planned = SitePlan(site, plan(site), env, Publication(urls, options.day(), asset_names), options.site_dir)
    return planned, validated.warnings, assets


def load_and_validate(options: BuildOptions, readings: ReadingCache | None = None) -> Validated:
    """The model of the campaign. The data files are first read quickly, without positions (or
    taken from `readings`); only when validation has something to say are they read again exactly,
    so that every message names its line and column (the exact reading is slower)."""
    quick = load_sources(options.site_dir, options.theme_dir, exact=False, cache=readings)
    try:
        validated = validate(quick, options.allow_fallback)
        if not validated.warnings:
            return validated
    except SiteError:
        pass
    return validate(load_sources(options.site_dir, options.theme_dir), options.allow_fallback)


def build_date(environ: Mapping[str, str] = os.environ) -> date:
    """The date the output depends on: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise SiteError([Problem("SOURCE_DATE_EPOCH", message=f"'{epoch}' is not a number of seconds",
                                     hint="set it to a Unix time such as 1222819200, or unset it")]) from None
    return date.today()


def _base_url(value: str) -> str:
    normalised = normalise_base_url(value)
    if normalised is None:
        raise SiteError([Problem("--base-url", message=f"'{value}' is not a full web address", hint=BASE_URL_HINT)])
    return normalised


def _keep_caches(output: Path, session: Session) -> None:
    if session.readings.dirty:
        save_cache(output, READINGS_FILE, session.readings.entries)
    if session.conversions.take_new():
        save_cache(output, CONVERSIONS_FILE, session.conversions.known)


def _settings(options: BuildOptions) -> tuple[object, ...]:
    return options.base_url, options.allow_fallback, options.relative_urls, options.day().isoformat()


def _source_dirs(options: BuildOptions) -> list[Path]:
    roots = {options.site_dir, options.theme_dir}
    return [root / name for root in roots for name in ("content", "templates", "assets")]


def _display(path: Path, site_dir: Path) -> str:
    try:
        return path.resolve().relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        return str(path)
