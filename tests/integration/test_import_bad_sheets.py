"""The corpus of bad sheets: each way a spreadsheet went wrong for the import (issue 20), made here in a few lines,
and the exact message it gets; the campaign is left as it was."""
from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter
import yaml

from campaignsite.commands.cli import main
from tests.bombs import far_cell, inline_bomb, shared_bomb
from tests.helpers import copy_fixture

HEAD = ["标题（中文） title.zh", "Title (English) title.en", "summary.zh", "summary.en", "body.zh", "body.en",
        "schedule.kind", "schedule.start", "schedule.end", "slug"]


def good(n: int, **changed: object) -> list[object]:
    cells = {"title.zh": f"活动{n}", "title.en": f"Activity {n}", "summary.zh": "简介", "summary.en": "About",
             "body.zh": "正文", "body.en": "Text.", "schedule.kind": "days", "schedule.start": "2025-04-12",
             "schedule.end": "2025-04-12", "slug": f"row-{n}"}
    cells.update({key.replace("_", "."): value for key, value in changed.items()})
    return list(cells.values())


def xlsx(path: Path, rows: list[list[object]], formulas: dict[tuple[int, int], tuple[str, object]] | None = None
         ) -> Path:
    book = xlsxwriter.Workbook(str(path))
    page = book.add_worksheet("Activities")
    for number, cells in enumerate(rows):
        for column, cell in enumerate(cells):
            if (number, column) in (formulas or {}):
                formula, value = (formulas or {})[number, column]
                page.write_formula(number, column, formula, None, value)
            elif cell != "":
                page.write_string(number, column, str(cell))
    book.close()
    return path


def csv(path: Path, rows: list[list[object]]) -> Path:
    import csv as csv_module
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv_module.writer(handle).writerows(rows)
    return path


LONG_BODY = "\n\n".join(["word " * 199 + "word"] * 150)  # 150,148 characters in paragraphs: over csv's 131,072
CASES: dict[str, tuple[Callable[[Path], Path], list[str]]] = {
    "formula-cell": (lambda d: xlsx(d / "bad.xlsx", [HEAD, good(1)], {(1, 1): ("=1+1", 2)}), [
        "bad.xlsx: Activities!B2 (title.en): the cell holds a formula (=1+1); the import does not take a formula's "
        "result — type the value itself into the cell (copy the cell, then paste it as values)",
        "1 error; nothing was written."]),
    "error-cells": (lambda d: xlsx(d / "bad.xlsx", [HEAD, good(1), good(2)],
                                   {(1, 2): ("=1/0", "#DIV/0!"), (2, 3): ("=Z99", "#REF!")}), [
        "bad.xlsx: Activities!C2 (summary.zh): the cell shows the error #DIV/0! of a formula — correct the formula, "
        "or type the value itself into the cell",
        "bad.xlsx: Activities!D3 (summary.en): the cell shows the error #REF! of a formula — correct the formula, or "
        "type the value itself into the cell",
        "2 errors; nothing was written."]),
    "far-cell": (lambda d: far_cell(d / "far.xlsx"), [
        "far.xlsx: Sheet1!XFD1048576: the sheet reaches column XFD, row 1,048,576: 17,179,869,184 cells from A1; a "
        "sheet is read within 2,000,000 — delete what stands far from the activities (select the empty rows and "
        "columns after them, and delete them), then save it again",
        "1 error; nothing was written."]),
    "inline-string-bomb": (lambda d: inline_bomb(d / "bomb.xlsx"), [
        "bomb.xlsx: unpacks to more than 128 MiB (133 MiB or more) — split it into several workbooks, or save it "
        "again from the spreadsheet program",
        "1 error; nothing was written."]),
    "shared-string-of-10-mb": (lambda d: shared_bomb(d / "shared.xlsx"), [
        "shared.xlsx: shared string 1: a text of 10,485,760 characters; a cell holds at most 200,000 — shorten it: "
        "an activity's longest text, its body, has at most 200,000 characters",
        "1 error; nothing was written."]),
    "csv-field-over-the-body-limit": (lambda d: csv(d / "long.csv", [HEAD, good(1, body_en="x" * 200_001)]), [
        "long.csv: row 2: a cell holds more than 200,000 characters; a cell holds at most 200,000 — shorten it, or "
        "save the sheet again from the spreadsheet program",
        "1 error; nothing was written."]),
    "title-over-the-build-limit": (lambda d: xlsx(d / "bad.xlsx", [HEAD, good(1, title_en="T" * 6000)]), [
        "bad.xlsx: Activities!B2 (title.en): the text is 6,000 characters long; at most 5,000 — shorten it",
        "1 error; nothing was written."]),
    "body-over-the-build-limit": (lambda d: csv(d / "bad.csv", [HEAD, good(1, body_en="word " * 5000)]), [
        "bad.csv: F2 (body.en): the paragraph is 24,999 characters long; at most 20,000 — split it with a blank line",
        "1 error; nothing was written."]),
    "hint-in-sheet-terms": (lambda d: xlsx(d / "bad.xlsx", [HEAD, good(1, title_en="")]), [
        "bad.xlsx: Activities!B2 (title.en): the English title is missing — fill in the column Title (English) (or "
        "set site.translation_fallback: true in campaign.yaml to publish the original for now)",
        "1 error; nothing was written."]),
    "every-mistake-at-once": (lambda d: xlsx(d / "bad.xlsx", [
        HEAD, good(1, schedule_start="2025-13-01"), good(2, title_en=""), good(3, slug="book-fair"),
        good(4, summary_zh="")]), [
        "bad.xlsx: Activities!H2 (schedule.start): '2025-13-01' is not a date — write 2025-09-22",
        "bad.xlsx: Activities!B3 (title.en): the English title is missing — fill in the column Title (English) (or "
        "set site.translation_fallback: true in campaign.yaml to publish the original for now)",
        "bad.xlsx: Activities!C5 (summary.zh): the Chinese summary is missing — fill in the column Summary (Chinese) "
        "(or set site.translation_fallback: true in campaign.yaml to publish the original for now)",
        "3 errors; nothing was written."]),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_sheet_gets_its_exact_message_and_nothing_is_written(case, tmp_path, capsys):
    site = copy_fixture("reading-festival", tmp_path / "site")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    make, expected = CASES[case]
    sheet = make(tmp_path)
    assert main(["import", str(sheet), "--site", str(site)]) == 1
    out, err = capsys.readouterr()
    assert (out, err.splitlines()) == ("", expected)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_long_body_within_the_limit_is_read_from_a_csv(tmp_path, capsys):
    site = copy_fixture("reading-festival", tmp_path / "site")
    sheet = csv(tmp_path / "long.csv", [HEAD, good(1, body_en=LONG_BODY)])
    assert main(["import", str(sheet), "--site", str(site)]) == 0
    assert capsys.readouterr().out == "Imported long.csv: 1 added, 0 updated, 0 unchanged.\n"
    assert yaml.safe_load((site / "activities" / "row-1.yaml").read_text(encoding="utf-8"))["body"]["en"] == LONG_BODY


def test_a_reader_that_panics_is_a_located_error(tmp_path, capsys, monkeypatch):
    from campaignsite.spreadsheets import sheets
    from campaignsite.spreadsheets.workbooks import Inspected

    monkeypatch.setattr(sheets, "inspect_workbook", lambda *args: Inspected())  # let the reader meet the far cell
    site = copy_fixture("reading-festival", tmp_path / "site")
    assert main(["import", str(far_cell(tmp_path / "far.xlsx")), "--site", str(site)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "far.xlsx: cannot be read as a spreadsheet (its reader failed on it) — open it in the spreadsheet program "
        "and save it again as .xlsx",
        "1 error; nothing was written."]


def test_the_workbooks_entries_are_counted_as_they_unpack_not_as_they_claim(tmp_path, capsys):
    """A ZIP whose entry claims fewer bytes than it holds is refused by the ZIP's own check, not read further."""
    path = inline_bomb(tmp_path / "liar.xlsx", cells=3, length=1000)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as book:
        info = book.getinfo("xl/worksheets/sheet1.xml")
    size = info.file_size.to_bytes(4, "little")
    site = copy_fixture("reading-festival", tmp_path / "site")
    for start in range(len(data) - 4):  # the local header's size and the central directory's
        if bytes(data[start:start + 4]) == size:
            data[start:start + 4] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert main(["import", str(path), "--site", str(site)]) == 1
    assert capsys.readouterr().err.splitlines()[0].startswith("liar.xlsx: cannot be read as a spreadsheet (Bad CRC-32")
