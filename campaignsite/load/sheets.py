"""A spreadsheet read as cells: .xlsx, .xlsm, .xls and .ods through python-calamine; .csv as UTF-8 (with or without
a byte-order mark) or GB18030, the encoding an office's Excel often saves in.

Takes: the spreadsheet's path, the name to show in messages, and the sheet to read (default: the first).
Gives: a `Sheet`: its name ("" for a CSV file, which has none) and its rows, each with its number counted from 1
and its cells from column A (text, a number, true/false, a date, a date and time or a time of day; an empty cell is
""); or `SiteError` naming the file: it cannot be read, it is not a spreadsheet, or it has no sheet of that name.
No meaning yet: what a column holds is `validate.sheetrows`' business.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..errors import Problem, SiteError

Cell = str | float | int | bool | date | datetime | time | timedelta
WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")
FORMATS = (*WORKBOOKS, ".csv")
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Sheet:
    file: str  # the spreadsheet's name, as messages show it
    name: str  # the sheet's name; "" for a CSV file
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]  # (row number from 1, its cells from column A)

    def cell(self, column: int, row: int) -> str:
        """A cell's name in spreadsheet terms: `Sheet1!D17`, or `D17` in a CSV file."""
        return f"{self.name}!{column_letter(column)}{row}" if self.name else f"{column_letter(column)}{row}"


def column_letter(index: int) -> str:
    """The letters of the column `index` (from 0): A, …, Z, AA, …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_sheet(path: Path, display: str, sheet: str | None = None) -> Sheet:
    """The cells of `sheet` (or the first sheet) of the spreadsheet at `path`; `SiteError` when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise SiteError([Problem(display, message="is not a spreadsheet this tool reads",
                                 hint="save it as .xlsx, .xls, .ods or .csv")])
    try:
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
    rows = csv.reader(io.StringIO(text, newline=""))
    return Sheet(display, "", tuple((number, tuple(cells)) for number, cells in enumerate(rows, start=1)))


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
    return Sheet(display, name, tuple((number, tuple(cells)) for number, cells in enumerate(rows, start=1)))
