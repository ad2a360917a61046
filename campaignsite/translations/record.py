"""The record `translations.lock`: read (in `load.lockfile`, where the build reads it too) and written.

Takes: the record as `{id: Entry}`.
Gives: everything `load.lockfile` gives (the record read, a field's status, the "old" → "new" line), and the
record's text, sorted and stable (the same record gives the same bytes), for the caller to write atomically.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..load.lockfile import (
    CURRENT,
    HEADER,
    LOCK_FILE,
    MISSING,
    STALE,
    STATUSES,
    UNTRACKED,
    Entry,
    change_line,
    digest,
    entry,
    field_id,
    parse_record,
    read_record,
    status,
)
from .yamltext import double_quoted, literal

__all__ = ["CURRENT", "HEADER", "LOCK_FILE", "MISSING", "STALE", "STATUSES", "UNTRACKED", "Entry", "change_line",
           "digest", "entry", "field_id", "format_record", "parse_record", "read_record", "status"]


def format_record(record: Mapping[str, Entry]) -> str:
    """The record's text: the header, then one entry per id in sorted order, a blank line between entries."""
    return HEADER + "".join("\n" + _format_entry(key, record[key]) for key in sorted(record))


def _format_entry(key: str, recorded: Entry) -> str:
    block = literal(recorded.zh, 4, 2) if "\n" in recorded.zh else None
    zh = f"{block[0]}\n{block[1]}" if block else double_quoted(recorded.zh) + "\n"
    sha = double_quoted(recorded.sha256) if recorded.sha256.isdigit() else recorded.sha256  # digits: a number
    return f"{double_quoted(key)}:\n  sha256: {sha}\n  zh: {zh}"

