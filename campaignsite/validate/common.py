"""The words and rules every document's validation shares: how a value, a key and a slug are named in messages.

Takes: values, key paths and text (no documents, no reader).
Gives: the message vocabulary (`describe`, `label`, `visible`, `suggest_slug`), the pattern of a safe slug,
the languages' names, the check of a site's base URL, how long a text may be (`too_long`), and what Markdown
may hold (`markdown_problems`: the limits that keep its conversion fast, each broken one at its line).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..load.yamldoc import visible
from ..model import LANGUAGES

KeyPath = tuple  # a key path such as ("activities", 0, "title", "en"), as `load` records positions

LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 80  # a slug names a folder: well under the 255 bytes a file name may have, and readable in an address


def slug_too_long(slug: str) -> str | None:
    """What is wrong with a slug's length, or None."""
    if len(slug) <= MAX_SLUG:
        return None
    return f"is {len(slug)} characters long; a slug has at most {MAX_SLUG} (it names a folder of the site)"


def shortened(slug: str) -> str:
    return slug[:MAX_SLUG].rstrip("-")
BASE_URL_HINT = "write it like https://www.example.gov.cn/zt/quality-month/"


def normalise_base_url(value: str) -> str | None:
    """A full http(s) address ending in '/', or None when `value` is not one."""
    if not re.match(r"^https?://[^/\s?#]+(/[^\s?#]*)?$", value):
        return None
    return value if value.endswith("/") else value + "/"


def suggest_slug(value: str, path: KeyPath) -> str:
    """A safe slug close to `value`: ASCII letters and digits joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", value.lower())
    if words:
        return "-".join(words)
    parent = next((str(p) for p in reversed(path) if isinstance(p, str) and p != "slug"), "item")
    index = next((p for p in reversed(path) if isinstance(p, int)), 0)
    return f"{parent.rstrip('s')}-{index + 1}"


# keys whose name alone reads badly in "the … is missing" (or is taken for another thing: a `body` is an organisation)
_NOUNS = {"addressees": "list of addressees", "cc": "copied-to line", "internal": "internal distribution line",
          "intro": "introduction", "short": "short name", "contact": "contact line", "body": "body text"}
_ONE = {"requirements": "requirement", "slogans": "slogan", "activities": "activity"}  # a list's entry


def label(path: KeyPath) -> str:
    """What the text at `path` is, as a message names it: the last key that is not a language, its underscores as
    spaces ("the guiding ideology"); a section's heading, a `text` by what holds it, a few keys by a plainer noun
    ("the heading of the slogans section", "the text of the slogan", "the short name")."""
    keys = [p for p in path if isinstance(p, str) and p not in LANGUAGES]
    if not keys:
        return "value"
    key, parent = keys[-1], keys[-2] if len(keys) > 1 else ""
    if parent == "sections":
        return f"heading of the {_words(key)} section"
    if key == "text" and parent:
        return f"text of the {_ONE.get(parent, _words(parent))}"
    return _NOUNS.get(key) or _words(key)


def _words(key: str) -> str:
    return visible(key.replace("_", " "))


def describe(value: Any) -> str:
    """A wrong value as a message names it: 'the number 5', 'a list', …"""
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of keys"
    if value is None:
        return "nothing"
    return f"'{visible(str(value))}'"


MAX_TEXT = 5_000  # characters of plain text (a title, a summary, a name): a paragraph at most
MAX_MARKDOWN = 200_000  # characters of Markdown (an activity's body, a content page's text): a long report


def too_long(text: str, limit: int) -> str | None:
    """What is wrong with the length of `text`, or None."""
    return f"the text is {len(text):,} characters long; at most {limit:,}" if len(text) > limit else None


@dataclass(frozen=True)
class Spot:
    """A problem inside a text, at its line and column (counted from 1)."""

    line: int
    col: int
    message: str
    hint: str


# Python-Markdown's time grows faster than its text in places (tiny blocks, block rules that split a paragraph
# line by line, brackets and HTML tags it searches to the end of the paragraph or the page) and it recurses
# into nested lists. These limits, measured with bench/markdown_worst.py, keep any Markdown text of
# MAX_MARKDOWN characters under about two seconds, and the recursion far from Python's limit.
MAX_LINES = 10_000  # lines of a text
MAX_PARAGRAPH_LINES = 200  # lines of a paragraph (lines without a blank line between them): a table's rows
MAX_PARAGRAPH = 20_000  # characters of a paragraph
MAX_QUOTE_DEPTH = 10  # quotes (>) in quotes
MAX_LIST_DEPTH = 6  # lists in lists (each level costs: 10 deep took 2.1 s)
MAX_BRACKET_DEPTH = 4  # [ in [ on one line
MAX_FAR_BRACKETS = 10  # [ and ]( of a paragraph that close on a later line (or never)
MAX_FOOTNOTE_REFERENCES = 200  # [^name] in a text
_CONTAINER = re.compile(r"( *)(?:(>)|[-*+](?= |$)|\d{1,9}[.)](?= |$)) ?")  # a quote or list marker
_RULE = re.compile(r" {0,3}([-*_])(?: *\1){2,} *$")  # - - - is a rule, not three lists
_BRACKET = re.compile(r"\\[\\\[\]()]|[\[\]`]")  # an escape, a bracket, a backtick
# a link's address as Python-Markdown ends it: no space, quote, backtick or bracket but in a "title"; a (…) in it
_ADDRESS = re.compile(r"""\(\s*(?:<[^<>\n]*>|(?:[^\s()'"`\[\]\\]|\\[^\n]|\((?:[^\s()'"`\[\]\\]|\\[^\n])*\))*)"""
                      r"""(?:\s+(?:"[^"`\[\]\n]*"|'[^'`\[\]\n]*'))?\s*\)""")
_FOOTNOTE = re.compile(r"(^ {0,3}\[\^[^\]\n]*\]:)|\[\^", re.MULTILINE)  # a footnote's definition, or a reference
_TAG = re.compile(r"</?[A-Za-z]")  # an HTML tag, as Python's HTML parser finds one
_TAG_STOP = re.compile(r"[<>=]")
_QUOTED_VALUE = re.compile(r"=+\s*(['\"])")
_MARKDOWN_ATTRIBUTE = re.compile(r"""[\s/'"]markdown(?![\w-])""", re.IGNORECASE)
_BRACKET_HINT = ("close each [ with ] and each ]( with ) on the line where it opens; "
                 "write \\[ for a bracket that is no link")


def markdown_problems(text: str) -> list[Spot]:
    """What in the Markdown `text` would make its conversion slow or fail: the first of each kind, where it is."""
    check = _MarkdownCheck()
    lines = text.split("\n")
    if (count := len(lines) - (lines[-1] == "")) > MAX_LINES:
        check.note("lines", MAX_LINES + 1, 1, f"the text has {count:,} lines; at most {MAX_LINES:,}",
                   "shorten it, or split it into pages")
    for number, line in enumerate(lines, start=1):
        check.line(number, line)
    check.paragraph_end()
    if text.count("[^") > MAX_FOOTNOTE_REFERENCES:
        references = [found.start() for found in _FOOTNOTE.finditer(text) if not found.group(1)]
        if len(references) > MAX_FOOTNOTE_REFERENCES:
            at = references[MAX_FOOTNOTE_REFERENCES]
            check.note("footnotes", text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at),
                       f"the text refers to footnotes {len(references):,} times; at most {MAX_FOOTNOTE_REFERENCES}",
                       "refer to fewer footnotes")
    return sorted(check.found.values(), key=lambda spot: (spot.line, spot.col))


class _MarkdownCheck:
    """The checks of `markdown_problems`, line by line; a paragraph's are made when it ends."""

    def __init__(self) -> None:
        self.found: dict[str, Spot] = {}
        self.first = 0  # the line the paragraph starts on (0: between paragraphs)
        self.size = 0  # its characters
        self.lines = 0
        self.far: list[tuple[int, int]] = []  # its brackets that close on a later line, or never

    def note(self, kind: str, line: int, col: int, message: str, hint: str) -> None:
        self.found.setdefault(kind, Spot(line, col, message, hint))

    def line(self, number: int, line: str) -> None:
        if not line.strip(" \t"):
            self.paragraph_end()
            return
        self.first = self.first or number
        self.lines += 1
        self.size += len(line) + 3 * line.count("\t") + (self.lines > 1)  # a tab is four spaces; a line end one
        if line[:1] in " \t>-*+0123456789":
            self.nesting(number, line)
        if "[" in line:
            far, deep = _brackets(line)
            self.far += [(number, col + 1) for col in far]
            if deep is not None:
                self.note("brackets", number, deep + 1, f"brackets [ nest more than {MAX_BRACKET_DEPTH} deep",
                          "nest links less deeply; write \\[ for a bracket that is no link")
        if "<" in line and (tag := _bad_tag(line)):
            self.note("html", number, tag[0] + 1, tag[1], tag[2])

    def nesting(self, number: int, line: str) -> None:
        """Quotes and lists nested in the line's markers (and indents: four spaces a level)."""
        line = line.expandtabs(4) if "\t" in line else line
        quotes = lists = pos = 0
        while not _RULE.match(line, pos) and (marker := _CONTAINER.match(line, pos)):
            lists += len(marker.group(1)) // 4 + (not marker.group(2))
            quotes += bool(marker.group(2))
            if quotes > MAX_QUOTE_DEPTH:
                return self.note("quotes", number, marker.end(1) + 1,
                                 f"quotes (>) nest more than {MAX_QUOTE_DEPTH} deep", "nest quotes less deeply")
            if lists > MAX_LIST_DEPTH:
                return self.note("lists", number, marker.end(1) + 1, f"lists nest more than {MAX_LIST_DEPTH} deep",
                                 "nest lists less deeply (four spaces of indent are a level)")
            pos = marker.end()

    def paragraph_end(self) -> None:
        if self.lines > MAX_PARAGRAPH_LINES:
            self.note("paragraph lines", self.first + MAX_PARAGRAPH_LINES, 1,
                      f"the paragraph from line {self.first} has {self.lines:,} lines; at most {MAX_PARAGRAPH_LINES}",
                      "put a blank line between its parts")
        if self.size > MAX_PARAGRAPH:
            self.note("paragraph size", self.first, 1,
                      f"the paragraph is {self.size:,} characters long; at most {MAX_PARAGRAPH:,}",
                      "split it with a blank line")
        if len(self.far) > MAX_FAR_BRACKETS:
            line, col = self.far[MAX_FAR_BRACKETS]
            self.note("far brackets", line, col, f"{len(self.far):,} of the paragraph's [ and ]( close on a later line "
                      f"or never (or hold a `code span`); at most {MAX_FAR_BRACKETS}", _BRACKET_HINT)
        self.first = self.size = self.lines = 0
        self.far = []


def _brackets(line: str) -> tuple[list[int], int | None]:
    """The columns (from 0) of the [ and ]( of `line` that Python-Markdown may search beyond it: not closed on it,
    or closed past a backtick (a code span may hide the ]); and where [ first nests too deep."""
    open_: list[int] = []
    far: list[int] = []
    tick, deep, pos = -1, None, 0
    while found := _BRACKET.search(line, pos):
        char, at, pos = found.group(), found.start(), found.end()
        if char == "`":
            tick = at
        elif char == "[":
            open_.append(at)
            if len(open_) > MAX_BRACKET_DEPTH and deep is None:
                deep = at
        elif char == "]" and open_:
            opened = open_.pop()
            if tick > opened:
                far.append(opened)
            if line.startswith("(", pos):
                address = _ADDRESS.match(line, pos)
                if address:
                    pos = address.end()
                else:
                    far.append(at)
    return sorted(far + open_), deep


def _bad_tag(line: str) -> tuple[int, str, str] | None:
    """The first HTML tag of `line` that does not end on it before another begins (Python's HTML parser would search
    the rest of the page for its end), or that asks for Markdown inside (nested, it overflows the stack)."""
    pos = 0
    while start := _TAG.search(line, pos):
        pos = start.end()
        while (stop := _TAG_STOP.search(line, pos)) and stop.group() == "=":
            quoted = _QUOTED_VALUE.match(line, stop.start())
            pos = line.find(quoted.group(1), quoted.end()) + 1 if quoted else stop.end()
            if pos == 0:
                break
        if stop is None or stop.group() == "<" or pos == 0:
            return start.start(), "the HTML tag does not end (>) on its line", \
                "end the tag on the line it begins; write &lt; for a < that begins no tag"
        if _MARKDOWN_ATTRIBUTE.search(line, start.start(), stop.start()):
            return start.start(), "Markdown inside HTML (markdown=\"1\") is not supported", \
                "write the Markdown outside the HTML tags"
        pos = stop.end()
    return None
