"""`check`: everything a build does except writing, plus the links and the translations.

Takes: the parsed command line (a campaign folder, --strict, --allow-missing-translations).
Gives: every error and warning (pending translations among them) on stderr, then a one-line
summary; exit status 1 when there are errors (or warnings, with --strict). Nothing is written.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import TRANSLATION, BySeverity, Problem, SiteError


def add_check_command(commands: Any, site_options: Callable[[argparse.ArgumentParser], None]) -> None:
    command = commands.add_parser("check", help="check everything without writing the site",
                                  description="Validate the data, render every page in memory, check every "
                                              "internal link and anchor, and report translation completeness. "
                                              "Writes nothing.")
    site_options(command)
    command.add_argument("--strict", action="store_true", help="treat warnings as errors")
    command.add_argument("--allow-missing-translations", action="store_true",
                         help="report missing translations as warnings instead of errors")
    command.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    report = check_site(args.site.resolve(), args.allow_missing_translations)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    errors = len(report.errors) + (len(report.warnings) if args.strict else 0)
    print(report.summary(), file=sys.stderr if errors else sys.stdout)
    return 1 if errors else 0


@dataclass(frozen=True)
class CheckReport(BySeverity):
    problems: list[Problem]
    pages: int
    links: int

    @property
    def pending_translations(self) -> list[Problem]:
        return [p for p in self.problems if p.category == TRANSLATION]

    def summary(self) -> str:
        pending = len(self.pending_translations)
        translation = ("translations complete" if not pending
                       else f"{pending} translation{'s' if pending != 1 else ''} missing")
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
    link_problems, count = check_links(files, set(checked.assets), base_path)
    return CheckReport(sorted([*checked.warnings, *link_problems]), len(checked.plan.pages), count)
