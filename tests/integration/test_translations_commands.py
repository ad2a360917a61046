"""The `translations` commands on a copy of the reading-festival campaign, as an author and a translator use them:
a Chinese edit reported stale at its line, an export edited as a translator would (XLIFF in an XML editor, PO in a
text editor) and imported back changing only those values, refused imports and write failures leaving every file
as it was; the shipped records current; build and check never writing the record."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from lxml import etree

from campaignsite.faults import VARIABLE
from campaignsite.load import THEME_DIR
from campaignsite.translations.record import LOCK_FILE, entry, format_record
from campaignsite.translations.status import load_translations
from tests.helpers import REPO, copy_fixture, read_page, run_build

XLIFF = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
FAIR = "activities.yaml:activities[book-fair].title"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "output" not in p.relative_to(folder).parts}


def festival(tmp_path: Path) -> Path:
    """The reading-festival fixture without its page of Markdown elements (kept for the browser gates):
    the tables below count one content page."""
    made = copy_fixture("reading-festival", tmp_path)
    for guide in (made / "content").glob("guide.*.md"):
        guide.unlink()
    return made


def translations(site: Path, *args: str, env: dict | None = None):
    return run_build("translations", *args, "--site", str(site), env=env)


@pytest.fixture
def site(tmp_path) -> Path:
    """The campaign, its English recorded as current."""
    made = festival(tmp_path)
    assert translations(made, "accept").returncode == 0
    return made


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_campaign_without_a_record_is_all_untracked_and_one_line_says_how_to_start(tmp_path):
    made = festival(tmp_path)
    result = translations(made, "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "file              fields    current      stale    missing  untracked",
        "campaign.yaml         14          0          0          0         14",
        "activities.yaml       10          0          0          0         10",
        "slogans.yaml           2          0          0          0          2",
        "content/visit.md       3          0          0          0          3",
        "total                 29          0          0          0         29",
        "No translations.lock yet: run `translations accept` to record the English there is as current; from then "
        "on a change to the Chinese shows its English as stale.",
        "translations: 29 fields: 0 current, 0 stale, 0 missing, 0 untracked".replace("0 untracked", "29 untracked"),
    ]
    accepted = translations(made, "accept")
    assert accepted.stdout == "accept: 29 fields recorded as current (before: 29 untracked); translations.lock written\n"
    assert (made / LOCK_FILE).read_text(encoding="utf-8").startswith("# translations.lock")


def test_a_chinese_edit_is_stale_and_a_missing_english_missing_each_at_its_line(site):
    edit(site / "activities.yaml", "title: {zh: 春季书市, en: Spring Book Fair}", "title: {zh: 春季大书市, en: Spring Book Fair}")
    edit(site / "activities.yaml", "en: The talks take place in the district libraries.", "en: ''")
    edit(site / "content/visit.zh.md", "各场馆均可乘坐公共交通到达。", "各场馆均可乘坐地铁到达。")
    result = translations(site, "status")
    assert result.returncode == 0
    assert result.stdout.splitlines()[2] == "activities.yaml       10          8          1          1          0"
    assert result.stdout.splitlines()[6:] == [
        'activities.yaml:3:17: activities[book-fair].title: stale — the Chinese changed: "春季书市" → "春季大书市"; '
        "update the English in activities.yaml, or, if it still says the same, run "
        "`translations accept activities.yaml:activities[book-fair].title`",
        "activities.yaml:22:11: activities[author-talks].body: missing — add 'en: …' after its 'zh:', or have it "
        "translated (`translations export`)",
        'content/visit.zh.md:5:1: body: stale — the Chinese changed: "各场馆均可乘坐公共交通到达。\\n" → '
        '"各场馆均可乘坐地铁到达。\\n"; update the English in content/visit.en.md, or, if it still says the same, run '
        "`translations accept content/visit.md`",
        "translations: 29 fields: 26 current, 2 stale, 1 missing, 0 untracked",
    ]
    assert translations(site, "--strict").returncode == 1


def export(site: Path, form: str, *args: str) -> Path:
    output = site.parent / f"for-the-translator.{form}"
    result = translations(site, "export", "--format", {"xlf": "xliff"}.get(form, form), "--output", str(output), *args)
    assert result.returncode == 0, result.stderr
    return output


def test_an_xliff_edited_as_a_translator_would_comes_back_into_the_campaign_and_the_build(site):
    edit(site / "activities.yaml", "title: {zh: 春季书市, en: Spring Book Fair}", "title: {zh: 春季大书市, en: Spring Book Fair}")
    edit(site / "slogans.yaml", "text: {zh: 好书共分享, en: Good books for everyone}", "text: {zh: 好书共分享}")
    exported = export(site, "xlf")
    root = etree.parse(str(exported)).getroot()
    units = {unit.get("id"): unit for unit in root.iterfind(".//x:trans-unit", XLIFF)}
    assert sorted(units) == [FAIR, "slogans.yaml:slogans[books-for-all].text"]
    target = units[FAIR].find("x:target", XLIFF)
    assert target.get("state") == "needs-review-translation"
    target.text, target.attrib["state"] = "Great Spring Book Fair", "translated"  # as a CAT tool confirms it
    etree.SubElement(units["slogans.yaml:slogans[books-for-all].text"], f"{{{XLIFF['x']}}}target").text = "Books shared"
    exported.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    before = snapshot(site)
    result = translations(site, "import", str(exported))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("import: 2 units recorded as current, 2 English texts written in 2 files; "
                             "translations.lock written\n")
    after = snapshot(site)
    assert {name for name in after if after[name] != before.get(name)} == {"activities.yaml", "slogans.yaml", LOCK_FILE}
    assert after["activities.yaml"] == before["activities.yaml"].replace(
        b"en: Spring Book Fair}", b"en: Great Spring Book Fair}")
    assert after["slogans.yaml"] == before["slogans.yaml"].replace(
        "{zh: 好书共分享}".encode(), "{zh: 好书共分享, en: Books shared}".encode())
    assert translations(site, "--strict").stdout.endswith("29 current, 0 stale, 0 missing, 0 untracked\n")
    assert run_build("build", "--site", str(site)).returncode == 0
    page = read_page(site / "output", "en/activities/book-fair/index.html")
    assert "Great Spring Book Fair" in page.text()


def test_a_po_edited_in_a_text_editor_comes_back_and_a_unit_left_fuzzy_stays_stale(site):
    edit(site / "activities.yaml", "zh: 书市在中心广场举办，**免费入场**。", "zh: 书市在中心广场举办，**免费入场**，欢迎光临。")
    edit(site / "activities.yaml", "title: {zh: 作家讲座, en: Author Talks}", "title: {zh: 作家见面会, en: Author Talks}")
    exported = export(site, "po")
    text = exported.read_text(encoding="utf-8")
    fair = ('#, fuzzy\n#| msgid "书市在中心广场举办，**免费入场**。"\nmsgctxt "activities.yaml:activities[book-fair].body"\n'
            'msgid "书市在中心广场举办，**免费入场**，欢迎光临。"\nmsgstr "The fair is held on Central Square. **Entry is free.**"')
    assert fair in text
    exported.write_text(text.replace(fair, fair.split("\n", 2)[2].replace(
        "**Entry is free.**", "**Entry is free.** All are welcome.")), encoding="utf-8")
    result = translations(site, "import", str(exported))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{exported}: activities.yaml:activities[author-talks].title: skipped — still marked for review (fuzzy, "
        "needs-review): clear the mark when the English is done, and import it again",
        "import: 1 unit recorded as current, 1 English text written in 1 file, 1 skipped; translations.lock written"]
    assert "en: The fair is held on Central Square. **Entry is free.** All are welcome.\n" in \
        (site / "activities.yaml").read_text(encoding="utf-8")
    assert translations(site).stdout.endswith("28 current, 1 stale, 0 missing, 0 untracked\n")


@pytest.mark.parametrize("form", ["xlf", "po"])
def test_an_export_imported_as_it_is_changes_no_byte_of_the_campaign(site, form):
    edit(site / "campaign.yaml", "name: {zh: 2025年全民阅读节", "name: {zh: 2025年全民读书节")
    before = snapshot(site)
    exported = export(site, form, "--only", "all")
    result = translations(site, "import", str(exported))
    assert result.returncode == 0, result.stderr
    assert snapshot(site) == before  # the stale unit comes back still marked for review: skipped


def test_a_refused_import_names_every_unit_and_why_and_writes_nothing(site):
    edit(site / "activities.yaml", "title: {zh: 春季书市, en: Spring Book Fair}", "title: {zh: 春季书市}")
    exported = export(site, "po", "--only", "all")
    text = exported.read_text(encoding="utf-8")
    text = text.replace('msgid "春季书市"\nmsgstr ""', 'msgid "春季书市"\nmsgstr "Spring fair \x1b[31m"')
    text = text.replace('msgctxt "slogans.yaml:slogans[read-every-day].text"', 'msgctxt "slogans.yaml:slogans[x].text"')
    exported.write_text(text, encoding="utf-8")
    edit(site / "campaign.yaml", "name: {zh: 2025年全民阅读节", "name: {zh: 2025年全民读书节")
    before = snapshot(site)
    result = translations(site, "import", str(exported))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f'{exported}: activities.yaml:activities[book-fair].title: the English holds a control character, U+001B',
        f'{exported}: campaign.yaml:name: the Chinese changed after the export: "2025年全民阅读节" → "2025年全民读书节"; '
        "export it again and translate the new Chinese",
        f"{exported}: slogans.yaml:slogans[x].text: the campaign has no such field (it was renamed or removed after "
        "the export)",
        "3 errors; nothing was written."]
    assert snapshot(site) == before


@pytest.mark.parametrize("errno_name", ["ENOSPC", "EACCES"])
def test_a_failure_to_write_is_one_located_line_and_changes_nothing(site, errno_name):
    exported = export(site, "po", "--only", "all")
    edit(exported, 'msgstr "Spring Book Fair"', 'msgstr "The Spring Book Fair"')
    before = snapshot(site)
    result = translations(site, "import", str(exported), env={**os.environ, VARIABLE: f"source-write!{errno_name}"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    cause = {"ENOSPC": "no space left on the disk — free some space",
             "EACCES": "permission denied — make the file and its folder writable"}[errno_name]
    assert result.stderr.startswith(f"activities.yaml: {cause}")
    assert result.stderr.endswith(", then run it again: nothing was changed\n1 error; nothing was written.\n")
    assert snapshot(site) == before


def test_accept_takes_a_field_a_file_or_everything_and_refuses_an_unknown_name(site):
    edit(site / "activities.yaml", "title: {zh: 春季书市", "title: {zh: 春季大书市")
    edit(site / "content/visit.zh.md", "title: 参观指南", "title: 参观须知")
    result = translations(site, "accept", FAIR)
    assert result.stdout == "accept: 1 field recorded as current (before: 1 stale); translations.lock written\n"
    result = translations(site, "accept", "content/visit.zh.md")
    assert result.stdout == ("accept: 3 fields recorded as current (before: 2 current, 1 stale); "
                             "translations.lock written\n")
    again = translations(site, "accept")
    assert again.stdout == "accept: 29 fields recorded as current (before: 29 current); translations.lock unchanged\n"
    wrong = translations(site, "accept", "activities.yaml:activities[nope].title")
    assert wrong.returncode == 1 and wrong.stderr.startswith(
        "activities.yaml:activities[nope].title: no translated field, file or folder of the campaign has this name")


def test_build_and_check_never_write_the_record(tmp_path):
    made = festival(tmp_path)
    assert run_build("build", "--site", str(made)).returncode == 0
    assert run_build("check", "--site", str(made)).returncode == 0
    assert not (made / LOCK_FILE).exists()


@pytest.mark.parametrize("folder", [REPO, REPO / "campaignsite" / "starter"], ids=["default", "starter"])
def test_the_shipped_records_are_current_made_again_they_are_the_same_bytes(folder):
    made = load_translations(folder, THEME_DIR)
    record = {field.id: entry(field.zh) for field in made.fields if field.en is not None}
    assert (folder / LOCK_FILE).read_text(encoding="utf-8") == format_record(record), \
        f"run: python build.py translations accept --site {folder.relative_to(REPO)}"


def test_init_writes_the_starter_s_record(tmp_path):
    assert run_build("init", str(tmp_path / "new")).returncode == 0
    assert (tmp_path / "new" / LOCK_FILE).read_bytes() == (REPO / "campaignsite/starter" / LOCK_FILE).read_bytes()
    assert translations(tmp_path / "new", "--strict").returncode == 0



def test_in_the_activities_folder_and_for_a_missing_english_page(tmp_path):
    made = festival(tmp_path)
    data = yaml.safe_load((made / "activities.yaml").read_text(encoding="utf-8"))["activities"]
    (made / "activities.yaml").unlink()
    (made / "activities").mkdir()
    for number, item in enumerate(data, start=1):
        (made / "activities" / f"{number:02d}-{item['slug']}.yaml").write_text(
            yaml.safe_dump(item, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert translations(made, "accept").returncode == 0
    (made / "content" / "visit.en.md").unlink()
    edit(made / "activities" / "02-reading-marathon.yaml", "zh: 阅读马拉松", "zh: 全民阅读马拉松")
    status = translations(made, "--strict")
    assert status.returncode == 1
    assert status.stdout.splitlines()[2:5] == [
        "activities/01-book-fair.yaml              4          4          0          0          0",
        "activities/02-reading-marathon.yaml       3          2          1          0          0",
        "activities/03-author-talks.yaml           3          3          0          0          0"]
    assert status.stdout.splitlines()[8:] == [
        'activities/02-reading-marathon.yaml:3:7: title: stale — the Chinese changed: "阅读马拉松" → "全民阅读马拉松"; '
        "update the English in activities/02-reading-marathon.yaml, or, if it still says the same, run "
        "`translations accept activities/02-reading-marathon.yaml:title`",
        "content/visit.zh.md:2:8: title: missing — add 'title:' to the front matter of content/visit.en.md, "
        "or have it translated",
        "content/visit.zh.md:3:14: description: missing — add 'description:' to the front matter of "
        "content/visit.en.md, or have it translated",
        "content/visit.zh.md:5:1: body: missing — write the English text in content/visit.en.md, or have it "
        "translated (`translations export`)",
        "translations: 29 fields: 25 current, 1 stale, 3 missing, 0 untracked",
    ]
    exported = export(made, "po")
    text = exported.read_text(encoding="utf-8")
    for source, target in (("参观指南", "Visiting"), ("如何前往各活动场馆。", "How to get there."),
                           ("各场馆均可乘坐公共交通到达。\\n", "Take the bus.\\n")):
        text = text.replace(f'msgid "{source}"\nmsgstr ""', f'msgid "{source}"\nmsgstr "{target}"')
    text = text.replace('#, fuzzy\n#| msgid "阅读马拉松"\n', "")
    text = text.replace('msgid "全民阅读马拉松"\nmsgstr "Reading Marathon"', 'msgid "全民阅读马拉松"\nmsgstr "Reading Marathon for All"')
    exported.write_text(text, encoding="utf-8")
    before = (made / "activities" / "02-reading-marathon.yaml").read_text(encoding="utf-8")
    result = translations(made, "import", str(exported))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "import: 4 units recorded as current, 4 English texts written in 2 files; " \
                            "translations.lock written\n"
    assert (made / "activities" / "02-reading-marathon.yaml").read_text(encoding="utf-8") == \
        before.replace("en: Reading Marathon\n", "en: Reading Marathon for All\n")
    assert (made / "content" / "visit.en.md").read_text(encoding="utf-8") == \
        "---\ntitle: Visiting\ndescription: How to get there.\n---\nTake the bus.\n"
    assert translations(made, "--strict").returncode == 0


def test_an_xml_file_that_is_not_xliff_is_one_located_error_and_writes_nothing(site):
    sent = site.parent / "back.xlf"
    sent.write_bytes(b'<?xml version="1.0"?>\n<html><file/></html>\n')  # translate-toolkit's AssertionError
    before = snapshot(site)
    result = translations(site, "import", str(sent))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{sent}: the file's root element is <html>, not <xliff>: it is not an XLIFF file — import the XLIFF or PO "
        "file the translator sent back, as the CAT tool or Poedit saved it", "1 error; nothing was written."]
    assert snapshot(site) == before
