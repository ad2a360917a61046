"""Mutations of the default campaign for the fuzz test (tests/integration/test_fuzz.py).

Takes: a seed and a mutation's number, or a mutation as JSON (to replay one).
Gives: `Mutation`s, each one class of hostile edit (CLASSES) to one file of the default campaign,
described in words and as JSON that replays it exactly; `apply` makes it in a copy of the campaign.
The same seed and number always give the same mutation.
"""
from __future__ import annotations

import functools
import json
import os
import random
import re
import shutil
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from tests.helpers import REPO

# the files a build reads, and how often each is mutated (glossary.yaml is read by a test, not by the build)
WEIGHTS = {"activities.yaml": 4, "campaign.yaml": 3, "slogans.yaml": 2, "content/about.en.md": 1,
           "content/about.zh.md": 1}


@dataclass(frozen=True)
class Edit:
    """Bytes [start, end) of the file replaced by text * repeat + tail (text kept in JSON as str:
    bytes that are not UTF-8 travel as surrogate escapes)."""

    start: int
    end: int
    text: str = ""
    repeat: int = 1
    tail: str = ""

    def payload(self) -> bytes:
        return (self.text * self.repeat + self.tail).encode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class Mutation:
    cls: str
    file: str
    what: str
    edits: tuple[Edit, ...] = ()
    becomes: str = ""  # for the class file-kind: what the file is replaced by

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=True)

    @staticmethod
    def from_json(text: str) -> Mutation:
        data = json.loads(text)
        return Mutation(**{**data, "edits": tuple(Edit(**edit) for edit in data["edits"])})


# --- drawing mutations --------------------------------------------------------------------------------------

@functools.cache
def originals() -> dict[str, bytes]:
    return {name: (REPO / name).read_bytes() for name in WEIGHTS}


def line_spans(data: bytes) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in data.splitlines(keepends=True):
        spans.append((start, start + len(line)))
        start += len(line)
    return spans


def columns(line: bytes) -> list[int]:
    """Byte offsets in a line worth editing at: its start, the end of its indent, the start of a value, its end."""
    body = line.rstrip(b"\r\n")
    stripped = body.lstrip(b" ")
    places = {0, len(body) - len(stripped), len(body)}
    if b": " in body:
        places.add(body.index(b": ") + 2)
    if stripped.startswith(b"- "):
        places.add(len(body) - len(stripped) + 2)
    return sorted(places)


def insertion(rng: random.Random, data: bytes, text: str, repeat: int = 1, tail: str = "") -> tuple[Edit, int]:
    spans = line_spans(data)
    number = rng.randrange(len(spans))
    start, end = spans[number]
    offset = start + rng.choice(columns(data[start:end]))
    return Edit(offset, offset, text, repeat, tail), number + 1


def value_spans(data: bytes) -> list[tuple[int, int, int]]:
    """(start, end, line) of every scalar written after `key: ` on its line."""
    found = []
    for number, (start, end) in enumerate(line_spans(data), 1):
        match = re.match(rb"^ *(?:- )?[\w\-]+: (?P<value>[^\s|>#].*?)\r?\n?$", data[start:end])
        if match:
            found.append((start + match.start("value"), start + match.end("value"), number))
    return found


def byte_flip(rng, name, data):
    offset = rng.randrange(len(data))
    new = data[offset] ^ (1 << rng.randrange(8))
    return Mutation("byte-flip", name, f"byte {offset}: {data[offset]:#04x} -> {new:#04x}",
                    (Edit(offset, offset + 1, bytes([new]).decode("utf-8", "surrogateescape")),))


def line_edit(rng, name, data):
    spans = line_spans(data)
    number = rng.randrange(len(spans) - 1)
    (start, end), (_, after) = spans[number], spans[number + 1]
    line, following = data[start:end].decode("utf-8"), data[end:after].decode("utf-8")
    kind = rng.choice(["delete", "duplicate", "swap"])
    edit = {"delete": Edit(start, end), "duplicate": Edit(start, start, line),
            "swap": Edit(start, after, following + line)}[kind]
    return Mutation("line-edit", name, f"{kind} line {number + 1}", (edit,))


def inserted(cls: str, tokens: list[str]):
    """A generator of mutations that insert one of `tokens` at a place worth editing."""
    def insert(rng, name, data):
        token = rng.choice(tokens)
        edit, line = insertion(rng, data, token)
        return Mutation(cls, name, f"insert {token!r} on line {line}", (edit,))
    return insert


YAML_SYNTAX = ["{", "}", "[", "]", ":", ": ", "- ", "\t", "#", "'", '"', "|", ">", "? ", ",", "&", "*", "!", "%",
               "@", "`", "---\n", "...\n", "%YAML 1.1\n", "  ", "\n", "\t- ", ": {", "- [", "<<: "]
YAML_TAGS = ["!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!binary ", "!!timestamp ", "!!set ", "!!omap ",
             "!!pairs ", "!!map ", "!!seq ", "!!python/object/apply:os.system ", "!!python/name:os.system ",
             "!local ", "!<tag:yaml.org,2002:str> ", "!<!> ", "!!merge ", "!!value ", "! ", "!!str\n"]
BAD_TAGGED = ["!!int x", "!!int 1.5", "!!float abc", "!!bool maybe", "!!null x", "!!timestamp 2008-13-45",
              "!!timestamp x", "!!binary 中文", "!!binary ===", "!!int 0x", "!!float .", "!!set [a]", "!!omap [a]",
              "!!pairs {a: b}", "!!map [a]", "!!seq {a: b}", "!!str [a]", "!!int 99999999999999999999999999"]


def yaml_tag(rng, name, data):
    """A tag before a value, or a tagged value its tag cannot make."""
    if rng.random() < 0.5 or not value_spans(data):
        return inserted("yaml-tag", YAML_TAGS)(rng, name, data)
    start, end, line = rng.choice(value_spans(data))
    text = rng.choice(BAD_TAGGED)
    return Mutation("yaml-tag", name, f"value on line {line} -> {text}", (Edit(start, end, text),))


CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029",
            "\ufeff", "\ufffe", "\u202e", "\r", "\r\n"]
ESCAPED = ['"\\x01"', '"a\\0b"', '"\\u0000"', '"\\e"', '"\\ud800"', '"\\x7f"', '"\\N"', '"\\u2028"', '"\\r"',
           '"\\t=1+1"', '"line\\nbreak"', '"\\U0010FFFF"']


def control_char(rng, name, data):
    if rng.random() < 0.6 or not value_spans(data):
        return inserted("control-char", CONTROLS)(rng, name, data)
    start, end, line = rng.choice(value_spans(data))
    text = rng.choice(ESCAPED)
    return Mutation("control-char", name, f"value on line {line} -> {text}", (Edit(start, end, text),))


def long_line(rng, name, data):
    text, repeat = rng.choice([("x", 100_000), ("中", 30_000), ("a ", 40_000), ("-", 20_000), ("\n", 20_000),
                               ("word, ", 10_000), ("=", 5_000), ("\\", 10_000)])
    edit, line = insertion(rng, data, text, repeat)
    return Mutation("long-line", name, f"insert {text!r} * {repeat} on line {line}", (edit,))


MARKDOWN = [("> ", 5_000, "x\n"), ("*", 20_000, ""), ("_", 20_000, ""), ("[", 10_000, "x"), ("![", 5_000, ""),
            ("<div>", 5_000, ""), ("`", 20_000, ""), ("&#x41;", 10_000, ""), ("[a]: /u\n", 3_000, "[a]"),
            ("1. ", 3_000, "x\n"), ("- ", 3_000, "x\n"), ("    ", 3_000, "x\n"), ("[x](", 5_000, ""),
            ("<", 20_000, ""), ("\\*", 10_000, ""), ("| a ", 3_000, "|\n|---|\n")]


def markdown_bounds(rng, name, data):
    """Markdown built to be deep or wide, at the end of a content page (its body)."""
    name = rng.choice(["content/about.en.md", "content/about.zh.md"])
    text, repeat, tail = rng.choice(MARKDOWN)
    size = len(originals()[name])
    return Mutation("markdown-bounds", name, f"append {text!r} * {repeat} + {tail!r}",
                    (Edit(size, size, "\n" + text, repeat, tail),))


ALIAS_PAYLOADS = ["&a ", "*a", "*undefined", "&a [*a]", "<<: *a", "&b *a"]
LAUGHS = "".join(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]\n" for n in range(1, 10))


def yaml_alias(rng, name, data):
    if name.endswith(".md"):
        name = "activities.yaml"
        data = originals()[name]
    if rng.random() < 0.2:
        return Mutation("yaml-alias", name, "append a billion laughs",
                        (Edit(len(data), len(data), "l0: &l0 lol\n" + LAUGHS),))
    values = value_spans(data)
    (s1, _, l1), (s2, e2, l2) = sorted(rng.sample(values, 2))
    if rng.random() < 0.5:
        return Mutation("yaml-alias", name, f"anchor &a on line {l1}, *a for the value on line {l2}",
                        (Edit(s2, e2, "*a"), Edit(s1, s1, "&a ")))
    text = rng.choice(ALIAS_PAYLOADS)
    edit, line = insertion(rng, data, text)
    return Mutation("yaml-alias", name, f"insert {text!r} on line {line}", (edit,))


UNKNOWN_KEYS = ["tilte", "zzz", "extra", "title_en", "TITLE", "__proto__", "中文键", "on", "1", "null", "~", "'a b'"]


def unknown_key(rng, name, data):
    keyed = [(number, start, match.group(1)) for number, (start, end) in enumerate(line_spans(data), 1)
             if (match := re.match(rb"^( *)[\w\-]+:", data[start:end]))]
    number, start, indent = rng.choice(keyed)
    key = rng.choice(UNKNOWN_KEYS)
    text = f"{indent.decode()}{key}: {rng.choice(['1', 'x', '[a]', '{b: c}', ''])}\n"
    return Mutation("unknown-key", name, f"insert {text!r} before line {number}", (Edit(start, start, text),))


WRONG = ["[]", "{}", "[1, 2]", "{a: 1}", "12", "-1", "0", "1.5", "true", "no", "null", "~", "''", "2008-09-10",
         "2008-13-45", "10:00", ".inf", ".nan", "0x1F", "1e400", "99999999999999999999999", "[[[]]]", "- a", "|-"]


def wrong_type(rng, name, data):
    if name.endswith(".md"):
        data = data[:data.index(b"\n---", 3)]  # the front matter's values
    blocks = block_spans(data)
    text = rng.choice(WRONG)
    if blocks and rng.random() < 0.3:
        start, end, line = rng.choice(blocks)
        return Mutation("wrong-type", name, f"block under line {line} -> {text}", (Edit(start, end, f" {text}\n"),))
    start, end, line = rng.choice(value_spans(data))
    return Mutation("wrong-type", name, f"value on line {line} -> {text}", (Edit(start, end, text),))


def block_spans(data: bytes) -> list[tuple[int, int, int]]:
    """(start, end, line) of every block of keys or list under a `key:` line, from the colon's end on."""
    spans, found = line_spans(data), []
    for number, (start, end) in enumerate(spans):
        line = data[start:end]
        match = re.match(rb"^( *)(?:- )?[\w\-]+:\r?\n$", line)
        last = number + 1
        while match and last < len(spans) and indent_of(data[slice(*spans[last])]) > len(match.group(1)):
            last += 1
        if last > number + 1:
            found.append((start + len(line.rstrip(b"\r\n")), spans[last - 1][1], number + 1))
    return found


def indent_of(line: bytes) -> int:
    """The indent of a line; a blank line counts as inside any block."""
    return len(line) - len(line.lstrip(b" ")) if line.strip() else 1_000


BECOMES = ["folder", "empty", "link-inside", "link-outside", "dangling-link", "fifo"]


def file_kind(rng, name, data):
    if rng.random() < 0.3:
        name = rng.choice(["content/extra.en.md", "activities", "content/sub"])
    becomes = rng.choice(BECOMES)
    return Mutation("file-kind", name, f"{name} becomes {becomes}", becomes=becomes)


CLASSES = {"byte-flip": byte_flip, "line-edit": line_edit, "yaml-syntax": inserted("yaml-syntax", YAML_SYNTAX),
           "yaml-alias": yaml_alias, "yaml-tag": yaml_tag, "control-char": control_char,
           "long-line": long_line, "markdown-bounds": markdown_bounds, "unknown-key": unknown_key,
           "wrong-type": wrong_type, "file-kind": file_kind}


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def draw(seed: int, index: int) -> Mutation:
    """Mutation number `index` of a run: its class in turn, the rest from its own generator. A
    mutation of another class that brings a control character in is of the class control-char."""
    rng = random.Random(f"{seed}:{index}")
    files = originals()
    name = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    cls = list(CLASSES)[index % len(CLASSES)]
    mutation = CLASSES[cls](rng, name, files[name])
    if mutation.edits and mutation.cls != "control-char" and new_controls(mutation):
        return replace(mutation, cls="control-char", what=mutation.what + f" ({mutation.cls}: a control character)")
    return mutation


def new_controls(mutation: Mutation) -> set[str]:
    """The control characters the mutation brings into its file."""
    before = originals()[mutation.file]
    after = edited(before, mutation.edits)
    return set(CONTROL.findall(after.decode("utf-8", "replace"))) - set(CONTROL.findall(before.decode("utf-8")))


# --- making a mutation ----------------------------------------------------------------------------------------

def edited(data: bytes, edits: tuple[Edit, ...]) -> bytes:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        data = data[:edit.start] + edit.payload() + data[edit.end:]
    return data


def apply(mutation: Mutation, site: Path, outside: Path) -> None:
    """Make `mutation` in the campaign `site` (`outside` is a folder beside it, for links out of it)."""
    path = site / mutation.file
    if not mutation.becomes:
        path.write_bytes(edited(path.read_bytes(), mutation.edits))
        return
    original = originals().get(mutation.file, originals()["content/about.en.md"])
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    if mutation.becomes in ("link-inside", "link-outside"):  # a link to the same bytes, inside or outside
        spare = (site / "spare" if mutation.becomes == "link-inside" else outside) / path.name
        spare.parent.mkdir(exist_ok=True)
        spare.write_bytes(original)
        path.symlink_to(spare)
    else:
        {"folder": path.mkdir, "empty": lambda: path.write_bytes(b""), "fifo": lambda: os.mkfifo(path),
         "dangling-link": lambda: path.symlink_to(site / "missing" / path.name)}[mutation.becomes]()


