"""`check`: everything a build does except writing, plus the links and the translations.

Takes: the parsed command line (a campaign folder, --strict, --allow-missing-translations).
Gives: every error and warning (pending translations among them) on stderr, then a one-line
summary; exit status 1 when there are errors (or warnings, with --strict). Nothing is written.
A translation missing while the campaign declares a fallback (site.translation_fallback: true, or
--allow-missing-translations) is pending: listed as a warning, and no failure even with --strict.
A stale translation (its Chinese changed since translations.lock recorded it) is a note, the line `translations
status` gives, and no failure, unless site.stale_translations is `error`: then the build, and so check, stops.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import TRANSLATION, BySeverity, Problem, SiteError


def add_check_command(commands: Any, site_options: Callable[[argparse.ArgumentParser], None]) -> None:
    command = commands.add_parser("check", help="check everything without writing the site",
                                  description="Validate the data, render every page in memory, check every "
                                              "internal link and anchor, and report translation completeness. "
                                              "Writes nothing.")
    site_options(command)
    command.add_argument("--strict", action="store_true",
                         help="treat warnings as errors (not the translations pending under a declared fallback)")
    command.add_argument("--allow-missing-translations", action="store_true",
                         help="report missing translations as pending (warnings that --strict lets pass) "
                              "instead of errors, as site.translation_fallback: true does")
    command.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    report = check_site(args.site.resolve(), args.allow_missing_translations)
    for problem in report.problems + report.notes:
        print(problem, file=sys.stderr)
    failures = report.failures(args.strict)
    print(report.summary(), file=sys.stderr if failures else sys.stdout)
    return 1 if failures else 0


@dataclass(frozen=True)
class CheckReport(BySeverity):
    problems: list[Problem]
    pages: int
    links: int
    notes: list[Problem] = field(default_factory=list)  # the stale translations, shown as they are meanwhile

    @property
    def pending_translations(self) -> list[Problem]:
        """The translations missing while a fallback is declared: each is a warning, the original shown meanwhile."""
        return [p for p in self.warnings if p.category == TRANSLATION]

    @property
    def missing_translations(self) -> list[Problem]:
        """The translations missing with no fallback declared (or with nothing to fall back to): errors."""
        return [p for p in self.errors if p.category == TRANSLATION]

    def failures(self, strict: bool) -> list[Problem]:
        """What fails the check: the errors; with `strict`, the warnings too, but for the pending translations (the
        campaign has declared them)."""
        return self.errors + ([p for p in self.warnings if p.category != TRANSLATION] if strict else [])

    def summary(self) -> str:
        counts = [(len(self.missing_translations), "missing"), (len(self.pending_translations), "pending"),
                  (len(self.notes), "stale")]
        translation = ", ".join(f"{count} translation{'s' if count != 1 else ''} {state}"
                                for count, state in counts if count) or "translations complete"
        return (f"check: {len(self.errors)} error{'s' if len(self.errors) != 1 else ''}, "
                f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}; "
                f"{self.pages} pages, {self.links} links checked; {translation}")


def check_site(site_dir: Path, allow_fallback: bool = False) -> CheckReport:
    from ..links import check_links  # here: `--help` must not wait for every stage to be imported
    from ..pipeline import BuildOptions, check
    from ..render import Urls

    try:
        checked = check(BuildOptions(site_dir, site_dir / "output", allow_fallback=allow_fallback))
    except SiteError as exc:
        return CheckReport(exc.problems, 0, 0)
    files = {path: data.decode("utf-8") for path, data in checked.rendered.files.items()}
    base_path = Urls(checked.plan.site.campaign.base_url).base_path
    link_problems, count = check_links(files, set(checked.assets) | set(checked.plan.media_files), base_path)
    return CheckReport(sorted([*checked.warnings, *link_problems]), len(checked.plan.pages), count,
                       _stale_notes(site_dir))


def _stale_notes(site_dir: Path) -> list[Problem]:
    """The stale translations, each as `translations status` tells it (the build has read the record already:
    no record, no note)."""
    from ..translations.record import LOCK_FILE, STALE
    from ..translations.status import load_translations, locate, problems

    if not (site_dir / LOCK_FILE).is_file():
        return []
    try:
        found = load_translations(site_dir)
    except SiteError:
        return []  # only the glossary is read here and not by the build: `translations status` reports it
    stale = found.having({STALE})
    return problems(found, locate(site_dir, stale)) if stale else []
