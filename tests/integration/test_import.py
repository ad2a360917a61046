"""`import` and `export`: spreadsheets made here with xlsxwriter (and CSV in GB18030), imported into the festival
fixture; exact messages, re-import changing nothing, --dry-run, --prune, a write fault, and round trips."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter

from campaignsite.commands.cli import main
from campaignsite.spreadsheets.cells import COLUMNS
from tests.helpers import copy_fixture, run_build

HEAD = ["标题（中文） title.zh", "Title (English) title.en", "summary.zh", "summary.en", "body.zh", "body.en",
        "schedule.kind", "schedule.start", "schedule.end", "region", "slug"]


def row(zh: str, en: str, start: object = "2025-04-12", region: object = "广东", slug: str = "") -> list[object]:
    return [zh, en, f"{zh}简介", f"About {en}", f"{zh}正文", f"The text of {en}.", "days", start, start, region, slug]


def xlsx(path: Path, rows: list[list[object]], sheet: str = "Sheet1") -> Path:
    book = xlsxwriter.Workbook(str(path))
    page = book.add_worksheet(sheet)
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    for number, cells in enumerate(rows):
        for column, cell in enumerate(cells):
            if isinstance(cell, date):
                page.write_datetime(number, column, cell, dates)
            elif cell != "":
                page.write(number, column, cell)
    book.close()
    return path


def made(region: str, title: str) -> str:
    """The slug the import makes for a row without one."""
    return f"{region}-{hashlib.sha256(title.encode('utf-8')).hexdigest()[:16]}"


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_fixture("reading-festival", tmp_path)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


GOOD = [HEAD, row("读书会", "Reading circle", date(2025, 4, 12)), row("诗歌夜", "Poetry night", "2025/4/13  "),
        row("故事会", "Story hour", "２０２５年４月１４日", "national", "story-hour"), ["", "", ""]]


def test_a_sheet_becomes_one_file_per_row_and_importing_it_again_changes_nothing(site, tmp_path, capsys):
    sheet = xlsx(tmp_path / "local.xlsx", GOOD)
    assert run(capsys, "import", str(sheet), "--site", str(site))[:2] == (
        0, "Imported local.xlsx: 3 added, 0 updated, 0 unchanged.\n")
    written = files(site / "activities")
    assert sorted(written) == sorted([f"{made('440000', '读书会')}.yaml", f"{made('440000', '诗歌夜')}.yaml", "story-hour.yaml"])
    assert written["story-hour.yaml"].decode() == (
        "slug: story-hour\ntitle:\n  zh: 故事会\n  en: Story hour\nsummary:\n  zh: 故事会简介\n  en: About Story hour\n"
        "body:\n  zh: 故事会正文\n  en: The text of Story hour.\n"
        "schedule: {kind: days, start: 2025-04-14, end: 2025-04-14}\nregion: national\n"
        "in_notice: false\nimported_from: local.xlsx\n")
    assert run(capsys, "import", str(sheet), "--site", str(site))[1] == (
        "Imported local.xlsx: 0 added, 0 updated, 3 unchanged.\n")
    assert files(site / "activities") == written
    assert run_build("build", "--site", str(site)).returncode == 0


def test_an_edited_row_updates_its_file_a_new_row_adds_one_and_a_gone_one_is_removed_only_with_prune(
        site, tmp_path, capsys):
    run(capsys, "import", str(xlsx(tmp_path / "local.xlsx", GOOD)), "--site", str(site))
    edited = [HEAD, row("读书会", "Reading circle, revised", date(2025, 4, 12)), GOOD[3], row("新活动", "New one")]
    sheet = xlsx(tmp_path / "local.xlsx", edited)
    status, out, _ = run(capsys, "import", str(sheet), "--site", str(site), "--dry-run")
    assert out == ("Would import local.xlsx: 1 added, 1 updated, 1 unchanged; 1 no longer in local.xlsx, kept "
                   f"(--prune removes them): activities/{made('440000', '诗歌夜')}.yaml (dry run: nothing written).\n")
    assert len(files(site / "activities")) == 3
    assert run(capsys, "import", str(sheet), "--site", str(site))[1].startswith(
        "Imported local.xlsx: 1 added, 1 updated, 1 unchanged; 1 no longer in local.xlsx, kept")
    assert (site / "activities" / f"{made('440000', '诗歌夜')}.yaml").exists()
    (site / "activities" / "other.yaml").write_text(
        (site / "activities" / "story-hour.yaml").read_text(encoding="utf-8")
        .replace("story-hour", "other").replace("local.xlsx", "other.xlsx"), encoding="utf-8")
    assert run(capsys, "import", str(sheet), "--site", str(site), "--prune")[1] == (
        "Imported local.xlsx: 0 added, 0 updated, 3 unchanged; 1 no longer in local.xlsx, removed: "
        f"activities/{made('440000', '诗歌夜')}.yaml.\n")
    assert sorted(files(site / "activities")) == sorted([f"{made('440000', '新活动')}.yaml", "other.yaml",
                                                         f"{made('440000', '读书会')}.yaml", "story-hour.yaml"])


def test_every_mistake_of_every_row_is_reported_by_cell_and_nothing_is_written(site, tmp_path, capsys):
    sheet = xlsx(tmp_path / "bad.xlsx", [
        HEAD, row("读书会", "Reading circle", "2025-13-01"), row("诗歌夜", "Poetry night", region="Guangdongg"),
        row("读书会", "Again", "2025-04-12"), row("无英文", "", "2025-04-12"), row("", "No title")])
    status, out, err = run(capsys, "import", str(sheet), "--site", str(site))
    assert status == 1 and out == ""
    assert err.splitlines() == [
        "bad.xlsx: Sheet1!H2 (schedule.start): '2025-13-01' is not a date — write 2025-09-22",
        "bad.xlsx: Sheet1!I2 (schedule.end): '2025-13-01' is not a date — write 2025-09-22",
        f"bad.xlsx: Sheet1!K2 (slug): rows 2 and 4 have the same slug '{made('440000', '读书会')}' — give each row a slug of "
        "its own in the column Slug (or a different Chinese title)",
        "bad.xlsx: Sheet1!J3 (region): 'Guangdongg' is not a province, city or county of China — did you mean "
        "Guangdong, Shandong or Dandong? write its 6-digit code (440000, 330100), its name (广东省, 杭州, Hangzhou) or national (全国)",
        f"bad.xlsx: Sheet1!K4 (slug): rows 2 and 4 have the same slug '{made('440000', '读书会')}' — give each row a slug of "
        "its own in the column Slug (or a different Chinese title)",
        "bad.xlsx: Sheet1!B5 (title.en): the English title is missing — fill in the column Title (English) (or set "
        "site.translation_fallback: true in campaign.yaml to publish the original for now)",
        "bad.xlsx: Sheet1!A6 (title.zh): the Chinese title is missing — fill in the column Title (Chinese) (the row's "
        "slug is made from it), or give the row a slug",
        "7 errors; nothing was written."]
    assert not (site / "activities").exists()


def test_the_ordinary_validation_names_the_row(site, tmp_path, capsys):
    sheet = xlsx(tmp_path / "bad.xlsx", [HEAD + ["organisers"], row("读书会", "", "2025-04-12") + ["nobody"]])
    status, _, err = run(capsys, "import", str(sheet), "--site", str(site))
    assert err.splitlines() == [
        "bad.xlsx: Sheet1!B2 (title.en): the English title is missing — fill in the column Title (English) (or set "
        "site.translation_fallback: true in campaign.yaml to publish the original for now)",
        "bad.xlsx: Sheet1!L2 (organisers): there is no body with the slug 'nobody' — the bodies are: library, "
        "culture-bureau",
        "2 errors; nothing was written."]


@pytest.mark.parametrize("headings, message", [
    (HEAD + ["Colour colour"], "bad.xlsx: Sheet1!L1: 'Colour colour' does not end with a column's key — end the "
                               f"heading with one of: {', '.join(COLUMNS)}"),
    (HEAD + ["again title.en"], "bad.xlsx: Sheet1!L1: a second column 'title.en' — the first is column Sheet1!B1; "
                                "keep one of them"),
    (HEAD[1:], "bad.xlsx: Sheet1!A1: no column 'title.zh' — add a column headed '标题（中文） Title (Chinese) "
                "title.zh'"),
])
def test_unknown_repeated_and_missing_columns_are_errors(site, tmp_path, capsys, headings, message):
    sheet = xlsx(tmp_path / "bad.xlsx", [headings, row("读书会", "Reading circle")])
    assert run(capsys, "import", str(sheet), "--site", str(site))[2].splitlines()[0] == message


def test_a_gb18030_csv_with_missing_optional_columns_is_read(site, tmp_path, capsys):
    text = "title.zh,title.en,summary.zh,summary.en,body.zh,body.en,schedule.kind\r\n" \
           "读书会,Reading circle,简介,About,正文,Text.,campaign\r\n"
    (tmp_path / "gb.csv").write_bytes(text.encode("gb18030"))
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf" + text.replace("读书会", "诗歌夜").encode("utf-8"))
    assert run(capsys, "import", str(tmp_path / "gb.csv"), "--site", str(site))[1] == \
        "Imported gb.csv: 1 added, 0 updated, 0 unchanged.\n"
    assert run(capsys, "import", str(tmp_path / "bom.csv"), "--site", str(site))[1] == \
        "Imported bom.csv: 1 added, 0 updated, 0 unchanged.\n"
    assert "  zh: 读书会\n" in (site / "activities" / f"{made('activity', '读书会')}.yaml").read_text(encoding="utf-8")


def test_a_write_fault_leaves_every_file_unchanged(site, tmp_path, capsys):
    run(capsys, "import", str(xlsx(tmp_path / "local.xlsx", GOOD)), "--site", str(site))
    before = files(site)
    edited = [HEAD, row("读书会", "Changed", date(2025, 4, 12)), row("诗歌夜", "Changed too", "2025/4/13")]
    result = run_build("import", str(xlsx(tmp_path / "local.xlsx", edited)), "--site", str(site),
                       env={"CAMPAIGNSITE_FAULT": "source-write!ENOSPC", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "no space left on the disk — nothing was changed" in result.stderr
    assert files(site) == before


def test_template_filled_then_imported_builds_and_export_then_import_changes_nothing(site, tmp_path, capsys):
    template = tmp_path / "template.xlsx"
    assert run(capsys, "import", "--template", str(template))[0] == 0
    assert run(capsys, "import", str(template), "--site", str(site))[1:] == (
        "Imported template.xlsx: 0 added, 0 updated, 0 unchanged.\n",
        "template.xlsx: Activities!A2: note: the template's example row is skipped — delete it, or write an activity "
        "of your own over it\n")
    run(capsys, "import", str(xlsx(tmp_path / "local.xlsx", GOOD)), "--site", str(site))
    assert run_build("build", "--site", str(site)).returncode == 0
    for name in ("all.xlsx", "all.csv"):
        before = files(site)
        assert run(capsys, "export", str(tmp_path / name), "--site", str(site))[1] == f"Exported 6 activities to " \
            f"{tmp_path / name}.\n"
        assert run(capsys, "import", str(tmp_path / name), "--site", str(site))[1] == \
            f"Imported {name}: 0 added, 0 updated, 6 unchanged.\n"
        assert files(site) == before


def test_cities_and_counties_are_read_by_code_or_name_and_export_then_import_changes_nothing(site, tmp_path, capsys):
    sheet = xlsx(tmp_path / "cities.xlsx", [
        HEAD, row("读书会", "Reading circle", region="杭州"), row("诗歌夜", "Poetry night", region="Hangzhou"),
        row("故事会", "Story hour", region=330106), row("朗读会", "Read-aloud", region="330100 杭州市 Hangzhou")])
    assert run(capsys, "import", str(sheet), "--site", str(site))[:2] == (
        0, "Imported cities.xlsx: 4 added, 0 updated, 0 unchanged.\n")
    written = files(site / "activities")
    assert sorted(written) == sorted([f"{made('330100', '读书会')}.yaml", f"{made('330100', '诗歌夜')}.yaml",
                                      f"{made('330106', '故事会')}.yaml", f"{made('330100', '朗读会')}.yaml"])
    assert b"\nregion: '330106'\n" in written[f"{made('330106', '故事会')}.yaml"]
    assert run_build("build", "--site", str(site)).returncode == 0
    before = files(site)
    assert run(capsys, "export", str(tmp_path / "all.xlsx"), "--site", str(site))[0] == 0
    import python_calamine
    cells = python_calamine.CalamineWorkbook.from_path(str(tmp_path / "all.xlsx")).get_sheet_by_index(0).to_python()
    region = cells[0].index(next(h for h in cells[0] if str(h).endswith("region") or h == "省级地区"))
    assert sorted(str(line[region]) for line in cells[1:] if "3301" in str(line[region])) == [
        "330100 杭州市 Hangzhou", "330100 杭州市 Hangzhou", "330100 杭州市 Hangzhou", "330106 杭州市西湖区"]
    assert run(capsys, "import", str(tmp_path / "all.xlsx"), "--site", str(site))[1] == \
        "Imported all.xlsx: 0 added, 0 updated, 7 unchanged.\n"
    assert files(site) == before


def test_an_ambiguous_place_in_a_sheet_is_named_by_its_cell(site, tmp_path, capsys):
    sheet = xlsx(tmp_path / "bad.xlsx", [HEAD, row("读书会", "Reading circle", region="朝阳区")])
    assert run(capsys, "import", str(sheet), "--site", str(site))[2].splitlines() == [
        "bad.xlsx: Sheet1!J2 (region): '朝阳区' names more than one place: 110105 北京市朝阳区, 220104 长春市朝阳区 — "
        "write the 6-digit code of the one you mean", "1 error; nothing was written."]


def test_the_template_has_dropdowns_dates_and_instructions(tmp_path, capsys):
    import python_calamine

    run(capsys, "import", "--template", str(tmp_path / "t.xlsx"))
    book = python_calamine.CalamineWorkbook.from_path(str(tmp_path / "t.xlsx"))
    assert book.sheet_names == ["Activities", "Regions", "说明 Instructions"]
    rows = book.get_sheet_by_name("Activities").to_python()
    assert rows[0][0] == "标题（中文） Title (Chinese) title.zh" and rows[1][7] == date(2008, 9, 22)
    import zipfile
    sheet = zipfile.ZipFile(tmp_path / "t.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count("<dataValidation ") == 3 and '"campaign,days,months,window,deadline,unscheduled"' in sheet
    places = [row[0] for row in book.get_sheet_by_name("Regions").to_python()]
    assert places[:3] == ["national 全国", "110000 北京市 Beijing", "120000 天津市 Tianjin"] and len(places) == 35 + 365
    assert places.index("330100 杭州市 Hangzhou") == places.index("330000 浙江省 Zhejiang") + 1
    assert 'showErrorMessage="1"' not in sheet.split("<dataValidation ")[3]  # a county or a name may be typed


def test_a_named_sheet_is_read_and_a_missing_one_is_named_with_the_others(site, tmp_path, capsys):
    book = xlsxwriter.Workbook(str(tmp_path / "two.xlsx"))
    book.add_worksheet("Notes").write(0, 0, "nothing here")
    local = book.add_worksheet("广东")
    for number, cells in enumerate(GOOD[:2]):
        local.write_row(number, 0, [str(cell) for cell in cells])
    book.close()
    assert run(capsys, "import", str(tmp_path / "two.xlsx"), "--sheet", "广东", "--site", str(site))[1] == \
        "Imported two.xlsx: 1 added, 0 updated, 0 unchanged.\n"
    assert run(capsys, "import", str(tmp_path / "two.xlsx"), "--sheet", "Guangdong", "--site", str(site))[2] == \
        "two.xlsx: has no sheet named 'Guangdong' — its sheets are: Notes, 广东\n1 error; nothing was written.\n"
    assert run(capsys, "import", str(tmp_path / "two.xlsx"), "--site", str(site))[2].splitlines()[0] == \
        "two.xlsx: Notes!A1: 'nothing here' does not end with a column's key — end the heading with one of: " \
        f"{', '.join(COLUMNS)}"


@pytest.mark.parametrize("name, data, message", [
    ("list.txt", b"x", "list.txt: is not a spreadsheet this tool reads — save it as .xlsx, .xls, .ods or .csv"),
    ("fake.xlsx", b"not a zip", "fake.xlsx: cannot be read as a spreadsheet"),
    ("latin.csv", b"\xef\xbb\xbf\xff", "latin.csv: is neither UTF-8 nor GB18030 text — save it from the spreadsheet "
                                      "as 'CSV UTF-8', or as .xlsx"),
    ("empty.csv", b"", "empty.csv: the sheet is empty — fill in the template that `import --template FILE.xlsx` "
                       "writes"),
])
def test_a_file_that_is_no_sheet_of_activities_is_named(site, tmp_path, capsys, name, data, message):
    (tmp_path / name).write_bytes(data)
    status, _, err = run(capsys, "import", str(tmp_path / name), "--site", str(site))
    assert status == 1 and err.startswith(message)
