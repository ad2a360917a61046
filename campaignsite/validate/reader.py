"""Reading typed values out of one YAML document, each problem reported at its line, column and key path.

Takes: a `YamlDoc` (from `load`), the `ProblemLog` of the run, whether a missing translation may fall back, and
the campaign's year when it is known (the dates its hints show as examples are in that year).
Gives: `Reader`, whose typed readers (`text`, `markdown`, `slug`, `day`, `refs`, …) return checked values, or None
(or a default) after reporting why. It is built in layers: reporting, the structure of blocks and lists (checked
against `schema`), texts (no longer than their kind allows, Markdown within `common`'s limits), dates and numbers.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any, TypeVar

from ..errors import ERROR, EXAMPLE_YEAR, TRANSLATION, WARNING, Problem, ProblemLog, example_day, example_month
from ..load import YamlDoc, format_path
from ..load.yamldoc import forbidden_character
from ..model import LANGUAGES, Hours, Text
from . import schema, times
from .common import (
    BASE_URL_HINT,
    LANGUAGE_NAMES,
    MAX_MARKDOWN,
    MAX_TEXT,
    SLUG_RE,
    KeyPath,
    describe,
    markdown_problems,
    normalise_base_url,
    shortened,
    slug_too_long,
    suggest_slug,
    too_long,
    visible,
)
from .structure import Structure
from .times import BadValue, check_time_zone, parse_hours
from .translated import StaleTexts

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
T = TypeVar("T")


class _Texts(Structure):
    """Text: in both languages (a missing translation may fall back), in one, slugs and web addresses."""

    def __init__(self, doc: YamlDoc, log: ProblemLog, fallback: bool = False, strip: bool = True,
                 year: int | None = None, stale: StaleTexts | None = None) -> None:
        super().__init__(doc, log, year)
        self.fallback = fallback
        self.strip = strip  # False for UI strings: they keep their spaces, as a separator may be a space
        self.stale = stale or StaleTexts()
        self.stale_paths = self.stale.paths(doc.file) if self.stale.fields else frozenset()

    def text(self, path: KeyPath, required: bool = True, limit: int = MAX_TEXT) -> Text | None:
        """A reader-visible text: a block with zh and en, both non-empty, each at most `limit` characters."""
        value = self.get(path)
        if value is None:
            if required:
                self.problem(path, f"the {self.label(path)} is missing", hint=self._add_text_hint(path), at_value=False)
            return None
        if not isinstance(value, dict):
            self.problem(path, f"expected the {self.label(path)} in both languages, found {describe(value)}",
                         hint="write it as two lines under this key: 'zh: …' and 'en: …'")
            return None
        for key in value:
            if key not in LANGUAGES:
                self.unknown_key(path + (key,), list(LANGUAGES))
        before = len(self.log.problems)
        found = {lang: self.plain_text(path + (lang,), value.get(lang), limit) for lang in LANGUAGES}
        if len(self.log.problems) > before:
            return None  # a value of the wrong type was reported; "missing" would only repeat it
        return self._complete(path, found)

    @staticmethod
    def _add_text_hint(path: KeyPath) -> str:
        """Where to write a missing text: under its block's key when it has one ('sections:'), else where it stands."""
        key = visible(str(path[-1]))
        parent = f" under '{visible(str(path[-2]))}:'," if len(path) > 1 and isinstance(path[-2], str) else ""
        return f"add '{key}:'{parent} with 'zh:' and 'en:' under it"

    def _complete(self, path: KeyPath, found: dict[str, str | None]) -> Text | None:
        zh, en = found["zh"], found["en"]
        if zh and en:
            return self.stale.shown(Text(zh, en)) if path in self.stale_paths else Text(zh, en)
        missing = [lang for lang in LANGUAGES if not found[lang]]
        for lang in missing:
            self._missing_language(path, lang, others_present=len(missing) < len(LANGUAGES))
        source = zh or en
        if not source or not self.fallback:
            return None
        return Text(zh or source, en or source, frozenset(missing))

    def _missing_language(self, path: KeyPath, lang: str, others_present: bool) -> None:
        message = f"the {LANGUAGE_NAMES[lang]} {self.label(path)} is missing"
        add = f"add '{lang}: …' under '{visible(str(path[-1]))}'"
        if self.fallback and others_present:
            self.problem(path + (lang,), message + " (shown as 'translation pending')", hint=add + " once it is ready",
                         severity=WARNING, at_value=False, category=TRANSLATION)
        else:
            self.problem(path + (lang,), message, category=TRANSLATION, hint=add + self.fallback_hint(),
                         at_value=False)

    def fallback_hint(self) -> str:
        """How to publish before the translation is done, when this reader's texts may fall back."""
        return "" if self.fallback else " (or set site.translation_fallback: true to publish the original for now)"

    def plain_text(self, path: KeyPath, value: Any, limit: int = MAX_TEXT, controls: bool = True) -> str | None:
        """Text in one language, at most `limit` characters and without control characters (an escape such as "\\0"
        writes one; `controls=False` leaves them to a stricter check); a plain scalar YAML turned into a number or
        boolean keeps its wording."""
        if value is None:
            return None
        if path in self.doc.source_text:
            value = self.doc.source_text[path]
        if not isinstance(value, str):
            self.problem(path, f"expected text, found {describe(value)}",
                         hint="write the text on this line after the colon")
            return None
        text = value.strip() if self.strip else value
        wrong = too_long(text, limit) or (controls and (control := forbidden_character(text))
                                          and f"the text holds a control character, {control[1]}")
        if wrong:
            self.problem(path, wrong, hint="shorten it" if len(text) > limit else "remove it")
            return None
        return text

    def markdown(self, path: KeyPath, required: bool = True) -> Text | None:
        """Markdown in both languages (`text`, up to MAX_MARKDOWN characters), within the limits that keep its
        conversion fast (`common.markdown_problems`), each broken one reported at its line."""
        text = self.text(path, required, MAX_MARKDOWN)
        spots = [(lang, spot) for lang in LANGUAGES if isinstance(value := self.get(path + (lang,)), str)
                 and len(value.strip()) <= MAX_MARKDOWN for spot in markdown_problems(value)]
        for lang, spot in spots:
            self._text_problem(path + (lang,), spot.line, spot.col, spot.message, spot.hint)
        return None if spots else text

    def text_problem(self, path: KeyPath, line: int, col: int, message: str, hint: str,
                     severity: str = ERROR) -> None:
        """A problem found later in the text at `path` (a link in Markdown), at its line and column."""
        self._text_problem(path, line, col, message, hint, severity)

    def _text_problem(self, path: KeyPath, line: int, col: int, message: str, hint: str,
                      severity: str = ERROR) -> None:
        """A problem at line `line`, column `col` of the text at `path`: there in a `|` block (each line of its text
        a line of the file); elsewhere at the text's start, naming the line."""
        start = self.doc.blocks.get(path)
        if start is None:
            self.problem(path, f"{message} (line {line} of the text)" if line > 1 else message, hint,
                         severity=severity)
            return
        self.log.add(Problem(self.doc.file, start.line + line - 1, start.col + col - 1,
                             format_path(path, self.names), message, hint, severity))

    def plain(self, path: KeyPath, required: bool = False, controls: bool = True) -> str | None:
        value = self.get(path)
        if value is None:
            if required:
                self._missing(path, f"'{path[-1]}'")
            return None
        text = self.plain_text(path, value, controls=controls)
        if text == "" and required:
            self.problem(path, f"'{path[-1]}' is empty", hint="write a value after the colon")
        return text

    def plain_list(self, path: KeyPath, required: bool, what: str) -> tuple[str, ...]:
        """The texts of a list of plain texts; a list holding none is reported as the empty list of `what`."""
        items = self.items(path, required=required)
        found = tuple(text for text in (self.plain_text(p, v) for p, v in items) if text)
        if not found and items:
            self.problem(path, f"the list of {what} is empty")
        return found

    def slug(self, path: KeyPath) -> str | None:
        value = self.plain(path, required=True, controls=False)  # a slug's own rule names control characters too
        if value is None or value == "":
            return None
        if not SLUG_RE.match(value):
            self.problem(path, f"the slug '{visible(value)}' is not safe in a web address",
                         hint=f"use lowercase ASCII letters, digits and hyphens, such as '{suggest_slug(value, path)}'")
            return None
        too_long = slug_too_long(value)
        if too_long:
            self.problem(path, f"the slug {too_long}", hint=f"shorten it, such as '{shortened(value)}'")
            return None
        return value

    def url(self, path: KeyPath, required: bool) -> str:
        """A full web address, ending in '/'; "/" when it is missing or wrong."""
        value = self.plain(path, required=required)
        if not value:
            return "/"
        normalised = normalise_base_url(value)
        if normalised is None:
            self.problem(path, f"'{visible(value)}' is not a full web address", hint=BASE_URL_HINT)
            return "/"
        return normalised


class Reader(_Texts):
    """Reads typed values out of one YAML document, reporting problems at their positions."""

    def fields(self, path: KeyPath, block: str) -> dict[str, Any]:
        """Every key the schema declares for the block at `path`, each read by its kind, in the schema's order."""
        return {spec.name: spec.read(self, path) for spec in schema.BLOCKS[block]}

    def day(self, path: KeyPath, required: bool = True) -> date | None:
        value = self.get(path)
        if value is None:
            if required:
                self._missing(path, f"the date '{path[-1]}'")
            return None
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
        if isinstance(value, str) and DAY_RE.match(value):  # a date in quotes is still a date
            try:
                return date.fromisoformat(value)
            except ValueError as exc:
                self.problem(path, f"{value} is not a real date ({exc})", hint="check the day and the month")
                return None
        self.problem(path, f"expected a date written as YYYY-MM-DD, found {describe(value)}",
                     hint=f"write the date like {example_day(self.campaign_year)}")
        return None

    def month(self, path: KeyPath, end: bool) -> date | None:
        """The first day of a month written YYYY-MM, or its last day when `end`."""
        value = self.get(path)
        if value is None:
            self._missing(path, f"the month '{path[-1]}'")
            return None
        match = MONTH_RE.match(value) if isinstance(value, str) else None
        if not match or not 1 <= int(match.group(2)) <= 12:
            self.problem(path, f"expected a month written as YYYY-MM, found {describe(value)}",
                         hint=f"write the month like \"{example_month(self.campaign_year)}\" (in quotes)")
            return None
        year, month = int(match.group(1)), int(match.group(2))
        if not end:
            return date(year, month, 1)
        next_month = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(next_month.toordinal() - 1)

    def hours(self, path: KeyPath) -> Hours | None:
        """A time of day ("09:00") or hours ("09:00-11:30"); 9:00 unquoted, which YAML reads as a number, as written."""
        value = self.doc.source_text.get(path, self.get(path))
        if value is None:
            return None
        try:
            if not isinstance(value, str):
                raise BadValue(f"expected a time of day, found {describe(value)}", times.FORMAT_HINT)
            return parse_hours(value)
        except BadValue as wrong:
            self.problem(path, wrong.message, hint=wrong.hint)
            return None

    def time_zone(self, path: KeyPath, default: str) -> str:
        """A time zone name such as Asia/Shanghai; `default` when left out (or wrong, after saying so)."""
        name = self.plain(path)
        wrong = check_time_zone(name) if name else None
        if wrong:
            self.problem(path, wrong.message, hint=wrong.hint)
        return name if name and not wrong else default

    def year(self, path: KeyPath) -> int | None:
        """A year such as 2025; a missing year is reported by its block."""
        value = self.get(path)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 1900 < value < 2200:
            return value
        self.problem(path, f"expected a year such as {self.campaign_year or EXAMPLE_YEAR}, found {describe(value)}",
                     hint="write the campaign's year in four digits")
        return None

    def flag(self, path: KeyPath, default: bool) -> bool:
        """true or false as YAML 1.2 writes them; YAML 1.1's yes/no/on/off are refused, not guessed."""
        value = self.get(path)
        if value is None:
            return default
        source = self.doc.source_text.get(path)  # a quick reading leaves yes/no/on/off to the exact one
        if isinstance(value, bool) and (source is None or source.lower() in ("true", "false")):
            return value
        self.problem(path, f"expected true or false, found {self._wording(path, value)}",
                     hint="write true or false (yes/no and on/off are not accepted)")
        return default

    def count(self, path: KeyPath, default: int, minimum: int) -> int:
        """A whole number no smaller than `minimum`."""
        value = self.get(path)
        if value is None:
            return default
        if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
            return value
        self.problem(path, f"expected a whole number of at least {minimum}, found {self._wording(path, value)}",
                     hint=f"write a number such as {default} (the default when the line is left out)")
        return default
