"""load: YAML with positions, safely; Markdown front matter; file encodings."""
from __future__ import annotations

from datetime import date

import pytest

from campaignsite.load import Mark, list_files, parse_markdown, parse_yaml, quick_yaml, read_text, within


def test_values_and_keys_carry_their_line_and_column():
    doc, problems = parse_yaml("name:\n  zh: 质量月\n  en: Quality Month\nlist:\n  - a\n  - b\n", "c.yaml")
    assert problems == []
    assert doc.data == {"name": {"zh": "质量月", "en": "Quality Month"}, "list": ["a", "b"]}
    assert doc.marks[("name", "en")] == Mark(3, 7)
    assert doc.key_marks[("name", "en")] == Mark(3, 3)
    assert doc.marks[("list", 1)] == Mark(6, 5)


def test_a_duplicate_key_is_an_error_naming_both_lines():
    _, problems = parse_yaml("title: a\nslug: x\ntitle: b\n", "a.yaml")
    assert [str(p) for p in problems] == [
        "a.yaml:3:1: title: the key 'title' appears twice in the same block — keep one of them (the first is on line 1)"]


def test_a_syntax_error_gives_line_and_column():
    _, problems = parse_yaml("a: [1, 2\nb: 3\n", "x.yaml")
    assert len(problems) == 1
    assert str(problems[0]).startswith("x.yaml:2:2: YAML syntax error:")


def test_tab_indentation_is_reported_where_it_is():
    _, problems = parse_yaml("a:\n\tb: 1\n", "t.yaml")
    assert [str(p) for p in problems] == [
        "t.yaml:2:1: a tab is used for indentation — YAML needs spaces: replace the tab with spaces"]


def test_python_tags_are_refused_and_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = f"x: !!python/object/apply:os.system ['touch {marker}']\n"
    _, problems = parse_yaml(text, "evil.yaml")
    assert len(problems) == 1 and "the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed" in str(problems[0])
    assert not marker.exists()


def test_an_alias_bomb_is_refused_without_expanding_it():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    _, problems = parse_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert [p.message for p in problems] == ["the file's aliases (*name) expand to far more data than it holds"]


def test_plain_scalars_that_yaml_turns_into_other_types_keep_their_source_text():
    doc, _ = parse_yaml("a: no\nb: 10:00\nc: 'no'\n", "y.yaml")
    assert doc.data == {"a": False, "b": 600, "c": "no"}
    assert doc.source_text == {("a",): "no", ("b",): "10:00"}


def test_an_impossible_date_is_reported_at_its_position():
    _, problems = parse_yaml("start: 2008-02-30\n", "d.yaml")
    assert len(problems) == 1
    assert str(problems[0]) == "d.yaml:1:8: start: 2008-02-30 is not a real date (day is out of range for month) — check the day and the month"


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n")
    text, problems = read_text(path, "f.yaml")
    assert problems == [] and text == "a: 1\nb: 2\n"


def test_invalid_utf8_names_the_byte_offset(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: ok\nb: \xff\n")
    text, problems = read_text(path, "f.yaml")
    assert text is None
    assert str(problems[0]) == ("f.yaml:2:4: the file is not valid UTF-8 (byte 9 is 0xff) "
                                "— save the file as UTF-8 in your editor")


def test_front_matter_lines_are_counted_from_the_top_of_the_file():
    doc, problems = parse_markdown("---\ntitle: About\nbad: [\n---\nBody\n", "content/about.en.md")
    assert doc is None and (problems[0].file, problems[0].line) == ("content/about.en.md", 4)
    good, problems = parse_markdown("---\ntitle: About\n---\nBody text\n", "content/about.en.md")
    assert problems == [] and good.body.strip() == "Body text" and good.front.marks[("title",)] == Mark(2, 8)


def test_unclosed_front_matter_is_an_error():
    _, problems = parse_markdown("---\ntitle: About\nBody\n", "content/a.en.md")
    assert [str(p) for p in problems] == [
        "content/a.en.md:1:1: the front matter is not closed — add a line '---' after the front matter"]


def test_a_link_leading_outside_the_site_is_refused(tmp_path):
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (tmp_path / "secret.md").write_text("x", encoding="utf-8")
    (site / "content" / "inside.zh.md").write_text("x", encoding="utf-8")
    (site / "content" / "leak.zh.md").symlink_to(tmp_path / "secret.md")
    files, problems = list_files(site / "content", "content", within(site))
    assert [f.name for f in files] == ["inside.zh.md"]
    assert len(problems) == 1 and problems[0].file == "content/leak.zh.md"


PLAIN = """\
title: {zh: 标题, en: Title}
items:
  - slug: one
    day: 2008-09-22
    count: 3
    flag: false
  - slug: two
    body: |
      Line one.
"""


def test_the_quick_reading_gives_the_same_data_as_the_exact_one():
    quick = quick_yaml(PLAIN, "a.yaml")
    exact, problems = parse_yaml(PLAIN, "a.yaml")
    assert problems == []
    assert quick.data == exact.data and quick.exact is False and quick.marks == {}
    assert quick.data["items"][0] == {"slug": "one", "day": date(2008, 9, 22), "count": 3, "flag": False}


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",  # a repeated key
    "a: &x [1, 2]\nb: *x\n",  # an alias
    "base: &b {x: 1}\nc:\n  <<: *b\n",  # a merge key
    "a: !!python/object/apply:os.system [echo hi]\n",  # a tag
    "a: !!binary aGk=\n",
    "a:\n\t- b\n",  # a tab
    "a: [1, 2\n",  # a syntax error
    "? [a, b]\n: c\n",  # a key that is not plain text
    "a: yes\n",  # YAML 1.1's yes/no/on/off: only the exact reading keeps the wording
    "a: Off\n",
])
def test_anything_but_plain_data_is_left_to_the_exact_reading(text):
    assert quick_yaml(text, "a.yaml") is None
