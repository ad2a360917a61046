"""Markdown -> sanitised HTML, remembering what was converted.

Takes: Markdown text in one language, and the conversions known from earlier builds.
Gives: HTML in which raw HTML keeps only harmless tags and http(s)/mailto links (nh3), every image's
address a path of the site (an `<img>` whose `src` names another host loses it: validation has
refused it at its line, and this makes sure no page loads a picture from elsewhere), and the
conversions made this time, for the write stage to keep in the tool's cache folder. In that HTML
each table (not one inside another) sits in `<div class="table-scroll" role="region" tabindex="0"
aria-label="…">`, named by its caption or else by the cells of its first row, and each `<pre>`
carries `tabindex="0"`: on a narrow screen both scroll sideways instead of widening the page, and
a box that scrolls must take the keyboard's focus so that it can be scrolled without a mouse
(WCAG 2.1.1; axe's `scrollable-region-focusable`); the name tells a screen reader which table the
focus is on. The sanitiser removes any `role`, `tabindex`, `aria-*` or `class` an author writes.
"""
from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "abbr": {"title"},
    "ol": {"start"},
}
# A Markdown table's column alignment (`| :---: |`) comes as `style="text-align: …"`; no other property passes.
ALLOWED_STYLES = {"text-align"}
SCROLL_BOXES = "scroll-boxes-1"  # part of the conversions' key: change it when scroll_boxes' output changes
LOCAL_IMAGES = "local-images-1"  # likewise for _local_images
_CONVERTER = repr((markdown.__version__, getattr(nh3, "__version__", ""), sorted(ALLOWED_TAGS),
                   sorted((k, sorted(v)) for k, v in ALLOWED_ATTRIBUTES.items()), sorted(ALLOWED_STYLES),
                   SCROLL_BOXES, LOCAL_IMAGES)).encode("utf-8")
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")  # a browser drops these from an address


def _local_images(element: str, attribute: str, value: str) -> str | None:
    """An image's `src` only when it is a path of this site: not `http(s)://`, not `//host` (nor `/\\host`,
    which a browser reads as that)."""
    if element != "img" or attribute != "src":
        return value
    address = _IGNORED_IN_URLS.sub("", value).strip()
    return value if address.startswith("/") and address[1:2] not in ("/", "\\") else None


class Conversions:
    """Markdown already converted, by a digest of the converter's versions and settings and of the
    source: HTML that cannot differ from what converting again would give. A build starts from the
    ones kept in the tool's cache folder and the write stage keeps the new ones, so that a rebuild
    (after a template edit, say) converts only Markdown it has not seen; Python-Markdown is most of
    the cost of a page."""

    def __init__(self, known: dict[str, str] | None = None) -> None:
        self.known: dict[str, str] = dict(known or {})
        self.new: dict[str, str] = {}
        self._threads = threading.local()

    def to_html(self, source: str) -> str:
        """Markdown -> sanitised HTML: raw HTML in the source keeps only harmless tags and http(s)/mailto links."""
        key = hashlib.blake2b(_CONVERTER + source.encode("utf-8"), digest_size=20).hexdigest()
        html = self.known.get(key)
        if html is None:
            html = scroll_boxes(nh3.clean(self._converter().reset().convert(source), tags=ALLOWED_TAGS,
                                          attributes=ALLOWED_ATTRIBUTES, attribute_filter=_local_images,
                                          filter_style_properties=ALLOWED_STYLES,
                                          url_schemes={"http", "https", "mailto"}, link_rel=None))
            self.known[key] = self.new[key] = html
        return html

    def keep(self, converted: dict[str, str]) -> None:
        """Conversions made by another process (a worker), to be kept as if made here."""
        self.known.update(converted)
        self.new.update(converted)

    def take_new(self) -> dict[str, str]:
        new, self.new = self.new, {}
        return new

    def _converter(self) -> markdown.Markdown:
        """One Markdown converter per thread, reset between texts: making one costs more than converting
        a short text (0.38 ms against 0.16 ms, measured)."""
        converter = getattr(self._threads, "markdown", None)
        if converter is None:
            converter = self._threads.markdown = markdown.Markdown(extensions=["extra", "sane_lists"],
                                                                   output_format="html")
        return converter


def markdown_to_html(source: str) -> str:
    """One text converted on its own (for tests and one-off uses; a build converts through its `Conversions`)."""
    return Conversions().to_html(source)


# Scroll boxes: added after the sanitiser, which would remove their attributes.


@dataclass
class _Table:
    start: int
    end: int = -1
    caption: list[str] = field(default_factory=list)
    first_row: list[list[str]] = field(default_factory=list)  # the text of each cell


class _Finder(HTMLParser):
    """The outermost tables (where they begin and end, and what names them) and the `<pre>` tags."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0]
        for number, char in enumerate(html):
            if char == "\n":
                self.line_starts.append(number + 1)
        self.tables: list[_Table] = []
        self.pres: list[tuple[int, str]] = []  # (where the tag begins, the tag as written)
        self.depth = 0  # tables open
        self.rows = 0  # rows begun in the outermost table
        self.in_caption = self.in_cell = False

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.pres.append((self.position(), self.get_starttag_text() or "<pre>"))
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append(_Table(self.position()))
                self.rows = 0
        elif self.depth == 1 and tag == "caption":
            self.in_caption = True
        elif self.depth == 1 and tag == "tr":
            self.rows += 1
        elif self.depth == 1 and tag in ("th", "td") and self.rows == 1:
            self.tables[-1].first_row.append([])
            self.in_cell = True

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.tables[-1].end = self.html.index(">", self.position()) + 1
        elif self.depth == 1 and tag == "caption":
            self.in_caption = False
        elif self.depth == 1 and tag in ("th", "td", "tr"):
            self.in_cell = False

    def handle_data(self, data):
        if self.in_caption:
            self.tables[-1].caption.append(data)
        elif self.in_cell and self.depth == 1:
            self.tables[-1].first_row[-1].append(data)


def _name(table: _Table) -> str:
    """The caption, or else the first row's cells (a Markdown table's header), as one line."""
    caption = " ".join("".join(table.caption).split())
    if caption:
        return caption
    cells = (" ".join("".join(cell).split()) for cell in table.first_row)
    return ", ".join(cell for cell in cells if cell)


def _box(table: _Table) -> str:
    name = _name(table)
    named = f' role="region" aria-label="{escape(name)}"' if name else ""
    return f'<div class="table-scroll"{named} tabindex="0">'


def scroll_boxes(html: str) -> str:
    """Each outermost table wrapped in a focusable, named scroll box; each `<pre>` focusable."""
    if "<table" not in html and "<pre" not in html:
        return html  # most texts: nothing to parse
    finder = _Finder(html)
    finder.feed(html)
    finder.close()
    edits = [(at, at + len(tag), tag[:-1] + ' tabindex="0">') for at, tag in finder.pres]
    for table in finder.tables:
        if table.end > table.start:
            edits += [(table.start, table.start, _box(table)), (table.end, table.end, "</div>")]
    pieces, done = [], 0
    for start, end, text in sorted(edits):
        pieces += [html[done:start], text]
        done = end
    return "".join(pieces) + html[done:]
