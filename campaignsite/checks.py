"""`build.py check`: everything a build would do except writing, plus link and translation reports.

Takes: a campaign folder.
Gives: a `CheckReport` with every error and warning (pending translations among them) and a
one-line summary. Nothing is written.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ERROR, WARNING, Problem, SiteError
from .links import check_links
from .pipeline import BuildOptions, render_site
from .render import Urls
from .validate import TRANSLATION


@dataclass(frozen=True)
class CheckReport:
    problems: list[Problem]
    pages: int
    links: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

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
    options = BuildOptions(site_dir, site_dir / "output", allow_fallback=allow_fallback)
    try:
        rendered = render_site(options)
    except SiteError as exc:
        return CheckReport(exc.problems, 0, 0)
    base_path = Urls(rendered.site.campaign.base_url).base_path
    link_problems, checked = check_links(rendered.files, set(rendered.assets), base_path)
    problems = sorted([*rendered.warnings, *link_problems])
    return CheckReport(problems, len(rendered.pages), checked)
