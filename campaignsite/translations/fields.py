"""Every translated field of a campaign, found in its loaded sources, and each field's status against the record.

Takes: the campaign's `Sources` (read exactly or quickly: with positions or without), whether the site's own UI
strings (`templates/strings.yaml`) count, and the record (`record.read_record`).
Gives: the `Field`s, in the order of the files and of each file: a block `{zh: …, en: …}` whose `zh` is a text
anywhere in campaign.yaml, activities.yaml (or activities/*.yaml), slogans.yaml and the site's strings (list items
named by slug, as validation names them); and for each content page (`content/NAME.md`) its body and its front
matter's title and description. Each field has its id (`record.field_id`), its file, key path and position (when
read exactly), its Chinese and English (None: missing), and the address of the page that shows it. `statuses` and
`stale_fields` tell which are current, stale, missing or untracked (what the build asks). `positions` finds where
values stand in a quickly read file, without reading it exactly.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from ..load import MarkdownDoc, Sources, YamlDoc
from ..load.yamldoc import Mark, visible
from ..routes import route_of
from ..validate.common import SLUG_RE, slug_too_long
from ..validate.kinds import BilingualMarkdown
from ..validate.schema import BLOCKS
from .record import STALE, Entry, field_id, status

STRINGS = "templates/strings.yaml"
_PAGE_FILE = re.compile(r"^(?P<stem>.+)\.(?P<lang>zh|en)\.md$")
_FRONT_KEYS = ("title", "description")
BODY = "body"  # the key path shown for a content page's text
_C_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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

    def address(self, base_url: str) -> str:
        """The full address of the English page that shows the field."""
        key, _, anchor = self.page.partition("#")
        return base_url + route_of(key, "en") + (f"#{anchor}" if anchor else "")


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


def positions(text: str, paths: list[tuple]) -> dict[tuple, Mark]:
    """Where the value at each key path stands in YAML `text`, for the paths that are there: from the parser's
    events, without composing the file (several times faster; a file with a key that is not a text gives what was
    found before it)."""
    wanted, found = set(paths), dict[tuple, Mark]()
    frames: list[list[Any]] = []  # each open block: [is a mapping, its key now or its last index, a key is next]
    for event in yaml.parse(text, Loader=_C_LOADER):
        if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            frames.pop()
            if frames and frames[-1][0]:
                frames[-1][2] = True
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        top = frames[-1] if frames else None
        if top is not None and top[0] and top[2]:  # a mapping's key
            if not isinstance(event, yaml.ScalarEvent):
                return found
            top[1], top[2] = event.value, False
            continue
        if top is not None and not top[0]:
            top[1] += 1
        if (here := tuple(frame[1] for frame in frames)) in wanted and (at := event.start_mark) is not None:
            found[here] = Mark(at.line + 1, at.column + 1)
        if isinstance(event, yaml.CollectionStartEvent):
            frames.append([isinstance(event, yaml.MappingStartEvent), -1, True])
        elif top is not None and top[0]:
            top[2] = True
    return found
