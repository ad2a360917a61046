"""An import merges, never replaces: a row changes only the keys its sheet has columns for, in place, wherever the
activity lives (its own file or its item of activities.yaml), and every campaign exported and imported again is
left byte for byte as it was; the sheet's warnings and notes are shown when the import succeeds."""
from __future__ import annotations

import difflib
import hashlib
import shutil
from pathlib import Path

import pytest

from campaignsite.commands.cli import main
from tests.helpers import FIXTURES, REPO, copy_fixture
from tests.integration.test_import import GOOD, HEAD, row, xlsx

CAMPAIGN_FILES = ("campaign.yaml", "activities.yaml", "slogans.yaml", "glossary.yaml", "translations.lock",
                  "content", "templates", "assets", "activities")


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def everything(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_fixture("reading-festival", tmp_path)


def test_a_reimport_keeps_the_status_its_note_and_every_key_without_a_column(site, tmp_path, capsys):
    run(capsys, "import", str(xlsx(tmp_path / "local.xlsx", GOOD)), "--site", str(site))
    story = site / "activities" / "story-hour.yaml"
    by_hand = story.read_text(encoding="utf-8").replace(
        "region: national\n", "region: national  # across the country\nstatus: cancelled\nstatus_note:\n"
        "  zh: 因天气取消\n  en: Called off for the weather\nonline: true\n")
    story.write_text(by_hand, encoding="utf-8")
    corrected = [HEAD, GOOD[1], GOOD[2], row("故事会", "Story hour for children", "２０２５年４月１４日", "national",
                                             "story-hour")]
    assert run(capsys, "import", str(xlsx(tmp_path / "local.xlsx", corrected)), "--site", str(site))[1] == \
        "Imported local.xlsx: 0 added, 1 updated, 2 unchanged.\n"
    assert changed_lines(by_hand, story.read_text(encoding="utf-8")) == [
        "-   en: Story hour", "+   en: Story hour for children", "-   en: About Story hour",
        "+   en: About Story hour for children", "-   en: The text of Story hour.",
        "+   en: The text of Story hour for children."]


def test_status_and_its_note_are_columns_and_an_emptied_cell_removes_its_key(site, tmp_path, capsys):
    head = [*HEAD, "状态 Status status", "status_note.zh", "status_note.en", "place.zh", "place.en"]
    first = [head, [*row("故事会", "Story hour", slug="story-hour"), "", "", "", "图书馆", "Library"]]
    run(capsys, "import", str(xlsx(tmp_path / "local.xlsx", first)), "--site", str(site))
    story = site / "activities" / "story-hour.yaml"
    imported = story.read_text(encoding="utf-8")
    cancelled = [head, [*row("故事会", "Story hour", slug="story-hour"), "cancelled", "因雨取消", "Rained off", "", ""]]
    assert run(capsys, "import", str(xlsx(tmp_path / "local.xlsx", cancelled)), "--site", str(site))[:2] == (
        0, "Imported local.xlsx: 0 added, 1 updated, 0 unchanged.\n")
    assert changed_lines(imported, story.read_text(encoding="utf-8")) == [
        "- place:", "-   zh: 图书馆", "-   en: Library", "+ status: cancelled", "+ status_note:", "+   zh: 因雨取消", "+   en: Rained off"]


def test_an_activity_of_activities_yaml_is_edited_in_place_there(tmp_path, capsys):
    site = tmp_path / "starter"
    shutil.copytree(REPO / "campaignsite" / "starter", site)
    listed = (site / "activities.yaml").read_text(encoding="utf-8")
    head = ["title.zh", "title.en", "schedule.kind", "status", "slug"]
    sheet = xlsx(tmp_path / "fix.xlsx", [head, ["安全生产月启动仪式", "Launch of the Work Safety Month", "days",
                                               "postponed", "launch-ceremony"]])
    assert run(capsys, "import", str(sheet), "--site", str(site))[1] == \
        "Imported fix.xlsx: 0 added, 1 updated, 0 unchanged.\n"
    assert changed_lines(listed, (site / "activities.yaml").read_text(encoding="utf-8")) == [
        "-     title: {zh: 安全生产月启动仪式, en: Launch Ceremony of the Work Safety Month}",
        "+     title: {zh: 安全生产月启动仪式, en: Launch of the Work Safety Month}",
        "+     status: postponed"]
    assert not (site / "activities").exists()


def campaigns() -> list[Path]:
    found = [REPO, REPO / "campaignsite" / "starter"]
    return found + sorted(folder for folder in FIXTURES.iterdir() if (folder / "campaign.yaml").is_file())


@pytest.mark.parametrize("campaign", campaigns(), ids=lambda folder: folder.name)
def test_export_then_import_changes_no_byte_of_any_campaign(campaign, tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    for name in CAMPAIGN_FILES:
        if (campaign / name).is_dir():
            shutil.copytree(campaign / name, site / name)
        elif (campaign / name).is_file():
            shutil.copy2(campaign / name, site / name)
    before = everything(site)
    for name in ("all.xlsx", "all.csv"):
        exported = run(capsys, "export", str(tmp_path / name), "--site", str(site))[1]
        count = int(exported.split()[1])
        assert run(capsys, "import", str(tmp_path / name), "--site", str(site))[1:] == (
            f"Imported {name}: 0 added, 0 updated, {count} unchanged.\n", "")
    assert everything(site) == before


def test_a_formula_like_text_is_guarded_in_the_csv_and_read_back_as_itself(site, tmp_path, capsys):
    (site / "activities").mkdir()
    (site / "activities" / "attack.yaml").write_text(
        "slug: attack\ntitle:\n  zh: 故事会\n  en: \"=cmd|' /C calc'!A0\"\nsummary: {zh: 简介, en: \"+1\"}\n"
        "body: {zh: 正文, en: \"@SUM(1)\"}\nschedule: {kind: campaign}\n", encoding="utf-8")
    before = everything(site)
    run(capsys, "export", str(tmp_path / "all.csv"), "--site", str(site))
    exported = (tmp_path / "all.csv").read_text(encoding="utf-8-sig").splitlines()[-1]
    assert exported.startswith("故事会,'=cmd|' /C calc'!A0,简介,'+1,正文,'@SUM(1),campaign,")
    assert run(capsys, "import", str(tmp_path / "all.csv"), "--site", str(site))[1] == \
        "Imported all.csv: 0 added, 0 updated, 4 unchanged.\n"
    assert everything(site) == before


def test_warnings_and_notes_are_shown_when_the_import_succeeds(site, tmp_path, capsys):
    template = tmp_path / "work" / "template.xlsx"
    template.parent.mkdir()
    assert run(capsys, "import", "--template", str(template))[1] == (
        f"Wrote the template {template}: fill in one activity a row, then run 'campaignsite import {template} "
        "--site .'.\n")
    sheet = xlsx(tmp_path / "far.xlsx", [HEAD, row("示例：质量开放日", "Example: quality open day"),
                                         row("读书会", "Reading circle", "2027-04-12", slug="circle")])
    assert run(capsys, "import", str(sheet), "--site", str(site)) == (
        0, "Imported far.xlsx: 1 added, 0 updated, 0 unchanged.\n",
        "far.xlsx: Sheet1!A2: note: the template's example row is skipped — delete it, or write an activity of your "
        "own over it\n"
        "far.xlsx: Sheet1!H3 (schedule.start): warning: the activity is dated more than a year away from the "
        "campaign (2025-04-01 to 2025-04-30) — check the year\n")


def test_a_row_on_a_slug_of_activities_yaml_updates_it_and_hides_no_other_rows_mistake(site, tmp_path, capsys):
    sheet = xlsx(tmp_path / "mixed.xlsx", [HEAD, row("书市", "Book fair", slug="book-fair"),
                                           row("诗歌夜", "", slug="poetry")])
    assert run(capsys, "import", str(sheet), "--site", str(site))[2].splitlines() == [
        "mixed.xlsx: Sheet1!B3 (title.en): the English title is missing — fill in the column Title (English) (or set "
        "site.translation_fallback: true in campaign.yaml to publish the original for now)",
        "1 error; nothing was written."]


def test_an_activity_imported_with_a_32_bit_slug_is_updated_not_doubled(site, tmp_path, capsys):
    old = f"440000-{hashlib.sha256('读书会'.encode()).hexdigest()[:8]}"
    run(capsys, "import", str(xlsx(tmp_path / "local.xlsx", [HEAD, row("读书会", "Reading circle", slug=old)])),
        "--site", str(site))
    assert run(capsys, "import", str(xlsx(tmp_path / "local.xlsx", [HEAD, row("读书会", "Reading circles")])),
               "--site", str(site))[1] == "Imported local.xlsx: 0 added, 1 updated, 0 unchanged.\n"
    assert sorted(p.name for p in (site / "activities").iterdir()) == [f"{old}.yaml"]


def test_a_file_with_a_bom_and_crlf_line_ends_keeps_them_where_a_row_changes_it(site, tmp_path, capsys):
    run(capsys, "import", str(xlsx(tmp_path / "local.xlsx", GOOD)), "--site", str(site))
    story = site / "activities" / "story-hour.yaml"
    story.write_bytes(b"\xef\xbb\xbf" + story.read_bytes().replace(b"\n", b"\r\n"))
    before = story.read_bytes()
    edited = [[*HEAD, "place.zh", "place.en"], [*row("故事会", "Story hour", "2025-04-14", "national", "story-hour"),
                                                "礼堂", "Hall"]]
    run(capsys, "import", str(xlsx(tmp_path / "local.xlsx", edited)), "--site", str(site))
    assert story.read_bytes() == before.replace(b"region: national\r\n",
                                                "place:\r\n  zh: 礼堂\r\n  en: Hall\r\nregion: national\r\n".encode())
