"""Markdown pages: `---` front matter (YAML, with positions) and the body below it.

Takes: the text (or path) of a `content/NAME.LANG.md` file.
Gives: a `MarkdownDoc` (front matter as a `YamlDoc`, the body and the line it starts on), or the
`Problem`s saying why the file cannot be read.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from .files import read_text
from .yamldoc import YamlDoc, parse_yaml


@dataclass
class MarkdownDoc:
    file: str
    front: YamlDoc
    body: str
    body_line: int  # the line of the file on which the body starts


def parse_markdown(text: str, display: str) -> tuple[MarkdownDoc | None, list[Problem]]:
    """Split `---` front matter from the body and parse the front matter as YAML."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [Problem(display, 1, 1, message="the page has no front matter",
                              hint="start the file with a line '---', the page's title: and a closing '---'")]
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            front_text = "\n".join(lines[1:index])
            front, problems = parse_yaml(front_text, display, line_offset=1)
            if front is None:
                return None, problems
            body = "\n".join(lines[index + 1:])
            return MarkdownDoc(display, front, body, index + 2), problems
    return None, [Problem(display, 1, 1, message="the front matter is not closed",
                          hint="add a line '---' after the front matter")]


def load_markdown(path: Path, display: str) -> tuple[MarkdownDoc | None, list[Problem]]:
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    return parse_markdown(text, display)
