"""`build`: the site written into the output folder, with one summary line.

Takes: the parsed command line (campaign folder, output folder, publishing options).
Gives: exit status 0 and `Built N pages (… zh, … en) in T s into DIR` (or `Nothing changed …`),
warnings on stderr; on a terminal, a build that takes more than about two seconds shows its
progress on one line, erased when it is done.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..model import LANGUAGES

if TYPE_CHECKING:
    from ..pipeline import BuildResult

PROGRESS_AFTER = 2.0  # seconds: a build quicker than this shows no progress
PROGRESS_EVERY = 0.2  # seconds between two updates of the progress line


def add_build_command(commands: Any, site_options: Callable[[argparse.ArgumentParser], None],
                      day: Callable[[str], Any]) -> None:
    build_ = commands.add_parser("build", help="build the site into the output folder (the default)",
                                 description="Build the site into a staging folder and swap it in "
                                             "when the whole build has succeeded.")
    site_options(build_)
    build_.add_argument("--output", type=Path, metavar="DIR", help="where to write the site (default: SITE/output)")
    build_.add_argument("--base-url", metavar="URL",
                        help="the full address the site is published at, overriding campaign.yaml's site.base_url")
    build_.add_argument("--allow-missing-translations", action="store_true",
                        help="build even when a translation is missing; such texts show the original "
                             "marked 'translation pending'")
    build_.add_argument("--relative-urls", action="store_true",
                        help="make every link relative, so the output can be opened from disk or a ZIP")
    build_.add_argument("--today", type=day, metavar="YYYY-MM-DD",
                        help="the date the site is built 'as of' (activity status, feeds, calendars); "
                             "default: SOURCE_DATE_EPOCH when set, else today")
    build_.add_argument("--wait", type=float, default=60.0, metavar="SECONDS",
                        help="how long to wait while another build writes the same output folder (default: 60)")
    build_.add_argument("--no-search", action="store_true",
                        help="build without the search index (Pagefind is then not needed); the search page "
                             "says search is not available and links the listings")
    build_.set_defaults(run=run_build)


def run_build(args: argparse.Namespace) -> int:
    from ..pipeline import BuildOptions, build  # here: `--help` must not wait for every stage to be imported

    started = time.perf_counter()
    site_dir = args.site.resolve()
    output = (args.output or site_dir / "output").absolute()
    progress = TerminalProgress(sys.stderr, started)
    try:
        result = build(BuildOptions(site_dir, output, args.base_url, args.allow_missing_translations,
                                    today=args.today, relative_urls=args.relative_urls, lock_wait=args.wait,
                                    search=not getattr(args, "no_search", False)),
                       progress=progress,
                       notice=lambda line: print(line, file=sys.stderr, flush=True))
    finally:
        progress.done()
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    elapsed = time.perf_counter() - started
    if result.unchanged:
        print(f"Nothing changed since the last build: {result.total} pages ({languages_summary(result)}) "
              f"already in {output} ({elapsed:.2f} s)")
        return 0
    unchanged = f"; {result.reused} unchanged" if result.reused else ""
    print(f"Built {result.total} pages ({languages_summary(result)}{unchanged}) in {elapsed:.2f} s into {output}")
    return 0


def languages_summary(result: BuildResult) -> str:  # "55 zh, 55 en"
    return ", ".join(f"{result.counts.get(lang, 0)} {lang}" for lang in LANGUAGES)


class TerminalProgress:
    """One line on a terminal saying what the build is doing (`rendering pages: 1200/11112`),
    rewritten in place, shown only once the build has taken `PROGRESS_AFTER` seconds, and erased
    at the end. When the stream is not a terminal (a log, a pipe, a test) it shows nothing."""

    def __init__(self, stream: TextIO, started: float, clock: Callable[[], float] = time.perf_counter) -> None:
        self.stream = stream
        self.started = started
        self.clock = clock
        self.shown_at: float | None = None
        self.width = 0
        self.enabled = stream.isatty()

    def __call__(self, what: str, done: int, total: int) -> None:
        now = self.clock()
        if not self.enabled or now - self.started < PROGRESS_AFTER:
            return
        if self.shown_at is not None and now - self.shown_at < PROGRESS_EVERY and done < total:
            return
        line = f"{what}: {done}/{total}"
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.shown_at, self.width = now, len(line)

    def done(self) -> None:
        if self.shown_at is not None:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.shown_at = None
