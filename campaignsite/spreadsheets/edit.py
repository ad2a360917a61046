"""An activity's YAML text: written whole for a new row (`activity_yaml`), edited in place for a kept activity
(`edit_activity`): only the keys its row changes, every other byte kept.

Takes: the text of an activity file (or of activities.yaml), the key path of the activity in it (`()` for a file,
`("activities", 3)` for an item of the list), the activity's data as read, and the changes of its row (a column's
key -> its new value, None to remove it).
Gives: the new text, and the activity's new data. A text in both languages (`title.en`) is set through
`translations.inplace.set_values`, which keeps the value's style and the other language's bytes; any other key
that changes (the schedule, the region, the organisers, …) has its entry written again in the style of an imported
file, at its place; a key the row empties is removed with its lines, a new one goes after the key before it in the
order of an activity file. Comments and keys the row does not change stay. The text is read back and `Refused`
(from `inplace`) is raised unless it reads as the old data with exactly these changes.
"""
from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

import yaml

from ..translations.inplace import Refused, set_values
from ..validate.kinds import Bilingual
from .cells import COLUMNS, KINDS

KeyPath = tuple
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def merged(data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`data` with each change made (a leaf set, or removed with the blocks it leaves empty)."""
    result = copy.deepcopy(data)
    for key, value in changes.items():
        *parents, last = key.split(".")
        if value is None:
            _remove(result, parents, last)
            continue
        block = result
        for part in parents:
            if not isinstance(block.get(part), dict):
                block[part] = {}
            block = block[part]
        block[last] = value
    return result


def _remove(data: dict[str, Any], parents: list[str], last: str) -> None:
    chain = [data]
    for part in parents:
        block = chain[-1].get(part)
        if not isinstance(block, dict):
            return
        chain.append(block)
    chain[-1].pop(last, None)
    for depth in range(len(parents), 0, -1):
        if chain[depth] == {}:
            chain[depth - 1].pop(parents[depth - 1], None)


def edit_activity(text: str, at: KeyPath, data: dict[str, Any], changes: dict[str, Any]) -> tuple[str, dict]:
    """The text with the activity at `at` changed as its row says, and its new data (see the module)."""
    after = merged(data, changes)
    whole = yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 (a safe loader)
    tops = list(dict.fromkeys(key.split(".")[0] for key in changes))
    for top in tops:
        keys = [key for key in changes if key.split(".")[0] == top]
        if all(_text_leaf(key) and changes[key] is not None for key in keys) and isinstance(data.get(top), dict):
            text = set_values(text, {(*at, *key.split(".")): changes[key] for key in keys})
            continue
        try:
            text = _rewrite_entry(text, at, top, after.get(top))
        except yaml.YAMLError as exc:  # an entry written before left the text unreadable: checked below anyway
            raise Refused(at, "the edited file would not read as YAML") from exc
    try:
        same = yaml.load(text, Loader=yaml.SafeLoader) == _replaced(whole, at, after)  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        same = False
    if not same:
        raise Refused(at, "the edited file would not read back as the activity with its row's changes")
    return text, after


def _text_leaf(key: str) -> bool:
    return key.count(".") == 1 and isinstance(KINDS.get(key), Bilingual)


def _replaced(whole: Any, at: KeyPath, activity: dict[str, Any]) -> Any:
    if not at:
        return activity
    result = copy.deepcopy(whole)
    block = result
    for part in at[:-1]:
        block = block[part]
    block[at[-1]] = activity
    return result


def _node(text: str, at: KeyPath) -> yaml.MappingNode:
    node = yaml.compose(text, Loader=yaml.SafeLoader)  # the pure-Python reader: marks count characters
    for part in at:
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        elif isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if getattr(key, "value", None) == part), None)
        else:
            node = None
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        raise Refused(at, "the activity is not a block of keys, one a line")
    return node


def _rewrite_entry(text: str, at: KeyPath, top: str, value: Any) -> str:
    """The entry `top:` of the activity written again (or removed when `value` is None, or added)."""
    node = _node(text, at)
    pairs = [(key, item) for key, item in node.value if isinstance(key, yaml.ScalarNode)]
    column = pairs[0][0].start_mark.column if pairs else 0
    eol = "\r\n" if "\r\n" in text else "\n"
    lines = "" if value is None else _indented(entry_lines(top, value), column, eol)
    for key, item in pairs:
        if key.value == top:
            start, end = key.start_mark.index, _entry_end(text, item)
            if value is None:  # the whole lines go; the first key of a list item keeps its `- `
                line_start = text.rfind("\n", 0, start) + 1
                start = line_start if not text[line_start:start].strip() else start
                return text[:start] + text[end:]
            return text[:start] + lines.lstrip(" ") + text[end:]
    if value is None:
        return text
    order = list(dict.fromkeys(key.split(".")[0] for key in ("slug", *COLUMNS)))
    before = [(key, item) for key, item in pairs if key.value in order and order.index(key.value) < order.index(top)]
    anchor = before[-1] if before else pairs[-1]
    at_end = _entry_end(text, anchor[1])
    gap = "" if at_end == 0 or text[at_end - 1] == "\n" else eol
    return text[:at_end] + gap + lines + text[at_end:]


def _entry_end(text: str, node: yaml.Node) -> int:
    """Where the lines of a value end: past the line end of its last line with text (not the blank lines or
    comments a block's end mark takes in)."""
    last = node
    while isinstance(last, yaml.MappingNode | yaml.SequenceNode) and last.value and not last.flow_style:
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    end = last.end_mark.index
    if isinstance(last, yaml.ScalarNode) and last.style in ("|", ">"):
        while end > 0 and text[end - 1] in " \r\n":
            end -= 1
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def _indented(lines: str, column: int, eol: str) -> str:
    pad = " " * column
    return "".join((pad + line if line else line) + eol for line in lines.split("\n")[:-1])


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9.+=~<\\/][^:#\n\t\\\"']*")
_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}  # what YAML 1.1 reads as something else


def scalar(value: Any) -> str:
    """A value as a YAML scalar: plain where that surely reads back as the same text, else as PyYAML writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _PLAIN.fullmatch(value) and value == value.rstrip() and value.isprintable() \
            and value.lower() not in _WORDS:
        return value
    if isinstance(value, str) and value.isprintable():  # single quotes hold any one line: only ' is doubled
        return "'" + value.replace("'", "''") + "'"
    return yaml.dump(value, Dumper=_DUMPER, allow_unicode=True, width=10**6, default_flow_style=True).removesuffix(
        "\n...\n").removesuffix("\n")


def _block(text: str, indent: str) -> str | None:
    """A text of several lines as a `|` block under its key, or None when a block cannot hold it exactly."""
    lines = text.split("\n")
    body = lines[:-1] if text.endswith("\n") else lines
    if text.endswith("\n\n") or not body or not body[0] or body[0][0] == " " or any(
            line != line.rstrip() or not line.isprintable() for line in body):
        return None
    return ("|" if text.endswith("\n") else "|-") + "".join(f"\n{indent}{line}" if line else "\n" for line in body)


def _value(value: Any, indent: str) -> str:
    if isinstance(value, str) and "\n" in value:
        return _block(value, indent) or scalar(value)
    return scalar(value)


def activity_yaml(data: dict[str, Any]) -> str:
    """An activity's file as the campaign's files are written by hand: its keys in order, each text in both languages
    under its key (several lines as a `|` block), the schedule on one line, dates as dates."""
    return "".join(entry_lines(key, value) for key, value in data.items())


def entry_lines(key: str, value: Any) -> str:
    """One key of an activity and its value, as lines from column 0 (each ending in a line end)."""
    lines = []
    if key == "schedule" and isinstance(value, dict):
        lines.append(f"{key}: {{{', '.join(f'{k}: {scalar(v)}' for k, v in value.items())}}}")
    elif isinstance(value, dict):
        lines.append(f"{key}:")
        lines += [f"  {sub}: {_value(text, '    ')}" for sub, text in value.items()]
    elif isinstance(value, list):
        lines.append(f"{key}:")
        lines += [f"  - {scalar(item)}" for item in value]
    else:
        lines.append(f"{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"
