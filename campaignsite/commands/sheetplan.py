"""What an import of a spreadsheet would change: each row's activity file, checked like any other before anything
is written.

Takes: the campaign folder, the `Sheet` read and its rows (`validate.sheetrows`), and whether to prune.
Gives: `Plan`: the files to write (`activities/SLUG.yaml`, or the file that already holds that slug), how many rows
are added, updated, unchanged, and the activities imported earlier from the same file name that are no longer in
it; or `SiteError` with every problem, those of the ordinary validation placed at their row (`Sheet1!B5
(title.en)`). A row equal in the sheet's terms to an activity already kept (its cells would be the same) is
unchanged and its file is not touched, so that exporting the campaign and importing the export changes nothing.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, SiteError
from ..load import ACTIVITIES_DIR, THEME_DIR, Sources, YamlDoc, load_sources
from ..load.sheets import Sheet
from ..validate import validate
from ..validate.campaign import campaign_year
from ..validate.sheetrows import Row, SheetRows, activity_cells, read_rows

_INDEX = re.compile(r"\[\d+\]")
_ROW = re.compile(r"([A-Z]+)(\d+)(?: \(|$)")


class SheetError(SiteError):
    """A `SiteError` whose problems keep the sheet's order (row by row), not the order of names."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = list(dict.fromkeys(problems))


@dataclass
class Plan:
    writes: dict[Path, str] = field(default_factory=dict)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    gone: list[str] = field(default_factory=list)  # files of activities imported from this file, no longer in it


@dataclass(frozen=True)
class Kept:
    file: str  # activities.yaml, or activities/NAME.yaml
    data: dict[str, Any]


def plan_import(site_dir: Path, sheet: Sheet, name: str, prune: bool) -> Plan:
    sources = load_sources(site_dir, THEME_DIR, exact=False)
    found = read_rows(sheet, campaign_year(sources.campaign) or 2025)
    if found.problems:
        raise SheetError(sorted(found.problems, key=_row_of))
    kept = _kept(sources)
    plan, docs = Plan(), {doc.file: doc for doc in sources.activity_files}
    problems: list[Problem] = []
    written: dict[str, int] = {}
    for row in found.rows:
        _plan_row(site_dir, row, name, kept.get(row.slug), plan, docs, written, problems, found, sheet)
    slugs = {row.slug for row in found.rows}
    plan.gone = sorted(k.file for slug, k in kept.items() if k.data.get("imported_from") == name and slug not in slugs)
    if prune:
        for file in plan.gone:
            docs.pop(file, None)
    if problems:
        raise SheetError(problems)
    _validate(site_dir, dataclasses.replace(sources, activity_files=tuple(docs[f] for f in sorted(docs))),
              written, found, sheet)
    return plan


def _plan_row(site_dir: Path, row: Row, name: str, kept: Kept | None, plan: Plan, docs: dict[str, YamlDoc],
              written: dict[str, int], problems: list[Problem], found: SheetRows, sheet: Sheet) -> None:
    if kept is not None and same_cells(kept.data, row.activity):
        plan.unchanged += 1
        return
    if kept is not None and kept.file == "activities.yaml":
        problems.append(Problem(sheet.file, path=found.where(sheet, "slug", row.number),
                                message=f"the activity '{row.slug}' is kept in activities.yaml, which import does "
                                        "not rewrite", hint="edit it there, or give this row a slug of its own"))
        return
    file = kept.file if kept is not None else f"{ACTIVITIES_DIR}/{row.slug}.yaml"
    data = {**row.activity, "in_notice": False, "imported_from": name}
    text = activity_yaml(data)
    path = site_dir / file
    if kept is not None and path.is_file() and path.read_bytes() == text.encode("utf-8"):
        plan.unchanged += 1
        return
    plan.writes[path] = text
    plan.added += kept is None
    plan.updated += kept is not None
    docs[file] = YamlDoc(file, data, exact=False)
    written[file] = row.number


def same_cells(kept: dict[str, Any], activity: dict[str, Any]) -> bool:
    """Whether a kept activity and a row's would fill a row of the sheet alike."""
    return activity_cells(kept) == activity_cells(activity)


def _kept(sources: Sources) -> dict[str, Kept]:
    kept: dict[str, Kept] = {}
    listed = sources.activities.data.get("activities") if sources.activities is not None and isinstance(
        sources.activities.data, dict) else None
    for item in listed if isinstance(listed, list) else []:
        if isinstance(item, dict) and isinstance(item.get("slug"), str):
            kept.setdefault(item["slug"], Kept("activities.yaml", item))
    for doc in sources.activity_files:
        if isinstance(doc.data, dict) and isinstance(doc.data.get("slug"), str):
            kept.setdefault(doc.data["slug"], Kept(doc.file, doc.data))
    return kept


def _validate(site_dir: Path, sources: Sources, written: dict[str, int], found: SheetRows, sheet: Sheet) -> None:
    """The ordinary validation of the campaign as it would be; a problem in a file to write is placed at its row."""
    try:
        validate(sources)
    except SiteError as exc:
        problems = [_at_row(p, written, found, sheet) if p.file in written else p for p in exc.problems]
        if any(p.file not in written and not p.line for p in exc.problems):  # read quickly: read again for lines
            exact = load_sources(site_dir, THEME_DIR)
            docs = {doc.file: doc for doc in sources.activity_files if doc.file in written}
            docs.update({d.file: d for d in exact.activity_files if d.file not in written})
            try:
                validate(dataclasses.replace(exact, activity_files=tuple(docs[f] for f in sorted(docs))))
            except SiteError as again:
                problems = [_at_row(p, written, found, sheet) if p.file in written else p for p in again.problems]
        raise SheetError(sorted(problems, key=lambda p: (p.file != sheet.file, _row_of(p)))) from None


def _row_of(problem: Problem) -> tuple[int, int, str]:
    """Where a problem placed in the sheet is (`Sheet1!B5 (title.en)` -> row 5, column B), to list them row by row
    and, in a row, column by column."""
    match = _ROW.search(problem.path)
    return (int(match.group(2)), len(match.group(1)), match.group(1)) if match else (0, 0, "")


def _at_row(problem: Problem, written: dict[str, int], found: SheetRows, sheet: Sheet) -> Problem:
    key = _INDEX.sub("", problem.path) or "slug"
    return dataclasses.replace(problem, file=sheet.file, line=0, col=0,
                               path=found.where(sheet, key, written[problem.file]))


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes an activity as the campaign's files are written by hand: texts of several lines as `|` blocks, the
    schedule on one line (`{kind: days, start: 2008-09-22, end: 2008-09-22}`)."""


class _Flow(dict):
    pass


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


def _flow(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Flow, _flow)


def activity_yaml(data: dict[str, Any]) -> str:
    """An activity's file: its keys in order, each text in both languages under its key, dates as dates."""
    shaped = {key: _Flow(value) if key == "schedule" else value for key, value in data.items()}
    return yaml.dump(shaped, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6,
                     default_flow_style=False)
