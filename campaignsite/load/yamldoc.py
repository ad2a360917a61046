"""YAML with positions: the data of a file and where each value stands in it. No meaning yet.

Takes: YAML text (or the path of a data file) and the name to show for it in messages.
Gives: `YamlDoc` (plain Python data plus the line and column of every value and key), or
`Problem`s saying what could not be read. A quick reading (`quick_yaml`) gives the data without
positions, several times faster, for files that hold nothing unusual. `visible`: how messages quote text.
YAML is parsed safely: only plain data types, no duplicate keys, no tags that run code, no raw control characters
(validation refuses escaped ones, with a text's other problems), a typed tag (`!!int`, …) only on a value it fits,
and caps on alias expansion: a "billion laughs" file is refused unexpanded, and a file holds at most 64 MiB of
text with its aliases written out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, example_day
from .files import read_text

# the C parser is several times faster; the pure-Python one gives the same nodes
_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple  # a key path such as ("activities", 0, "title", "en")

_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
MIN_NODE_BUDGET = 10_000  # aliases may expand a document to ten times its size, at least this many nodes
MAX_FILE_TEXT = 64 * 2**20  # characters of text a file may hold with its aliases written out
# C0 and C1 controls but tab and line feed (a CRLF's CR is gone once read), lone surrogates, YAML's two non-characters
FORBIDDEN_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(" *")
QUOTED_MAX = 80  # a value quoted into a message is cut to this many characters
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}
_WANTED = {f"tag:yaml.org,2002:{tag}": words for tag, words in (  # what a typed tag's value must be; how to write one
    ("int", ("a whole number", "write digits, such as 12")), ("float", ("a number", "write a number, such as 1.5")),
    ("bool", ("true or false", "write true or false")), ("null", ("empty", "leave the value out")),
    ("timestamp", ("a date", f"write the date like {example_day()}")))}


def visible(text: str, limit: int = QUOTED_MAX) -> str:
    """`text` as a message quotes it: cut to `limit` characters (…), what does not print (a NUL, an ESC, a line end)
    as an escape (\\x00, \\x1b, \\n): one line that shows what the file holds and sends nothing to the terminal."""
    cut = text[:limit]
    shown = cut if cut.isprintable() else "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in cut)
    return shown + ("…" if len(text) > limit else "")


def forbidden_character(text: str) -> tuple[int, str] | None:
    """The index and the code point (U+001B) of the first control character in `text` (FORBIDDEN_RE), or None."""
    found = FORBIDDEN_RE.search(text)
    return (found.start(), f"U+{ord(found.group()):04X}") if found else None


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
    blocks: dict[Path_, Mark] = field(default_factory=dict)  # where line 1 of a `|` block's text stands
    reported: set[Path_] = field(default_factory=set)  # values found wrong while reading: nothing more to say
    line_offset: int = 0
    exact: bool = True  # False: read quickly, without positions; read it again exactly to report a problem
    stamp: tuple[int, int, int] | None = None  # the file's size, modification time and inode when it was read
    item_stamps: tuple[str, ...] | None = None  # a list file's items: the digest of each one's text (load.listitems)

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
    if unreadable := _control_problem(text, display, line_offset) or _tab_problem(text, display, line_offset):
        return None, [unreadable]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, display, line_offset)]
    except yaml.YAMLError as exc:
        return None, [Problem(display, message=f"the YAML cannot be read: {visible(str(exc), 200)}")]
    doc = YamlDoc(display, None, line_offset=line_offset)
    if node is None:
        return doc, []
    builder = _Builder(doc, text, *_count_unique(node))
    doc.data = builder.build(node, ())
    return doc, builder.problems


def load_yaml(path: Path, display: str, exact: bool = True) -> tuple[YamlDoc | None, list[Problem]]:
    """The file as a `YamlDoc`. With `exact=False` a file that reads cleanly comes without positions (several times
    faster); anything unusual (a syntax error, a tag, an alias, a repeated key) makes it read exactly."""
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


class _BadScalar(_NeedsExactReading):
    """A scalar's typed tag does not fit its value (`!!int ""`, `!!timestamp x`, `!!null x`)."""


def _construct(constructor: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> Any:
    """A plain-tagged scalar's value, or `_BadScalar`: PyYAML fails in many ways (`!!int ""`: IndexError, …)."""
    if node.tag == "tag:yaml.org,2002:null" and node.value not in _NULL_WORDS:
        raise _BadScalar("not empty")  # PyYAML would drop the value without a word
    try:
        return constructor.construct_object(node)
    except (yaml.YAMLError, ValueError, LookupError, AttributeError, TypeError, ArithmeticError) as exc:
        raise _BadScalar(str(exc)) from exc


def quick_yaml(text: str, display: str) -> YamlDoc | None:
    """Plain data from YAML text, without positions, or None when it is anything but plain data (read it exactly)."""
    if "\t" in text or FORBIDDEN_RE.search(text):
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = _QuickBuilder().build(node) if node is not None else None
    except (yaml.YAMLError, _NeedsExactReading):
        return None
    return YamlDoc(display, data, exact=False)


class _QuickBuilder:
    """Nodes -> plain data; tags, aliases, merge, repeated keys, escaped controls, too much text: to the exact one."""

    def __init__(self) -> None:
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()
        self.chars = 0

    def text(self, node: yaml.ScalarNode) -> str:
        self.chars += len(node.value)
        if self.chars > MAX_FILE_TEXT or (node.style == '"' and FORBIDDEN_RE.search(node.value)):
            raise _NeedsExactReading
        return node.value

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value = self.text(node)
            if node.tag == "tag:yaml.org,2002:str":
                return value
            if node.tag not in _PLAIN_TAGS:
                raise _NeedsExactReading
            if node.tag == "tag:yaml.org,2002:bool" and value.lower() not in ("true", "false"):
                raise _NeedsExactReading  # yes/no/on/off: only the exact reading keeps the wording
            return _construct(self.constructor, node)  # or _BadScalar, for the exact reading to report
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
                    or self.text(key_node) in result:
                raise _NeedsExactReading
            result[key_node.value] = self.build(value_node)
        return result


def _control_problem(text: str, display: str, line_offset: int) -> Problem | None:
    """The first raw control character of the file, located (the YAML reader would name only its offset)."""
    if (found := forbidden_character(text)) is None:
        return None
    line, col = text.count("\n", 0, found[0]) + 1, found[0] - text.rfind("\n", 0, found[0])
    return Problem(display, line + line_offset, col, message=f"the file holds a control character, {found[1]}",
                   hint="remove it: a data file holds text, tabs and line ends, and no control characters")


def _tab_problem(text: str, display: str, line_offset: int) -> Problem | None:
    for number, line in enumerate(text.split("\n") if "\t" in text else (), start=1):
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
    return Problem(display, line, col, message=f"YAML syntax error: {visible(what, 200)}",
                   hint="check the indentation and quoting on this line and the one before")


def _count_unique(node: yaml.Node) -> tuple[int, bool]:
    """How many distinct nodes the tree has, and whether one of them is met twice (through an alias)."""
    seen: set[int] = set()
    stack = [node]
    shared = False
    while stack:
        current = stack.pop()
        if id(current) in seen:
            shared = True
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return len(seen), shared


class _AliasBudgetExceeded(Exception):
    pass


class _TextBudgetExceeded(Exception):
    """More than MAX_FILE_TEXT characters of text; args: the scalar node where it was passed, and its path."""


class _Builder:
    """Turns a node tree into plain data, recording positions and collecting problems."""

    def __init__(self, doc: YamlDoc, text: str, unique_nodes: int, aliased: bool) -> None:
        self.doc, self.text, self.aliased = doc, text, aliased
        self.problems: list[Problem] = []
        self.budget = max(MIN_NODE_BUDGET, 10 * unique_nodes)
        self.chars = 0  # characters of text built, counting each alias as often as it is used
        self.constructor = yaml.constructor.SafeConstructor()
        self.resolver = yaml.resolver.Resolver()
        self.names: dict[Path_, str] = {}

    def build(self, node: yaml.Node, path: Path_) -> Any:
        try:
            return self._build(node, path)
        except _AliasBudgetExceeded:
            self.doc.reported.add(())
            self.problems.append(Problem(
                self.doc.file, 1, 1, message="the file's aliases (*name) expand to far more data than it holds",
                hint="write the values out instead of using anchors and aliases"))
        except _TextBudgetExceeded as exc:
            self._too_much_text(*exc.args)
            self.doc.reported.add(())
        return None

    def _too_much_text(self, node: yaml.Node, path: Path_) -> None:
        size = f"the file holds more than {MAX_FILE_TEXT // 2**20} MiB of text; at most {MAX_FILE_TEXT // 2**20} MiB"
        if self.aliased:
            self._problem(node, path, f"with its aliases (*name) written out, {size}",
                          hint="write the values out instead of repeating them through anchors and aliases")
        else:
            self._problem(node, path, size, hint="split it (activities may be kept one a file in activities/)")

    def _mark(self, node: yaml.Node) -> Mark:
        return Mark(node.start_mark.line + 1 + self.doc.line_offset, node.start_mark.column + 1)

    def _problem(self, node: yaml.Node, path: Path_, message: str, hint: str = "", value: bool = True) -> None:
        if value:  # the value at `path` is wrong (not a key in it): validation need not say it is missing
            self.doc.reported.add(path)
        at = self._mark(node)
        self.problems.append(Problem(self.doc.file, at.line, at.col, format_path(path, self.names), message, hint))

    def _count(self, node: yaml.ScalarNode, path: Path_) -> None:
        self.chars += len(node.value)
        if self.chars > MAX_FILE_TEXT:
            raise _TextBudgetExceeded(node, path)

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
            if (key := self._key(key_node, path)) is None:
                continue
            if key in result:
                first = self.doc.key_marks[path + (key,)]
                self._problem(key_node, path + (key,), f"the key '{visible(key)}' appears twice in the same block",
                              hint=f"keep one of them (the first is on line {first.line})", value=False)
                continue
            self.doc.key_marks[path + (key,)] = self._mark(key_node)
            result[key] = self._build(value_node, path + (key,))
            if key == "slug" and isinstance(result[key], str) and path and isinstance(path[-1], int):
                self.names[path] = result[key]  # later problems in this item name it by its slug
        return result

    def _key(self, key_node: yaml.Node, path: Path_) -> str | None:
        """A mapping key's text, or None after saying why it cannot be one."""
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            self._problem(key_node, path, "this kind of key is not supported",
                          hint="use a plain name followed by a colon", value=False)
            return None
        self._count(key_node, path)
        return str(key_node.value)

    def _build_scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        if node.tag not in _PLAIN_TAGS:
            return self._refuse_tag(node, path)
        self._count(node, path)
        try:
            value = _construct(self.constructor, node)
        except _BadScalar as exc:
            return self._bad_scalar(node, path, str(exc))
        if isinstance(value, str) and node.style == "|":
            self.doc.blocks.setdefault(path, self._block_start(node))
        elif not node.style:
            self.doc.source_text[path] = node.value
        return value

    def _bad_scalar(self, node: yaml.ScalarNode, path: Path_, why: str) -> Any:
        """A date that does not exist, a typed tag on a value it does not fit; a plain `0x_` is text, not a number."""
        if not node.style and self.resolver.resolve(yaml.ScalarNode, node.value, (True, False)) == node.tag \
                and not node.tag.endswith("timestamp"):
            return node.value
        if node.tag.endswith("timestamp") and self.constructor.timestamp_regexp.match(node.value):
            return self._problem(node, path, f"{visible(node.value)} is not a real date ({why})",
                                 hint="check the day and the month")
        wanted, how = _WANTED[node.tag]
        return self._problem(node, path, f"'{visible(node.value)}' is not {wanted}, as its tag "
                                         f"!!{node.tag.rsplit(':', 1)[-1]} says", hint=f"{how}, or remove the tag")

    def _block_start(self, node: yaml.ScalarNode) -> Mark:
        """Where line 1 of a `|` block's text stands: below the `|`, as far in as its first line with text is."""
        text = node.value.lstrip("\n")
        at = self.text.find("\n", node.start_mark.index) + 1
        for _ in range(len(node.value) - len(text)):
            at = self.text.find("\n", at) + 1
        indent = _SPACES.match(self.text, at).end() - at - _SPACES.match(text).end()  # type: ignore[union-attr]
        return Mark(node.start_mark.line + 2 + self.doc.line_offset, max(indent, 0) + 1)

    def _refuse_tag(self, node: yaml.Node, path: Path_) -> None:
        return self._problem(node, path, f"the tag {visible(node.tag)} is not allowed",
                             hint="remove the tag: data files hold plain text, numbers, dates, lists and blocks")


def format_path(path: Path_, names: dict[Path_, str] | None = None) -> str:
    """('activities', 0, 'title', 'en') -> 'activities[0].title.en' (or [slug] where names has it), keys `visible`."""
    text = ""
    for depth, part in enumerate(path):
        if isinstance(part, int):
            label = (names or {}).get(tuple(path[: depth + 1]), str(part))
            text += f"[{label}]"
        else:
            text += ("." if text else "") + visible(str(part))
    return text
