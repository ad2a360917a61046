"""validate.common.markdown_problems: Markdown that would make Python-Markdown slow or overflow its stack is refused
before it is converted, class by class, each at its line and column; the slowest Markdown still accepted converts
(bench/markdown_worst.py times it)."""
from __future__ import annotations

import pytest

from bench.markdown_worst import WORST
from campaignsite.render.markdown import markdown_to_html
from campaignsite.validate.common import MAX_MARKDOWN, markdown_problems

REPO_BODIES = ("开展质量工作支援灾区活动。根据灾区重建需要，组织质量专家对四川等受灾地区的企业开展帮扶活动。\n\n"
               "Support [disaster areas](https://example.org/a_(b) \"Title\") through **quality** work:\n\n"
               "- one\n    - two\n        1. three\n\n> A quote\n> > in a quote\n\n| a | b |\n|---|---|\n| [x](y) | `[` |\n\n"
               "Text[^1] with <abbr title=\"x\">HTML</abbr> and <br>.\n\n[^1]: A note.\n\n*[HTML]: HyperText\n")


def problems(text: str) -> list[str]:
    return [f"{spot.line}:{spot.col}: {spot.message}" for spot in markdown_problems(text)]


def test_ordinary_markdown_is_accepted():
    assert problems(REPO_BODIES) == []


@pytest.mark.parametrize(("text", "expected"), [
    # the attack: a paragraph of 100,000 lines (over 300 s), and the variants that are as slow at far fewer lines
    ("a\n" * 100_000, ["1:1: the paragraph is 199,999 characters long; at most 20,000",
                       "201:1: the paragraph from line 1 has 100,000 lines; at most 200",
                       "10001:1: the text has 100,000 lines; at most 10,000"]),
    ("*[A]: x\n" * 201, ["201:1: the paragraph from line 1 has 201 lines; at most 200"]),
    ("# h\n" * 300, ["201:1: the paragraph from line 1 has 300 lines; at most 200"]),
    ("a\n\n" * 5_001, ["10001:1: the text has 10,002 lines; at most 10,000"]),
    ("- a\n" * 10_001, ["1:1: the paragraph is 40,003 characters long; at most 20,000",
                        "201:1: the paragraph from line 1 has 10,001 lines; at most 200",
                        "10001:1: the text has 10,001 lines; at most 10,000"]),
])
def test_too_many_lines_in_a_text_or_a_paragraph(text, expected):
    assert problems(text) == expected


@pytest.mark.parametrize("unit", ["a", "\\*", "*a* ", "`a ", "&amp; ", "[a](b) ", "<b>a</b> "])
def test_a_paragraph_of_more_than_20000_characters(unit):
    text = "Intro.\n\n" + unit * (20_001 // len(unit) + 1)
    assert problems(text)[0].startswith("3:1: the paragraph is ")
    assert problems(text)[0].endswith(" characters long; at most 20,000")


@pytest.mark.parametrize("text", [
    "[](" * 30_000,  # the attack: 30,000 on one line (199 s)
    "[](\n" * 11,  # as many ( after ] left open on their lines
    "[a\n" * 11,  # [ closed on a later line, or never
    "[a `]` b\n" * 11,  # closed past a code span, which may hide the ]
    "[a](x 'y)\n" * 11,  # a quote in a link's address makes Python-Markdown search on
    "<![CDATA[ x\n" * 6,
])
def test_brackets_that_python_markdown_would_search_beyond_their_line(text):
    found = problems(text)
    assert any("of the paragraph's [ and ]( close on a later line or never" in f for f in found)


def test_brackets_nested_more_than_four_deep():
    assert problems("[[[[a]]]] ok\n\n[[[[[b]]]]]") == ["3:5: brackets [ nest more than 4 deep"]


def test_a_wrapped_link_and_ten_open_brackets_are_accepted():
    assert problems("[a link\nwrapped](x) and\n" + "[ open\n" * 9) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("\n".join(">" * depth + " a" for depth in range(1, 2_001)),  # the attack: a 2,000-line ladder (26 s, 1 GB)
     ["1:1: the paragraph is 2,006,999 characters long; at most 20,000", "11:11: quotes (>) nest more than 10 deep",
      "201:1: the paragraph from line 1 has 2,000 lines; at most 200"]),
    ("> " * 11 + "a", ["1:21: quotes (>) nest more than 10 deep"]),
    ("- > " * 11 + "a", ["1:25: lists nest more than 6 deep"]),
    ("> - " * 5 + "> " * 6 + "a", ["1:31: quotes (>) nest more than 10 deep"]),
    ("\n".join("    " * depth + "- a" for depth in range(1_000)),  # the attack: 1,000 levels (RecursionError)
     ["1:1: the paragraph is 2,001,999 characters long; at most 20,000", "7:25: lists nest more than 6 deep",
      "201:1: the paragraph from line 1 has 1,000 lines; at most 200"]),
    ("- " * 1_000 + "a", ["1:13: lists nest more than 6 deep"]),
    ("1. " * 7 + "a", ["1:19: lists nest more than 6 deep"]),
    ("\t" * 6 + "- a", ["1:25: lists nest more than 6 deep"]),
    ("> " * 10 + "- " * 6 + "a", []),
    ("* * * * * * * * * *", []),  # a rule, not lists
])
def test_quotes_and_lists_nested_too_deep(text, expected):
    assert problems(text) == expected


@pytest.mark.parametrize(("text", "col"), [
    ("a <b x", 3), ("a <b <i>x</i>", 3), ("<a href='x>\ny'>", 1), ("ok <b>x</b> <a\nhref='y'>", 13),
    ("</a x", 1), ("<http://x.org/a b", 1), ("if a<b then", 5),
])
def test_an_html_tag_that_does_not_end_on_its_line(text, col):
    assert problems(text) == [f"1:{col}: the HTML tag does not end (>) on its line"]


def test_html_tags_that_end_on_their_line_are_accepted():
    assert problems("<b>x</b> <a title='<>' href=\"y\">z</a> <br/> a < b <3 <!-- c\nd -->") == []


def test_markdown_inside_html_is_refused():
    assert problems('<div markdown="1">\n\n*a*\n\n</div>') == ['1:1: Markdown inside HTML (markdown="1") is not supported']
    assert problems("<div class=x MarkDown>") != []


def test_more_than_200_footnote_references():
    text = "a[^1] " * 201 + "\n\n[^1]: note\n" + "\n[^2]: no reference\n" * 300
    assert problems(text) == ["1:1202: the text refers to footnotes 201 times; at most 200"]
    assert problems(text.replace("a[^1] ", "", 1)) == []


@pytest.mark.parametrize("name", list(WORST))
def test_the_slowest_markdown_the_limits_let_through_is_accepted_and_converts(name):
    text = WORST[name]
    assert len(text) <= MAX_MARKDOWN and problems(text) == []
    assert isinstance(markdown_to_html(text), str)  # bench/markdown_worst.py prints how long this takes
