"""render: escaping, sanitised Markdown, and template errors with their positions."""
from __future__ import annotations

import pytest

from campaignsite.render import Conversions, markdown_to_html


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<iframe src="https://example.org"></iframe>',
    "[a](javascript:alert(1))",
    "[a](jAvAsCrIpT:alert(1))",
    "[a](&#106;avascript:alert(1))",
    "[a](vbscript:msgbox(1))",
    "[a](data:text/html;base64,PHNjcmlwdD4=)",
    "[a][r]\n\n[r]: javascript:alert(1)",
    '<a href="java\nscript:alert(1)">x</a>',
])
def test_markdown_output_loses_everything_that_could_run(source):
    html = markdown_to_html(source).lower()
    for bad in ("<script", "onerror", "<iframe", "javascript:", "vbscript:", "data:text"):
        assert bad not in html


def test_markdown_keeps_ordinary_formatting_and_links():
    html = markdown_to_html("**Free** entry. See [the map](https://example.org/map) or [mail](mailto:a@b.cn).")
    assert html == ('<p><strong>Free</strong> entry. See <a href="https://example.org/map">the map</a> '
                    'or <a href="mailto:a@b.cn">mail</a>.</p>')


def test_converted_markdown_is_kept_by_a_digest_of_its_source_and_taken_from_there_next_time():
    source = "A **unique** text for this test: 8c1f."
    conversions = Conversions()
    html = conversions.to_html(source)
    assert html == "<p>A <strong>unique</strong> text for this test: 8c1f.</p>"
    new = conversions.take_new()
    assert list(new.values()) == [html]
    key = next(iter(new))
    later = Conversions({key: "<p>from the cache</p>"})  # what a later build loads from the cache folder
    assert later.to_html(source) == "<p>from the cache</p>"
    assert later.take_new() == {}


def test_conversions_made_by_a_worker_are_kept_as_new():
    conversions = Conversions()
    conversions.keep({"k": "<p>x</p>"})
    assert conversions.known == {"k": "<p>x</p>"} and conversions.take_new() == {"k": "<p>x</p>"}
    assert conversions.take_new() == {}
