"""Every translated field of a campaign, found in its loaded sources, and each field's status against the record.

Takes: the campaign's `Sources` (read exactly or quickly: with positions or without), whether the site's own UI
strings (`templates/strings.yaml`) count, and the record (`record.read_record`).
Gives: the `Field`s, in the order of the files and of each file: a block `{zh: …, en: …}` whose `zh` is a text
anywhere in campaign.yaml, activities.yaml (or activities/*.yaml), slogans.yaml and the site's strings (list items
named by slug, as validation names them); and for each content page (`content/NAME.md`) its body and its front
matter's title and description. Each field has its id (`record.field_id`), its file, key path and position (when
read exactly), its Chinese and English (None: missing), and the address of the page that shows it. `statuses` and
`stale_fields` tell which are current, stale, missing or untracked; `StaleTexts` is what the build makes of the
stale ones (`site.stale_translations`: texts marked stale, shown in Chinese meanwhile, or a problem each); and
`stale_problem` is the one line that reports a stale field (the build's error, `check`'s note, the status command).
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from ..errors import Problem
from ..load import MarkdownDoc, Sources, YamlDoc
from ..load.lockfile import STALE, Entry, change_line, field_id, status
from ..load.yamldoc import Mark, visible
from ..model import Text
from .common import SLUG_RE, slug_too_long
from .kinds import BilingualMarkdown
from .schema import BLOCKS

STRINGS = "templates/strings.yaml"
_PAGE_FILE = re.compile(r"^(?P<stem>.+)\.(?P<lang>zh|en)\.md$")
_FRONT_KEYS = ("title", "description")
BODY = "body"  # the key path shown for a content page's text
_MARKDOWN = {spec.name for specs in BLOCKS.values() for spec in specs if isinstance(spec.kind, BilingualMarkdown)}


@dataclass(frozen=True)
class Field:
    """One translated text."""

    id: str  # FILE:KEYPATH, or a content page's file
    file: str  # the file of the id: a data file, or `content/NAME.md` for both languages of a page
    path: tuple  # the key path of the `{zh, en}` block; for a page, () for its body or (title,) / (description,)
    zh: str
    en: str | None  # None: missing
    source: str  # the file the Chinese is in (for a page, content/NAME.zh.md)
    target: str  # the file the English is in, or is to be written to (content/NAME.en.md)
    page: str  # the key of the page that shows it (routes.route_of), with an #anchor where it has one
    mark: Mark | None = None  # where the Chinese stands, when the file was read exactly
    markdown: bool = False

    @property
    def key_path(self) -> str:
        """The key path as messages show it: `activities[disaster-relief].title`, or `body` for a page's text."""
        return self.id.partition(":")[2] if ":" in self.id else BODY


def translated_fields(sources: Sources) -> list[Field]:
    """Every translated field of the campaign (of the site's own strings table, not of the theme's: the theme's
    table comes first in `sources.strings`, and is the only one when the site is the theme's own folder)."""
    docs: list[YamlDoc] = [sources.campaign]
    docs += ([sources.activities] if sources.activities is not None else []) + list(sources.activity_files)
    docs += [sources.slogans] if sources.slogans is not None else []
    docs += sources.strings[1:]
    found = [field for doc in docs for field in _yaml_fields(doc)]
    return found + _page_fields(sources.pages)


def _yaml_fields(doc: YamlDoc) -> Iterator[Field]:
    markdown = doc.file != "campaign.yaml"
    for path, shown, block in _blocks(doc.data, (), ""):
        en = block.get("en")
        yield Field(f"{doc.file}:{shown}", doc.file, path, block["zh"],
                    None if en is None or en == "" else _text(doc, path + ("en",), en), doc.file, doc.file,
                    _page_of(doc, path), doc.marks.get(path + ("zh",)) if doc.exact else None,
                    markdown=markdown and path[-1] in _MARKDOWN)


def _blocks(data: Any, path: tuple, shown: str) -> Iterator[tuple[tuple, str, dict]]:
    """The `{zh, en}` blocks under `data`, each with its key path and that path as messages show it (`shown`, as
    `format_path` writes it: list items that have a slug named by it, the first of two with one slug only)."""
    if isinstance(data, dict):
        if path and isinstance(data.get("zh"), str) and data["zh"] and set(data) <= {"zh", "en"}:
            yield path, shown, data
            return
        for key, value in data.items():
            yield from _blocks(value, path + (key,), f"{shown}.{visible(str(key))}" if shown else visible(str(key)))
    elif isinstance(data, list):
        used: set[str] = set()
        for index, item in enumerate(data):
            slug = item.get("slug") if isinstance(item, dict) else None
            named = isinstance(slug, str) and bool(SLUG_RE.match(slug)) and not slug_too_long(slug) and slug not in used
            if named:
                used.add(str(slug))
            yield from _blocks(item, path + (index,), f"{shown}[{slug if named else index}]")


def _text(doc: YamlDoc, path: tuple, value: Any) -> str:
    """An English value as text: a number or a date as the file writes it."""
    return value if isinstance(value, str) else doc.source_text.get(path, str(value))


def _page_of(doc: YamlDoc, path: tuple) -> str:
    """The key of the page that shows the field at `path` of `doc`."""
    if doc.file.startswith("activities/"):
        slug = doc.data.get("slug") if isinstance(doc.data, dict) else None
        return f"activity/{slug}" if isinstance(slug, str) else "schedule"
    slug = _item_slug(doc.data, path)
    if doc.file == "activities.yaml":
        return f"activity/{slug}" if slug else "schedule"
    if doc.file == "slogans.yaml":
        return f"poster/{slug}" if slug else "slogans"
    if doc.file == "campaign.yaml" and path[0] == "requirements":
        return "requirements" + (f"#{slug}" if slug else "")
    if doc.file == "campaign.yaml" and path[0] not in ("name", "title", "site", "home", "theme"):
        return "notice"
    return "home"


def _item_slug(data: Any, path: tuple) -> str | None:
    """The slug of the list item a key path goes through first (`activities[3]…`), if it has one."""
    try:
        slug = data[path[0]][path[1]]["slug"]
    except (KeyError, IndexError, TypeError):
        return None
    return slug if isinstance(slug, str) else None


def _page_fields(docs: tuple[MarkdownDoc, ...]) -> list[Field]:
    """Each content page's front-matter texts and body, from its NAME.zh.md and NAME.en.md."""
    pages: dict[str, dict[str, MarkdownDoc]] = {}
    for doc in docs:
        if found := _PAGE_FILE.match(doc.file):
            pages.setdefault(found.group("stem"), {})[found.group("lang")] = doc
    fields = []
    for stem, by_lang in sorted(pages.items()):
        zh, en = by_lang.get("zh"), by_lang.get("en")
        if zh is None:
            continue
        file, page = f"{stem}.md", f"page/{stem.rsplit('/', 1)[-1]}"
        front, en_front = _front(zh), _front(en) if en is not None else {}
        for key in _FRONT_KEYS:
            if isinstance(front.get(key), str) and front[key]:
                value = en_front.get(key)
                fields.append(Field(field_id(file, (key,)), file, (key,), front[key],
                                    _text(en.front, (key,), value) if en is not None and value not in (None, "")
                                    else None, zh.file, f"{stem}.en.md", page, zh.front.marks.get((key,))))
        if zh.body.strip():
            fields.append(Field(file, file, (), zh.body, en.body if en is not None and en.body.strip() else None,
                                zh.file, f"{stem}.en.md", page, Mark(zh.body_line, 1), markdown=True))
    return fields


def _front(doc: MarkdownDoc) -> dict:
    return doc.front.data if isinstance(doc.front.data, dict) else {}


def statuses(fields: list[Field], record: Mapping[str, Entry] | None) -> dict[str, str]:
    """Each field's status (record.CURRENT, STALE, MISSING or UNTRACKED), by id."""
    recorded = record or {}
    return {field.id: status(field.zh, field.en is not None, recorded.get(field.id)) for field in fields}


def stale_fields(sources: Sources, record: Mapping[str, Entry] | None) -> list[Field]:
    """The fields whose Chinese changed since their English was recorded: what the build marks, falls back on or
    refuses (`site.stale_translations`). No record: none is stale."""
    if not record:
        return []
    fields = translated_fields(sources)
    found = statuses(fields, record)
    return [field for field in fields if found[field.id] == STALE]


def stale_problem(found: Field, recorded: Entry, at: Mark | None = None) -> Problem:
    """The line that reports a stale field: where its Chinese stands, how it changed, and how to fix it."""
    mark = at or found.mark or Mark(0, 0)
    how = (f"the Chinese changed: {change_line(recorded.zh, found.zh)}; update the English in {found.target}, or, "
           f"if it still says the same, run `translations accept {found.id}`")
    return Problem(found.source, mark.line, mark.col, found.key_path, "stale", how)


@dataclass(frozen=True)
class StaleTexts:
    """The stale fields of a campaign and what the build does with them (`site.stale_translations`): `mark` shows
    the English marked as perhaps out of date, `fallback` the Chinese marked as being translated, `error` stops."""

    mode: str = "mark"
    fields: list[Field] = field(default_factory=list)
    record: Mapping[str, Entry] = field(default_factory=dict)

    @classmethod
    def of(cls, sources: Sources, mode: str) -> StaleTexts:
        return cls(mode, stale_fields(sources, sources.record), sources.record or {})

    def paths(self, file: str) -> frozenset[tuple]:
        """The key paths of the stale `{zh, en}` blocks (or content pages' parts) whose Chinese is in `file`."""
        return self._by_file.get(file, frozenset())

    @cached_property
    def _by_file(self) -> dict[str, frozenset[tuple]]:
        found: dict[str, set[tuple]] = {}
        for stale in self.fields:
            found.setdefault(stale.source, set()).add(stale.path)
        return {file: frozenset(paths) for file, paths in found.items()}

    def shown(self, text: Text) -> Text:
        """A stale text as the build shows it: marked stale; in `fallback`, the Chinese in place of the English."""
        if self.mode == "fallback":
            return Text(text.zh, text.zh, frozenset({"en"}), stale=True)
        return replace(text, stale=True)

    def problems(self) -> list[Problem]:
        """In `error` mode, a problem for each stale field; else none (check tells them as notes)."""
        return [stale_problem(found, self.record[found.id]) for found in self.fields] if self.mode == "error" else []
