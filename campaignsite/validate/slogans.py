"""slogans.yaml -> the slogans; and the reading every list file shares (activities.yaml uses it too).

Takes: the `YamlDoc` of slogans.yaml (or None: the file may be left out); for `read_list_file`, a `Reader` of
a file whose top block holds one list of entries with slugs, and a reader of one entry.
Gives: the `Slogan`s in file order; `read_list_file` gives any file's entries, each slug used once.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from ..errors import ProblemLog
from ..load import YamlDoc
from ..model import Slogan
from .common import KeyPath
from .reader import Reader
from .translated import StaleTexts


class _Entry(Protocol):
    @property
    def slug(self) -> str: ...


E = TypeVar("E", bound=_Entry)
EntryReader = Callable[[Reader, KeyPath, int, str | None], E | None]  # (reader, path, number, slug)


def read_slogans(doc: YamlDoc | None, log: ProblemLog, fallback: bool,
                 stale: StaleTexts | None = None) -> list[Slogan]:
    if doc is None:
        return []
    return read_list_file(Reader(doc, log, fallback, stale=stale), "slogans.yaml", "slogans", "slogan", _read_slogan)


def _read_slogan(reader: Reader, path: KeyPath, number: int, slug: str | None) -> Slogan | None:
    text = reader.text(path + ("text",))
    return Slogan(slug, number, text) if slug and text else None


def read_list_file(reader: Reader, block: str, key: str, item_block: str, read_entry: EntryReader[E],
                   empty_hint: str | None = None) -> list[E]:
    """The entries listed under `key`, numbered from 1, each read by `read_entry` once its slug is read (None
    when it is wrong or missing); an entry whose slug an earlier one has is reported and left out."""
    if reader.root(block, empty_hint) is None:
        return []
    found = []
    slugs = []
    for number, (path, _) in enumerate(reader.items((key,)), start=1):
        if reader.block(path, item_block) is None:
            continue
        slug = reader.slug(path + ("slug",))
        slugs.append((path, slug))
        if slug:
            reader.names[path] = slug  # the entry's other problems name it by its slug
        entry = read_entry(reader, path, number, slug)
        if entry is not None:
            found.append(entry)
    reader.unique_slugs(slugs, item_block)
    return _first_of_each_slug(found)


def _first_of_each_slug(entries: list[E]) -> list[E]:
    seen: set[str] = set()
    first = []
    for entry in entries:
        if entry.slug not in seen:
            seen.add(entry.slug)
            first.append(entry)
    return first
