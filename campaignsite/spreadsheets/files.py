"""Spreadsheets the tool writes: the template an office fills in, and the export of a campaign's activities.

Takes: the file to write (.xlsx through xlsxwriter, or .csv for the export: UTF-8 with a byte-order mark, which
Excel opens as UTF-8), and the rows (cells in `cells.COLUMNS` order).
Gives: the bytes of the file; the caller writes them through `sourcefiles` (whole or not at all). Each heading is
the Chinese words, the English words and the key (`标题（中文） Title (Chinese) title.zh`), so that the import
reads it back; the date columns are formatted as dates; `schedule.kind` and `region` have dropdown lists.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import tempfile
from datetime import date
from pathlib import Path

from ..model import ACTIVITY_STATUSES, SCHEDULE_KINDS
from ..regions import CITY, NATIONAL, REGIONS, divisions
from ..render.opendata import CSV_FORMULA_START, csv_cell
from .cells import COLUMNS, DATES, EXAMPLE, HEADINGS, region_cell
from .sheets import Cell, Sheet

SHEET = "Activities"
INSTRUCTIONS = (
    ("如何填写", "How to fill in this workbook"),
    ("每行一项活动；第一行是列标题，请勿修改每个标题末尾的英文键（如 title.zh）。",
     "One activity a row; the first row holds the headings: keep the key at the end of each (such as title.zh)."),
    ("可以删除不需要的可选列；标题、日程类型两列必须保留。",
     "Optional columns may be deleted; keep the title and schedule kind columns."),
    ("日期写成 2008-09-22、2008/9/22 或 2008年9月22日，也可以用表格的日期格式。",
     "Write dates as 2008-09-22, 2008/9/22 or 2008年9月22日, or use the spreadsheet's date format."),
    ("日程类型：days（某日或连续几天）、months（按月）、window（大致时间，需另写说明）、deadline（截止日）、"
     "campaign（活动期间）、unscheduled（时间待定）。",
     "Schedule kind: days (one day or several), months, window (approximate; needs a wording), deadline, "
     "campaign (during the campaign) or unscheduled (date to be announced)."),
    ("省级地区从下拉列表中选择，或写省、市、县的代码（440000、330100）、中文或英文名称（杭州、Hangzhou）；"
     "全国性活动选 national。",
     "Choose the region from the list, or write the code (440000, 330100) or the name in Chinese or English "
     "(杭州, Hangzhou) of a province, a city or a county; national for an activity across the country."),
    ("网址名（slug）可以不填：将由地区代码和中文标题生成。若以后要修改已导入活动的标题，请先填上它的网址名，"
     "否则会被当作一项新活动。",
     "The slug may be left empty: it is made from the region's code and the Chinese title. Before changing the "
     "title of an activity already imported, fill in its slug, or it becomes a new activity."),
    ("再次导入同一文件只会更新有改动的单元格；表中没有的列（如手工添加的状态）保持不变。从文件中删去的活动只有加上 "
     "--prune 才会从网站删除。",
     "Importing the same file again changes only the cells that changed; what the sheet has no column for (such as a "
     "status added by hand) stays. An activity deleted from the file leaves the site only with --prune."),
    ("公式不会被导入：请直接填写数值。状态（status）可填 cancelled（取消）或 postponed（延期），"
     "并在状态说明中写明原因。",
     "Formulas are not imported: type the values. Status may be cancelled or postponed, with a status note saying "
     "why."),
)


def heading(key: str) -> str:
    zh, en = HEADINGS[key]
    return f"{zh} {en} {key}"


def template_bytes() -> bytes:
    """The workbook to fill in: the headings, one example row, the dropdowns, and the instructions."""
    return workbook_bytes([[EXAMPLE.get(key, "") for key in COLUMNS]], instructions=True)


def workbook_bytes(rows: list[list[Cell]], instructions: bool = False) -> bytes:
    import xlsxwriter  # loaded only by these commands: building a site does not need it

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sheet.xlsx"
        book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                               "strings_to_urls": False})
        _activities_sheet(book, rows)
        if instructions:
            _instructions_sheet(book)
        book.close()
        return path.read_bytes()


def _activities_sheet(book: object, rows: list[list[Cell]]) -> None:
    sheet = book.add_worksheet(SHEET)  # type: ignore[attr-defined]
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})  # type: ignore[attr-defined]
    dates = book.add_format({"num_format": "yyyy-mm-dd"})  # type: ignore[attr-defined]
    sheet.freeze_panes(1, 0)
    last = max(len(rows), 1000)
    for index, key in enumerate(COLUMNS):
        sheet.write_string(0, index, heading(key), bold)
        sheet.set_column(index, index, 40 if key.startswith("body") else 18, dates if key in DATES else None)
    for number, cells in enumerate(rows, start=1):
        for index, cell in enumerate(cells):
            if isinstance(cell, date):
                sheet.write_datetime(number, index, cell, dates)
            elif cell != "":
                sheet.write_string(number, index, str(cell))
    kind, region, status = (COLUMNS.index(key) for key in ("schedule.kind", "region", "status"))
    sheet.data_validation(1, kind, last, kind, {"validate": "list", "source": list(SCHEDULE_KINDS)})
    sheet.data_validation(1, status, last, status, {"validate": "list", "source": list(ACTIVITY_STATUSES)})
    places = [*REGIONS, *(code for code, division in divisions().items() if division.level == CITY)]
    places.sort(key=lambda code: (code != NATIONAL, code))  # national, then each province followed by its cities
    # the list offers the provinces and cities; a county or a name may be typed (the import reads and checks it)
    sheet.data_validation(1, region, last, region, {"validate": "list", "source": f"=Regions!$A$1:$A${len(places)}",
                                                    "show_error": False})
    lists = book.add_worksheet("Regions")  # type: ignore[attr-defined]
    for index, code in enumerate(places):
        lists.write_string(index, 0, region_cell(code))


def _instructions_sheet(book: object) -> None:
    sheet = book.add_worksheet("说明 Instructions")  # type: ignore[attr-defined]
    wrap = book.add_format({"text_wrap": True, "valign": "top"})  # type: ignore[attr-defined]
    sheet.set_column(0, 1, 60, wrap)
    for number, (zh, en) in enumerate(INSTRUCTIONS):
        sheet.write_string(number, 0, zh)
        sheet.write_string(number, 1, en)
    for number, key in enumerate(COLUMNS, start=len(INSTRUCTIONS) + 1):
        sheet.write_string(number, 0, f"{HEADINGS[key][0]}：{key}")
        sheet.write_string(number, 1, f"{HEADINGS[key][1]}: {key}")


def csv_bytes(rows: list[list[Cell]]) -> bytes:
    """The rows under the headings as CSV, UTF-8 with a byte-order mark (so that Excel reads it as UTF-8); a text a
    spreadsheet would run as a formula (`=cmd|…`) starts with an apostrophe, as in the published CSV."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([heading(key) for key in COLUMNS])
    for cells in rows:
        writer.writerow([cell.isoformat() if isinstance(cell, date) else csv_cell(cell)  # type: ignore[arg-type]
                         for cell in cells])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def csv_read_back(sheet: Sheet) -> Sheet:
    """A CSV file's cells with the apostrophe `csv_bytes` put before a formula-like text taken off again."""
    if sheet.name:
        return sheet
    return dataclasses.replace(sheet, rows=tuple((number, tuple(_unguarded(cell) for cell in cells))
                                                 for number, cells in sheet.rows))


def _unguarded(cell: Cell) -> Cell:
    if isinstance(cell, str) and cell.startswith("'") and cell[1:].startswith(CSV_FORMULA_START):
        return cell[1:]
    return cell
