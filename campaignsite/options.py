"""How a build is asked for: its options, and what a process keeps between builds of one campaign.

Takes: the campaign and output folders and the publishing options (from the command line).
Gives: `BuildOptions`, the build date they mean (`--today`, else SOURCE_DATE_EPOCH, else today),
and `Session`: the templates, the data files' quick readings, the converted Markdown and the
templates' parsed facts, kept by the preview between rebuilds or read from the cache folder.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jinja2

from .errors import Problem, SiteError
from .images import ImageCache, load_image_cache
from .load import (
    ACTIVITIES_FILE,
    BYTECODE_DIR,
    CONVERSIONS_FILE,
    READINGS_FILE,
    TEMPLATES_FILE,
    THEME_DIR,
    ReadingCache,
    cache_dir,
    read_cache_file,
)
from .model import DEFAULT_TIMEZONE
from .render import Conversions, make_environment
from .render.fingerprints import Parsed, tool_digest
from .validate import BASE_URL_HINT, ActivityMemo, normalise_base_url
from .validate.settings import read_settings


@dataclass(frozen=True)
class BuildOptions:
    site_dir: Path
    output_dir: Path
    base_url: str | None = None  # overrides site.base_url; a full address ending in '/'
    allow_fallback: bool = False
    theme_dir: Path = THEME_DIR
    today: date | None = None  # the build date; default: SOURCE_DATE_EPOCH, else today
    relative_urls: bool = False
    lock_wait: float = 60.0  # seconds to wait for another build of the same output folder
    search: bool = False  # make the search index (Pagefind); False: the search page says search is not available

    def day(self) -> date:
        """The build date: --today, else the day it is in the campaign's time zone (as the model reads it)."""
        return self.today or build_date(zone=read_settings(self.site_dir).timezone)

    def dated(self) -> BuildOptions:
        """These options with the build date fixed, so that every stage of one build sees the same day."""
        return self if self.today else dataclasses.replace(self, today=self.day())

    def published_at(self, campaign_base_url: str) -> str:
        """The site's full address: --base-url when given (checked here), else the campaign's."""
        if not self.base_url:
            return campaign_base_url
        normalised = normalise_base_url(self.base_url)
        if normalised is None:
            raise SiteError([Problem("--base-url", message=f"'{self.base_url}' is not a full web address",
                                     hint=BASE_URL_HINT)])
        return normalised

    def settings(self) -> tuple[object, ...]:
        """The options the output depends on, for the digest of a build's inputs."""
        return self.base_url, self.allow_fallback, self.relative_urls, self.day().isoformat(), self.search

    def source_dirs(self) -> list[Path]:
        """The folders of sources an output folder must never be inside."""
        roots = {self.site_dir, self.theme_dir}
        return [root / name for root in roots for name in ("content", "templates", "assets")]


@dataclass
class Session:
    """What one process keeps between builds of a campaign: the templates (recompiled when their
    file changes), the data files' quick readings, converted Markdown, parsed template facts, processed images."""

    readings: ReadingCache = field(default_factory=ReadingCache)
    conversions: Conversions = field(default_factory=Conversions)
    parsed: Parsed = field(default_factory=dict)
    watch_templates: bool = False
    kept_by_process: bool = False  # True: the caches live in this process; False: in the cache folder
    environments: dict[tuple[Path, ...], jinja2.Environment] = field(default_factory=dict)
    images: ImageCache = field(default_factory=ImageCache)  # processed images, by their bytes' digest
    activities: ActivityMemo = field(default_factory=lambda: ActivityMemo(tool=tool_digest()))
    cache_folder: Path | None = None  # where the caches are kept between processes (None: in this process only)
    parsed_read: int = 0  # how many templates' facts were read from the cache folder (more: keep them again)

    @classmethod
    def from_cache_folder(cls, output: Path) -> Session:
        folder = cache_dir(output)
        tool = tool_digest()
        parsed = read_cache_file(folder / TEMPLATES_FILE).get(tool, {})
        return cls(ReadingCache(read_cache_file(folder / READINGS_FILE)),
                   Conversions(read_cache_file(folder / CONVERSIONS_FILE)), parsed=parsed,
                   images=load_image_cache(output),
                   activities=ActivityMemo(read_cache_file(folder / ACTIVITIES_FILE).get(tool, {}), tool),
                   cache_folder=folder, parsed_read=len(parsed))

    def environment(self, template_dirs: list[Path]) -> jinja2.Environment:
        key = tuple(template_dirs)
        if key not in self.environments:
            compiled = self.cache_folder / BYTECODE_DIR if self.cache_folder is not None else None
            self.environments[key] = make_environment(template_dirs, self.watch_templates, compiled)
        return self.environments[key]


def build_date(environ: Mapping[str, str] = os.environ, zone: str = DEFAULT_TIMEZONE) -> date:
    """The date the output depends on, the day it is in the campaign's time zone (not the server's): at the
    moment SOURCE_DATE_EPOCH gives when set (reproducible builds), else now."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):  # validation reports the zone; the day is then the default zone's
        tz = ZoneInfo(DEFAULT_TIMEZONE)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=tz).date()
        except (ValueError, OverflowError, OSError):
            raise SiteError([Problem("SOURCE_DATE_EPOCH", message=f"'{epoch}' is not a number of seconds",
                                     hint="set it to a Unix time such as 1222819200, or unset it")]) from None
    return datetime.now(tz).date()


