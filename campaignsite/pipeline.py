"""The build, as a list of stage calls: load, validate, plan, render, write.

Takes: a campaign folder, the theme folder (this repository's `templates/` and `assets/`), and
the options of a build.
Gives: `BuildResult` (pages per language, warnings) after writing the site, or `SiteError`.

A build does only what its inputs ask for: nothing when no input changed since the last build
(`inputs_digest`); otherwise the pages whose fingerprint changed (`skip_unchanged`), rendered on
every core when there are many, with the whole-site files (sitemap, feeds, calendars, open data)
made by workers meanwhile; only files whose content changed are written.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Mapping

import jinja2

from . import parallel, render
from .errors import Problem, ProblemLog, SiteError
from .i18n import Strings, check_table
from .load import ReadingCache, list_files, load_markdown, load_yaml
from .model import LANGUAGES, Site
from .posters import banner_files
from .feeds import PUBLISHING_PARTS, publishing_files
from .incremental import fingerprints
from .render import Publication, SiteFacts, Urls, make_environment, render_all
from .routes import Page, plan
from .validate import BASE_URL_HINT, Sources, Validated, normalise_base_url, validate
from .cachefiles import read_cache_file, write_cache_file
from .write import (Previous, Staging, cache_dir, check_location, content_digest, load_previous, open_writer,
                    recover, save_previous)

THEME_DIR = Path(__file__).resolve().parent.parent  # the repository: templates/ and assets/ are the theme
STRINGS_FILE = "templates/strings.yaml"


@dataclass(frozen=True)
class BuildOptions:
    site_dir: Path
    output_dir: Path
    base_url: str | None = None
    allow_fallback: bool = False
    theme_dir: Path = THEME_DIR
    today: date | None = None  # the build date; default: SOURCE_DATE_EPOCH, else today
    relative_urls: bool = False
    watch_templates: bool = False  # the preview: templates edited between builds of one process


def build_date(environ: Mapping[str, str] = os.environ) -> date:
    """The date the output depends on: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise SiteError([Problem("SOURCE_DATE_EPOCH", message=f"'{epoch}' is not a number of seconds",
                                     hint="set it to a Unix time such as 1222819200, or unset it")]) from None
    return date.today()


@dataclass(frozen=True)
class BuildResult:
    counts: dict[str, int]  # pages per language
    warnings: tuple[Problem, ...]
    reused: int = 0  # pages taken unchanged from the previous build
    unchanged: bool = False  # nothing the site depends on has changed since the last build: nothing was done

    @classmethod
    def of(cls, pages: list[Page], warnings: tuple[Problem, ...], reused: int) -> "BuildResult":
        return cls({lang: sum(1 for page in pages if page.lang == lang) for lang in LANGUAGES}, warnings, reused)

    def count(self, lang: str) -> int:
        return self.counts.get(lang, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Rendered:
    site: Site
    pages: list[Page]
    files: dict[str, str]  # the pages rendered this time
    reused: dict[str, str]  # the pages taken unchanged from the previous site: their files there
    fingerprints: dict[str, str]
    assets: dict[str, Path]
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class Planned:
    """Everything decided before a page is rendered: the model, the pages, and which of them can be
    taken unchanged from the previous site."""

    site: Site
    pages: list[Page]
    to_render: list[Page]
    reused: dict[str, str]
    fingerprints: dict[str, str]
    assets: dict[str, Path]
    env: jinja2.Environment
    publication: Publication
    warnings: tuple[Problem, ...]


PAGES_PER_WORKER = 150  # below this, forking a worker costs more than it saves
READINGS_FILE = "readings.pickle"
CONVERSIONS_FILE = "markdown.pickle"
BATCH = 100  # pages a worker renders before handing them over to be written


def build(options: BuildOptions) -> BuildResult:
    source_dirs = [root / name for root in {options.site_dir, options.theme_dir}
                   for name in ("content", "templates", "assets")]
    check_location(options.output_dir, options.site_dir, source_dirs)
    recover(options.output_dir)
    previous = load_previous(options.output_dir)
    inputs = inputs_digest(options)
    if previous is not None and previous.inputs == inputs and previous.intact():
        return BuildResult(previous.counts, (), previous.total, unchanged=True)
    conversions_file = cache_dir(options.output_dir) / CONVERSIONS_FILE
    render.conversions.load(read_cache_file(conversions_file))
    planned = prepare(options, ReadingCache(cache_dir(options.output_dir) / READINGS_FILE))
    extras = WholeSiteFiles.start(planned, previous)  # on a large site, made by a worker while pages are compared
    planned = skip_unchanged(planned, previous)
    display = _display(options.output_dir, options.site_dir)
    with open_writer(options.output_dir, display, previous) as staging:
        written = write_pages(planned, staging, options.site_dir, extras)
        written.update(staging.link(planned.reused))
        written.update(staging.copy(planned.assets))
        staging.swap_in()
    result = BuildResult.of(planned.pages, planned.warnings, len(planned.reused))
    # a build with warnings is done again next time, so that they are shown again
    save_previous(options.output_dir, planned.fingerprints, written,
                  inputs if not planned.warnings else "", result.counts)
    if render.conversions.take_new():
        write_cache_file(conversions_file, render.conversions.known)
    return result


PACKAGE_DIR = Path(__file__).resolve().parent
INPUT_FILES = ("campaign.yaml", "activities.yaml", "slogans.yaml", "activities", "content", "templates", "assets")


def inputs_digest(options: BuildOptions) -> str:
    """One digest of everything a build reads: the campaign's files, the theme's, the tool's own
    code, the options and the build date. Equal digests mean the site would come out the same.
    Files count by name, size, modification time and inode, as `make` and rsync count them: reading
    thousands of activity files only to learn that none changed would cost more than the check saves."""
    digest = hashlib.sha256()
    settings = (str(options.site_dir.resolve()), str(options.theme_dir.resolve()), options.base_url,
                options.allow_fallback, options.relative_urls, (options.today or build_date()).isoformat())
    digest.update(repr(settings).encode("utf-8"))
    for root, names in ((options.site_dir, INPUT_FILES), (options.theme_dir, ("templates", "assets")),
                        (PACKAGE_DIR, ("",))):
        for name in names:
            for path in _files_under(os.path.join(root, name)):
                try:
                    info = os.stat(path)  # follows links: a link's target is what the build reads
                    stamp = f"{info.st_size} {info.st_mtime_ns} {info.st_ino}"
                except OSError:
                    stamp = "unreadable"
                digest.update(f"\0{os.path.relpath(path, root)}\0{stamp}".encode("utf-8"))
    return digest.hexdigest()


def _files_under(path: str) -> list[str]:
    if os.path.isfile(path):
        return [path]
    found = []
    for folder, dirnames, filenames in os.walk(path):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        found += [os.path.join(folder, name) for name in sorted(filenames) if not name.endswith(".pyc")]
    return found


def render_site(options: BuildOptions, previous: Previous | None = None,
                cache: ReadingCache | None = None) -> Rendered:
    """Everything but the writing: the pages that changed since `previous`, as text in memory."""
    planned = plan_build(options, previous, cache)
    files = render_all(planned.site, planned.to_render, planned.pages, planned.env, planned.publication,
                       options.site_dir)
    files.update(whole_site_files(planned))
    return Rendered(planned.site, planned.pages, files, planned.reused, planned.fingerprints, planned.assets,
                    planned.warnings)


def plan_build(options: BuildOptions, previous: Previous | None = None, cache: ReadingCache | None = None) -> Planned:
    return skip_unchanged(prepare(options, cache), previous)


def prepare(options: BuildOptions, cache: ReadingCache | None = None) -> Planned:
    """The model, its pages and how they are published: a plan that renders every page."""
    validated = load_and_validate(options, cache)
    site = validated.site
    check_table(Strings(site.strings), STRINGS_FILE)
    pages = plan(site)
    urls = Urls(_base_url(options.base_url) if options.base_url else site.campaign.base_url, options.relative_urls)
    assets, asset_names = fingerprint_assets(collect_assets(options))
    publication = Publication(urls, options.today or build_date(), asset_names)
    env = make_environment(_layered(options, "templates"), options.watch_templates)
    return Planned(site, pages, pages, {}, {}, assets, env, publication, validated.warnings)


def skip_unchanged(planned: Planned, previous: Previous | None) -> Planned:
    """The same plan, minus the pages whose fingerprint shows they would come out as the previous
    build wrote them (their files are taken as they are)."""
    prints = fingerprints(planned.site, planned.pages, planned.env, planned.publication)
    reused = previous.reusable(prints) if previous else {}
    to_render = [page for page in planned.pages if page.output not in reused]
    return dataclasses.replace(planned, to_render=to_render, reused=reused, fingerprints=prints)


def whole_site_files(planned: Planned, parts: tuple[str, ...] = PUBLISHING_PARTS) -> dict[str, str]:
    """The files made from the whole site rather than from a template: banners, sitemap, feeds
    ("listings"); calendars, open data ("schedule")."""
    files: dict[str, str] = dict(banner_files(planned.site.slogans)) if "listings" in parts else {}
    files.update(publishing_files(planned.site, planned.pages, planned.publication.urls,
                                  Strings(planned.site.strings), planned.publication.today, parts))
    return files


class WholeSiteFiles:
    """The whole-site files of a plan, made on a large site by two forked workers, each of which
    also sets aside the files whose content equals the previous build's, so that only the changed
    ones travel back. After a previous build the workers start at once, while the pages are being
    compared (the Markdown the feeds show is in the cache); on a first build they start once the
    pages are rendered, so that they find every body already converted."""

    def __init__(self, planned: Planned, previous: Previous | None, workers: parallel.Workers | None) -> None:
        self.planned = planned
        self.previous = previous
        self.workers = workers

    @classmethod
    def start(cls, planned: Planned, previous: Previous | None = None) -> "WholeSiteFiles":
        made = cls(planned, previous, None)
        if previous is not None and made._in_workers():
            made.workers = made._start_workers()
        return made

    def _in_workers(self) -> bool:
        return len(self.planned.pages) >= 2 * PAGES_PER_WORKER and parallel.cores() >= 2 and parallel.can_fork()

    def _start_workers(self) -> parallel.Workers:
        task = lambda number: _problems_or(_changed_whole_site_files,  # noqa: E731
                                           (self.planned, self.previous, PUBLISHING_PARTS[number:number + 1]))
        return parallel.Workers(task, len(PUBLISHING_PARTS), len(PUBLISHING_PARTS))

    def write(self, staging: Staging) -> dict[str, tuple[str, int, int]]:
        if self.workers is None and self._in_workers():
            self.workers = self._start_workers()
        if self.workers is None:
            return staging.write(whole_site_files(self.planned))
        written: dict[str, tuple[str, int, int]] = {}
        for outcome in self.workers.results():
            if isinstance(outcome, SiteError):
                raise SiteError(outcome.problems)
            changed, unchanged, converted = outcome
            render.conversions.keep(converted)
            written.update(staging.write(changed))
            written.update(staging.link({path: os.path.join(staging.previous.root, path) for path in unchanged}))
        return written


def _changed_whole_site_files(job) -> tuple[dict[str, bytes], list[str], dict[str, str]]:
    """({path: bytes} of the files that differ from the previous build's, [paths of those that do not],
    the Markdown converted on the way)."""
    planned, previous, parts = job
    changed: dict[str, bytes] = {}
    unchanged: list[str] = []
    for path, text in whole_site_files(planned, parts).items():
        data = text.encode("utf-8") if isinstance(text, str) else text
        if previous is not None and previous.unchanged(path, content_digest(data)):
            unchanged.append(path)
        else:
            changed[path] = data
    return changed, unchanged, render.conversions.take_new()


def write_pages(planned: Planned, staging: Staging, display_root: Path,
                extras: WholeSiteFiles | None = None) -> dict[str, tuple[str, int, int]]:
    """Render the pages to render and write them, with the whole-site files, into `staging`. Many
    pages are rendered by forked workers, one per core, in small batches; this process writes them
    all once the workers are done. Writing is the file system's work, which here is slower, not
    faster, when several processes write at once, and slower still beside busy workers: each write
    that waits on the disk gives its core away and then waits for a worker's time slice to end
    (measured: 11,000 files took 3.0 s to write alone, 7.3 s beside two busy processes)."""
    extras = extras or WholeSiteFiles(planned, None, None)

    facts = SiteFacts.of(planned.site, planned.pages)  # once, not once per batch

    def render_batch(pages: list[Page]) -> dict[str, bytes]:
        html = render_all(planned.site, pages, planned.pages, planned.env, planned.publication, display_root, facts)
        return {path: text.encode("utf-8") for path, text in html.items()}

    def render_batch_in_worker(pages: list[Page]) -> tuple[dict[str, bytes], dict[str, str]]:
        return render_batch(pages), render.conversions.take_new()  # the parent keeps what was converted

    workers = min(parallel.cores(), len(planned.to_render) // PAGES_PER_WORKER)
    if workers < 2 or not parallel.can_fork():
        written = staging.write(render_batch(planned.to_render))
        written.update(extras.write(staging))
        return written
    for template in sorted({page.template for page in planned.to_render}):
        planned.env.get_template(template)  # compiled once here, not once in every worker
    batches = [planned.to_render[start:start + BATCH] for start in range(0, len(planned.to_render), BATCH)]
    rendered: dict[str, bytes] = {}
    problems: list[Problem] = []
    for outcome in parallel.Workers(lambda number: _problems_or(render_batch_in_worker, batches[number]),
                                    workers, len(batches)).results():
        if isinstance(outcome, SiteError):
            problems.extend(outcome.problems)
        else:
            rendered.update(outcome[0])
            render.conversions.keep(outcome[1])
    if problems:
        raise SiteError(sorted(set(problems)))
    written = extras.write(staging)
    written.update(staging.write(rendered))
    return written


def _problems_or(task, argument):
    """The task's result, or the `SiteError` it raised, as a value a worker can send back."""
    try:
        return task(argument)
    except SiteError as exc:
        return _PicklableSiteError(exc.problems)


class _PicklableSiteError(SiteError):
    def __reduce__(self):
        return (_PicklableSiteError, (self.problems,))


def _base_url(value: str) -> str:
    normalised = normalise_base_url(value)
    if normalised is None:
        raise SiteError([Problem("--base-url", message=f"'{value}' is not a full web address", hint=BASE_URL_HINT)])
    return normalised


def load_and_validate(options: BuildOptions, cache: ReadingCache | None = None) -> Validated:
    """The model of the campaign. The data files are first read quickly, without positions (or
    taken from `cache`); only when validation has something to say are they read again exactly, so
    that every message names its line and column (most builds have nothing to say, and the exact
    reading is slower)."""
    quick = load_sources(options.site_dir, options.theme_dir, exact=False, cache=cache)
    try:
        validated = validate(quick, options.allow_fallback)
    except SiteError:
        validated = None
    if validated is not None and not validated.warnings:
        if cache is not None:
            cache.save()
        return validated
    return validate(load_sources(options.site_dir, options.theme_dir), options.allow_fallback)


ACTIVITIES_DIR = "activities"


def load_sources(site_dir: Path, theme_dir: Path, exact: bool = True, cache: ReadingCache | None = None) -> Sources:
    """Read every input file; raise `SiteError` with every file that cannot be read."""
    log = ProblemLog()

    def yaml_file(path: Path, display: str, required: bool = True):
        if not required and not path.exists():
            return None
        if cache is not None and not exact:
            doc, problems = cache.load_yaml(path, display)
        else:
            doc, problems = load_yaml(path, display, exact)
        log.extend(problems)
        return doc

    campaign = yaml_file(site_dir / "campaign.yaml", "campaign.yaml")
    folder = site_dir / ACTIVITIES_DIR
    activity_files: list = []
    if folder.is_dir():
        activities = None
        if (site_dir / "activities.yaml").exists():
            log.add(Problem("activities.yaml", message="both activities.yaml and the folder activities/ exist",
                            hint="keep the activities in one place: the file, or one file each in the folder"))
        files, problems = list_files(folder, site_dir, ACTIVITIES_DIR)
        log.extend(problems)
        for path in files:
            if path.suffix in (".yaml", ".yml"):
                activity_files.append(yaml_file(path, path.relative_to(site_dir).as_posix()))
    else:
        activities = yaml_file(site_dir / "activities.yaml", "activities.yaml")
    slogans = yaml_file(site_dir / "slogans.yaml", "slogans.yaml", required=False)
    strings = [yaml_file(theme_dir / STRINGS_FILE, STRINGS_FILE)]
    if site_dir.resolve() != theme_dir.resolve():
        strings.append(yaml_file(site_dir / STRINGS_FILE, STRINGS_FILE, required=False))
    pages = []
    content_files, problems = list_files(site_dir / "content", site_dir, "content")
    log.extend(problems)
    for path in content_files:
        if path.suffix != ".md":
            continue
        doc, problems = load_markdown(path, path.relative_to(site_dir).as_posix())
        log.extend(problems)
        if doc:
            pages.append(doc)
    log.raise_if_errors()
    return Sources(campaign, activities, slogans, tuple(pages), tuple(s for s in strings if s is not None),
                   tuple(doc for doc in activity_files if doc is not None))


def collect_assets(options: BuildOptions) -> dict[str, Path]:
    """`{output path: source file}`: the theme's assets, overridden file by file by the site's."""
    assets: dict[str, Path] = {}
    problems: list[Problem] = []
    for root in _layered(options, "assets")[::-1]:
        files, found = list_files(root, options.site_dir if root.is_relative_to(options.site_dir) else root.parent,
                                  "assets")
        problems.extend(found)
        for path in files:
            assets["assets/" + path.relative_to(root).as_posix()] = path
    if problems:
        raise SiteError(problems)
    for name in ("favicon.ico",):
        if f"assets/{name}" in assets:
            assets[name] = assets[f"assets/{name}"]
    return assets


def fingerprint_assets(assets: dict[str, Path]) -> tuple[dict[str, Path], dict[str, str]]:
    """Each asset also under a name carrying a hash of its content (site.css -> site.1a2b3c4d.css), so a
    host may cache it forever; templates link the hashed name. The plain name stays for hand-written links."""
    names: dict[str, str] = {}
    published = dict(assets)
    for output, source in assets.items():
        if not output.startswith("assets/"):
            continue
        relative = output[len("assets/"):]
        stem, dot, suffix = relative.rpartition(".")
        if not dot:
            continue
        hashed = f"{stem}.{hashlib.sha256(source.read_bytes()).hexdigest()[:10]}.{suffix}"
        names[relative] = hashed
        published["assets/" + hashed] = source
    return published, names


def _layered(options: BuildOptions, folder: str) -> list[Path]:
    """The site's folder first (it overrides), then the theme's."""
    dirs = [options.site_dir / folder]
    if options.site_dir.resolve() != options.theme_dir.resolve():
        dirs.append(options.theme_dir / folder)
    return [d for d in dirs if d.is_dir()]


def _display(path: Path, site_dir: Path) -> str:
    try:
        return path.resolve().relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        return str(path)


def languages_summary(result: BuildResult) -> str:  # "55 zh, 55 en"
    return ", ".join(f"{result.count(lang)} {lang}" for lang in LANGUAGES)
