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


def test_a_markdown_table_sits_in_a_focusable_scroll_box_named_by_its_header_row():
    html = markdown_to_html("| 场馆 | 开放时间 |\n| --- | --- |\n| 市图书馆 | 9:00—21:00 |")
    assert html.startswith('<div class="table-scroll" role="region" aria-label="场馆, 开放时间" tabindex="0"><table>\n')
    assert html.endswith("</table></div>")
    assert html.count("<div") == 1


def test_a_tables_box_is_named_by_its_caption_when_it_has_one_and_a_table_inside_it_gets_no_box():
    html = markdown_to_html('<table><caption>Venues &amp; <b>hours</b></caption><tr><td>'
                            '<table><tr><th>inner</th></tr></table></td></tr></table>')
    assert html.startswith('<div class="table-scroll" role="region" aria-label="Venues &amp; hours" tabindex="0">')
    assert html.count("table-scroll") == 1 and html.endswith("</table></td></tr></tbody></table></div>")


def test_a_table_with_no_text_in_its_first_row_gets_a_box_without_a_name():
    html = markdown_to_html("| | |\n| --- | --- |\n| a | b |")
    assert html.startswith('<div class="table-scroll" tabindex="0"><table>')


def test_each_table_gets_its_own_box_and_the_name_is_escaped():
    html = markdown_to_html('| "A" & <b> |\n| --- |\n| 1 |\n\nText.\n\n| B |\n| --- |\n| 2 |')
    assert html.count('<div class="table-scroll"') == 2 and html.count("</table></div>") == 2
    assert 'aria-label="&quot;A&quot; &amp;"' in html and 'aria-label="B"' in html


def test_a_code_block_is_focusable_so_that_a_keyboard_can_scroll_its_long_lines():
    assert markdown_to_html("    x = 1") == '<pre tabindex="0"><code>x = 1\n</code></pre>'
    assert markdown_to_html("```\ny = 2\n```") == '<pre tabindex="0"><code>y = 2\n</code></pre>'
    assert markdown_to_html("Inline `code` only.") == "<p>Inline <code>code</code> only.</p>"


def test_authors_cannot_write_the_scroll_boxes_attributes_or_any_style_but_a_columns_alignment():
    html = markdown_to_html('<div role="region" tabindex="0" aria-label="x" class="table-scroll" '
                            'style="text-align:center">a</div>\n\n<p tabindex="1" style="color:red">b</p>')
    assert html == "<div>a</div>\n\n<p>b</p>"
    table = markdown_to_html("| L | C | R |\n| :-- | :-: | --: |\n| 1 | 2 | 3 |")
    assert '<th style="text-align:left">L</th>' in table and '<td style="text-align:center">2</td>' in table
    assert '<td style="text-align:right">3</td>' in table
    cell = markdown_to_html('<table><tr><td style="text-align:right;position:fixed;background:url(x)">1</td></tr></table>')
    assert '<td style="text-align:right">1</td>' in cell


def test_markdown_images_keep_their_alt_text_and_lists_nest_either_way():
    assert markdown_to_html('![A map of the venues](/assets/map.svg "Venues")') == (
        '<p><img alt="A map of the venues" src="/assets/map.svg" title="Venues"></p>')
    nested = markdown_to_html("- a\n    1. one\n- b\n\n1. x\n    - y")
    assert "<ul>\n<li>a<ol>\n<li>one</li>" in nested and "<ol>\n<li>x<ul>\n<li>y</li>" in nested
