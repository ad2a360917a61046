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
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, SiteError
from ..load import ACTIVITIES_DIR, THEME_DIR, Sources, YamlDoc, load_sources
from ..load.sheets import Sheet
from ..validate import validate
from ..validate.campaign import campaign_year
from ..validate.sheetrows import Row, SheetRows, activity_cells, read_rows

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
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
    data = {**row.activity, "in_notice": False, "imported_from": name}
    if kept is not None and (kept.data == data or same_cells(kept.data, row.activity)):  # the first: a re-import
        plan.unchanged += 1
        return
    if kept is not None and kept.file == "activities.yaml":
        problems.append(Problem(sheet.file, path=found.where(sheet, "slug", row.number),
                                message=f"the activity '{row.slug}' is kept in activities.yaml, which import does "
                                        "not rewrite", hint="edit it there, or give this row a slug of its own"))
        return
    file = kept.file if kept is not None else f"{ACTIVITIES_DIR}/{row.slug}.yaml"
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


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9.+=~<\\/][^:#\n\t\\\"']*")
_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}  # what YAML 1.1 reads as something else


def scalar(value: Any) -> str:
    """A value as a YAML scalar: plain where that surely reads back as the same text, else as PyYAML writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _PLAIN.fullmatch(value) and value == value.rstrip() and value.isprintable() \
            and value.lower() not in _WORDS:
        return value
    if isinstance(value, str) and value.isprintable():  # single quotes hold any one line: only ' is doubled
        return "'" + value.replace("'", "''") + "'"
    return yaml.dump(value, Dumper=_DUMPER, allow_unicode=True, width=10**6, default_flow_style=True).removesuffix(
        "\n...\n").removesuffix("\n")


def _block(text: str, indent: str) -> str | None:
    """A text of several lines as a `|` block under its key, or None when a block cannot hold it exactly."""
    lines = text.split("\n")
    body = lines[:-1] if text.endswith("\n") else lines
    if text.endswith("\n\n") or not body or not body[0] or body[0][0] == " " or any(
            line != line.rstrip() or not line.isprintable() for line in body):
        return None
    return ("|" if text.endswith("\n") else "|-") + "".join(f"\n{indent}{line}" if line else "\n" for line in body)


def _value(value: Any, indent: str) -> str:
    if isinstance(value, str) and "\n" in value:
        return _block(value, indent) or scalar(value)
    return scalar(value)


def activity_yaml(data: dict[str, Any]) -> str:
    """An activity's file as the campaign's files are written by hand: its keys in order, each text in both languages
    under its key (several lines as a `|` block), the schedule on one line, dates as dates."""
    lines = []
    for key, value in data.items():
        if key == "schedule" and isinstance(value, dict):
            lines.append(f"{key}: {{{', '.join(f'{k}: {scalar(v)}' for k, v in value.items())}}}")
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {sub}: {_value(text, '    ')}" for sub, text in value.items()]
        elif isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {scalar(item)}" for item in value]
        else:
            lines.append(f"{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"
