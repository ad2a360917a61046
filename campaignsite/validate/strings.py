"""The UI string tables (templates/strings.yaml, the theme's and the site's) -> one table of texts.

Takes: the `YamlDoc`s of the tables, the theme's first; a later table overrides an earlier one key by key.
Gives: each key's `Text` in both languages, the spaces kept (a separator may be a space).
"""
from __future__ import annotations

from ..errors import ProblemLog
from ..load import YamlDoc
from ..load.yamldoc import forbidden_character, visible
from ..model import Text
from .common import KeyPath
from .reader import Reader


class _StringsReader(Reader):
    """A reader of a table of UI strings: a text is named by its key, and no site setting lets one fall back."""

    def label(self, path: KeyPath) -> str:
        return f"UI string '{visible(str(path[0]))}'" if path else "table of UI strings"

    def fallback_hint(self) -> str:
        return ""


def read_strings(docs: tuple[YamlDoc, ...], log: ProblemLog) -> dict[str, Text]:
    strings: dict[str, Text] = {}
    for doc in docs:
        reader = _StringsReader(doc, log, strip=False)
        if not isinstance(doc.data, dict):
            if doc.data is not None:
                reader.problem((), "expected a block of UI strings (key: {zh: …, en: …})")
            continue
        for key in doc.data:
            if control := forbidden_character(key):
                reader.problem((key,), f"the key '{visible(key)}' holds a control character, {control[1]}",
                               hint="remove it from the key", at_value=False)
                continue
            text = reader.text((key,))
            if text:
                strings[key] = text
    return strings
