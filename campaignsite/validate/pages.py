"""content/NAME.zh.md and content/NAME.en.md -> the content pages, one for each NAME.

Takes: the `MarkdownDoc`s of content/ (front matter and text), and whether a missing language may show the other.
Gives: a `ContentPage` for each name, in name order: its title, description and text in both languages; a text
that holds a control character, or Markdown beyond its limits (`common`), is reported at its line.
"""
from __future__ import annotations

import re

from ..errors import TRANSLATION, WARNING, Problem, ProblemLog
from ..load import MarkdownDoc
from ..load.yamldoc import forbidden_character, visible
from ..model import LANGUAGES, ContentPage, Text
from .common import (
    LANGUAGE_NAMES,
    MAX_MARKDOWN,
    SLUG_RE,
    markdown_problems,
    shortened,
    slug_too_long,
    suggest_slug,
    too_long,
)
from .reader import Reader
from .translated import StaleTexts

RESERVED_SLUGS = {"assets"}  # other clashes with the site's own pages are caught by routes, naming both files
PageParts = dict[str, str | None]  # title, description and body of one language's file


def read_pages(docs: tuple[MarkdownDoc, ...], log: ProblemLog, fallback: bool,
               stale: StaleTexts | None = None) -> list[ContentPage]:
    by_slug: dict[str, dict[str, MarkdownDoc]] = {}
    for doc in docs:
        named = _slug_and_language(doc, log)
        if named is not None:
            slug, lang = named
            by_slug.setdefault(slug, {})[lang] = doc
    return [page for slug, docs_by_lang in sorted(by_slug.items())
            if (page := _read_page(slug, docs_by_lang, log, fallback, stale or StaleTexts()))]


def _slug_and_language(doc: MarkdownDoc, log: ProblemLog) -> tuple[str, str] | None:
    """The page's name and language, from a file name such as about.zh.md."""
    match = re.match(r"^(.+)\.(zh|en)\.md$", doc.file.rsplit("/", 1)[-1])
    if not match:
        log.add(Problem(doc.file, message="a page's file name must end in .zh.md or .en.md",
                        hint="rename it, for example about.zh.md and about.en.md"))
        return None
    slug, lang = match.groups()
    if not SLUG_RE.match(slug):
        log.add(Problem(doc.file, message=f"the page name '{visible(slug)}' is not safe in a web address",
                        hint=f"rename the file to {suggest_slug(slug, ())}.{lang}.md"))
        return None
    too_long = slug_too_long(slug)
    if too_long:
        log.add(Problem(doc.file, message=f"the page name {too_long}",
                        hint=f"rename the file to {shortened(slug)}.{lang}.md"))
        return None
    if slug in RESERVED_SLUGS:
        log.add(Problem(doc.file, message=f"the page '{slug}' would be written among the site's assets",
                        hint="choose another file name"))
        return None
    return slug, lang


def _read_page(slug: str, docs: dict[str, MarkdownDoc], log: ProblemLog, fallback: bool,
               stale: StaleTexts) -> ContentPage | None:
    parts = {lang: _read_page_file(doc, log, fallback) for lang, doc in docs.items()}
    if not _has_every_language(docs, log, fallback):
        return None
    paths = stale.paths(docs["zh"].file) if "zh" in docs and stale.fields else frozenset()
    title, description, body = (_both_languages(parts, key, stale if (() if key == "body" else (key,)) in paths
                                                else None) for key in ("title", "description", "body"))
    if title is None or body is None:
        return None
    sources = tuple(docs[lang].file for lang in LANGUAGES if lang in docs)
    return ContentPage(slug, title, description or Text("", ""), body, sources)


def _read_page_file(doc: MarkdownDoc, log: ProblemLog, fallback: bool) -> PageParts:
    """One language's title, description and text; nothing when its front matter is not a block of keys."""
    reader = Reader(doc.front, log, fallback)
    if doc.front.data is not None and reader.block((), "front matter") is None:
        return {}
    parts: PageParts = reader.fields((), "front matter")
    parts["body"] = read_text_below(doc, log, "page")
    return parts


def read_text_below(doc: MarkdownDoc, log: ProblemLog, what: str) -> str | None:
    """The Markdown text below the front matter of a page or a post, or None (reported) when it is missing or
    cannot be published."""
    body = doc.body.strip() or None
    if body is None:
        log.add(Problem(doc.file, doc.body_line, 1, message=f"the {what} has no text",
                        hint=f"write the {what}'s text below the front matter"))
    elif problems := _text_problems(doc):
        log.extend(problems)
        return None
    return body


def _text_problems(doc: MarkdownDoc) -> list[Problem]:
    """What keeps the page's text from being published: a control character, its length, or Markdown beyond the
    limits that keep its conversion fast; each at its line of the file."""
    if control := forbidden_character(doc.body):
        at = control[0]
        return [Problem(doc.file, doc.body_line + doc.body.count("\n", 0, at), at - doc.body.rfind("\n", 0, at),
                        message=f"the text holds a control character, {control[1]}", hint="remove it")]
    if wrong := too_long(doc.body.strip(), MAX_MARKDOWN):
        return [Problem(doc.file, doc.body_line, 1, message=wrong, hint="shorten it, or split it into pages")]
    return [Problem(doc.file, doc.body_line + spot.line - 1, spot.col, message=spot.message, hint=spot.hint)
            for spot in markdown_problems(doc.body)]


def _has_every_language(docs: dict[str, MarkdownDoc], log: ProblemLog, fallback: bool) -> bool:
    """Whether each language has its file; with fallback, a missing one is a warning and shows the other."""
    for lang in LANGUAGES:
        if lang not in docs:
            other = next(iter(docs.values()))
            stem = other.file.rsplit(".", 2)[0]
            log.add(Problem(other.file, message=f"the page has no {LANGUAGE_NAMES[lang]} version",
                            hint=f"add {stem}.{lang}.md", severity=WARNING if fallback else "error",
                            category=TRANSLATION))
            if not fallback:
                return False
    return True


def _both_languages(parts: dict[str, PageParts], key: str, stale: StaleTexts | None = None) -> Text | None:
    """`key` in both languages, a missing one showing the other (pending); None when neither has it; marked as
    `stale` shows it when its Chinese changed since its English was recorded."""
    values = {lang: parts.get(lang, {}).get(key) for lang in LANGUAGES}
    source = next((text for text in values.values() if text), None)
    if source is None:
        return None
    missing = frozenset(lang for lang in LANGUAGES if not values[lang])
    text = Text(values["zh"] or source, values["en"] or source, pending=missing)
    return stale.shown(text) if stale is not None and not missing else text
