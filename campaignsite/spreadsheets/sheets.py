"""A spreadsheet read as cells: .xlsx, .xlsm, .xls and .ods through python-calamine; .csv as UTF-8 (with or without
a byte-order mark) or GB18030, the encoding an office's Excel often saves in.
A workbook is looked at first (`workbooks.inspect_workbook`): one over the budget (cells, bytes unpacked, a cell's
length) is refused before the reader allocates anything, and its formulas and error cells are noted. A CSV field
may hold up to a body's length (`workbooks.MAX_CELL`); a longer one is refused at its row.

Takes: the spreadsheet's path, the name to show in messages, and the sheet to read (default: the first).
Gives: a `Sheet`: its name ("" for a CSV file, which has none) and its rows, each with its number counted from 1
and its cells from column A (text, a number, true/false, a date, a date and time or a time of day; an empty cell is
""), and the cells that hold a formula or show an error (.xlsx, .xlsm, .ods); or `SiteError` naming the file: it
cannot be read, it is not a spreadsheet, it is over the budget, or it has no sheet of that name.
No meaning yet: what a column holds is `rows`' business.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..errors import Problem, SiteError
from .workbooks import MAX_CELL, MAX_UNPACKED, Marked, column_letter, inspect_workbook

__all__ = ["Cell", "FORMATS", "Sheet", "WORKBOOKS", "column_letter", "decode_csv", "read_sheet"]

Cell = str | float | int | bool | date | datetime | time | timedelta
WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")
FORMATS = (*WORKBOOKS, ".csv")
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Sheet:
    file: str  # the spreadsheet's name, as messages show it
    name: str  # the sheet's name; "" for a CSV file
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]  # (row number from 1, its cells from column A)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column from 0) -> its formula
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) -> the error it shows

    def cell(self, column: int, row: int) -> str:
        """A cell's name in spreadsheet terms: `Sheet1!D17`, or `D17` in a CSV file."""
        return f"{self.name}!{column_letter(column)}{row}" if self.name else f"{column_letter(column)}{row}"


def read_sheet(path: Path, display: str, sheet: str | None = None) -> Sheet:
    """The cells of `sheet` (or the first sheet) of the spreadsheet at `path`; `SiteError` when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise SiteError([Problem(display, message="is not a spreadsheet this tool reads",
                                 hint="save it as .xlsx, .xls, .ods or .csv")])
    try:
        if path.stat().st_size > MAX_UNPACKED:
            raise SiteError([Problem(display, message=f"is larger than {MAX_UNPACKED // 2**20} MiB",
                                     hint="split it into several files")])
        if suffix == ".csv":
            return _read_csv(path.read_bytes(), display, sheet)
        return _read_workbook(path, display, sheet)
    except OSError as exc:
        raise SiteError([Problem(display, message=f"cannot be read: {exc.strerror or exc}",
                                 hint="check the file's name and that you may read it")]) from None


def _read_csv(data: bytes, display: str, sheet: str | None) -> Sheet:
    if sheet:
        raise SiteError([Problem(display, message="a CSV file has no sheets", hint="leave out --sheet")])
    text = decode_csv(data)
    if text is None:
        raise SiteError([Problem(display, message="is neither UTF-8 nor GB18030 text",
                                 hint="save it from the spreadsheet as 'CSV UTF-8', or as .xlsx")])
    rows: list[tuple[int, tuple[Cell, ...]]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL)
    try:
        rows.extend((number, tuple(cells)) for number, cells in enumerate(reader, start=1))
    except csv.Error as exc:
        raise SiteError([Problem(display, path=f"row {len(rows) + 1}", message=_csv_trouble(exc),
                                 hint="shorten it, or save the sheet again from the spreadsheet program")]) from None
    finally:
        csv.field_size_limit(limit)
    return Sheet(display, "", tuple(rows))


def _csv_trouble(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return f"a cell holds more than {MAX_CELL:,} characters; a cell holds at most {MAX_CELL:,}"
    return f"the CSV cannot be read ({exc})"


def decode_csv(data: bytes) -> str | None:
    """The text of a CSV file: UTF-8 with a byte-order mark, UTF-8, else GB18030 (None when it is none of them)."""
    if data.startswith(_BOM):
        return data[len(_BOM):].decode("utf-8", errors="strict") if _decodes(data[3:], "utf-8") else None
    for encoding in ("utf-8", "gb18030"):
        if _decodes(data, encoding):
            return data.decode(encoding)
    return None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _read_workbook(path: Path, display: str, sheet: str | None) -> Sheet:
    marks = inspect_workbook(path, display) if path.suffix.lower() != ".xls" else None
    import python_calamine  # loaded only by the import: building a site does not need it

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        names = [meta.name for meta in book.sheets_metadata if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
        if sheet is not None and sheet not in names:
            raise SiteError([Problem(display, message=f"has no sheet named '{sheet}'",
                                     hint=f"its sheets are: {', '.join(names)}")])
        if not names:
            raise SiteError([Problem(display, message="has no sheet", hint="put the activities on a sheet")])
        name = sheet if sheet is not None else names[0]
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except (python_calamine.CalamineError, ValueError) as exc:
        raise SiteError([Problem(display, message=f"cannot be read as a spreadsheet ({exc})",
                                 hint="open it in the spreadsheet program and save it again as .xlsx")]) from None
    except BaseException as exc:  # the reader's own failure (PanicException) derives from BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise SiteError([Problem(display, message="cannot be read as a spreadsheet (its reader failed on it)",
                                 hint="open it in the spreadsheet program and save it again as .xlsx")]) from None
    marked = marks.sheets.get(name, Marked()) if marks is not None else Marked()
    return Sheet(display, name, tuple((number, tuple(cells)) for number, cells in enumerate(rows, start=1)),
                 marked.formulas, marked.errors)
