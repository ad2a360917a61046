"""Whether a campaign would still build after an import: only what builds is written.

Takes: a campaign's `Translations` (with the sources they were read from) and an `ImportPlan` (the new text of every
file it changes, the new record).
Gives: a `Refusal` for every error the build would find in the campaign as it would be after the write and does not
find in it now, each given to the unit whose English it is about (the build's own message and hint: a title over
the limit, a body over it, an HTML tag over two lines, quotes nested too deep…). The campaign as it would be is
the sources read from disk with the planned texts put in their place in memory, validated as the build validates
them (`validate.validate`, every limit of the build). Missing translations count as the fallback would show them:
an import fills translations in, it never takes one away. Nothing is written.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from ..errors import ERROR, Problem, SiteError
from ..load import MarkdownDoc, Sources, YamlDoc, parse_markdown, parse_yaml, quick_yaml
from ..validate import validate
from .fields import Field
from .record import Entry
from .roundtrip import ImportPlan, Refusal
from .status import Translations

_REASON = "the campaign would not build with this English: "


def would_not_build(translations: Translations, plan: ImportPlan) -> list[Refusal]:
    """The refusals of the build's errors that writing `plan` would bring (none: it may be written)."""
    sources = translations.sources
    if sources is None or not plan.texts:
        return []
    after, unreadable = with_texts(sources, plan.texts, plan.record)
    found = unreadable or _errors(after)
    if not found:
        return []
    before = {_key(problem) for problem in _errors(sources)}
    brought = [problem for problem in found if _key(problem) not in before]
    fields = translations.by_id
    written = [fields[key] for key in plan.written]
    return [refusal for problem in brought for refusal in _refusals(problem, written)]


def with_texts(sources: Sources, texts: Mapping[str, str], record: dict[str, Entry]) -> tuple[Sources, list[Problem]]:
    """`sources` with each file of `texts` read from its new text (as the load stage reads a file: no BOM, LF line
    ends) and the new record; the problems of a text that cannot be read at all."""
    yaml_docs: dict[str, YamlDoc] = {}
    pages: dict[str, MarkdownDoc] = {doc.file: doc for doc in sources.pages}
    problems: list[Problem] = []
    for path, text in texts.items():
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        if path.endswith(".md"):
            page, found = parse_markdown(text, path)
            pages.update({path: page} if page is not None else {})
        else:
            doc, found = (quick, []) if (quick := quick_yaml(text, path)) is not None else parse_yaml(text, path)
            yaml_docs.update({path: doc} if doc is not None else {})
        problems += found
    return dataclasses.replace(
        sources, campaign=yaml_docs.get(sources.campaign.file, sources.campaign),
        activities=_new(sources.activities, yaml_docs), slogans=_new(sources.slogans, yaml_docs),
        strings=tuple(yaml_docs.get(doc.file, doc) for doc in sources.strings),
        activity_files=tuple(yaml_docs.get(doc.file, doc) for doc in sources.activity_files),
        pages=tuple(pages[name] for name in sorted(pages)), record=record), problems


def _new(doc: YamlDoc | None, docs: Mapping[str, YamlDoc]) -> YamlDoc | None:
    return docs.get(doc.file, doc) if doc is not None else None


def _errors(sources: Sources) -> list[Problem]:
    try:
        validate(sources, allow_fallback=True)
    except SiteError as exc:
        return [problem for problem in exc.problems if problem.severity == ERROR]
    return []


def _key(problem: Problem) -> tuple[str, str, str, str]:
    """A problem apart from its position (read quickly, a file has none; an edit moves the lines below it)."""
    return problem.file, problem.path, problem.message, problem.hint


def _refusals(problem: Problem, written: Iterable[Field]) -> list[Refusal]:
    """The problem, given to the written unit it is about: the one whose English it names, else every unit written
    into its file, else the import as a whole."""
    in_file = [field for field in written if field.target == problem.file]
    named = [field for field in in_file if _names(problem.path, _written_path(field))]
    reason = _REASON + problem.message
    if named or in_file:
        return [Refusal(field.id, reason, problem.hint) for field in named or in_file]
    return [Refusal("", _REASON + str(problem))]


def _written_path(field: Field) -> str:
    """The key path a problem with the English of `field` names (`activities[fair].title.en`, `title`, or `body`)."""
    if field.source == field.target:
        return f"{field.key_path}.en"
    return field.key_path


def _names(path: str, written: str) -> bool:
    return path == written or path.startswith((f"{written}.", f"{written}["))
