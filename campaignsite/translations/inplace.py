"""Setting texts in a YAML file's text in place: only those values change, every other byte stays.

Takes: a YAML file's text as it is on disk (a BOM, CRLF line ends, comments and all) and edits, each the key
path of a text (such as ('activities', 0, 'title', 'en')) and the text to put there.
Gives: the file's new text. A value keeps its style where that style can hold the new text (plain, '…', "…",
a `|` or `>` block with its indentation indicator and the comment on its header line); otherwise the nearest
style that can (a `|` block in a block mapping for a text of several lines, else "…" with escapes). A key that
is missing is inserted after its `zh:` (or after the last key of its mapping) in the same style: `, en: …` in a
flow map `{…}`, a new line at the same indentation in a block one. The new text is read back, and `Refused` is
raised, writing nothing, unless it reads as the old data with exactly those values changed. A value set to
what it already is changes no byte.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from ..load.yamldoc import format_path
from .yamltext import BLOCK_STYLES, LOADERS, double_quoted, folded, literal, plain, single_quoted

KeyPath = tuple  # keys and list indexes, such as ('activities', 0, 'title', 'en')
_HEADER = re.compile(r"[|>][0-9+-]*")
_BLANK_LINES = re.compile(r"(?:^[ \t]*\r?\n)*\Z", re.MULTILINE)  # the whole blank lines that end a text


class Refused(Exception):
    """An edit that cannot be made as asked: `path` (the key path of the value) and `reason`."""

    def __init__(self, path: KeyPath, reason: str) -> None:
        super().__init__(f"{format_path(path)}: {reason}")
        self.path, self.reason = path, reason


@dataclass(frozen=True)
class _Splice:
    start: int
    end: int
    text: str


def set_values(text: str, edits: Mapping[KeyPath, str]) -> str:
    """`text` with the text at each key path of `edits` set to its value (see the module's docstring)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # the pure-Python reader: marks count characters
        before = yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise Refused((), f"the file cannot be read as YAML ({exc})") from exc
    splices = [splice for path, value in edits.items()
               if _current(before, path) != value and (splice := _edit(text, root, tuple(path), value))]
    splices.sort(key=lambda splice: splice.start, reverse=True)
    edited = text
    for splice in splices:
        edited = edited[: splice.start] + splice.text + edited[splice.end:]
    if splices:
        _check(edited, before, edits)
    return edited


_ABSENT = object()


def _current(data: Any, path: KeyPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return _ABSENT
    return data


def _check(edited: str, before: Any, edits: Mapping[KeyPath, str]) -> None:
    """Refuses the edited text unless it reads as `before` with exactly the edits made."""
    try:
        after, *others = (yaml.load(edited, Loader=loader) for loader in LOADERS)  # noqa: S506 (safe loaders)
    except yaml.YAMLError as exc:
        raise Refused(next(iter(edits)), "the edited file would not read as YAML") from exc
    if any(other != after for other in others):
        raise Refused(next(iter(edits)), "the edited file would read differently in the two YAML readers")
    for path, value in edits.items():
        if _current(after, path) != value:
            raise Refused(path, "the edited file would not read back as this text")
        _put(before, path, value)
    if after != before:
        raise Refused(next(iter(edits)), "the edit would change other values of the file")


def _put(data: Any, path: KeyPath, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _edit(text: str, root: yaml.Node | None, path: KeyPath, value: str) -> _Splice:
    parent = _parent(root, path)
    for key_node, value_node in parent.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == path[-1]:
            if not isinstance(value_node, yaml.ScalarNode):
                raise Refused(path, "the value is a block or list, not a text")
            return _replace(text, parent, key_node, value_node, value, path)
    return _insert(text, parent, path, value)


def _parent(root: yaml.Node | None, path: KeyPath) -> yaml.MappingNode:
    """The mapping node that holds (or is to hold) the last key of `path`."""
    node = root
    for depth, part in enumerate(path[:-1]):
        node = _child(node, part)
        if node is None:
            raise Refused(path, f"there is no {format_path(path[: depth + 1])} in the file")
    if not isinstance(node, yaml.MappingNode):
        raise Refused(path, f"{format_path(path[:-1]) or 'the file'} is not a block of keys")
    return node


def _child(node: yaml.Node | None, part: Any) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return node.value[part] if 0 <= part < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        return next((value for key, value in node.value
                     if isinstance(key, yaml.ScalarNode) and key.value == part), None)
    return None


def _eol(text: str, at: int) -> str:
    """The line end the file uses at `at`: that of the line it stands on (or the file's first)."""
    end = text.find("\n", at)
    end = end if end >= 0 else text.find("\n")
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def _line_end(text: str, at: int) -> int:
    """Where the line holding `at` ends, past its line end (the end of the text on the last line)."""
    end = text.find("\n", at)
    return len(text) if end < 0 else end + 1


def _flow_forms(value: str, style: str | None, flow: bool) -> list[str | None]:
    """The one-line forms to try, in order, for a value last written in `style`."""
    if style == '"':
        return [double_quoted(value)]
    if style == "'":
        return [single_quoted(value), double_quoted(value)]
    return [plain(value, flow), double_quoted(value)]


def _replace(text: str, parent: yaml.MappingNode, key: yaml.ScalarNode, node: yaml.ScalarNode, value: str,
             path: KeyPath) -> _Splice:
    start, end, column = node.start_mark.index, node.end_mark.index, key.start_mark.column
    eol = _eol(text, start)
    if node.style in BLOCK_STYLES:
        return _replace_block(text, node, column, value, eol)
    # an empty value (`en:`): what is written is kept apart from the colon and from a comment after it
    before = " " if start == end and text[start - 1: start] == ":" else ""
    if "\n" in value and not parent.flow_style and node.style != '"':
        header, body = literal(value, column + 2, column, eol) or (None, "")
        if header is not None:  # the header takes the value's place; the lines go below its line
            after = _line_end(text, end)
            gap = "" if text[after - 1: after] == "\n" else eol
            return _Splice(start, after, before + header + text[end:after] + gap + body)
    written = next(form for form in _flow_forms(value, node.style, bool(parent.flow_style)) if form is not None)
    apart = " " if start == end and text[end: end + 1] == "#" else ""
    return _Splice(start, end, before + written + apart)


def _replace_block(text: str, node: yaml.ScalarNode, parent: int, value: str, eol: str) -> _Splice:
    """A `|` or `>` block's new text: its header's indicators and its lines change, the header's comment and the
    blank lines after it (when they are not part of the text) stay."""
    start, end = node.start_mark.index, node.end_mark.index
    span = text[start:end]
    header_end = span.find("\n") + 1 or len(span)
    header = span[:header_end]
    indicators = _indicators(header)
    comment = header[len(indicators):]  # the rest of the header line: spaces, a comment, the line end
    lines = span[header_end:]
    trailing = "" if "+" in indicators else _blank_end(lines)
    column = _block_column(indicators, lines, parent)
    keep = not trailing  # a `|+` block would take blank lines after it as its own
    block = (folded if node.style == ">" else literal)(value, column, parent, eol, keep) \
        or (literal(value, column, parent, eol, keep) if node.style == ">" else None)
    if block is not None:
        newline = comment if comment.endswith("\n") else comment + eol
        return _Splice(start, end, block[0] + newline + block[1] + trailing)
    rest = comment if comment.endswith("\n") or not lines else comment + eol
    return _Splice(start, end, double_quoted(value) + rest + trailing)


def _indicators(header: str) -> str:
    """A block's indicators, such as `|2-`, from the start of its header."""
    found = _HEADER.match(header)
    return found.group() if found else ""


def _blank_end(text: str) -> str:
    """The whole blank lines that end `text`."""
    found = _BLANK_LINES.search(text)
    return found.group() if found else ""


def _block_column(indicators: str, lines: str, parent: int) -> int:
    """The column a block's lines stand at: as its indicator says, or as its first line with text is indented."""
    digits = "".join(ch for ch in indicators if ch.isdigit())
    if digits:
        return parent + int(digits)
    for line in lines.split("\n"):
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return parent + 2


def _insert(text: str, parent: yaml.MappingNode, path: KeyPath, value: str) -> _Splice:
    """The key `path[-1]` and its value, after the `zh:` of its mapping (else after its last key)."""
    if not parent.value:
        raise Refused(path, f"{format_path(path[:-1]) or 'the file'} has no key to put it after")
    pairs = {key.value: (key, node) for key, node in parent.value if isinstance(key, yaml.ScalarNode)}
    key, anchor = pairs.get("zh") if path[-1] == "en" and "zh" in pairs else parent.value[-1]  # type: ignore[misc]
    style = anchor.style if isinstance(anchor, yaml.ScalarNode) else None
    name = plain(str(path[-1]), bool(parent.flow_style)) or double_quoted(str(path[-1]))
    eol = _eol(text, anchor.start_mark.index)
    if parent.flow_style:
        written = next(form for form in _flow_forms(value, style, True) if form is not None)
        return _Splice(anchor.end_mark.index, anchor.end_mark.index, f", {name}: {written}")
    column = key.start_mark.column
    at = _after(text, anchor)
    block = None
    if style in BLOCK_STYLES or "\n" in value and style != '"':
        block = (folded if style == ">" else literal)(value, column + 2, column, eol) \
            or literal(value, column + 2, column, eol)
    if block is not None:
        line = f"{name}: {block[0]}{eol}{block[1]}"
    else:
        forms = _flow_forms(value, None if style in BLOCK_STYLES else style, False)
        line = f"{name}: {next(form for form in forms if form is not None)}{eol}"
    gap = eol if at > 0 and text[at - 1] != "\n" else ""
    return _Splice(at, at, gap + " " * column + line)


def _after(text: str, anchor: yaml.Node) -> int:
    """Where a line put after `anchor`'s value begins: past its line, or past a block's last line of text (the
    blank lines after a block stay below the new line, unless they belong to the block's text, `|+`)."""
    end = anchor.end_mark.index
    if isinstance(anchor, yaml.ScalarNode) and anchor.style in BLOCK_STYLES:
        span = text[anchor.start_mark.index: end]
        if "+" not in _indicators(span):
            end -= len(_blank_end(span))
        return end
    return end if end > 0 and text[end - 1] == "\n" else _line_end(text, end)
