"""Spreadsheet cells and rows, in memory: every form of a date, full-width digits, regions, the columns, slugs, and an
activity's row read back as the same activity; the activity files' YAML read back as the same data."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest
import yaml

from campaignsite.spreadsheets.cells import (
    CellProblem,
    clean_text,
    read_cell,
    read_date,
    read_region,
    region_cell,
    text_of,
)
from campaignsite.spreadsheets.edit import activity_yaml, scalar
from campaignsite.spreadsheets.rows import activity_cells, read_rows
from campaignsite.spreadsheets.sheets import Sheet, column_letter, decode_csv


@pytest.mark.parametrize("cell, value", [
    (date(2008, 9, 22), date(2008, 9, 22)), (datetime(2008, 9, 22, 0, 0), date(2008, 9, 22)),
    ("2008-09-22", date(2008, 9, 22)), ("2008/9/22", date(2008, 9, 22)), ("2008年9月22日", date(2008, 9, 22)),
    ("２００８年９月２２日", date(2008, 9, 22)), ("２００８－０９－２２", date(2008, 9, 22)), (" 2008-9-2 ", date(2008, 9, 2)),
    ("2008-07", "2008-07"), ("2008/7", "2008-07"), ("2008年7月", "2008-07"),
])
def test_a_date_is_read_in_every_form_people_write(cell, value):
    assert read_date(cell, 2008) == value


@pytest.mark.parametrize("cell", ["2008-13-01", "2008-02-30", "22/9/2008", "next week", 39713.0, "2008-13"])
def test_what_is_not_a_date_says_how_to_write_one(cell):
    assert read_date(cell, 2008) == CellProblem(f"'{text_of(cell)}' is not a date", "write 2008-09-22")


@pytest.mark.parametrize("cell, code", [
    ("440000", "440000"), (440000.0, "440000"), ("４４００００", "440000"), ("广东省", "440000"), ("广东", "440000"),
    ("guangdong", "440000"), ("440000 广东省 Guangdong", "440000"), ("national", "national"), ("全国", "national"),
    ("national 全国", "national"), ("330100", "330100"), (330100.0, "330100"), ("杭州", "330100"),
    ("杭州市", "330100"), ("HANGZHOU", "330100"), ("330100 杭州市 Hangzhou", "330100"), ("330106 杭州市西湖区", "330106"),
    ("东城区", "110101"),
])
def test_a_region_is_a_code_a_name_or_the_templates_choice(cell, code):
    assert read_region(cell) == code


@pytest.mark.parametrize("code", ["440000", "national", "330100", "330106", "110101", "513300"])
def test_the_exports_region_cell_reads_back_as_its_code(code):
    assert read_region(region_cell(code)) == code


def test_an_unknown_region_gets_a_did_you_mean():
    assert read_region("Guangdon") == CellProblem(
        "'Guangdon' is not a province, city or county of China",
        "did you mean Guangdong, Guangxi or Shandong? write its 6-digit code (440000, 330100), its name (广东省, 杭州, Hangzhou) or national (全国)")


def test_an_ambiguous_place_lists_the_codes_it_may_mean():
    assert read_region("朝阳区") == CellProblem(
        "'朝阳区' names more than one place: 110105 北京市朝阳区, 220104 长春市朝阳区",
        "write the 6-digit code of the one you mean")


@pytest.mark.parametrize("key, cell, value", [
    ("title.zh", "  读书会  ", "读书会"), ("body.en", "Line one  \r\nline two \n\n", "Line one\nline two"),
    ("title.en", "   ", None), ("title.zh", "", None), ("summary.en", 12.0, "12"), ("summary.en", 1.5, "1.5"),
    ("schedule.kind", " Days ", "days"), ("schedule.time", time(9, 30), "09:30"),
    ("schedule.time", "０９：００", "09:00"), ("slug", " ｂｏｏｋ-fair ", "book-fair"),
    ("organisers", "library, culture-bureau、press", ["library", "culture-bureau", "press"]),
    ("online", True, True), ("online", False, None), ("online", "是", True), ("online", "否", None),
    ("online", "https://example.org/join", "https://example.org/join"),
    ("place.zh", "第１会场", "第１会场"),  # a text keeps its full-width characters
])
def test_a_cell_becomes_the_value_an_activity_file_holds(key, cell, value):
    assert read_cell(key, cell, 2008) == value


def test_columns_are_lettered_like_a_spreadsheet():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_csv_text_is_utf8_with_or_without_bom_else_gb18030():
    assert decode_csv("读书会".encode()) == "读书会"
    assert decode_csv(b"\xef\xbb\xbf" + "读书会".encode()) == "读书会"
    assert decode_csv("读书会".encode("gb18030")) == "读书会"
    assert decode_csv(b"\xef\xbb\xbf\xff\xfe") is None


def sheet(*rows: tuple) -> Sheet:
    return Sheet("s.xlsx", "Sheet1", tuple((n, tuple(cells)) for n, cells in enumerate(rows, start=1)))


ACTIVITY = {"slug": "fair", "title": {"zh": "书市", "en": "Fair: books"}, "summary": {"zh": "简介", "en": "About"},
            "body": {"zh": "正文\n\n第二段", "en": "Text"},
            "schedule": {"kind": "months", "start": "2008-07", "end": "2008-09"}, "region": "440000",
            "city": {"zh": "广州", "en": "Guangzhou"}, "online": True, "organisers": ["library", "press"]}


def test_an_activity_exported_as_a_row_reads_back_as_the_same_activity():
    from campaignsite.spreadsheets.cells import COLUMNS
    from campaignsite.spreadsheets.files import heading

    found = read_rows(sheet([heading(key) for key in COLUMNS], activity_cells(ACTIVITY)), 2008)
    assert found.problems == [] and found.rows[0].activity == ACTIVITY


def test_rows_empty_or_blank_are_skipped_and_a_slug_is_made_from_region_and_title():
    found = read_rows(sheet(("", ""), ("title.zh", "region", "schedule.kind"), ("  ", ""),
                            ("读书会 ", "广东", "campaign"), ("诗歌夜", "", "campaign")), 2008)
    assert [(row.number, row.slug) for row in found.rows] == [(4, "440000-d007a9ee86546699"), (5, "activity-d210c09b10012d0a")]


def test_a_month_written_as_a_date_is_a_month_for_the_kind_months():
    found = read_rows(sheet(("title.zh", "schedule.kind", "schedule.start"), ("书市", "months", date(2008, 7, 1))),
                      2008)
    assert found.rows[0].activity["schedule"] == {"kind": "months", "start": "2008-07"}


@pytest.mark.parametrize("text", ["a: b", "yes", "440000", "2008-07", "- x", " lead", "trail ", "x\ty", "It's",
                                  "#x", "{x}", "@x", "null", "~", "09:00", "a\\b", "\u2028", "第1项", "Story hour"])
def test_every_text_is_written_as_yaml_that_reads_back_as_itself(text):
    assert yaml.safe_load(f"k: {scalar(text)}")["k"] == text


@pytest.mark.parametrize("body", ["one\ntwo", "one\n\ntwo\n", "a\n\n", "  x\ny", "x \ny", "x\n\ty", "\nx",
                                  "a\u2028b\nc"])
def test_an_activity_file_reads_back_as_its_data(body):
    data = {**ACTIVITY, "body": {"zh": body, "en": "Text"}, "in_notice": False, "imported_from": "a.xlsx"}
    assert yaml.safe_load(activity_yaml(data)) == data


def test_texts_lose_only_the_spaces_at_line_ends():
    assert clean_text("  a  \n  b  ") == "a\n  b"


def test_the_columns_are_the_activity_schemas_keys_but_those_the_import_keeps_itself():
    from campaignsite.spreadsheets.cells import COLUMNS, HEADINGS, MANAGED
    from campaignsite.validate.schema import field_names

    tops = {key.split(".")[0] for key in COLUMNS}
    assert tops == set(field_names("activity")) - set(MANAGED)
    assert {key.split(".")[1] for key in COLUMNS if key.startswith("schedule.")} == set(field_names("schedule"))
    assert COLUMNS[-1] == "slug" and all(HEADINGS[key][1] != key for key in COLUMNS)  # each has words of its own


def test_a_made_slug_has_64_bits_and_remembers_the_32_bit_one_older_imports_made():
    found = read_rows(sheet(("title.zh", "schedule.kind"), ("读书会", "campaign")), 2008)
    assert (found.rows[0].slug, found.rows[0].old_slug) == ("activity-d007a9ee86546699", "activity-d007a9ee")


def test_a_formula_and_an_error_cell_are_problems_at_their_cell_never_values():
    from campaignsite.spreadsheets.sheets import Sheet

    made = Sheet("s.xlsx", "Sheet1", ((1, ("title.zh", "title.en", "schedule.kind")), (2, ("读书会", 2.0, "")),
                                      (3, ("诗歌夜", "Poetry", "")), ), formulas={(2, 1): "1+1"},
                 errors={(3, 2): "#DIV/0!"})
    found = read_rows(made, 2008)
    assert [str(problem) for problem in found.problems] == [
        "s.xlsx: Sheet1!B2 (title.en): the cell holds a formula (=1+1); the import does not take a formula's result "
        "— type the value itself into the cell (copy the cell, then paste it as values)",
        "s.xlsx: Sheet1!C3 (schedule.kind): the cell shows the error #DIV/0! of a formula — correct the formula, or "
        "type the value itself into the cell"]
    assert [(row.number, sorted(row.bad)) for row in found.rows] == [(2, ["title.en"]), (3, ["schedule.kind"])]


LISTED = """# kept by hand
activities:
  - slug: fair  # the fair
    title: {zh: 书市, en: Book fair}
    body:
      zh: |
        正文
      en: |
        Text
    schedule: {kind: days, start: 2008-09-22, end: 2008-09-22}
    place:
      zh: 图书馆
      en: Library
    organisers: [library]
  - slug: other
    title: {zh: 其他, en: Other}
"""


def test_an_item_of_activities_yaml_is_edited_in_place_key_by_key():
    from campaignsite.spreadsheets.edit import edit_activity

    data = yaml.safe_load(LISTED)
    text, after = edit_activity(LISTED, ("activities", 0), data["activities"][0], {
        "title.en": "Book fair, again", "place.zh": None, "place.en": None, "status": "cancelled",
        "schedule.time": "09:00", "city.zh": "广州", "city.en": "Guangzhou"})
    assert text == LISTED.replace("en: Book fair}", "en: \"Book fair, again\"}").replace(
        "end: 2008-09-22}", "end: 2008-09-22, time: '09:00'}").replace(
        "    place:\n      zh: 图书馆\n      en: Library\n", "    city:\n      zh: 广州\n      en: Guangzhou\n").replace(
        "    organisers: [library]\n", "    organisers: [library]\n    status: cancelled\n")
    assert yaml.safe_load(text)["activities"][0] == after


def test_a_workbook_over_its_budget_is_refused_at_its_farthest_cell(tmp_path):
    from campaignsite.errors import SiteError
    from campaignsite.spreadsheets.workbooks import Budget, inspect_workbook
    from tests.bombs import workbook

    path = workbook(tmp_path / "w.xlsx", '<row r="3"><c r="C3"><v>1</v></c></row>', dimension="A1:C3")
    assert inspect_workbook(path, "w.xlsx", Budget(cells=9)).sheets["Sheet1"].formulas == {}
    with pytest.raises(SiteError) as refused:
        inspect_workbook(path, "w.xlsx", Budget(cells=8))
    assert str(refused.value.problems[0]).startswith(
        "w.xlsx: Sheet1!C3: the sheet reaches column C, row 3: 9 cells from A1; a sheet is read within 8 — ")
