"""translations.checks: a target is refused when its Markdown links elsewhere, loses an image or changes code,
or when it holds a control character; a faithful translation (words changed, order changed) passes."""
from __future__ import annotations

import pytest

from campaignsite.translations.checks import refusals

SOURCE = ("见[通知](https://x.org/a \"标题\")和![标志](logo.png)，运行`build`。\n\n```\ncode\n```\n"
          "[参考][r]、<https://auto.org>\n\n[r]: https://ref.org\n<a href=\"h.html\">x</a> <img src='i.png'>\n")
FAITHFUL = ("Run `build` after reading [the notice](https://x.org/a \"Title\") and ![the emblem](logo.png).\n\n"
            "```\ncode\n```\n[See][r], <https://auto.org>\n\n[r]: https://ref.org\n<a href='h.html'>x</a> "
            "<img src=i.png>\n")


def test_a_faithful_translation_passes_whatever_its_order_and_quoting():
    assert refusals(SOURCE, FAITHFUL, markdown=True) == []
    assert refusals("`a` 和 `b`", "`b` and `a`", markdown=True) == []
    assert refusals("[链接](<a b.html>)", "[link](<a b.html>)", markdown=True) == []


@pytest.mark.parametrize(("target", "reason"), [
    (FAITHFUL.replace("https://x.org/a", "https://x.org/b"),
     "the English's links differ from the Chinese's: missing https://x.org/a; added https://x.org/b"),
    (FAITHFUL.replace("[r]: https://ref.org", "[r]: https://other.org"),
     "the English's links differ from the Chinese's: missing https://ref.org; added https://other.org"),
    (FAITHFUL.replace("<https://auto.org>", "https://auto.org"),
     "the English's links differ from the Chinese's: missing https://auto.org"),
    (FAITHFUL.replace("<a href='h.html'>x</a>", "x"), "the English's links differ from the Chinese's: missing h.html"),
    (FAITHFUL.replace(" and ![the emblem](logo.png)", ""), "the English's images differ from the Chinese's: missing logo.png"),
    (FAITHFUL.replace("<img src=i.png>", ""), "the English's images differ from the Chinese's: missing i.png"),
    (FAITHFUL.replace("`build`", "`make`"), "the English's code spans differ from the Chinese's: missing `build`; added `make`"),
    (FAITHFUL.replace("```\ncode\n```\n", ""), "the English's code spans differ from the Chinese's: missing `code\\n`"),
    (FAITHFUL + "\x1b[31m", "the English holds a control character, U+001B"),
])
def test_a_target_that_breaks_the_markdown_or_holds_a_control_character_is_refused(target, reason):
    assert refusals(SOURCE, target, markdown=True) == [reason]


def test_a_link_inside_code_is_code_not_a_link():
    assert refusals("[x](a)", "`[x](a)`", markdown=True) == [
        "the English's links differ from the Chinese's: missing a",
        "the English's code spans differ from the Chinese's: added `[x](a)`"]


def test_a_link_added_or_lost_in_a_long_list_is_counted():
    source = " ".join(f"[{n}](p{n}.html)" for n in range(6))
    assert refusals(source, "none", markdown=True) == [
        "the English's links differ from the Chinese's: missing p0.html, p1.html, p2.html and 3 more"]
    assert refusals("[a](x) [b](x)", "[a](x)", markdown=True) == ["the English's links differ from the Chinese's: missing x"]


def test_a_plain_text_field_is_checked_for_control_characters_only():
    assert refusals("标题", "Title [with](brackets)", markdown=False) == []
    assert refusals("标题", "Title\x00", markdown=False) == ["the English holds a control character, U+0000"]
    assert refusals("标题", "Tab\tand\nline", markdown=False) == []
