"""The columns an activity spreadsheet may have, derived from the activity schema, and one cell -> the value an
activity file holds (and back).

Takes: the activity schema (`schema.BLOCKS["activity"]`), a cell as `sheets` gives it (text, a number,
true/false, a date, a time of day) and its column's key.
Gives: `COLUMNS`, one per key of an activity the import may write (a text in both languages is two columns,
`title.zh` and `title.en`; a block such as `schedule` a column per key of it; the slug last), each read by its
kind: the value to write (text with trailing spaces gone, a date, a month `2008-07`, a region's code, a list of
organisers' slugs), None for an empty cell, or `CellProblem` (what is wrong, how to fix it). Full-width digits and
signs (２００８／９／２２) are read as plain ones wherever a date, a time, a code or a slug is written; texts keep them.
`column_name` names a column as the author sees it ("Title (English)") for hints in sheet terms.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from ..load.yamldoc import visible
from ..model import SCHEDULE_KINDS
from ..regions import NATIONAL, REGIONS, close_names, divisions, place_codes, place_name
from ..validate.kinds import Bilingual, BlockOf, Choice, Day, Kind, OnlineAddress, Refs, RegionName, TimeOfDay
from ..validate.schema import BLOCKS
from .sheets import Cell

# the keys of an activity the import keeps itself: where a row came from, and that it is not in the notice
MANAGED = ("in_notice", "imported_from")
# words a plain key must be one of (the schema reads `schedule.kind` as plain text and checks it elsewhere)
WORDS: dict[str, tuple[str, ...]] = {"schedule.kind": SCHEDULE_KINDS}
# each column's heading in Chinese and in English (a key added to the schema without one is headed by its key)
LABELS: dict[str, tuple[str, str]] = {
    "title.zh": ("标题（中文）", "Title (Chinese)"), "title.en": ("标题（英文）", "Title (English)"),
    "summary.zh": ("简介（中文）", "Summary (Chinese)"), "summary.en": ("简介（英文）", "Summary (English)"),
    "body.zh": ("正文（中文）", "Text (Chinese)"), "body.en": ("正文（英文）", "Text (English)"),
    "schedule.kind": ("日程类型", "Schedule kind"), "schedule.start": ("开始日期", "Start date"),
    "schedule.end": ("结束日期", "End date"), "schedule.time": ("时间", "Time of day"),
    "schedule.text.zh": ("日程说明（中文）", "Schedule wording (Chinese)"),
    "schedule.text.en": ("日程说明（英文）", "Schedule wording (English)"),
    "place.zh": ("地点（中文）", "Place (Chinese)"), "place.en": ("地点（英文）", "Place (English)"),
    "region": ("省级地区", "Region"), "city.zh": ("城市（中文）", "City (Chinese)"),
    "city.en": ("城市（英文）", "City (English)"), "organisers": ("主办单位", "Organisers"),
    "online": ("线上参加", "Online"), "status": ("状态", "Status"),
    "status_note.zh": ("状态说明（中文）", "Status note (Chinese)"),
    "status_note.en": ("状态说明（英文）", "Status note (English)"), "slug": ("网址名", "Slug"),
}


def _schema_columns(block: str = "activity", prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, Kind]]:
    for spec in BLOCKS[block]:
        if not prefix and spec.name in MANAGED:
            continue
        key = ".".join((*prefix, spec.name))
        if isinstance(spec.kind, Bilingual):
            yield from ((f"{key}.{lang}", spec.kind) for lang in ("zh", "en"))
        elif isinstance(spec.kind, BlockOf):
            yield from _schema_columns(spec.kind.block, (*prefix, spec.name))
        else:
            yield key, spec.kind


# every column, in the template's order: the schema's, but the slug last (it may be left empty)
KINDS: dict[str, Kind] = dict(sorted(_schema_columns(), key=lambda column: column[0] == "slug"))
COLUMNS = tuple(KINDS)
HEADINGS: dict[str, tuple[str, str]] = {key: LABELS.get(key, (key, key)) for key in COLUMNS}
REQUIRED = ("title.zh", "schedule.kind")  # the slug is made from the title; the rest is the ordinary validation's
DATES = tuple(key for key, kind in KINDS.items() if isinstance(kind, Day))
# the template's example row: the import recognises it by its titles and skips it
EXAMPLE: dict[str, Cell] = {
    "title.zh": "示例：质量开放日", "title.en": "Example: quality open day",
    "summary.zh": "企业向公众开放生产线。", "summary.en": "Enterprises open their production lines to the public.",
    "body.zh": "活动当天，企业向公众开放生产线，并介绍质量管理方法。",
    "body.en": "On the day, enterprises open their production lines and explain how they manage quality.",
    "schedule.kind": "days", "schedule.start": date(2008, 9, 22), "schedule.end": date(2008, 9, 22),
    "schedule.time": "09:00-11:30", "region": "440000 广东省 Guangdong", "city.zh": "广州市", "city.en": "Guangzhou",
    "place.zh": "市质量技术监督局", "place.en": "Municipal Quality and Technical Supervision Bureau",
    "online": "", "organisers": "", "slug": "",
}

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


def column_name(key: str) -> str:
    """A column as the author sees it in the template: its English heading, such as `Title (English)`."""
    return HEADINGS.get(key, (key, key))[1]


def read_cell(key: str, cell: Cell, year: int) -> Any:
    """The value of `key` in the activity file, None for an empty cell, or a `CellProblem`; read by the key's kind."""
    if cell == "" or cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    return _READERS.get(key, _read_text)(cell, year)


def _read_text(cell: Cell, year: int) -> str | None:
    return clean_text(cell) or None


def _read_list(cell: Cell, year: int) -> list[str] | None:
    return [slug for slug in _SEPARATORS.split(narrow(cell)) if slug] or None


def _read_hours(cell: Cell, year: int) -> str:
    return cell.strftime("%H:%M") if isinstance(cell, time) else narrow(cell)


def _read_word(cell: Cell, year: int) -> str:
    return narrow(cell).lower()


def _read_plain(cell: Cell, year: int) -> str | None:
    return narrow(cell) or None  # a slug, a plain word


def _reader(key: str, kind: Kind) -> Callable[[Cell, int], Any]:
    """How a column's cells are read, by its kind (chosen once: a large sheet has hundreds of thousands of cells)."""
    if isinstance(kind, Day):
        return read_date
    if isinstance(kind, RegionName):
        return lambda cell, year: read_region(cell)
    if isinstance(kind, OnlineAddress):
        return lambda cell, year: read_online(cell)
    if isinstance(kind, Refs):
        return _read_list
    if isinstance(kind, TimeOfDay):
        return _read_hours
    if isinstance(kind, Choice) or key in WORDS:
        return _read_word
    return _read_text if isinstance(kind, Bilingual) else _read_plain


def cell_of(key: str, value: Any) -> Cell:
    """The cell that holds `value` of `key` (the export's; `read_cell` reads it back as the same value)."""
    kind = KINDS.get(key)
    if value is None or value is False:
        return ""
    if isinstance(kind, RegionName):
        return region_cell(str(value))
    if isinstance(kind, Refs) and isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if value is True:
        return "true"
    if isinstance(value, date):
        return value
    day = read_date(str(value), 0) if isinstance(kind, Day) else None
    if isinstance(day, date):
        return day
    return value if isinstance(value, str | int | float) else str(value)


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
    """A place's code (a province's, a city's or a county's), from a code, a name in Chinese or English, or the
    template's `440000 广东省 Guangdong` (and the export's `330100 杭州市 Hangzhou`)."""
    text = narrow(cell)
    first = text.split(" ", 1)[0]
    found = place_codes(text) or (place_codes(first) if first.isdigit() or first == NATIONAL else ())
    if len(found) == 1:
        return found[0]
    if found:
        return CellProblem(f"'{visible(text)}' names more than one place: {', '.join(map(place_name, found))}",
                           "write the 6-digit code of the one you mean")
    names = close_names(text)
    listed = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else "".join(names)
    guess = f"did you mean {listed}? " if names else ""
    return CellProblem(f"'{visible(text)}' is not a province, city or county of China",
                       f"{guess}write its 6-digit code (440000, 330100), its name (广东省, 杭州, Hangzhou) "
                       "or national (全国)")


def read_online(cell: Cell) -> str | bool | None:
    """true (to be joined online, the address to follow), an address, or None (false or empty: not online)."""
    if isinstance(cell, bool):
        return True if cell else None
    text = narrow(cell)
    if text.lower() in _YES:
        return True
    return None if text.lower() in _NO else text


def region_cell(code: str) -> str:
    """A place as the template's dropdown and the export write it: `440000 广东省 Guangdong`, `national 全国`,
    `330100 杭州市 Hangzhou`, `330106 杭州市西湖区`; anything else as it is."""
    return place_name(code) if code in REGIONS or code in divisions() else code


_READERS = {key: _reader(key, kind) for key, kind in KINDS.items()}
