"""YAML with positions: the data of a file and where each value stands in it. No meaning yet.

Takes: YAML text (or the path of a data file) and the name to show for it in messages.
Gives: `YamlDoc` (plain Python data plus the line and column of every value and key), or
`Problem`s saying what could not be read. A quick reading (`quick_yaml`) gives the data without
positions, several times faster, for files that hold nothing unusual.
YAML is parsed safely: only plain data types, no duplicate keys, no tags that run code, and a cap
on alias expansion so a "billion laughs" file is refused without being expanded.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem
from .files import read_text

# the C parser is several times faster; the pure-Python one gives the same nodes
_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple  # a key path such as ("activities", 0, "title", "en")

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
MIN_NODE_BUDGET = 10_000  # aliases may expand a document to ten times its size, at least this many nodes


@dataclass(frozen=True)
class Mark:
    """A position in a file, counted from 1."""

    line: int
    col: int


@dataclass
class YamlDoc:
    """Parsed YAML: the data, and where each value (and each mapping key) stands in the file."""

    file: str
    data: Any
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)
    source_text: dict[Path_, str] = field(default_factory=dict)  # plain scalars YAML made non-text
    line_offset: int = 0
    exact: bool = True  # False: read quickly, without positions; read it again exactly to report a problem

    def mark(self, path: Path_) -> Mark:
        """The position of `path`, or of its nearest ancestor that exists in the file."""
        path = tuple(path)
        while path:
            if path in self.key_marks:
                return self.key_marks[path]
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), Mark(1, 1))

    def value_mark(self, path: Path_) -> Mark:
        path = tuple(path)
        return self.marks.get(path) or self.mark(path)


def parse_yaml(text: str, display: str, line_offset: int = 0) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse YAML text into a `YamlDoc`; problems carry file positions shifted by `line_offset`."""
    if "\t" in text:
        tab = _tab_problem(text, display, line_offset)
        if tab:
            return None, [tab]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, display, line_offset)]
    except yaml.YAMLError as exc:
        return None, [Problem(display, message=f"the YAML cannot be read: {exc}")]
    doc = YamlDoc(display, None, line_offset=line_offset)
    if node is None:
        return doc, []
    builder = _Builder(doc, _count_unique(node))
    doc.data = builder.build(node, ())
    return doc, builder.problems


def load_yaml(path: Path, display: str, exact: bool = True) -> tuple[YamlDoc | None, list[Problem]]:
    """The file as a `YamlDoc`. With `exact=False` a file that reads cleanly comes without positions
    (several times faster); anything unusual in it (a syntax error, a tag, an alias, a repeated key)
    makes it read exactly, with every position."""
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    if not exact:
        quick = quick_yaml(text, display)
        if quick is not None:
            return quick, []
    return parse_yaml(text, display)


class _NeedsExactReading(Exception):
    """The quick reading met something only the exact reading reports well."""


def quick_yaml(text: str, display: str) -> YamlDoc | None:
    """Plain data from YAML text, without positions, or None when the text is anything but plain
    data (the exact reading then says what is wrong, and where)."""
    if "\t" in text:
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = _QuickBuilder().build(node) if node is not None else None
    except (yaml.YAMLError, ValueError, _NeedsExactReading):
        return None
    return YamlDoc(display, data, exact=False)


class _QuickBuilder:
    """Nodes -> plain data, refusing (to the exact reading) tags, aliases, merge and repeated keys."""

    def __init__(self) -> None:
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:str":
                return node.value
            if node.tag not in _PLAIN_TAGS:
                raise _NeedsExactReading
            if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
                raise _NeedsExactReading  # yes/no/on/off: only the exact reading keeps the wording
            return self.constructor.construct_object(node)
        if id(node) in self.seen:  # an alias: the exact reading caps how far aliases expand
            raise _NeedsExactReading
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            return [self.build(item) for item in node.value]
        if not isinstance(node, yaml.MappingNode) or node.tag != _MAP_TAG:
            raise _NeedsExactReading
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge" \
                    or key_node.value in result:
                raise _NeedsExactReading
            result[key_node.value] = self.build(value_node)
        return result


def _tab_problem(text: str, display: str, line_offset: int) -> Problem | None:
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return Problem(display, number + line_offset, indent.index("\t") + 1,
                           message="a tab is used for indentation",
                           hint="YAML needs spaces: replace the tab with spaces")
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str, line_offset: int) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 + line_offset if mark else 0
    col = mark.column + 1 if mark else 0
    what = exc.problem or "the YAML is not well-formed"
    if exc.context:
        what = f"{exc.context}, {what}"
    return Problem(display, line, col, message=f"YAML syntax error: {what}",
                   hint="check the indentation and quoting on this line and the one before")


def _count_unique(node: yaml.Node) -> int:
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return len(seen)


class _AliasBudgetExceeded(Exception):
    pass


class _Builder:
    """Turns a node tree into plain data, recording positions and collecting problems."""

    def __init__(self, doc: YamlDoc, unique_nodes: int) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.budget = max(MIN_NODE_BUDGET, 10 * unique_nodes)
        self.constructor = yaml.constructor.SafeConstructor()
        self.names: dict[Path_, str] = {}

    def build(self, node: yaml.Node, path: Path_) -> Any:
        try:
            return self._build(node, path)
        except _AliasBudgetExceeded:
            self.problems.append(Problem(
                self.doc.file, 1, 1, message="the file's aliases (*name) expand to far more data than it holds",
                hint="write the values out instead of using anchors and aliases"))
            return None

    def _mark(self, node: yaml.Node) -> Mark:
        return Mark(node.start_mark.line + 1 + self.doc.line_offset, node.start_mark.column + 1)

    def _problem(self, node: yaml.Node, path: Path_, message: str, hint: str = "") -> None:
        mark = self._mark(node)
        self.problems.append(Problem(self.doc.file, mark.line, mark.col, format_path(path, self.names), message, hint))

    def _build(self, node: yaml.Node, path: Path_) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _AliasBudgetExceeded
        self.doc.marks.setdefault(path, self._mark(node))
        if isinstance(node, yaml.MappingNode):
            return self._build_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                return self._refuse_tag(node, path)
            return [self._build(item, path + (index,)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # the only other kind of node
        return self._build_scalar(node, path)

    def _build_mapping(self, node: yaml.MappingNode, path: Path_) -> Any:
        if node.tag != _MAP_TAG:
            return self._refuse_tag(node, path)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, path, "this kind of key is not supported",
                              hint="use a plain name followed by a colon")
                continue
            key = key_node.value
            if key in result:
                first = self.doc.key_marks[path + (key,)]
                self._problem(key_node, path + (key,), f"the key '{key}' appears twice in the same block",
                              hint=f"keep one of them (the first is on line {first.line})")
                continue
            self.doc.key_marks[path + (key,)] = self._mark(key_node)
            result[key] = self._build(value_node, path + (key,))
            if key == "slug" and isinstance(result[key], str) and path and isinstance(path[-1], int):
                self.names[path] = result[key]  # later problems in this item name it by its slug
        return result

    def _build_scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        if node.tag not in _PLAIN_TAGS:
            return self._refuse_tag(node, path)
        try:
            value = self.constructor.construct_object(node)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            if node.tag == "tag:yaml.org,2002:timestamp":
                self._problem(node, path, f"{node.value} is not a real date ({exc})",
                              hint="check the day and the month")
            else:
                self._problem(node, path, f"'{node.value}' is not a valid value ({exc})",
                              hint="correct it, or put it in quotes if it is meant as text")
            return node.value
        if not isinstance(value, str) and not node.style:
            self.doc.source_text[path] = node.value
        return value

    def _refuse_tag(self, node: yaml.Node, path: Path_) -> None:
        self._problem(node, path, f"the tag {node.tag} is not allowed",
                      hint="remove the tag: data files hold plain text, numbers, dates, lists and blocks")
        return None


def format_path(path: Path_, names: dict[Path_, str] | None = None) -> str:
    """('activities', 0, 'title', 'en') -> 'activities[0].title.en' (or [slug] where names has it)."""
    text = ""
    for depth, part in enumerate(path):
        if isinstance(part, int):
            label = (names or {}).get(tuple(path[: depth + 1]), str(part))
            text += f"[{label}]"
        else:
            text += ("." if text else "") + str(part)
    return text
