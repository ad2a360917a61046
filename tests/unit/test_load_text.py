"""load: what YAML may not hold (a typed tag on a value it does not fit, raw control characters, more than 64 MiB
of text with its aliases written out), in both readings, and how a message quotes text."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaignsite.load import Mark, parse_markdown, parse_yaml, quick_yaml, yamldoc

TYPED_TAGS = ("int", "float", "bool", "null", "timestamp", "str")


@pytest.mark.parametrize(("text", "message"), [
    ("a: !!timestamp x\n", "f.yaml:1:4: a: 'x' is not a date, as its tag !!timestamp says — write the date like "
                           "2025-09-01, or remove the tag"),
    ("a: !!timestamp ''\n", "f.yaml:1:4: a: '' is not a date, as its tag !!timestamp says — write the date like "
                            "2025-09-01, or remove the tag"),
    ("a: !!timestamp 2008-02-30\n", "f.yaml:1:4: a: 2008-02-30 is not a real date (day is out of range for month) "
                                    "— check the day and the month"),
    ("a: !!timestamp '2008-13-01'\n", "f.yaml:1:4: a: 2008-13-01 is not a real date (month must be in 1..12) — "
                                      "check the day and the month"),
    ("a: !!bool maybe\n", "f.yaml:1:4: a: 'maybe' is not true or false, as its tag !!bool says — write true or "
                          "false, or remove the tag"),
    ("a: !!bool ''\n", "f.yaml:1:4: a: '' is not true or false, as its tag !!bool says — write true or false, or "
                       "remove the tag"),
    ('a: !!int ""\n', "f.yaml:1:4: a: '' is not a whole number, as its tag !!int says — write digits, such as 12, "
                      "or remove the tag"),
    ("a: !!int 0b\n", "f.yaml:1:4: a: '0b' is not a whole number, as its tag !!int says — write digits, such as "
                      "12, or remove the tag"),
    ("a: !!int twelve\n", "f.yaml:1:4: a: 'twelve' is not a whole number, as its tag !!int says — write digits, "
                          "such as 12, or remove the tag"),
    ('a: !!float ""\n', "f.yaml:1:4: a: '' is not a number, as its tag !!float says — write a number, such as 1.5, "
                        "or remove the tag"),
    ("a: !!float 1e\n", "f.yaml:1:4: a: '1e' is not a number, as its tag !!float says — write a number, such as "
                        "1.5, or remove the tag"),
    ("a: !!null x\n", "f.yaml:1:4: a: 'x' is not empty, as its tag !!null says — leave the value out, or remove "
                      "the tag"),
    ('a:\n  - !!int "\\e[31m"\n', "f.yaml:2:5: a[0]: '\\x1b[31m' is not a whole number, as its tag !!int says — "
                                  "write digits, such as 12, or remove the tag"),
])
def test_a_typed_tag_on_a_value_it_does_not_fit_is_a_located_problem_in_both_readings(text, message):
    assert quick_yaml(text, "f.yaml") is None  # the quick reading hands over: the exact one says what is wrong
    doc, problems = parse_yaml(text, "f.yaml")
    assert [str(p) for p in problems] == [message]


@pytest.mark.parametrize(("text", "value"), [
    ("a: !!int 12\n", 12), ("a: !!float 1.5\n", 1.5), ("a: !!bool true\n", True), ("a: !!null\n", None),
    ("a: !!null ~\n", None), ("a: !!timestamp 2008-09-22\n", date(2008, 9, 22)), ("a: !!str 12\n", "12"),
])
def test_a_typed_tag_that_fits_its_value_works_in_both_readings(text, value):
    doc, problems = parse_yaml(text, "f.yaml")
    assert problems == [] and doc.data == {"a": value} == quick_yaml(text, "f.yaml").data


def test_a_plain_value_that_only_looks_like_a_number_is_text():
    doc, problems = parse_yaml("a: 0x_\nb: 0b_\n", "f.yaml")
    assert problems == [] and doc.data == {"a": "0x_", "b": "0b_"}


@settings(max_examples=300, deadline=None)
@given(tag=st.sampled_from(TYPED_TAGS), value=st.text(st.characters(codec="utf-8"), max_size=12),
       style=st.sampled_from(["'", '"', ""]))
def test_every_typed_tag_on_any_value_works_or_is_a_located_problem(tag, value, style):
    escaped = value.replace("\\", "\\\\").replace('"', '\\"') if style == '"' else value.replace("'", "''")
    text = f"a: !!{tag} {style}{escaped}{style}\n"
    quick_yaml(text, "f.yaml")  # never raises
    doc, problems = parse_yaml(text, "f.yaml")
    assert all(p.line >= 1 and "\n" not in str(p) for p in problems)


RAW_CONTROLS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x80, 0x85, 0x9B, 0x9F)]


@pytest.mark.parametrize("char", RAW_CONTROLS + ["\ufffe", "\uffff"], ids=lambda c: f"U+{ord(c):04X}")
def test_a_raw_control_character_is_refused_at_its_line_and_column_in_one_line(char):
    text = f"a: 1\nb: [x, 'y{char}z']\n"
    assert quick_yaml(text, "f.yaml") is None
    doc, problems = parse_yaml(text, "f.yaml")
    assert [str(p) for p in problems] == [
        f"f.yaml:2:10: the file holds a control character, U+{ord(char):04X} — remove it: a data file holds text, "
        "tabs and line ends, and no control characters"]


def test_a_raw_control_character_in_front_matter_is_located_in_the_page():
    doc, problems = parse_markdown("---\ntitle: a\x1bb\n---\nText\n", "content/a.en.md")
    assert doc is None and [(p.line, p.col) for p in problems] == [(2, 9)]


def test_tabs_and_line_ends_in_text_are_no_control_characters():
    doc, problems = parse_yaml('a: "x\\ty"\nb: |\n  one\n  two\n', "f.yaml")
    assert problems == [] and doc.data == {"a": "x\ty", "b": "one\ntwo\n"}


def test_escaped_control_characters_are_read_as_they_are_for_validation_to_refuse():
    text = 'a: "\\0 \\e \\x85 \\N \\r"\n'
    assert quick_yaml(text, "f.yaml") is None  # the exact reading keeps where the text is
    doc, problems = parse_yaml(text, "f.yaml")
    assert problems == [] and doc.data == {"a": "\x00 \x1b \x85 \x85 \r"}


def test_a_file_of_more_than_64_mib_of_text_through_aliases_is_refused_where_it_passes_the_limit():
    big = "x" * 400_000  # the attack: 200 references to one anchored string
    text = f"a: &a {big}\nb: [{', '.join(['*a'] * 200)}]\n"
    assert quick_yaml(text, "f.yaml") is None
    doc, problems = parse_yaml(text, "f.yaml")
    assert doc.data is None and [str(p) for p in problems] == [
        "f.yaml:1:4: b[166]: with its aliases (*name) written out, the file holds more than 64 MiB of text; at most "
        "64 MiB — write the values out instead of repeating them through anchors and aliases"]


def test_the_text_of_keys_and_values_counts_against_the_limit_in_both_readings(monkeypatch):
    monkeypatch.setattr(yamldoc, "MAX_FILE_TEXT", 20)
    text = "abcde: fghij\nklmno: pqrst\nuvw: xyz\n"  # 23 characters of text, without aliases
    assert quick_yaml(text, "f.yaml") is None
    doc, problems = parse_yaml(text, "f.yaml")
    assert [str(p) for p in problems] == [
        "f.yaml:3:1: the file holds more than 0 MiB of text; at most 0 MiB — split it (activities may be kept one a "
        "file in activities/)"]
    assert quick_yaml("abcde: fghij\nklmno: pqrst\n", "f.yaml") is not None  # 20: just within


def test_each_use_of_an_alias_counts_its_text_again(monkeypatch):
    monkeypatch.setattr(yamldoc, "MAX_FILE_TEXT", 100)
    within = "a: &a " + "x" * 20 + "\nb: [*a, *a, *a]\n"  # 1 + 20 + 1 + 60 = 82 characters
    beyond = "a: &a " + "x" * 20 + "\nb: [*a, *a, *a, *a]\n"  # 102
    assert parse_yaml(within, "f.yaml")[1] == []
    assert "with its aliases (*name) written out" in str(parse_yaml(beyond, "f.yaml")[1][0])


def test_the_lines_of_a_literal_block_are_the_lines_of_the_file():
    text = "items:\n  - body:\n      en: |\n\n        one\n          two\n      zh: |2\n           x\n"
    doc, problems = parse_yaml(text, "f.yaml")
    assert problems == []
    assert doc.blocks[("items", 0, "body", "en")] == Mark(4, 9)  # line 1 of the text is blank; line 2 is 'one'
    assert doc.blocks[("items", 0, "body", "zh")] == Mark(8, 9)  # the indentation indicator: 6 + 2


@pytest.mark.parametrize(("text", "shown"), [
    ("plain", "plain"), ("a\x00b", "a\\x00b"), ("\x1b[31mred", "\\x1b[31mred"), ("two\nlines", "two\\nlines"),
    ("中文", "中文"), ("x" * 100, "x" * 80 + "…"),
])
def test_a_message_quotes_text_with_escapes_cut_to_a_readable_length(text, shown):
    assert yamldoc.visible(text) == shown


def test_a_repeated_key_is_quoted_with_escapes():
    doc, problems = parse_yaml('"\\e[2Jx": 1\n"\\e[2Jx": 2\n', "f.yaml")
    assert [str(p) for p in problems] == [
        "f.yaml:2:1: \\x1b[2Jx: the key '\\x1b[2Jx' appears twice in the same block — keep one of them (the first "
        "is on line 1)"]


def test_a_syntax_error_is_one_line():
    doc, problems = parse_yaml('a: "unclosed\n', "f.yaml")
    assert len(problems) == 1 and "\n" not in str(problems[0]) and str(problems[0]).startswith("f.yaml:2:1: ")


def test_aliases_are_named_however_early_the_limit_is_passed(monkeypatch):
    monkeypatch.setattr(yamldoc, "MAX_FILE_TEXT", 1_000)  # the attack's shape: one anchor, one alias per slogan
    text = "padding: &a " + "x" * 300 + "\nslogans:\n" + "".join(
        f"  - slug: s{i}\n    text: {{zh: *a, en: *a}}\n" for i in range(200))
    assert quick_yaml(text, "f.yaml") is None
    assert [str(p) for p in parse_yaml(text, "f.yaml")[1]] == [
        "f.yaml:1:10: slogans[s1].text.zh: with its aliases (*name) written out, the file holds more than 0 MiB of "
        "text; at most 0 MiB — write the values out instead of repeating them through anchors and aliases"]
