"""A sheet of activities -> each row's values, by column; and an activity -> its row.

Takes: a `sheets.Sheet` whose first row with anything in it is the headings, each ending with the key of its
column (`标题（中文） title.zh`: see `cells.COLUMNS`), and the campaign's year (for the hints' dates).
Gives: `Row`s (the row's number, its slug, the value of each of the sheet's columns: None for an empty cell, and
the columns whose cells were wrong), every problem of every row at once, located in spreadsheet terms
(`activities.xlsx: Sheet1!D17 (schedule.start): '2008-13-01' is not a date — write 2008-09-22`), and notes (the
template's example row, skipped). A row with a wrong cell is still read, so that the ordinary validation can say
what else is wrong with it; the import writes nothing while there is a problem. A formula's cell is a problem at
its cell, never read as the formula's result; so is an error cell (`#DIV/0!`).
A row's slug is its `slug` cell, or else its region's code (`national`, or `activity` without a region), a hyphen
and the first 16 hex digits (64 bits) of the SHA-256 of its Chinese title: never its number, so rows may move.
`activity_cells` gives the cells of an activity file's mapping, in `COLUMNS` order (for the export).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import NOTE, Problem
from ..load.yamldoc import visible
from .cells import COLUMNS, EXAMPLE, HEADINGS, REQUIRED, CellProblem, cell_of, clean_text, read_cell
from .sheets import Cell, Sheet

NO_REGION = "activity"  # the slug's first word for a row without a region
SLUG_DIGITS = 16  # hex digits of the title's digest in a made slug: 64 bits, no collision in any real campaign
OLD_SLUG_DIGITS = 8  # what the import made before: an activity imported then keeps its slug


@dataclass(frozen=True)
class Row:
    number: int  # the row's number in the sheet, from 1
    slug: str
    values: dict[str, Any]  # each column of the sheet (but slug) -> its value, None for an empty cell
    bad: frozenset[str] = frozenset()  # the columns whose cells are wrong (reported)
    old_slug: str | None = None  # the slug the import made before for this row (32 bits), when the slug is made

    @property
    def activity(self) -> dict[str, Any]:
        """The row as an activity file's mapping (the empty and wrong cells left out)."""
        return nested({"slug": self.slug, **{key: value for key, value in self.values.items()
                                             if value is not None and key not in self.bad}})


@dataclass
class SheetRows:
    rows: list[Row] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  # a column's key -> its index (from 0)
    slugs: dict[str, list[int]] = field(default_factory=dict)  # each slug -> its rows (those with mistakes too)
    problems: list[Problem] = field(default_factory=list)  # errors and notes, in the sheet's order

    def where(self, sheet: Sheet, key: str, row: int) -> str:
        """`Sheet1!D17 (schedule.start)`; a key without a column is placed at its nearest column (title.en at
        title.zh), else at the row's first cell."""
        column = self.columns.get(key)
        if column is None:
            top = key.split(".")[0]
            related = [index for name, index in self.columns.items() if name.split(".")[0] == top]
            column = min(related or list(self.columns.values()) or [0])
        return f"{sheet.cell(column, row)} ({key})"


def read_rows(sheet: Sheet, year: int) -> SheetRows:
    """Every row's values, and every problem (then nothing may be written)."""
    found = SheetRows()
    body = [(number, cells) for number, cells in sheet.rows if any(clean_text(cell) for cell in cells)]
    if not body:
        found.problems.append(Problem(sheet.file, path=sheet.name, message="the sheet is empty",
                                      hint="fill in the template that `import --template FILE.xlsx` writes"))
        return found
    (heading_row, headings), rows = body[0], body[1:]
    found.columns = read_headings(sheet, heading_row, headings, found.problems)
    if any(key not in found.columns for key in REQUIRED):
        return found
    for number, cells in rows:
        if _is_example(found, cells):
            found.problems.append(Problem(
                sheet.file, path=sheet.cell(0, number), severity=NOTE,
                message="the template's example row is skipped",
                hint="delete it, or write an activity of your own over it"))
            continue
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
        if key not in columns:
            zh, en = HEADINGS[key]
            problems.append(Problem(sheet.file, path=sheet.cell(0, number), message=f"no column '{key}'",
                                    hint=f"add a column headed '{zh} {en} {key}'"))
    return columns


def _is_example(found: SheetRows, cells: tuple[Cell, ...]) -> bool:
    """Whether the row is the template's example (its titles as the template wrote them)."""
    titles = [found.columns.get(key) for key in ("title.zh", "title.en")]
    return all(index is not None and index < len(cells) and clean_text(cells[index]) == EXAMPLE[key]
               for index, key in zip(titles, ("title.zh", "title.en"), strict=True))


def _read_row(sheet: Sheet, found: SheetRows, number: int, cells: tuple[Cell, ...], year: int) -> Row | None:
    values: dict[str, Any] = {}
    bad: set[str] = set()
    for key, index in found.columns.items():
        value = _cell_value(sheet, number, index, key, cells, year)
        if isinstance(value, CellProblem):
            found.problems.append(Problem(sheet.file, path=found.where(sheet, key, number), message=value.message,
                                          hint=value.hint))
            bad.add(key)
        else:
            values[key] = value
    _months(values)
    slug = values.pop("slug", None) if "slug" not in bad else None
    made = _made_slug(values, SLUG_DIGITS) if slug is None else None
    if slug is None and made is None:
        if "title.zh" not in bad and "slug" not in bad:
            found.problems.append(Problem(
                sheet.file, path=found.where(sheet, "title.zh", number), message="the Chinese title is missing",
                hint=f"fill in the column {HEADINGS['title.zh'][1]} (the row's slug is made from it), or give the "
                     "row a slug"))
        return None
    slug = slug or made
    assert slug is not None
    found.slugs.setdefault(slug, []).append(number)
    values.pop("slug", None)
    return Row(number, slug, values, frozenset(bad), _made_slug(values, OLD_SLUG_DIGITS) if made else None)


def _cell_value(sheet: Sheet, number: int, index: int, key: str, cells: tuple[Cell, ...], year: int) -> Any:
    """A cell's value, or a `CellProblem`: a formula or an error of one is never taken for a value."""
    if (number, index) in sheet.errors:
        return CellProblem(f"the cell shows the error {visible(sheet.errors[number, index])} of a formula",
                           "correct the formula, or type the value itself into the cell")
    if (number, index) in sheet.formulas:
        return CellProblem(f"the cell holds a formula (={visible(sheet.formulas[number, index])}); the import "
                           "does not take a formula's result", "type the value itself into the cell (copy the "
                                                               "cell, then paste it as values)")
    return read_cell(key, cells[index] if index < len(cells) else "", year)


def _months(values: dict[str, Any]) -> None:
    """For the kind months, a day written as a date is its month (a spreadsheet keeps 2008-07 as 2008-07-01)."""
    if values.get("schedule.kind") != "months":
        return
    for key in ("schedule.start", "schedule.end"):
        if isinstance(values.get(key), date):
            values[key] = values[key].strftime("%Y-%m")


def _made_slug(values: dict[str, Any], digits: int) -> str | None:
    title = values.get("title.zh")
    if not isinstance(title, str) or not title:
        return None
    return f"{values.get('region') or NO_REGION}-{hashlib.sha256(title.encode('utf-8')).hexdigest()[:digits]}"


def nested(values: dict[str, Any]) -> dict[str, Any]:
    """`{"title.zh": …, "schedule.text.en": …}` -> `{"title": {"zh": …}, "schedule": {"text": {"en": …}}}`, in the
    order of `COLUMNS` with the slug first (the order of an activity file)."""
    grouped: dict[str, Any] = {}
    for key in sorted(values, key=lambda key: (key != "slug", COLUMNS.index(key) if key in COLUMNS else 0)):
        *parents, last = key.split(".")
        block = grouped
        for part in parents:
            block = block.setdefault(part, {})
        block[last] = values[key]
    return grouped


def _check_slugs(sheet: Sheet, found: SheetRows) -> None:
    for slug, numbers in found.slugs.items():
        if len(numbers) < 2:
            continue
        rows = f"{', '.join(str(n) for n in numbers[:-1])} and {numbers[-1]}"
        for number in numbers:
            found.problems.append(Problem(
                sheet.file, path=found.where(sheet, "slug", number),
                message=f"rows {rows} have the same slug '{slug}'",
                hint="give each row a slug of its own in the column Slug (or a different Chinese title)"))


def column_values(activity: dict[str, Any]) -> dict[str, Any]:
    """An activity file's mapping as `COLUMNS` -> its value there (None where it has nothing)."""
    values: dict[str, Any] = {}
    for key in COLUMNS:
        value: Any = activity
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        values[key] = value
    return values


def activity_cells(activity: dict[str, Any]) -> list[Cell]:
    """An activity file's mapping as the cells of its row, in `COLUMNS` order ("" where it has nothing)."""
    return [cell_of(key, value) for key, value in column_values(activity).items()]
