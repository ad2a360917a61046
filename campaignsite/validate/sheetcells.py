"""The columns an activity spreadsheet may have, and one cell -> the value an activity file holds.

Takes: a cell as `load.sheets` gives it (text, a number, true/false, a date, a time of day) and its column's key.
Gives: the value to write (text with trailing spaces gone, a date, a month `2008-07`, a region's code, a list of
organisers' slugs), None for an empty cell, or `CellProblem` (what is wrong, how to fix it). Full-width digits and
signs (２００８／９／２２) are read as plain ones wherever a date, a time, a code or a slug is written; texts keep them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from ..load.sheets import Cell
from ..load.yamldoc import visible
from ..regions import NATIONAL, REGIONS, close_names, region_code

# every column, in the template's order, with its headings in Chinese and in English
HEADINGS: dict[str, tuple[str, str]] = {
    "title.zh": ("标题（中文）", "Title (Chinese)"), "title.en": ("标题（英文）", "Title (English)"),
    "summary.zh": ("简介（中文）", "Summary (Chinese)"), "summary.en": ("简介（英文）", "Summary (English)"),
    "body.zh": ("正文（中文）", "Text (Chinese)"), "body.en": ("正文（英文）", "Text (English)"),
    "schedule.kind": ("日程类型", "Schedule kind"), "schedule.start": ("开始日期", "Start date"),
    "schedule.end": ("结束日期", "End date"), "schedule.time": ("时间", "Time of day"),
    "region": ("省级地区", "Region"), "city.zh": ("城市（中文）", "City (Chinese)"),
    "city.en": ("城市（英文）", "City (English)"), "place.zh": ("地点（中文）", "Place (Chinese)"),
    "place.en": ("地点（英文）", "Place (English)"), "online": ("线上参加", "Online"),
    "organisers": ("主办单位", "Organisers"), "slug": ("网址名", "Slug"),
}
COLUMNS = tuple(HEADINGS)
REQUIRED = ("title.zh", "schedule.kind")  # the slug is made from the title; the rest is the ordinary validation's
DATES = ("schedule.start", "schedule.end")
_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")
_SEPARATORS = re.compile(r"[,，、;；\s]+")
_YES = {"true", "yes", "y", "是", "1"}
_NO = {"false", "no", "n", "否", "0", ""}


@dataclass(frozen=True)
class CellProblem:
    message: str
    hint: str


def text_of(cell: Cell) -> str:
    """A cell as the text it shows: a whole number without `.0`, a date as 2008-09-22."""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == time() else cell.isoformat(sep=" ")
    if isinstance(cell, date | time):
        return cell.isoformat()
    return str(cell)


def clean_text(cell: Cell) -> str:
    """Text with its line ends made plain and the spaces at the end of each line, and around it, gone."""
    lines = text_of(cell).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def narrow(cell: Cell) -> str:
    """Text with full-width digits, letters and signs as plain ones (NFKC), spaces around it gone."""
    return unicodedata.normalize("NFKC", clean_text(cell)).strip()


def read_cell(key: str, cell: Cell, year: int) -> Any:
    """The value of `key` in the activity file, None for an empty cell, or a `CellProblem`."""
    if cell == "" or cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if key in DATES:
        return read_date(cell, year)
    if key == "region":
        return read_region(cell)
    if key == "online":
        return read_online(cell)
    if key == "organisers":
        return [slug for slug in _SEPARATORS.split(narrow(cell)) if slug] or None
    if key == "schedule.time" and isinstance(cell, time):
        return cell.strftime("%H:%M")
    if key in ("slug", "schedule.kind", "schedule.time"):
        return narrow(cell).lower() if key == "schedule.kind" else narrow(cell)
    return clean_text(cell) or None


def read_date(cell: Cell, year: int) -> date | str | CellProblem:
    """A day (a date), or a month as `2008-07` (for the kind months), from a date cell or text in one of the forms
    people write: 2008-09-22, 2008/9/22, 2008年9月22日 (and 2008-07, 2008/7, 2008年7月 for a month)."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = narrow(cell)
    try:
        if found := _DAY.fullmatch(text):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if (found := _MONTH.fullmatch(text)) and 1 <= int(found[2]) <= 12:
            return f"{found[1]}-{int(found[2]):02d}"
    except ValueError:
        pass
    return CellProblem(f"'{visible(text_of(cell))}' is not a date", f"write {year}-09-22")


def read_region(cell: Cell) -> str | CellProblem:
    """A region's code, from a code, a name in Chinese or English, or the template's `440000 广东省 Guangdong`."""
    text = narrow(cell)
    first = text.split(" ", 1)[0]
    code = region_code(text) or (region_code(first) if first.isdigit() or first == NATIONAL else None)
    if code is not None:
        return code
    names = close_names(text)
    listed = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else "".join(names)
    guess = f"did you mean {listed}? " if names else ""
    return CellProblem(f"'{visible(text)}' is not a region of China",
                       f"{guess}write its 6-digit code (440000), its name (广东省, Guangdong) or national (全国)")


def read_online(cell: Cell) -> str | bool | None:
    """true (to be joined online, the address to follow), an address, or None (false or empty: not online)."""
    if isinstance(cell, bool):
        return True if cell else None
    text = narrow(cell)
    if text.lower() in _YES:
        return True
    return None if text.lower() in _NO else text


def region_cell(code: str) -> str:
    """A region as the template's dropdown and the export write it: `440000 广东省 Guangdong`, `national 全国`."""
    region = REGIONS.get(code)
    if region is None:
        return code
    return f"{code} {region.zh}" if code == NATIONAL else f"{code} {region.zh} {region.en}"
