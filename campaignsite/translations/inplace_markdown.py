"""Setting the English of a content page in place: `content/NAME.en.md`'s body and front-matter values.

Takes: the text of a page as it is on disk (a BOM and CRLF line ends kept), the new body and/or front-matter
values; for a page that has no English file yet, the Chinese file's text.
Gives: the page's new text, changing only what was asked: the front matter's other bytes stay (its values are
set by `inplace.set_values`), the body is replaced whole, written with the file's line ends. A new English
page takes the Chinese file's front matter (its keys, order and comments) with the given values put in.
The result is read back as the loader reads it; `Refused` is raised, writing nothing, unless it matches.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from ..load import parse_markdown
from .inplace import Refused, set_values

_LINE = re.compile(r"[^\n]*(?:\n|\Z)")
_BOM = "\ufeff"


def set_page(text: str, body: str | None = None, front: Mapping[str, str] | None = None) -> str:
    """`text` (a content page) with its body (when given) and the given front-matter values set."""
    front = dict(front or {})
    bom, rest = (_BOM, text[1:]) if text.startswith(_BOM) else ("", text)
    opening, front_text, closing, old_body = _parts(rest)
    eol = "\r\n" if opening.endswith("\r\n") else "\n"
    if front:
        front_text = set_values(front_text, {(key,): value for key, value in front.items()})
    new_body = old_body if body is None or _normal(old_body) == body else body.replace("\n", eol)
    if not closing.endswith("\n") and new_body:
        closing += eol  # a page that ended at its closing line gets a line end before its new body
    edited = bom + opening + front_text + closing + new_body
    _check(edited, body, front)
    return edited


def new_page(zh_text: str, body: str, front: Mapping[str, str]) -> str:
    """The text of a missing `NAME.en.md`: the Chinese page's front matter with the values of `front` put in
    (its other keys, if any, keep their values) and `body` below it."""
    return set_page(zh_text, body, front)


def _parts(text: str) -> tuple[str, str, str, str]:
    """The opening `---` line, the front matter's text, the closing line and the body, each with its line ends."""
    lines = _LINE.findall(text)
    if not lines or lines[0].strip() != "---":
        raise Refused((), "the page has no front matter (a first line '---')")
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return lines[0], "".join(lines[1:index]), lines[index], "".join(lines[index + 1:])
    raise Refused((), "the page's front matter is not closed by a line '---'")


def _normal(text: str) -> str:
    """Text as the loader reads it: line ends made LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check(edited: str, body: str | None, front: Mapping[str, str]) -> None:
    """Refuses unless the edited page reads with the given body and front-matter values."""
    doc, problems = parse_markdown(_normal(edited.removeprefix(_BOM)), "page")
    if doc is None or problems:
        raise Refused((), "the edited page would not read as a page")
    if body is not None and doc.body != body:
        raise Refused(("body",), "the edited page would not read back with this text")
    data = doc.front.data if isinstance(doc.front.data, dict) else {}
    for key, value in front.items():
        if data.get(key) != value:
            raise Refused((key,), "the edited page would not read back with this value")
