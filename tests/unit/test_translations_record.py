"""translations.record: the record's text (sorted, stable, its header), reading it (a missing file, a malformed
one as located problems), a field's status, and the short line that shows how a Chinese text changed."""
from __future__ import annotations

from campaignsite.load import lockfile
from campaignsite.translations import record
from campaignsite.translations.record import (
    CURRENT,
    MISSING,
    STALE,
    UNTRACKED,
    Entry,
    change_line,
    entry,
    field_id,
    format_record,
    parse_record,
    read_record,
    status,
)

SHA_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_an_entry_holds_the_chinese_and_its_sha256():
    assert entry("") == Entry("", SHA_EMPTY)
    assert entry("质量月").sha256 == record.digest("质量月") != record.digest("质量月 ")


def test_a_field_id_names_list_items_by_slug_as_messages_do():
    path = ("activities", 0, "title")
    assert field_id("activities.yaml", path, {("activities", 0): "disaster-relief"}) == \
        "activities.yaml:activities[disaster-relief].title"
    assert field_id("activities.yaml", path) == "activities.yaml:activities[0].title"
    assert field_id("templates/strings.yaml", ("nav.home",)) == "templates/strings.yaml:nav.home"
    assert field_id("content/about.md", ()) == "content/about.md"


def test_the_record_is_sorted_with_a_header_and_blocks_for_texts_of_several_lines():
    body = "正文\n\n第二段\n"
    made = {"slogans.yaml:slogans[b].text": entry("口号"), "content/about.md": entry(body),
            "campaign.yaml:title": entry('“质量” "引号" \\ #')}
    assert format_record(made) == record.HEADER + (
        '\n"campaign.yaml:title":\n'
        f'  sha256: {record.digest(made["campaign.yaml:title"].zh)}\n'
        '  zh: "“质量” \\"引号\\" \\\\ #"\n'
        '\n"content/about.md":\n'
        f'  sha256: {record.digest(body)}\n'
        "  zh: |\n    正文\n\n    第二段\n"
        '\n"slogans.yaml:slogans[b].text":\n'
        f'  sha256: {record.digest("口号")}\n'
        '  zh: "口号"\n')
    assert record.HEADER.startswith("# translations.lock")
    assert "Only `translations accept` and `translations import` write it" in record.HEADER.replace("\n# ", " ")


def test_the_same_record_gives_the_same_bytes_whatever_its_order():
    pairs = [(f"a.yaml:x[{n}].t", entry(f"文{n}")) for n in range(20)]
    assert format_record(dict(pairs)) == format_record(dict(reversed(pairs)))


def test_the_record_reads_back_as_written_for_awkward_texts():
    texts = ["", "\n", "\n\n", " 前导空格\n", "行尾空格  \n下一行", "tab\there", "😀 emoji", "a: b # c", "\\n",
             "结尾无换行\n第二行", "多个换行\n\n\n", "\u3000全角空格", "'单' \"双\"", "- 列表", "| 竖线", "\r回车", "\x85"]
    made = {f"f.yaml:k{index}": entry(text) for index, text in enumerate(texts)}
    assert parse_record(format_record(made)) == (made, [])


def test_an_empty_record_and_a_missing_one(tmp_path):
    assert parse_record(record.HEADER) == ({}, [])
    assert read_record(tmp_path / "translations.lock") == (None, [])
    (tmp_path / "translations.lock").write_text(format_record({"a.yaml:t": entry("中")}), encoding="utf-8")
    assert read_record(tmp_path / "translations.lock") == ({"a.yaml:t": entry("中")}, [])


def test_a_malformed_record_is_a_located_problem_and_gives_no_entry():
    fix = "restore it from version control, or delete it and run `python build.py translations accept`"
    text = ('"a.yaml:t":\n  zh: 中\n  sha256: ' + "ab" * 32 + '\n"b.yaml:t": 3\n"c.yaml:t":\n  zh: 中\n'
            '"d.yaml:t":\n  zh: 中\n  sha256: xyz\n"e.yaml:t":\n  zh: 中\n  sha256: ' + record.digest("中") + "\n")
    found, problems = parse_record(text)
    assert found == {}
    assert [str(p) for p in problems] == [
        f"translations.lock:3:11: a.yaml:t.sha256: the sha256 is not that of the entry's zh — {fix}",
        f"translations.lock:4:13: b.yaml:t: an entry holds two keys, sha256 and zh — {fix}",
        f"translations.lock:6:3: c.yaml:t: an entry holds two keys, sha256 and zh — {fix}",
        f"translations.lock:8:3: d.yaml:t: an entry's zh is a text and its sha256 64 hex digits — {fix}"]


def test_a_record_that_is_not_yaml_or_not_a_block_of_entries_is_a_located_problem():
    assert [str(p) for p in parse_record('"a": [\n')[1]] == [
        "translations.lock:2:1: YAML syntax error: while parsing a flow node, did not find expected node "
        "content — check the indentation and quoting on this line and the one before"]
    assert [str(p) for p in parse_record("- a\n- b\n")[1]] == [
        "translations.lock:1:1: the record is not a block of entries, each an id followed by its sha256 and zh — "
        "restore it from version control, or delete it and run `python build.py translations accept`"]
    repeated = '"a":\n  zh: x\n  sha256: ' + record.digest("x") + '\n"a":\n  zh: x\n  sha256: ' + record.digest("x")
    assert [p.message for p in parse_record(repeated)[1]] == ["the key 'a' appears twice in the same block"]


def test_status_of_a_field():
    assert status("新", english=False, recorded=entry("新")) == MISSING
    assert status("新", english=False, recorded=None) == MISSING
    assert status("新", english=True, recorded=None) == UNTRACKED
    assert status("新", english=True, recorded=entry("新")) == CURRENT
    assert status("新", english=True, recorded=entry("旧")) == STALE


def test_a_short_text_changed_shows_whole():
    assert change_line("开展质量工作", "开展质量工作支援灾区") == '"开展质量工作" → "开展质量工作支援灾区"'
    assert change_line("一\n二", "一\n三") == '"一\\n二" → "一\\n三"'


def test_a_long_text_changed_shows_only_the_changed_stretches_with_a_little_around_them():
    old = "九月底或十月初，召开中国名牌产品表彰大会。" + "同时组织质量专家开展帮扶活动。" * 6 + "帮助企业尽快恢复生产。"
    new = old.replace("十月初", "十一月初").replace("尽快", "早日")
    assert change_line(old, new) == ('"九月底或十月初，召开中…动。帮助企业尽快恢复生产。" → '
                                     '"九月底或十一月初，召开中…动。帮助企业早日恢复生产。"')


def test_a_sha256_of_digits_only_is_quoted_so_that_it_reads_back_as_text():
    text = format_record({"a.yaml:t": Entry("x", "1" * 64)})
    assert '  sha256: "' + "1" * 64 + '"' in text


def test_a_change_line_is_capped_in_length():
    line = change_line("甲" * 500, "乙" * 500)
    old, new = line.split(" → ")
    assert old == '"' + "甲" * 60 + '…"' and new == '"' + "乙" * 60 + '…"'


def test_a_record_as_written_is_read_without_a_yaml_reader_and_any_other_record_with_one_alike():
    texts = ["", "\n", "\n\n", " 前导空格\n", "行尾空格  \n下一行", "tab\there", "a\n   \nb\n", "\n开头换行\n", "  缩进\n第二",
             "x\u2028y\x85", "\x00\x1b", "a\n\nb\n", '"引号" \\ \\n', "😀"]
    made = {f'f.yaml:k{index}["名" \\]': entry(text) for index, text in enumerate(texts)}
    written = format_record(made)
    assert lockfile._as_written(written) == made
    assert lockfile._as_written(written.replace("  zh: ", "  zh:  ", 1)) is None  # not as written: read as YAML
    assert parse_record(written.replace("  zh: ", "  zh:  ")) == (made, [])
    tampered = written.replace("第二", "第三")  # its sha256 no longer matches: the YAML reading says where
    assert lockfile._as_written(tampered) is None
    assert parse_record(tampered)[1][0].message == "the sha256 is not that of the entry's zh"
