"""What an import of a spreadsheet would change, checked as the build would check it, before anything is written.

Takes: the campaign folder, the `Sheet` read and its rows (`rows`), and whether to prune.
Gives: `Plan`: the files to write, how many rows are added, updated, unchanged, the activities imported earlier from
the same file name that are no longer in it, and the notes and warnings of the sheet; or `SheetError` with every
problem of the sheet at once (its cells, its slugs, and the ordinary validation of the campaign as it would be after
the write, with the build's limits, placed at their row: `Sheet1!B5 (title.en)`).
An import merges, never replaces: a row sets only the keys its sheet has columns for (an empty cell removes its
key), and only where the value differs in the sheet's terms (the cell it would fill is not the same), so that every
other key (status, a note, keys added by hand) and every unchanged value keep their bytes. A new row becomes
`activities/SLUG.yaml` (`in_notice: false`, `imported_from: FILE-NAME`); a kept activity is edited in place where
it lives, in its own file or as its item of activities.yaml (`edit`). Exporting the campaign and importing
the export changes nothing.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import ERROR, WARNING, Problem, SiteError
from ..load import ACTIVITIES_DIR, THEME_DIR, Sources, YamlDoc, load_sources
from ..translations.inplace import Refused
from ..validate import validate
from ..validate.campaign import campaign_year
from .cells import DATES, HEADINGS, CellProblem, cell_of, column_name, read_cell
from .edit import activity_yaml, edit_activity, merged
from .rows import Row, SheetRows, read_rows
from .sheets import Sheet

ACTIVITIES_YAML = "activities.yaml"
_INDEX = re.compile(r"\[([^\]]*)\]")
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
    notes: list[Problem] = field(default_factory=list)  # the sheet's warnings and notes, shown with the summary


@dataclass(frozen=True)
class Kept:
    file: str  # activities.yaml, or activities/NAME.yaml
    index: int | None  # its place in activities.yaml's list; None for a file of its own
    data: dict[str, Any]


@dataclass
class _Planning:
    """What the rows change, as they are planned: each file's new text and data, and which row each came from."""

    site: Path
    sheet: Sheet
    found: SheetRows
    name: str
    year: int
    texts: dict[str, str] = field(default_factory=dict)  # a file to write -> its new text
    datas: dict[str, Any] = field(default_factory=dict)  # the same file -> its new data
    rows: dict[tuple[str, int | None], Row] = field(default_factory=dict)  # (file, item) -> the row it comes from
    problems: list[Problem] = field(default_factory=list)


def plan_import(site_dir: Path, sheet: Sheet, name: str, prune: bool) -> Plan:
    sources = load_sources(site_dir, THEME_DIR, exact=False)
    year = campaign_year(sources.campaign) or 2025
    found = read_rows(sheet, year)
    planning = _Planning(site_dir, sheet, found, name, year, problems=list(found.problems))
    kept, plan = _kept(sources), Plan()
    doubled = {slug for slug, numbers in found.slugs.items() if len(numbers) > 1}
    for row in found.rows:
        if row.slug not in doubled:
            _plan_row(planning, row, kept, plan)
    slugs = {row.slug for row in found.rows} | {row.old_slug for row in found.rows if row.old_slug}
    plan.gone = sorted(k.file for slug, k in kept.items()
                       if k.index is None and k.data.get("imported_from") == name and slug not in slugs)
    planned = _planned_sources(sources, planning, plan.gone if prune else [])
    problems = planning.problems + _validate(site_dir, planned, planning)
    if any(problem.severity == ERROR for problem in problems):
        raise SheetError(_in_sheet_order(problems, sheet))
    plan.writes = {site_dir / file: text for file, text in planning.texts.items()}
    plan.notes = _in_sheet_order(problems, sheet)
    return plan


def _plan_row(planning: _Planning, row: Row, kept: dict[str, Kept], plan: Plan) -> None:
    known = kept.get(row.slug) or (kept.get(row.old_slug) if row.old_slug else None)
    if known is None:
        _plan_new(planning, row, plan)
        return
    changes = _changes(known.data, row, planning.year)
    if not changes:
        plan.unchanged += 1
        return
    at = ("activities", known.index) if known.index is not None else ()
    text = planning.texts.get(known.file)
    if text is None:
        text = (planning.site / known.file).read_bytes().decode("utf-8")  # its line ends and BOM as they are
    try:
        text, activity = edit_activity(text, at, known.data, changes)
    except Refused as refused:
        if known.index is not None:
            planning.problems.append(Problem(
                planning.sheet.file, path=planning.found.where(planning.sheet, "slug", row.number),
                message=f"the activity '{row.slug}' in activities.yaml cannot be edited in place ({refused.reason})",
                hint="make the change in activities.yaml by hand"))
            return
        activity = merged(known.data, changes)
        text = activity_yaml(activity)  # a file of its own, written by the import: written again whole
    planning.texts[known.file] = text
    planning.datas[known.file] = yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 (a safe loader)
    planning.rows[known.file, known.index] = row
    plan.updated += 1


def _plan_new(planning: _Planning, row: Row, plan: Plan) -> None:
    file = f"{ACTIVITIES_DIR}/{row.slug}.yaml"
    if (planning.site / file).exists() or file in planning.texts:
        planning.problems.append(Problem(
            planning.sheet.file, path=planning.found.where(planning.sheet, "slug", row.number),
            message=f"{file} is there already, holding another activity (or none that can be read)",
            hint="give this row a slug of its own in the column Slug"))
        return
    data = {**row.activity, "in_notice": False, "imported_from": planning.name}
    planning.texts[file] = activity_yaml(data)
    planning.datas[file] = data
    planning.rows[file, None] = row
    plan.added += 1


def _changes(activity: dict[str, Any], row: Row, year: int) -> dict[str, Any]:
    """The keys the row changes: each column of the sheet whose cell differs from the one the activity fills."""
    months = row.values.get("schedule.kind", _leaf(activity, "schedule.kind")) == "months"
    return {key: value for key, value in row.values.items() if key not in row.bad
            and _leaf(activity, key) != value and as_read(key, _leaf(activity, key), year, months) != value}


def _leaf(activity: dict[str, Any], key: str) -> Any:
    value: Any = activity
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def as_read(key: str, value: Any, year: int, months: bool) -> Any:
    """A value of an activity as its cell would read back (a `|` block's last line end gone, a region's name as its
    code, a month's first day as the month): what a row's value is compared with. One no cell holds stays itself."""
    read = read_cell(key, cell_of(key, value), year)
    if isinstance(read, CellProblem):
        return value
    return read.strftime("%Y-%m") if months and key in DATES and isinstance(read, date) else read


def _kept(sources: Sources) -> dict[str, Kept]:
    kept: dict[str, Kept] = {}
    listed = sources.activities.data.get("activities") if sources.activities is not None and isinstance(
        sources.activities.data, dict) else None
    for index, item in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(item, dict) and isinstance(item.get("slug"), str):
            kept.setdefault(item["slug"], Kept(ACTIVITIES_YAML, index, item))
    for doc in sources.activity_files:
        if isinstance(doc.data, dict) and isinstance(doc.data.get("slug"), str):
            kept.setdefault(doc.data["slug"], Kept(doc.file, None, doc.data))
    return kept


def _planned_sources(sources: Sources, planning: _Planning, pruned: list[str]) -> Sources:
    """The campaign's sources as they would be after the write, in memory."""
    docs = {doc.file: doc for doc in sources.activity_files if doc.file not in pruned}
    activities = sources.activities
    for file, data in planning.datas.items():
        if file == ACTIVITIES_YAML:
            activities = YamlDoc(file, data, exact=False)
        else:
            docs[file] = YamlDoc(file, data, exact=False)
    return dataclasses.replace(sources, activities=activities, activity_files=tuple(docs[f] for f in sorted(docs)))


def _validate(site_dir: Path, sources: Sources, planning: _Planning) -> list[Problem]:
    """The ordinary validation of the campaign as it would be: its errors, and the warnings about the sheet's rows;
    a problem in what a row changes is placed at the row."""
    try:
        warnings = validate(sources).warnings
    except SiteError as exc:
        found = exc.problems
        if any(not _from_row(p, planning) and not p.line for p in found if p.severity == ERROR):
            found = _again_exactly(site_dir, sources, planning) or found  # read quickly: read again for lines
        return [placed for p in found if (placed := _place(p, planning)) is not None
                and (placed.severity == ERROR or placed.file == planning.sheet.file)]
    return [placed for p in warnings if (placed := _place(p, planning)) is not None
            and placed.file == planning.sheet.file]


def _again_exactly(site_dir: Path, sources: Sources, planning: _Planning) -> list[Problem]:
    exact = load_sources(site_dir, THEME_DIR)
    docs = {d.file: d for d in exact.activity_files if d.file in {doc.file for doc in sources.activity_files}}
    docs.update({d.file: d for d in sources.activity_files if d.file in planning.datas})
    activities = sources.activities if ACTIVITIES_YAML in planning.datas else exact.activities
    try:
        validate(dataclasses.replace(exact, activities=activities,
                                     activity_files=tuple(docs[f] for f in sorted(docs))))
    except SiteError as again:
        return again.problems
    return []


def _from_row(problem: Problem, planning: _Planning) -> Row | None:
    """The row a problem of the planned campaign comes from, if it is in what a row changes."""
    if problem.file == ACTIVITIES_YAML:
        label = (_INDEX.findall(problem.path) or [""])[0]
        for (file, index), row in planning.rows.items():
            if file == ACTIVITIES_YAML and (label == str(index) or label == row.slug):
                return row
        return None
    return planning.rows.get((problem.file, None))


def _place(problem: Problem, planning: _Planning) -> Problem | None:
    """A problem at its row and column, its hint in the sheet's terms; None when its cell was reported already."""
    row = _from_row(problem, planning)
    if row is None:
        return problem
    path = _INDEX.sub("", problem.path)
    key = path.removeprefix("activities.") if problem.file == ACTIVITIES_YAML else path
    key = key or "slug"
    if key in row.bad:
        return None
    found, sheet = planning.found, planning.sheet
    return dataclasses.replace(problem, file=sheet.file, line=0, col=0, path=found.where(sheet, key, row.number),
                               hint=_sheet_hint(problem, key, found))


def _sheet_hint(problem: Problem, key: str, found: SheetRows) -> str:
    """A hint about a missing value in the sheet's terms: the column to fill in (or to add)."""
    if not problem.message.endswith("is missing") or key not in HEADINGS:
        return problem.hint
    zh, en = HEADINGS[key]
    hint = f"fill in the column {column_name(key)}" if key in found.columns else \
        f"add a column headed '{zh} {en} {key}' and fill it in"
    if "translation_fallback" in problem.hint:
        hint += " (or set site.translation_fallback: true in campaign.yaml to publish the original for now)"
    return hint


def _in_sheet_order(problems: list[Problem], sheet: Sheet) -> list[Problem]:
    """The sheet's problems row by row (and in a row column by column), then those of other files."""
    return sorted(dict.fromkeys(problems), key=lambda p: (p.file != sheet.file, _row_of(p),
                                                          p.severity == WARNING))


def _row_of(problem: Problem) -> tuple[int, int, str]:
    """Where a problem placed in the sheet is (`Sheet1!B5 (title.en)` -> row 5, column B)."""
    match = _ROW.search(problem.path)
    return (int(match.group(2)), len(match.group(1)), match.group(1)) if match else (0, 0, "")
