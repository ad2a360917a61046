"""The lower layers of `Reader`: reporting a problem at a value's place, and the structure of blocks and lists.

Takes: a `YamlDoc` (from `load`), the `ProblemLog` of the run and the campaign's year when it is known.
Gives: `Structure` (and its base `_Reporting`): `problem`, `get`, `unknown_key`, `root`, `block`, `items`, `refs`,
`unique_slugs`, each checked against `schema`. `reader.Reader` adds texts, dates and numbers on top.
"""
from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any, TypeVar

from ..errors import Problem, ProblemLog
from ..load import YamlDoc, format_path
from . import schema
from .common import SLUG_RE, KeyPath, describe, label, slug_too_long, visible

T = TypeVar("T")


class _Reporting:
    """Where a value stands in the document, and how to say what is wrong with it."""

    def __init__(self, doc: YamlDoc, log: ProblemLog, year: int | None = None) -> None:
        self.doc = doc
        self.log = log
        self.campaign_year = year  # for the example dates of hints; None when not known
        self.names: dict[tuple, str] = {}  # list items named by their slug in messages

    def label(self, path: KeyPath) -> str:
        """What the value at `path` is, as a message names it ("the heading of the slogans section")."""
        return label(path)

    def problem(self, path: KeyPath, message: str, hint: str = "", severity: str = "error",
                at_value: bool = True, category: str = "") -> None:
        if self.doc.reported and any(path[:n] in self.doc.reported for n in range(len(path) + 1)):
            return  # reading the file found this value wrong, and said so
        mark = self.doc.value_mark(path) if at_value else self.doc.mark(path)
        self.log.add(Problem(self.doc.file, mark.line, mark.col, format_path(path, self.names),
                             message, hint, severity, category))

    def get(self, path: KeyPath) -> Any:
        value = self.doc.data
        for part in path:
            if isinstance(value, dict) and part in value:
                value = value[part]
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return None
        return value

    def unknown_key(self, path: KeyPath, allowed: list[str]) -> None:
        key = str(path[-1])
        guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{guess[0]}'?" if guess else f"the keys allowed here are: {', '.join(allowed)}"
        self.problem(path, f"unknown key '{visible(key)}'", hint=hint, at_value=False)

    def _missing(self, path: KeyPath, what: str) -> None:
        self.problem(path, f"{what} is missing", hint=f"add '{visible(str(path[-1]))}:' here", at_value=False)

    def _wording(self, path: KeyPath, value: Any) -> str:
        """A wrong value as the file writes it: `yes` stays 'yes', not "the yes/no value true"."""
        source = self.doc.source_text.get(path)
        if isinstance(value, bool) and source is not None:
            return f"'{source}'"
        return describe(value)


class Structure(_Reporting):
    """Blocks whose keys the schema declares, lists, and the slugs that name list items."""

    def root(self, block: str, empty_hint: str | None) -> dict | None:
        """The document's top block; an empty document is reported when `empty_hint` says what to write."""
        if self.doc.data is None:
            if empty_hint is not None and () not in self.doc.reported:
                self.log.add(Problem(self.doc.file, 1, 1, message="the file is empty", hint=empty_hint))
            return None
        return self.block((), block)

    def block(self, path: KeyPath, block: str, required: bool = True) -> dict | None:
        """A mapping whose keys are those the schema declares for `block`."""
        value = self.get(path)
        if value is None:
            if required:
                self._missing(path, f"the {self.label(path)} block")
            return None
        if not isinstance(value, dict):
            self.problem(path, f"expected a block of keys ({', '.join(schema.field_names(block))}), "
                               f"found {describe(value)}", hint="indent the keys under this line")
            return None
        allowed = schema.field_names(block)
        for key in value:
            if key not in allowed:
                self.unknown_key(path + (key,), allowed)
        for spec in schema.BLOCKS[block]:
            if spec.required and value.get(spec.name) is None and spec.kind.reported_by_block:
                self._missing(path + (spec.name,), f"'{spec.name}'")
        return value

    def items(self, path: KeyPath, required: bool = False) -> list[tuple[KeyPath, Any]]:
        value = self.get(path)
        if value is None:
            if required:
                self._missing(path, f"the list '{path[-1]}'")
            return []
        if not isinstance(value, list):
            self.problem(path, f"expected a list (lines starting with '- '), found {describe(value)}")
            return []
        for index, item in enumerate(value):
            slug = item.get("slug") if isinstance(item, dict) else None
            if isinstance(slug, str) and SLUG_RE.match(slug) and not slug_too_long(slug):
                self.names.setdefault(path + (index,), slug)
        return [(path + (index,), item) for index, item in enumerate(value)]

    def refs(self, path: KeyPath, known: Mapping[str, T], what: str, one: str) -> list[T]:
        found = []
        for item_path, slug in self.items(path):
            if not isinstance(slug, str):
                self.problem(item_path, f"expected the slug of one of the {what}, found {describe(slug)}")
            elif slug not in known:
                guess = difflib.get_close_matches(slug, list(known), n=1)
                hint = (f"did you mean '{guess[0]}'?" if guess else f"the {what} are: {', '.join(known)}"
                        if known else f"no {one} is defined yet")
                self.problem(item_path, f"there is no {one} with the slug '{visible(slug)}'", hint=hint)
            else:
                found.append(known[slug])
        return found

    def unique_slugs(self, items: list[tuple[KeyPath, str | None]], what: str) -> None:
        seen: dict[str, tuple] = {}
        for path, slug in items:
            if slug is None:
                continue
            if slug in seen:
                first = self.doc.value_mark(seen[slug] + ("slug",))
                self.problem(path + ("slug",), f"the slug '{slug}' is used by another {what} too",
                             hint=f"give each {what} its own slug (the other is on line {first.line})")
            else:
                seen[slug] = path
                self.names[path] = slug
