"""Links written in Markdown: found at their line and column, and checked against the pages of the site.

Takes: the Markdown texts of a campaign, each with the page it is shown on, the languages whose pages show it and a
way to report a problem at a line and column of it (`MarkdownText`; `activity_texts` and `page_texts` make them for
activities' bodies and content pages), and the site's `SitePaths`.
Gives: through each text's `report`, every link that leads to no page, file or anchor of the site, and every relative
link, at its place in the Markdown source (the YAML field or the content/*.md file), never in a built file.

The links are found in the source, not in the converted HTML: a build converts only the Markdown it has not seen,
yet every link is checked on every build (a page that links to an activity just removed is unchanged, and not
rendered again). `find_links` knows the forms Python-Markdown turns into addresses: [text](address),
![alt](address), a reference definition `[name]: address`, and href= or src= in raw HTML; code is left out.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from ..errors import ERROR, WARNING, Problem, ProblemLog
from ..load import MarkdownDoc
from ..model import LANGUAGES, Activity, ContentPage, Text
from .common import KeyPath
from .reader import Reader
from .sitepaths import SitePaths


class Report(Protocol):
    """Where to report a problem at a (line, column) of a text: message, hint and severity (an error unless said)."""

    def __call__(self, line: int, col: int, message: str, hint: str, severity: str = ERROR) -> None: ...


_INLINE = re.compile(r"\]\(\s*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\([^\s()]*\))+))")
_REFERENCE = re.compile(r" {0,3}\[[^\]\n]+\]:\s*(?:<([^<>\n]*)>|(\S+))")
_ATTRIBUTE = re.compile(r"""<[A-Za-z][^<>]*?\s(?:href|src)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'<>`=]+))""",
                        re.IGNORECASE)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?: |$)")
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


@dataclass(frozen=True)
class MarkdownText:
    """One language's Markdown text: the page it is shown on (a path of the site), the languages whose pages show
    it (its own, and the other while that one's translation is pending), and where to report a problem in it."""

    on_page: str
    shown_in: tuple[str, ...]
    text: str
    report: Report


def find_links(text: str) -> list[tuple[int, int, str]]:
    """Every address written in the Markdown `text`, as (line, column, address), counted from 1; none in code."""
    found: list[tuple[int, int, str]] = []
    if "](" not in text and "]:" not in text and "<" not in text:
        return found  # most texts link nowhere: no need to go through their lines
    for number, line in prose_lines(text):
        line = CODE_SPAN.sub(lambda span: " " * len(span.group()), line) if "`" in line else line
        if "](" in line:
            found += [_address(number, match) for match in _INLINE.finditer(line)]
        if "]:" in line and (match := _REFERENCE.match(line)):
            found.append(_address(number, match))
        if "<" in line:
            found += [_address(number, match) for match in _ATTRIBUTE.finditer(line)]
    return found


def _address(number: int, match: re.Match[str]) -> tuple[int, int, str]:
    """The address a match holds (in whichever group matched), where it starts, as HTML will have it (entities read)."""
    group = next(index for index, text in enumerate(match.groups(), start=1) if text is not None)
    return number, match.start(group) + 1, html.unescape(match.group(group))


def prose_lines(text: str) -> Iterable[tuple[int, str]]:
    """The lines of `text` that are not code: fenced blocks and indented code blocks are left out (in a list, an
    indented block is code from eight spaces)."""
    fence, blank, in_list, in_code = "", True, False, False
    for number, line in enumerate(text.split("\n"), start=1):
        if fence:
            fence = "" if line.strip().startswith(fence) and not line.strip().strip(fence[0]) else fence
            continue
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        if not line.strip():
            blank = True
            continue
        in_code = indent >= (8 if in_list else 4) and (blank or in_code)
        blank = False
        if in_code:
            continue
        if opening := _FENCE.match(line):
            fence = opening.group(1)
            continue
        in_list = bool(_LIST_ITEM.match(line)) or (in_list and indent > 0)
        yield number, line


def check_markdown_links(texts: Iterable[MarkdownText], paths: SitePaths) -> dict[str, str]:
    """Report every link of `texts` that leads nowhere on the site, and every relative one, once per place; warn of
    each that names a listing's later page this build does not make (`SitePaths.moved`). Gives those pages' paths,
    each with the listing's first page, where such a link then leads."""
    moved: dict[str, str] = {}
    for source in texts:
        for line, col, address in find_links(source.text):
            link = paths.parse(address)
            if (warning := paths.moved(link)) is not None:
                message, hint, moved[link.decoded] = warning
                source.report(line, col, message, hint, WARNING)
                continue
            wrong = {found for lang in source.shown_in if (found := paths.problem(link, source.on_page, lang))}
            for message, hint in sorted(wrong):
                source.report(line, col, message, hint, ERROR)
    return moved


def _shown_in(text: Text, lang: str) -> tuple[str, ...]:
    """The languages whose pages show `text`'s `lang` version: its own, and another whose translation is pending."""
    return (lang, *(other for other in LANGUAGES if other != lang and text.is_pending(other)))


def activity_texts(activities: Iterable[Activity], places: dict[str, tuple[Reader, KeyPath]]) -> list[MarkdownText]:
    """The body of each activity in each language it is written in, reported at its field."""
    texts = []
    for activity in activities:
        reader, path = places[activity.slug]
        if path:
            reader.names[path] = activity.slug
        for lang in LANGUAGES:
            field = path + ("body", lang)
            if isinstance(value := reader.get(field), str) and not activity.body.is_pending(lang):
                texts.append(MarkdownText(f"/activities/{activity.slug}/", _shown_in(activity.body, lang), value,
                                          _field_report(reader, field)))
    return texts


def _field_report(reader: Reader, field: KeyPath) -> Report:
    return lambda line, col, message, hint, severity=ERROR: reader.text_problem(field, line, col, message, hint,
                                                                                severity)


def page_texts(pages: Iterable[ContentPage], docs: Iterable[MarkdownDoc], log: ProblemLog) -> list[MarkdownText]:
    """The text of each content page in each language it has a file for, reported at its line in that file."""
    by_file = {doc.file: doc for doc in docs}
    texts = []
    for page in pages:
        for file in page.sources:
            doc, lang = by_file[file], file.rsplit(".", 2)[-2]
            texts.append(MarkdownText(f"/{page.slug}/", _shown_in(page.body, lang), doc.body, _file_report(doc, log)))
    return texts


def _file_report(doc: MarkdownDoc, log: ProblemLog) -> Report:
    return lambda line, col, message, hint, severity=ERROR: log.add(Problem(doc.file, doc.body_line + line - 1, col, "",
                                                                            message, hint, severity))
