"""A workbook (.xlsx, .xlsm, .ods: a ZIP of XML) looked at before its reader is let loose on it.

Takes: the workbook's path, the name to show in messages, and the budget (`Budget`: cells, bytes unpacked, a cell's
characters, the sheet's characters).
Gives: `Inspected`: for each sheet (by name) the cells that hold a formula (row from 1, column from 0 -> its text)
and those that show an error (`#DIV/0!`); or `SiteError`, located at the sheet and cell, when the workbook is over
the budget. The reader (python-calamine) allocates a sheet's whole area from A1 to its farthest cell, and copies a
shared string into every cell that names it: a 1.8 KB file with one cell at XFD1048576 asks it for 512 GB. So
every entry is unpacked here first, counting (a ZIP's declared sizes are checked, never trusted), and the sheets'
XML is scanned for their farthest cell, their `<dimension>` and their strings' lengths, with regular expressions
over text already bounded: no XML parser, no entity, nothing fetched.
"""
from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, SiteError

MAX_CELLS = 2_000_000  # a sheet's area, from A1 to its farthest cell: 20,000 rows of 100 columns
MAX_UNPACKED = 128 * 2**20  # bytes of a workbook's entries, unpacked
MAX_CELL = 200_000  # characters of a cell: the longest text an activity holds (its body, validate.common)
MAX_SHEET_TEXT = 64 * 2**20  # characters of text a sheet's cells hold, a shared string counted in every cell
_CHUNK = 2**20


@dataclass(frozen=True)
class Budget:
    cells: int = MAX_CELLS
    unpacked: int = MAX_UNPACKED
    cell: int = MAX_CELL
    text: int = MAX_SHEET_TEXT


@dataclass
class Marked:
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row from 1, column from 0) -> formula
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) -> the error it shows


@dataclass
class Inspected:
    sheets: dict[str, Marked] = field(default_factory=dict)  # a sheet's name -> its formulas and errors


def column_letter(index: int) -> str:
    """The letters of the column `index` (from 0): A, …, Z, AA, …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """`A` -> 0, `AA` -> 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


class _Over(Exception):
    """Over the budget: where (`Sheet1!XFD1048576`, or "" for the file) and what."""

    def __init__(self, where: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.where, self.message, self.hint = where, message, hint


def inspect_workbook(path: Path, display: str, budget: Budget = Budget()) -> Inspected:
    """The formulas and errors of each sheet, or `SiteError` when the workbook is over `budget` (see the module)."""
    try:
        with zipfile.ZipFile(path) as book:
            entries = _unpack(book, budget)
        if "content.xml" in entries:
            return _inspect_ods(entries["content.xml"], budget)
        return _inspect_xlsx(entries, budget)
    except _Over as over:
        raise SiteError([Problem(display, path=over.where, message=over.message, hint=over.hint)]) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as exc:
        raise SiteError([Problem(display, message=f"cannot be read as a spreadsheet ({exc})",
                                 hint="open it in the spreadsheet program and save it again as .xlsx")]) from None


def _unpack(book: zipfile.ZipFile, budget: Budget) -> dict[str, str]:
    """The text of each XML entry the checks need; every entry unpacked once, counting, within the budget."""
    declared = sum(info.file_size for info in book.infolist())
    if declared > budget.unpacked:
        raise _too_big(declared, budget)
    wanted: dict[str, str] = {}
    total = 0
    for info in book.infolist():
        keep = _wanted(info.filename)
        parts: list[bytes] = []
        with book.open(info) as entry:
            while chunk := entry.read(_CHUNK):
                total += len(chunk)
                if total > budget.unpacked:
                    raise _too_big(total, budget)
                if keep:
                    parts.append(chunk)
        if keep:
            wanted[info.filename] = b"".join(parts).decode("utf-8", errors="replace")
    return wanted


def _wanted(name: str) -> bool:
    return name in ("content.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml") or (
        name.startswith("xl/worksheets/") and name.endswith(".xml"))


def _too_big(size: int, budget: Budget) -> _Over:
    return _Over("", f"unpacks to more than {budget.unpacked // 2**20} MiB ({size // 2**20:,} MiB or more)",
                 "split it into several workbooks, or save it again from the spreadsheet program")


_ATTR = re.compile(r'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_SHEET = re.compile(r"<(?:\w+:)?sheet\b([^>]*)>")
_RELATION = re.compile(r"<(?:\w+:)?Relationship\b([^>]*)>")
_SHARED = re.compile(r"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_DIMENSION = re.compile(r"<(?:\w+:)?dimension\b[^>]*\bref\s*=\s*\"([^\"]*)\"")
_REF = re.compile(r"\$?([A-Z]{1,4})\$?(\d{1,8})")
# a row's or a cell's start tag; a cell's text is skipped with str.find, never scanned by an expression
_OPEN = re.compile(r"<(\w+:)?(row|c)\b([^>]*?)(/?)>")
_R = re.compile(r"\br\s*=\s*[\"']([^\"']*)")
_T = re.compile(r"\bt\s*=\s*[\"']([^\"']*)")
_FORMULA = re.compile(r"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
_VALUE = re.compile(r"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.DOTALL)


def _attributes(text: str) -> dict[str, str]:
    return {name.split(":")[-1] if name != "r:id" else name: html.unescape(double or single)
            for name, double, single in _ATTR.findall(text)}


def _inspect_xlsx(entries: dict[str, str], budget: Budget) -> Inspected:
    shared = _shared_lengths(entries.get("xl/sharedStrings.xml", ""), budget)
    found = Inspected()
    for name, xml in _worksheets(entries).items():
        found.sheets[name] = _scan_sheet(name, xml, shared, budget)
    return found


def _worksheets(entries: dict[str, str]) -> dict[str, str]:
    """Each worksheet's name -> its XML; the worksheets no name leads to are checked too, under their file name."""
    targets = {}
    for relation in _RELATION.findall(entries.get("xl/_rels/workbook.xml.rels", "")):
        attrs = _attributes(relation)
        target = attrs.get("Target", "")
        targets[attrs.get("Id", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    sheets: dict[str, str] = {}
    for element in _SHEET.findall(entries.get("xl/workbook.xml", "")):
        attrs = _attributes(element)
        target = targets.get(attrs.get("r:id", attrs.get("id", "")), "")
        if target in entries and "name" in attrs:
            sheets[attrs["name"]] = entries.pop(target)
    for name in [name for name in entries if name.startswith("xl/worksheets/")]:
        sheets[name] = entries.pop(name)
    return sheets


def _shared_lengths(xml: str, budget: Budget) -> list[int]:
    """The length of each shared string (at most what its XML holds); one over a cell's budget is refused."""
    lengths: list[int] = []
    for found in _SHARED.finditer(xml):
        inner = found.group(1) or ""
        length = len(inner) if len(inner) <= budget.cell else len(html.unescape(_TAG.sub("", inner)))
        if length > budget.cell:
            raise _Over(f"shared string {len(lengths) + 1}", f"a text of {length:,} characters; a cell holds at "
                        f"most {budget.cell:,}", "shorten it: an activity's longest text, its body, has at most "
                        f"{budget.cell:,} characters")
        lengths.append(length)
    return lengths


def _scan_sheet(name: str, xml: str, shared: list[int], budget: Budget) -> Marked:
    marked = Marked()
    if (dimension := _DIMENSION.search(xml)) is not None:
        refs = _REF.findall(dimension.group(1))
        if refs:
            _check_area(name, column_index(refs[-1][0]), int(refs[-1][1]), budget)
    row, column, far_row, far_column, text = 0, -1, 0, 0, 0
    at = 0
    while (element := _OPEN.search(xml, at)) is not None:
        prefix, tag, attrs, empty = element.groups()
        at = element.end()
        if tag == "row":
            number = _R.search(attrs)
            row, column = int(number.group(1)) if number and number.group(1).isdigit() else row + 1, -1
            continue
        ref = _R.search(attrs)
        found = _REF.fullmatch(ref.group(1)) if ref else None
        row, column = (int(found.group(2)), column_index(found.group(1))) if found else (max(row, 1), column + 1)
        far_row, far_column = max(far_row, row), max(far_column, column)
        if empty:
            continue
        close = xml.find(f"</{prefix or ''}c>", at)
        inner, at = (xml[at:], len(xml)) if close < 0 else (xml[at:close], close + 4 + len(prefix or ""))
        kind = _T.search(attrs)
        text += _cell_text(name, row, column, kind.group(1) if kind else "n", inner, shared, budget, marked)
        if text > budget.text:
            raise _Over(f"{name}!{column_letter(column)}{row}", f"the sheet holds more than {budget.text:,} "
                        "characters of text", "split it into several sheets or workbooks")
    _check_area(name, far_column, far_row, budget)
    return marked


def _cell_text(name: str, row: int, column: int, kind: str, inner: str, shared: list[int], budget: Budget,
               marked: Marked) -> int:
    """How many characters the cell holds; its formula or error noted; a cell over the budget refused."""
    if kind == "s":
        value = _VALUE.search(inner)
        index = int(value.group(1)) if value and value.group(1).strip().isdigit() else -1
        return shared[index] if 0 <= index < len(shared) else 0
    if "<" in inner and "f" in inner and (formula := _FORMULA.search(inner)) is not None:
        marked.formulas[row, column] = html.unescape(formula.group(1) or "")
    if kind == "e":
        value = _VALUE.search(inner)
        marked.errors[row, column] = html.unescape(value.group(1)) if value else ""
    length = len(inner) if len(inner) <= budget.cell else len(html.unescape(_TAG.sub("", inner)))
    if length > budget.cell:
        raise _Over(f"{name}!{column_letter(column)}{row}", f"the cell holds {length:,} characters; a cell holds "
                    f"at most {budget.cell:,}", "shorten it: an activity's longest text, its body, has at most "
                    f"{budget.cell:,} characters")
    return length


def _check_area(name: str, far_column: int, far_row: int, budget: Budget) -> None:
    if (far_column + 1) * far_row > budget.cells:
        raise _Over(f"{name}!{column_letter(far_column)}{far_row}",
                    f"the sheet reaches column {column_letter(far_column)}, row {far_row:,}: "
                    f"{(far_column + 1) * far_row:,} cells from A1; a sheet is read within {budget.cells:,}",
                    "delete what stands far from the activities (select the empty rows and columns after them, "
                    "and delete them), then save it again")


_ODS = re.compile(r"<(/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*?)(/?)>")


def _inspect_ods(xml: str, budget: Budget) -> Inspected:
    """An OpenDocument spreadsheet: each table's area (repeated rows and columns counted) and formulas."""
    found, name, marked = Inspected(), "", Marked()
    row = column = far_row = far_column = 0
    row_repeat = 1
    cells = 0
    for element in _ODS.finditer(xml):
        closing, tag, attrs_text, empty = element.groups()
        if closing:
            if tag == "table-row":
                row += row_repeat - 1
            continue
        attrs = _attributes(attrs_text)
        if tag == "table":
            name, marked, row, far_row, far_column = attrs.get("name", ""), Marked(), 0, 0, 0
            found.sheets[name] = marked
        elif tag == "table-row":
            row, column, row_repeat = row + 1, 0, _count(attrs.get("number-rows-repeated"))
            if empty:
                row += row_repeat - 1
        else:
            repeat = _count(attrs.get("number-columns-repeated"))
            filled = not empty or "value-type" in attrs
            if filled:
                far_row, far_column = max(far_row, row + row_repeat - 1), max(far_column, column + repeat - 1)
                cells += repeat * row_repeat
                if "formula" in attrs:
                    marked.formulas[row, column] = attrs["formula"].split(":", 1)[-1].lstrip("=")
                _check_area(name, far_column, far_row, budget)
                if cells > budget.cells:
                    _check_area(name, far_column, budget.cells + 1, budget)
            column += repeat
    return found


def _count(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 1
