"""The words every document's validation shares: how a value, a key and a slug are named in messages.

Takes: values, key paths and text (no documents, no reader).
Gives: the message vocabulary (`describe`, `label`, `visible`, `suggest_slug`), the pattern of a safe slug,
the languages' names, the category of a missing translation, and the check of a site's base URL.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..model import LANGUAGES

KeyPath = tuple  # a key path such as ("activities", 0, "title", "en"), as `load` records positions

LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 80  # a slug names a folder: well under the 255 bytes a file name may have, and readable in an address


def slug_too_long(slug: str) -> str | None:
    """What is wrong with a slug's length, or None."""
    if len(slug) <= MAX_SLUG:
        return None
    return f"is {len(slug)} characters long; a slug has at most {MAX_SLUG} (it names a folder of the site)"


def shortened(slug: str) -> str:
    return slug[:MAX_SLUG].rstrip("-")
BASE_URL_HINT = "write it like https://www.example.gov.cn/zt/quality-month/"


def normalise_base_url(value: str) -> str | None:
    """A full http(s) address ending in '/', or None when `value` is not one."""
    if not re.match(r"^https?://[^/\s?#]+(/[^\s?#]*)?$", value):
        return None
    return value if value.endswith("/") else value + "/"


def suggest_slug(value: str, path: KeyPath) -> str:
    """A safe slug close to `value`: ASCII letters and digits joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", value.lower())
    if words:
        return "-".join(words)
    parent = next((str(p) for p in reversed(path) if isinstance(p, str) and p != "slug"), "item")
    index = next((p for p in reversed(path) if isinstance(p, int)), 0)
    return f"{parent.rstrip('s')}-{index + 1}"


def visible(text: str) -> str:
    """Control characters (a NUL, say) written as escapes, so a message shows what the file holds."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def label(path: KeyPath) -> str:
    """The key a message names: the last key of `path` that is not a language, its underscores as spaces."""
    key = next((p for p in reversed(path) if isinstance(p, str) and p not in LANGUAGES), "value")
    return key.replace("_", " ")


def describe(value: Any) -> str:
    """A wrong value as a message names it: 'the number 5', 'a list', …"""
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of keys"
    if value is None:
        return "nothing"
    return f"'{value}'"
