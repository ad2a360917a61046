"""The record `translations.lock` read: for each translated field, the Chinese its English was made from.

Takes: the record's text (or path); the fields' Chinese now and whether their English is there.
Gives: the record as `{id: Entry}` (an id is `FILE:KEYPATH`, such as
`activities.yaml:activities[disaster-relief].title`, or a content file, `content/about.md`), or the located
`Problem`s of a malformed one; a field's status (current, stale, missing, untracked); and the short
"old" → "new" line that shows how a Chinese text changed. The build reads the record here (load), the commands
through `translations.record`, which also writes it.
"""
from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from .files import missing, read_text
from .yamldoc import YamlDoc, format_path, parse_yaml, quick_yaml, visible

LOCK_FILE = "translations.lock"
CURRENT, STALE, MISSING, UNTRACKED = "current", "stale", "missing", "untracked"
STATUSES = (CURRENT, STALE, MISSING, UNTRACKED)
HEADER = (
    "# translations.lock: for each translated field (FILE:KEYPATH, or a content file), the Chinese text its\n"
    "# English was made from and that text's SHA-256. A field whose Chinese no longer matches is stale.\n"
    "# Commit it with the campaign. Only `translations accept` and `translations import` write it:\n"
    "# do not edit it by hand.\n"
)
_HEX = re.compile(r"[0-9a-f]{64}")
_FIX = "restore it from version control, or delete it and run `python build.py translations accept`"


@dataclass(frozen=True)
class Entry:
    """What one field's English was made from: the Chinese, and its SHA-256 (hex)."""

    zh: str
    sha256: str


def digest(text: str) -> str:
    """The SHA-256 of a text's UTF-8, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry(zh: str) -> Entry:
    """The entry recording that the English was made from `zh`."""
    return Entry(zh, digest(zh))


def field_id(file: str, path: tuple, names: dict[tuple, str] | None = None) -> str:
    """A field's id: its file and key path, list items by slug where `names` has them
    (`activities.yaml`, ('activities', 0, 'title') -> `activities.yaml:activities[disaster-relief].title`)."""
    return f"{file}:{format_path(path, names)}" if path else file


def status(zh: str, english: bool, recorded: Entry | None) -> str:
    """A field's status: missing (no English), untracked (English but no entry), current (the entry's Chinese is
    the Chinese now) or stale (the Chinese changed since)."""
    if not english:
        return MISSING
    if recorded is None:
        return UNTRACKED
    return CURRENT if recorded.sha256 == digest(zh) else STALE


def read_record(path: Path, display: str = LOCK_FILE) -> tuple[dict[str, Entry] | None, list[Problem]]:
    """The record in the file at `path`: None (and no problem) when there is none yet."""
    text, problems = read_text(path, display)
    if text is None:
        return (None, []) if problems == [missing(display)] else (None, problems)
    return parse_record(text, display)


def parse_record(text: str, display: str = LOCK_FILE) -> tuple[dict[str, Entry], list[Problem]]:
    """The record in `text`, or the problems that make it unreadable (each located; no entry is then given)."""
    written = _as_written(text)
    if written is not None:
        return written, []
    quick = quick_yaml(text, display)
    if quick is not None:
        try:
            return _entries(quick), []
        except _Inexact:
            pass  # read it again exactly, to say where it is wrong
    doc, problems = parse_yaml(text, display)
    if doc is None or problems:
        return {}, problems
    found: list[Problem] = []
    record = _entries(doc, found)
    return (record, []) if not found else ({}, found)


def _entries(doc: YamlDoc, found: list[Problem] | None = None) -> dict[str, Entry]:
    """The entries of a read record; with `found`, the problems of the wrong ones are collected there, located
    (without it, a wrong entry raises `_Inexact`: the quick reading has no positions)."""
    data = {} if doc.data is None else doc.data
    if not isinstance(data, dict):
        _wrong(doc, (), "the record is not a block of entries, each an id followed by its sha256 and zh", found)
        return {}
    record: dict[str, Entry] = {}
    for key, value in data.items():
        if (made := _entry(doc, key, value, found)) is not None:
            record[key] = made
    return record


def _entry(doc: YamlDoc, key: str, value: object, found: list[Problem] | None) -> Entry | None:
    if not isinstance(value, dict) or set(value) != {"sha256", "zh"}:
        _wrong(doc, (key,), "an entry holds two keys, sha256 and zh", found)
        return None
    zh, sha = value["zh"], value["sha256"]
    if not isinstance(zh, str) or not isinstance(sha, str) or not _HEX.fullmatch(sha):
        _wrong(doc, (key,), "an entry's zh is a text and its sha256 64 hex digits", found)
        return None
    if digest(zh) != sha:
        _wrong(doc, (key, "sha256"), "the sha256 is not that of the entry's zh", found)
        return None
    return Entry(zh, sha)


def _wrong(doc: YamlDoc, path: tuple, message: str, found: list[Problem] | None) -> None:
    if found is None:
        raise _Inexact  # the quick reading has no positions: read again exactly to say where
    at = doc.value_mark(path) if path else doc.mark(())
    shown = visible(str(path[0])) + (f".{path[1]}" if len(path) > 1 else "") if path else ""
    found.append(Problem(doc.file, at.line, at.col, shown, message, _FIX))


class _Inexact(Exception):
    """A wrong entry met in the quick reading."""


# a record as `format_record` writes it, read without a YAML reader (a record of thousands of fields is read many
# times faster so): an id, its sha256, its Chinese double-quoted or as a `|` block; anything else is read as YAML
_ENTRY = re.compile(r'\n?"(?P<id>(?:[^"\\\n]|\\.)*)":\n  sha256: (?P<sha>[0-9a-f]{64}|"[0-9]{64}")\n  zh: '
                    r'(?:"(?P<quoted>(?:[^"\\\n]|\\.)*)"\n|\|(?P<header>2?-?)\n(?P<block>(?:(?:    [^\n]*)?\n)*))')
_ESCAPE = re.compile(r"\\(?:x(?P<x>[0-9A-Fa-f]{2})|u(?P<u>[0-9A-Fa-f]{4})|U(?P<U>[0-9A-Fa-f]{8})|(?P<char>.))")
_UNESCAPED = {"0": "\x00", "n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "N": "\x85", "L": "\u2028",
              "P": "\u2029"}


def _as_written(text: str) -> dict[str, Entry] | None:
    """The entries of a record exactly as `format_record` writes it, each checked against its sha256; None for any
    other text (a YAML reader then reads it, and says where it is wrong)."""
    if not text.startswith(HEADER):
        return None
    record, at = {}, len(HEADER)
    for found in _ENTRY.finditer(text, at):
        if found.start() != at:
            return None
        at = found.end()
        try:
            zh = _unescape(found.group("quoted")) if found.group("quoted") is not None else _block(found)
            key, sha = _unescape(found.group("id")), found.group("sha").strip('"')
        except _Inexact:
            return None
        if key in record or digest(zh) != sha:
            return None
        record[key] = Entry(zh, sha)
    return record if at == len(text) else None


def _unescape(text: str) -> str:
    return _ESCAPE.sub(_unescaped, text) if "\\" in text else text


def _unescaped(found: re.Match[str]) -> str:
    if found.group("char") is not None:
        if found.group("char") not in _UNESCAPED:
            raise _Inexact
        return _UNESCAPED[found.group("char")]
    return chr(int(found.group("x") or found.group("u") or found.group("U"), 16))


def _block(found: re.Match[str]) -> str:
    """A `|` block's text: its lines less their four spaces, its last line end kept (`|`) or not (`|-`)."""
    text = "\n".join(line[4:] for line in found.group("block").split("\n")).rstrip("\n")
    return text if found.group("header").endswith("-") or not text else text + "\n"


def change_line(old: str, new: str, limit: int = 60) -> str:
    """How a Chinese text changed, as `"old" → "new"`: short texts whole; in a long one only the changed stretches,
    each with a few characters around it, `…` where text is left out, each side cut to about `limit` characters."""
    if len(old) <= limit and len(new) <= limit:
        return f'"{visible(old, limit)}" → "{visible(new, limit)}"'
    return f'"{_excerpt(old, new, limit, 0)}" → "{_excerpt(old, new, limit, 1)}"'


_CONTEXT = 6  # characters of unchanged text shown on each side of a change


def _excerpt(old: str, new: str, limit: int, side: int) -> str:
    text = (old, new)[side]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    merged: list[list[int]] = []
    for tag, *ends in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = max(ends[2 * side] - _CONTEXT, 0), min(ends[2 * side + 1] + _CONTEXT, len(text))
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    shown = "…".join(text[start:end] for start, end in merged)
    shown = ("…" if merged[0][0] > 0 else "") + shown + ("…" if merged[-1][1] < len(text) else "")
    return visible(shown, limit)
