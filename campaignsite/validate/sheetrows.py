"""A sheet of activities -> each row's activity, as the mapping its file holds; and an activity -> its row.

Takes: a `load.sheets.Sheet` whose first row with anything in it is the headings, each ending with the key of its
column (`标题（中文） title.zh`: see `sheetcells.HEADINGS`), and the campaign's year (for the hints' dates).
Gives: `Row`s (the row's number, its slug, the activity in the keys and order of an activity file, with
`in_notice: false`), or every problem of every row at once, located in spreadsheet terms:
`activities.xlsx: Sheet1!D17 (schedule.start): '2008-13-01' is not a date — write 2008-09-22`.
A row's slug is its `slug` cell, or else its region's code (`national`, or `activity` without a region), a hyphen
and the first 8 hex digits of the SHA-256 of its Chinese title: never its number, so rows may move.
`activity_cells` gives the cells of an activity file's mapping, in `COLUMNS` order (for the export).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import Problem
from ..load.sheets import Cell, Sheet
from ..load.yamldoc import visible
from .sheetcells import COLUMNS, HEADINGS, REQUIRED, CellProblem, clean_text, read_cell, read_date, region_cell

ORDER = ("slug", "title", "summary", "body", "schedule", "place", "region", "city", "online", "organisers")
NO_REGION = "activity"  # the slug's first word for a row without a region


@dataclass(frozen=True)
class Row:
    number: int  # the row's number in the sheet, from 1
    slug: str
    activity: dict[str, Any]  # the keys of an activity file, in its order (in_notice and imported_from not yet)


@dataclass
class SheetRows:
    rows: list[Row] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  # a column's key -> its index (from 0)
    slugs: dict[str, list[int]] = field(default_factory=dict)  # each slug -> its rows (those with mistakes too)
    problems: list[Problem] = field(default_factory=list)

    def where(self, sheet: Sheet, key: str, row: int) -> str:
        """`Sheet1!D17 (schedule.start)`; a key without a column is placed at the row's first cell."""
        column = self.columns.get(key, self.columns.get(key.split(".")[0] + ".zh", min(self.columns.values())))
        return f"{sheet.cell(column, row)} ({key})"


def read_rows(sheet: Sheet, year: int) -> SheetRows:
    """Every row's activity, or the problems (then `rows` is incomplete and must not be written)."""
    found = SheetRows()
    body = [(number, cells) for number, cells in sheet.rows if any(clean_text(cell) for cell in cells)]
    if not body:
        found.problems.append(Problem(sheet.file, path=sheet.name, message="the sheet is empty",
                                      hint="fill in the template that `import --template FILE.xlsx` writes"))
        return found
    (heading_row, headings), rows = body[0], body[1:]
    found.columns = read_headings(sheet, heading_row, headings, found.problems)
    if found.problems:
        return found
    for number, cells in rows:
        row = _read_row(sheet, found, number, cells, year)
        if row is not None:
            found.rows.append(row)
    _check_slugs(sheet, found)
    return found


def read_headings(sheet: Sheet, number: int, cells: tuple[Cell, ...], problems: list[Problem]) -> dict[str, int]:
    """Each column's key, from the last word of its heading; unknown, repeated and missing required ones reported."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = clean_text(cell)
        if not text:
            continue
        key = text.split()[-1]
        where = sheet.cell(index, number)
        if key not in COLUMNS:
            problems.append(Problem(sheet.file, path=where,
                                    message=f"'{visible(text)}' does not end with a column's key",
                                    hint=f"end the heading with one of: {', '.join(COLUMNS)}"))
        elif key in columns:
            problems.append(Problem(sheet.file, path=where, message=f"a second column '{key}'",
                                    hint=f"the first is column {sheet.cell(columns[key], number)}; keep one of them"))
        else:
            columns[key] = index
    for key in REQUIRED:
        if key not in columns and not problems:
            problems.append(Problem(sheet.file, path=sheet.cell(0, number), message=f"no column '{key}'",
                                    hint=f"add a column headed '{HEADINGS[key][0]} {key}'"))
    return columns


def _read_row(sheet: Sheet, found: SheetRows, number: int, cells: tuple[Cell, ...], year: int) -> Row | None:
    values: dict[str, Any] = {}
    bad = False
    for key, index in found.columns.items():
        value = read_cell(key, cells[index] if index < len(cells) else "", year)
        if isinstance(value, CellProblem):
            found.problems.append(Problem(sheet.file, path=found.where(sheet, key, number), message=value.message,
                                          hint=value.hint))
            bad = True
        elif value is not None:
            values[key] = value
    _months(values)
    slug = values.get("slug") or _made_slug(values)
    if slug is None:
        found.problems.append(Problem(sheet.file, path=found.where(sheet, "title.zh", number),
                                      message="the Chinese title is missing",
                                      hint="write it (the row's slug is made from it), or give the row a slug"))
        return None
    found.slugs.setdefault(slug, []).append(number)
    return None if bad else Row(number, slug, nested({**values, "slug": slug}))


def _months(values: dict[str, Any]) -> None:
    """For the kind months, a day written as a date is its month (a spreadsheet keeps 2008-07 as 2008-07-01)."""
    if values.get("schedule.kind") != "months":
        return
    for key in ("schedule.start", "schedule.end"):
        if isinstance(values.get(key), date):
            values[key] = values[key].strftime("%Y-%m")


def _made_slug(values: dict[str, Any]) -> str | None:
    title = values.get("title.zh")
    if not title:
        return None
    return f"{values.get('region', NO_REGION)}-{hashlib.sha256(title.encode('utf-8')).hexdigest()[:8]}"


def nested(values: dict[str, Any]) -> dict[str, Any]:
    """`{"title.zh": …}` -> `{"title": {"zh": …}}`, in the order of an activity file."""
    grouped: dict[str, Any] = {}
    for key, value in values.items():
        top, _, sub = key.partition(".")
        if sub:
            grouped.setdefault(top, {})[sub] = value
        else:
            grouped[top] = value
    return {key: grouped[key] for key in ORDER if key in grouped}


def _check_slugs(sheet: Sheet, found: SheetRows) -> None:
    for slug, numbers in found.slugs.items():
        if len(numbers) < 2:
            continue
        rows = f"{', '.join(str(n) for n in numbers[:-1])} and {numbers[-1]}"
        for number in numbers:
            found.problems.append(Problem(
                sheet.file, path=found.where(sheet, "slug", number),
                message=f"rows {rows} have the same slug '{slug}'",
                hint="give each row a slug of its own in the slug column (or a different Chinese title)"))


def activity_cells(activity: dict[str, Any]) -> list[Cell]:
    """An activity file's mapping as the cells of its row, in `COLUMNS` order ("" where it has nothing)."""
    cells: list[Cell] = []
    for key in COLUMNS:
        top, _, sub = key.partition(".")
        value = activity.get(top)
        if sub:
            value = value.get(sub) if isinstance(value, dict) else None
        cells.append(_cell(key, value))
    return cells


def _cell(key: str, value: Any) -> Cell:
    if value is None or value is False:
        return ""
    if key == "region":
        return region_cell(str(value))
    if key == "organisers" and isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if value is True:
        return "true"
    if isinstance(value, date):
        return value
    if key in ("schedule.start", "schedule.end") and isinstance(read_date(str(value), 0), date):
        return read_date(str(value), 0)  # type: ignore[return-value]
    return value if isinstance(value, str | int | float) else str(value)
