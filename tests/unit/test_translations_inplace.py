"""translations.inplace and inplace_markdown: a field's English set in a file's text, every other byte as it was
(each YAML style, comments, CRLF, a BOM, an inserted `en:`), refusals, and properties over random texts."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from campaignsite.translations.inplace import Refused, set_values
from campaignsite.translations.inplace_markdown import new_page, set_page

EN = ("x", "en")


@pytest.mark.parametrize(("before", "value", "after"), [
    # plain stays plain where it can, comments around it stay
    ("# top\nx:\n  zh: 中\n  en: old  # why\n  # below\ny: 1\n", "new text", "# top\nx:\n  zh: 中\n  en: new text  # why\n  # below\ny: 1\n"),
    ("x:\n  zh: 中\n  en: old\n", "key: value # not a comment", 'x:\n  zh: 中\n  en: "key: value # not a comment"\n'),
    ("x:\n  zh: 中\n  en: old\n", "true", 'x:\n  zh: 中\n  en: "true"\n'),
    ("x:\n  zh: 中\n  en: old\n", " leading", 'x:\n  zh: 中\n  en: " leading"\n'),
    # quoted styles
    ("x:\n  zh: 中\n  en: 'old'\n", "it's “quoted”", "x:\n  zh: 中\n  en: 'it''s “quoted”'\n"),
    ("x:\n  zh: 中\n  en: 'old'\n", "tab\there", 'x:\n  zh: 中\n  en: "tab\\there"\n'),
    ('x:\n  zh: 中\n  en: "old"\n', 'say "hi" \\ 😀', 'x:\n  zh: 中\n  en: "say \\"hi\\" \\\\ 😀"\n'),
    ('x:\n  zh: 中\n  en: "old"\n', "two\nlines", 'x:\n  zh: 中\n  en: "two\\nlines"\n'),
    # a text of several lines where there was one: a `|` block, the comment stays on its line
    ("x:\n  zh: 中\n  en: old  # why\n  k: 1\n", "two\nlines\n", "x:\n  zh: 中\n  en: |  # why\n    two\n    lines\n  k: 1\n"),
    # flow maps
    ("x: {zh: 中, en: old}  # why\n", "a, b", 'x: {zh: 中, en: "a, b"}  # why\n'),
    ("x: {zh: 中, en: 'old'}\n", "new", "x: {zh: 中, en: 'new'}\n"),
    ("x: {zh: 中, en: old}\n", "new\nline", 'x: {zh: 中, en: "new\\nline"}\n'),
    # blocks: header comment, indentation indicator, the blank lines after kept
    ("x:\n  zh: 中\n  en: |  # why\n    old\n    text\n\n# tail\ny: 1\n", "new\ntext\n",
     "x:\n  zh: 中\n  en: |  # why\n    new\n    text\n\n# tail\ny: 1\n"),
    ("x:\n  en: |-\n      old\n", "new", "x:\n  en: |-\n      new\n"),
    ("x:\n  en: |2\n      old\n    text\n", "  deep\nflat\n", "x:\n  en: |2\n      deep\n    flat\n"),
    ("x:\n  en: >-\n    old\n    text\n\ny: 1\n", "one line\n\nnext", "x:\n  en: >-\n    one line\n\n\n    next\n\ny: 1\n"),
    ("x:\n  en: |+\n    old\n\n\ny: 1\n", "new\n\n", "x:\n  en: |+\n    new\n\ny: 1\n"),
    ("x:\n  en: |\n    old\n\ny: 1\n", "new\n\n", 'x:\n  en: "new\\n\\n"\n\ny: 1\n'),
    # empty values
    ("x:\n  zh: 中\n  en:\n  k: 1\n", "new", "x:\n  zh: 中\n  en: new\n  k: 1\n"),
    ("x:\n  zh: 中\n  en:  # why\n", "new", "x:\n  zh: 中\n  en: new  # why\n"),
])
def test_a_value_is_set_in_its_own_style_and_nothing_else_changes(before, value, after):
    assert set_values(before, {EN: value}) == after


@pytest.mark.parametrize(("before", "value", "after"), [
    ("x: {zh: 中}  # why\n", "new", "x: {zh: 中, en: new}  # why\n"),
    ("x: {zh: '中', k: 1}\n", "new", "x: {zh: '中', en: 'new', k: 1}\n"),
    ('x: {zh: "中"}\n', "a\nb", 'x: {zh: "中", en: "a\\nb"}\n'),
    ("x:\n  zh: 中  # why\n  k: 1\ny: 2\n", "new", "x:\n  zh: 中  # why\n  en: new\n  k: 1\ny: 2\n"),
    ("x:\n  zh: '中'\n", "new", "x:\n  zh: '中'\n  en: 'new'\n"),
    ("x:\n  zh: 中", "new", "x:\n  zh: 中\n  en: new\n"),
    ("x:\n  zh: |\n    中\n\n\ny: 2\n", "new\ntext\n", "x:\n  zh: |\n    中\n  en: |\n    new\n    text\n\n\ny: 2\n"),
    ("x:\n  zh: >-\n    中\ny: 2\n", "new", "x:\n  zh: >-\n    中\n  en: >-\n    new\ny: 2\n"),
    ("list:\n  - slug: a\n    title:\n      zh: 中\n    n: 1\n", "new", "list:\n  - slug: a\n    title:\n      zh: 中\n      en: new\n    n: 1\n"),
    ("- zh: 中\n- zh: 文\n", "new", "- zh: 中\n  en: new\n- zh: 文\n"),
])
def test_a_missing_en_is_inserted_after_its_zh_in_the_same_style(before, value, after):
    path = (0, "en") if before.startswith("- ") else ("list", 0, "title", "en") if before.startswith("list") else EN
    assert set_values(before, {path: value}) == after


def test_crlf_and_a_bom_are_kept():
    before = "\ufeffx:\r\n  zh: 中\r\n  en: old\r\ny:\r\n  zh: 文\r\nz: 1\r\n"
    after = set_values(before, {EN: "two\nlines\n", ("y", "en"): "new"})
    assert after == "\ufeffx:\r\n  zh: 中\r\n  en: |\r\n    two\r\n    lines\r\ny:\r\n  zh: 文\r\n  en: new\r\nz: 1\r\n"


def test_several_edits_in_one_file_and_an_edit_to_the_same_value_changes_no_byte():
    before = "a: {zh: 甲, en: A}\nb:\n  zh: 乙\n  en: 'B'  # keep\nc: {zh: 丙}\n"
    assert set_values(before, {("a", "en"): "A", ("b", "en"): "B"}) == before
    assert set_values(before, {("a", "en"): "A2", ("c", "en"): "C"}) == \
        "a: {zh: 甲, en: A2}\nb:\n  zh: 乙\n  en: 'B'  # keep\nc: {zh: 丙, en: C}\n"


@pytest.mark.parametrize(("before", "path", "reason"), [
    ("x:\n  zh: 中\n", ("y", "en"), "there is no y in the file"),
    ("x: [1, 2]\n", EN, "x is not a block of keys"),
    ("x:\n  en: [a]\n", EN, "the value is a block or list, not a text"),
    ("x: {}\n", EN, "x has no key to put it after"),
    ("x:\n  zh: |\n    中", EN, "the edit would change other values of the file"),  # the block would gain a line end
    ("x: [\n", EN, None),
])
def test_an_edit_that_cannot_be_made_exactly_is_refused(before, path, reason):
    with pytest.raises(Refused) as refused:
        set_values(before, {path: "new"})
    if reason:
        assert refused.value.reason == reason
    else:
        assert refused.value.reason.startswith("the file cannot be read as YAML")


# random texts of the characters that break YAML writers
TEXTS = st.text(st.sampled_from(list("ab Z中文质量：:#'\"\\\n-{}[],&*!|>%@`?\t") + ["😀", "\u3000", "\r", "\u2028"]),
                max_size=24)
FILES = [  # (a file, the key path of a text in it, the text that must stay around the edit)
    ("x:\n  zh: 中文\n  en: old text  # note\n  k: 1\n", EN, ("x:\n  zh: 中文\n  en: ", "  k: 1\n")),
    ("x:\n  zh: '中'\n  en: 'old'\ny: 2\n", EN, ("x:\n  zh: '中'\n  en: ", "y: 2\n")),
    ('x:\n  zh: "中"\n  en: "old"\ny: 2\n', EN, ('x:\n  zh: "中"\n  en: ', "y: 2\n")),
    ("x: {zh: 中, en: old}  # note\ny: 2\n", EN, ("x: {zh: 中, en: ", "}  # note\ny: 2\n")),
    ("x: {zh: '中'}\ny: 2\n", EN, ("x: {zh: '中'", "}\ny: 2\n")),
    ("x:\n  zh: |\n    中\n  en: |\n    old\n    text\n\n  k: 1\n", EN, ("x:\n  zh: |\n    中\n  en: ", "  k: 1\n")),
    ("x:\n  en: >2-  # hdr\n     old\n    text\n# tail\nk: 1\n", EN, ("x:\n  en: ", "# tail\nk: 1\n")),
    ("x:\n  en: |+\n    old\n\nk: 1\n", EN, ("x:\n  en: ", "k: 1\n")),
    ("\ufeffx:\r\n  zh: 中\r\n  en: old\r\ny: 2\r\n", EN, ("\ufeffx:\r\n  zh: 中\r\n  en: ", "y: 2\r\n")),
    ("list:\n  - slug: a\n    title:\n      zh: 中  # c\n    n: 1\n", ("list", 0, "title", "en"),
     ("list:\n  - slug: a\n    title:\n      zh: 中  # c\n", "    n: 1\n")),
    ("- zh: |\n    中\n\n- 2\n", (0, "en"), ("- zh: |\n    中\n", "\n- 2\n")),
    ("x:\n  zh: 中\n  en:\n", EN, ("x:\n  zh: 中\n  en:", "")),
]


def _changed(data, path, value):
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(FILES), TEXTS)
def test_any_text_reads_back_with_only_that_value_changed_and_setting_it_again_changes_no_byte(file, value):
    before, path, (prefix, suffix) = file
    try:
        after = set_values(before, {path: value})
    except Refused as refused:  # only where the exact value cannot be written after a block that ends the file
        pytest.fail(f"refused: {refused}")
    assert yaml.safe_load(after) == _changed(yaml.safe_load(before), path, value)
    assert after.startswith(prefix) and after.endswith(suffix)
    assert set_values(after, {path: value}) == after
    original = yaml.safe_load(before)
    for part in path:
        original = original.get(part) if isinstance(original, dict) else original[part]
    if original is not None:
        assert set_values(before, {path: original}) == before


def test_a_page_s_body_and_front_matter_are_set_and_its_other_bytes_stay():
    before = "---\ntitle: About   # c\ndescription: 'Old'\n---\nOld body.\n"
    assert set_page(before, "New *body*.\n\n[link](https://x.org)\n", {"title": "About: us"}) == \
        "---\ntitle: \"About: us\"   # c\ndescription: 'Old'\n---\nNew *body*.\n\n[link](https://x.org)\n"
    assert set_page(before, "Old body.\n", {"description": "Old"}) == before


def test_a_page_with_crlf_and_a_bom_keeps_them():
    before = "\ufeff---\r\ntitle: A\r\n---\r\nOld\r\n"
    assert set_page(before, "New\nbody\n", {"title": "B"}) == "\ufeff---\r\ntitle: B\r\n---\r\nNew\r\nbody\r\n"


def test_a_missing_english_page_is_made_from_the_chinese_one_s_front_matter():
    zh = "---\ntitle: 关于本站  # 标题\ndescription: 说明\n---\n正文。\n"
    assert new_page(zh, "Body.\n", {"title": "About", "description": "What it is"}) == \
        "---\ntitle: About  # 标题\ndescription: What it is\n---\nBody.\n"
    assert new_page("---\ntitle: 关于\n---", "Body.\n", {"title": "About", "description": "New"}) == \
        "---\ntitle: 关于\n---".replace("关于", "About").replace("\n---", "\ndescription: New\n---") + "\nBody.\n"


def test_a_page_without_front_matter_is_refused():
    with pytest.raises(Refused, match="no front matter"):
        set_page("Just text\n", "Body")
    with pytest.raises(Refused, match="not closed"):
        set_page("---\ntitle: x\n", "Body")
