"""A list file read again item by item: only the items whose text changed are parsed.

Takes: the text of a data file and, from its last quick reading, each item's data under the digest of its text.
Gives: the quick reading (`yamldoc.quick_yaml`) of the file, with `YamlDoc.item_stamps`, the digest of each item's
text, when the file is one key holding a block list (`activities:` then `  - slug: …` items, as activities.yaml
is): the 5 MB activities.yaml of 5,000 activities, one of them edited, costs the parse of that one item.
An item's text is parsed alone; YAML can only tie items together through aliases, which the quick reading refuses
anyway (the whole file is then read as before), and a split in the wrong place leaves a text that does not parse
as exactly one item, which also sends the whole file to the ordinary reading.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from .yamldoc import FORBIDDEN_RE, YamlDoc, quick_yaml

_HEAD = re.compile(r"(?:[ ]*(?:#.*)?\n)*([A-Za-z_][A-Za-z0-9_]*):[ ]*(?:#.*)?\n")  # comments, then `key:`
_FIRST_ITEM = re.compile(r"^( *)- ", re.M)
_ASIDES = re.compile(r"(?:[ ]*(?:#.*)?\n)*")  # blank lines and comments
_MARGIN = re.compile(r"^(?![ #\n]|$)", re.M)  # a line that starts at the margin, not a comment
_MARGIN_ITEMS = re.compile(r"^(?![ #\n]|- |$)", re.M)  # the same when the items themselves are at the margin


@dataclass(frozen=True)
class ListItems:
    key: str
    texts: list[str]
    digests: tuple[str, ...]


def split_items(text: str) -> ListItems | None:
    """The file's items when it is comments, one `key:` line and a block list under it; None for any other shape."""
    head = _HEAD.match(text)
    first = _FIRST_ITEM.search(text, head.end()) if head else None
    if head is None or first is None or not _ASIDES.fullmatch(text, head.end(), first.start()):
        return None
    indent = first.group(1)
    margin = _MARGIN_ITEMS if indent == "" else _MARGIN
    if margin.search(text, first.start()):
        return None  # another key, or text at the margin: not one list
    starts = [match.start() for match in re.finditer(rf"^{indent}- ", text[first.start():], re.M)]
    texts = [text[first.start() + start:first.start() + end]
             for start, end in zip(starts, [*starts[1:], len(text) - first.start()], strict=True)]
    return ListItems(head.group(1), texts, tuple(_digest(item) for item in texts))


def quick_list(text: str, display: str, known: dict[str, Any] | None) -> YamlDoc | None:
    """`quick_yaml(text)`, with item stamps when the file is one list; the items `known` by their text's digest
    are taken as they are, the others parsed alone."""
    items = split_items(text)
    if items is None or not known or "\t" in text or FORBIDDEN_RE.search(text):
        return _stamped(quick_yaml(text, display), items)
    data = []
    for item_text, digest in zip(items.texts, items.digests, strict=True):
        if digest in known:
            data.append(known[digest])
            continue
        part = quick_yaml(item_text, display)
        if part is None or not isinstance(part.data, list) or len(part.data) != 1:
            return _stamped(quick_yaml(text, display), items)
        data.append(part.data[0])
    return YamlDoc(display, {items.key: data}, exact=False, item_stamps=items.digests)


def known_items(data: Any, stamps: tuple[str, ...] | None) -> dict[str, Any]:
    """A quick reading's items under the digests of their texts (none without stamps)."""
    if not stamps or not isinstance(data, dict) or len(data) != 1:
        return {}
    items = next(iter(data.values()))
    return dict(zip(stamps, items, strict=True)) if isinstance(items, list) and len(items) == len(stamps) else {}


def _stamped(doc: YamlDoc | None, items: ListItems | None) -> YamlDoc | None:
    """The whole file's reading, given its items' stamps when its list holds exactly the items the split found."""
    if doc is None or items is None or not isinstance(doc.data, dict) or list(doc.data) != [items.key]:
        return doc
    listed = doc.data[items.key]
    if isinstance(listed, list) and len(listed) == len(items.texts):
        doc.item_stamps = items.digests
    return doc


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
