"""The slowest Markdown that validation accepts, class by class, and how long Python-Markdown takes on it.

Usage:
    .venv/bin/python -m bench.markdown_worst [--only NAME] [--repeat N]

Each class (a way Python-Markdown's time grows faster than its text, or its stack deepens) is filled up to
the limits of `campaignsite.validate.common` (200,000 characters, 10,000 lines, 200 lines and 20,000
characters a paragraph, 10 quotes or lists deep, …) with what costs most within them. The script checks
that validation accepts each text, converts it as a build does (Markdown, then the HTML sanitiser) and
prints the time; `WORST` (name -> text) is what the tests convert too.
"""
from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from campaignsite.render.markdown import markdown_to_html
from campaignsite.validate.common import (
    MAX_BRACKET_DEPTH,
    MAX_FAR_BRACKETS,
    MAX_FOOTNOTE_REFERENCES,
    MAX_LINES,
    MAX_LIST_DEPTH,
    MAX_MARKDOWN,
    MAX_PARAGRAPH,
    MAX_PARAGRAPH_LINES,
    MAX_QUOTE_DEPTH,
    markdown_problems,
)


def fill(unit: str, size: int = MAX_MARKDOWN) -> str:
    """`unit` repeated as often as `size` characters hold it whole."""
    return unit * (size // len(unit))


def paragraphs(make: Callable[[int], str], size: int = MAX_PARAGRAPH) -> str:
    """Paragraphs made by `make(n)` (the n-th, cut to `size` characters) up to MAX_MARKDOWN characters."""
    parts: list[str] = []
    total = 0
    while total < MAX_MARKDOWN - 10:
        parts.append(make(len(parts)) if total + size <= MAX_MARKDOWN else "a " * ((MAX_MARKDOWN - total) // 2 - 1))
        total += len(parts[-1]) + 2
    return "\n\n".join(parts)


def blocks(unit: str, per_paragraph: int = MAX_PARAGRAPH_LINES, pad: str = "x") -> str:
    """Paragraphs of `per_paragraph` lines of `unit` (one or more lines, each "{}" where `pad` lengthens it),
    MAX_LINES lines in all (blank ones too), so long that the text is about MAX_MARKDOWN characters."""
    lines = unit.count("\n") + 1
    units = max(1, per_paragraph // lines)
    paragraphs = MAX_LINES // (units * lines + 1)
    room = (MAX_MARKDOWN // (paragraphs * units) - len(unit.replace("{}", "")) - 1) // max(1, unit.count("{}"))
    text = "\n\n".join(["\n".join([unit.replace("{}", pad * room)] * units)] * paragraphs)
    return text[:MAX_MARKDOWN]


def ladder(prefix: Callable[[int], str]) -> str:
    """Lines that begin `prefix(n)` (a nesting that changes from line to line), padded to fill MAX_MARKDOWN
    characters, in paragraphs of MAX_PARAGRAPH_LINES lines, MAX_LINES lines in all."""
    lines: list[str] = []
    width = MAX_MARKDOWN // MAX_LINES - 1
    while len(lines) < MAX_LINES - 1:
        if len(lines) % (MAX_PARAGRAPH_LINES + 1) == MAX_PARAGRAPH_LINES:
            lines.append("")
        start = prefix(len(lines)) + "a"
        lines.append(start + " a" * max(0, (width - len(start)) // 2))
    return "\n".join(lines)[:MAX_MARKDOWN]


def nested_brackets(n: int) -> str:
    """Brackets as deep as they may nest, each ] as far from its [ as a paragraph allows, and the paragraph's
    share of brackets closing on a later line."""
    depth = MAX_BRACKET_DEPTH
    inner = fill("a ", MAX_PARAGRAPH // 4)
    line = "[" * depth + inner + "]" * depth
    return "\n".join([line] * 3 + ["[ far"] * MAX_FAR_BRACKETS + [fill("b ", MAX_PARAGRAPH // 5)])


WORST: dict[str, str] = {
    # a paragraph's lines taken one at a time by a block rule, which then looks at the rest again
    "paragraph lines: abbreviations": blocks("*[A]: x{}"),
    "paragraph lines: definitions": blocks("a{}\n: b"),
    "paragraph lines: headings": blocks("# h{}"),
    "paragraph lines: setext headings": blocks("a{}\n="),
    "paragraph lines: rules": blocks("***{}", pad="*"),
    "paragraph lines: footnote definitions": blocks("[^a]: b{}"),
    # tiny blocks: each costs the same whatever its length
    "lines: paragraphs": blocks("a{}", per_paragraph=1),
    "lines: list items": blocks("- a{}"),
    "lines: loose list items": blocks("- a{}", per_paragraph=1),
    "lines: definitions": blocks("a{}\n: b", per_paragraph=2),
    "lines: table rows": blocks("|a|b|\n|-|-|\n" + "\n".join(["|a|b{}|"] * (MAX_PARAGRAPH_LINES - 2))),
    "lines: headings": blocks("# a{}", per_paragraph=1),
    # inline markup, each match rebuilding its paragraph's text
    "long paragraphs: escapes": paragraphs(lambda n: fill("\\*", MAX_PARAGRAPH)),
    "long paragraphs: emphasis": paragraphs(lambda n: fill("*a* ", MAX_PARAGRAPH)),
    "long paragraphs: mixed emphasis": paragraphs(lambda n: fill("***a** b* _c_ ", MAX_PARAGRAPH)),
    "long paragraphs: code spans": paragraphs(lambda n: fill("`a` ", MAX_PARAGRAPH)),
    "long paragraphs: unclosed backticks": paragraphs(lambda n: fill("`a ", MAX_PARAGRAPH)),
    "long paragraphs: entities": paragraphs(lambda n: fill("&amp; ", MAX_PARAGRAPH)),
    "long paragraphs: hard breaks": blocks("a{}  ", pad="a "),
    # links: [ searched to its ], ]( to its ), as far as the limits let them be
    "brackets: links": paragraphs(lambda n: fill("[a](b) ", MAX_PARAGRAPH)),
    "brackets: empty links": paragraphs(lambda n: fill("[](x)", MAX_PARAGRAPH)),
    "brackets: images with titles": paragraphs(lambda n: fill('![a](b "t") ', MAX_PARAGRAPH)),
    "brackets: nested and far": paragraphs(nested_brackets),
    "brackets: far in long lines": paragraphs(lambda n: "\n".join(
        ["[" + fill("a ", MAX_PARAGRAPH // (MAX_FAR_BRACKETS + 1) - 2)] * MAX_FAR_BRACKETS)),
    "brackets: split by table cells": blocks("|a|b|\n|-|-|\n" + "\n".join(
        ["|[[[[{}|]]]]|"] * (MAX_PARAGRAPH_LINES - 2))),
    "brackets: reference links": paragraphs(lambda n: fill("[a][b] ", MAX_PARAGRAPH - 20) + "\n\n[b]: /x"),
    # nesting
    "quotes: ladder": ladder(lambda n: ">" * (1 + n % MAX_QUOTE_DEPTH) + " "),
    "quotes: deepest": blocks(">" * MAX_QUOTE_DEPTH + " a{}"),
    "lists: ladder": ladder(lambda n: "    " * (n % MAX_LIST_DEPTH) + "- "),
    "lists: deepest on one line": blocks("- " * MAX_LIST_DEPTH + "a{}"),
    "lists and quotes": ladder(lambda n: "    " * (n % MAX_LIST_DEPTH) + "- " + "> " * (n % MAX_QUOTE_DEPTH)),
    # raw HTML, which Python's HTML parser reads over the whole text
    "html: tags": paragraphs(lambda n: fill("<b>a</b> ", MAX_PARAGRAPH)),
    "html: tags with quoted values": paragraphs(lambda n: fill("<a title='<>' x=\"y\">", MAX_PARAGRAPH)),
    "html: blocks": blocks("<div>\n{}</div>", per_paragraph=3),
    "html: comments": paragraphs(lambda n: fill("<!-- a ", MAX_PARAGRAPH)),
    "html: autolinks": paragraphs(lambda n: fill("<http://a.b> ", MAX_PARAGRAPH)),
    # footnotes: each reference to a footnote is numbered by counting the ones before it
    "footnotes": fill("[^1] ", MAX_FOOTNOTE_REFERENCES * 5) + "\n\n" + paragraphs(
        lambda n: fill("a ", MAX_PARAGRAPH))[: MAX_MARKDOWN - 2000] + "\n\n[^1]: a note\n",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="one class (a name as printed)")
    parser.add_argument("--repeat", type=int, default=1, help="convert each text N times; the fastest is shown")
    args = parser.parse_args()
    slowest = (0.0, 0.0)
    print(f"{'class':38} {'characters':>10} {'lines':>7} {'wall':>7} {'CPU':>7}")
    for name, text in WORST.items():
        if args.only and name != args.only:
            continue
        refused = markdown_problems(text)
        assert not refused and len(text) <= MAX_MARKDOWN, (name, len(text), refused[:1])
        times = []
        for _ in range(args.repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            markdown_to_html(text)
            times.append((time.perf_counter() - wall, time.process_time() - cpu))
        best = min(times)
        slowest = max(slowest, best)
        print(f"{name:38} {len(text):>10,} {text.count(chr(10)) + 1:>7,} {best[0]:6.2f}s {best[1]:6.2f}s", flush=True)
    print(f"{'slowest':56} {slowest[0]:7.2f}s {slowest[1]:6.2f}s")


if __name__ == "__main__":
    main()
