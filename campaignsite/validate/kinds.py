"""The kinds of value a data file holds (text in both languages, a date, a list of blocks, …), as objects.

Takes: a reader with typed readers (`reader.Reader`, seen here as the protocol `ValueReader`).
Gives: one frozen class per kind. Each reads and checks its value through the reader (`read`), says whether
the block holding it reports it missing (`reported_by_block`), and has its words for the author reference
(`describe`). The schema (`schema.BLOCKS`) names a kind for every key.
"""
from __future__ import annotations

import difflib
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Protocol, TypeVar

from ..model import Hours, Text
from ..regions import close_names, place_codes, place_name
from .common import MAX_MARKDOWN, MAX_TEXT, KeyPath, describe, visible

T = TypeVar("T")


class ValueReader(Protocol):
    """The typed readers the kinds read with. `reader.Reader` has them; it imports this module, not the reverse."""

    def text(self, path: KeyPath, required: bool = True, limit: int = MAX_TEXT) -> Text | None: ...
    def markdown(self, path: KeyPath, required: bool = True) -> Text | None: ...
    def plain(self, path: KeyPath, required: bool = False) -> str | None: ...
    def slug(self, path: KeyPath) -> str | None: ...
    def day(self, path: KeyPath, required: bool = True) -> date | None: ...
    def year(self, path: KeyPath) -> int | None: ...
    def hours(self, path: KeyPath) -> Hours | None: ...
    def time_zone(self, path: KeyPath, default: str) -> str: ...
    def url(self, path: KeyPath, required: bool) -> str: ...
    def flag(self, path: KeyPath, default: bool) -> bool: ...
    def count(self, path: KeyPath, default: int, minimum: int) -> int: ...
    def plain_list(self, path: KeyPath, required: bool, what: str) -> tuple[str, ...]: ...
    def items(self, path: KeyPath, required: bool = False) -> list[tuple[KeyPath, Any]]: ...
    def block(self, path: KeyPath, block: str, required: bool = True) -> dict | None: ...
    def refs(self, path: KeyPath, known: Mapping[str, T], what: str, one: str) -> list[T]: ...
    def get(self, path: KeyPath) -> Any: ...
    def problem(self, path: KeyPath, message: str, hint: str = "") -> None: ...


class Kind(ABC):
    """How a key's value is written: its words in the author reference, and who says when it is missing."""

    reported_by_block: ClassVar[bool] = False  # True: `Reader.block` reports it missing; else its own reader does

    @abstractmethod
    def describe(self) -> str:
        """The kind in the author reference's table."""


class Value(Kind):
    """A kind read on its own, with nothing but the reader: every kind but `Refs`."""

    @abstractmethod
    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> Any:
        """The value at `path`, checked (None, or the kind's default, when absent or wrong); `required`: report
        it when it is missing."""


@dataclass(frozen=True)
class Bilingual(Value):
    """A block with `zh:` and `en:`, each plain text."""

    def describe(self) -> str:
        return f"text in both languages (`zh:` and `en:`), at most {MAX_TEXT:,} characters each"

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> Text | None:
        return reader.text(path, required)


@dataclass(frozen=True)
class BilingualMarkdown(Bilingual):
    """Like `Bilingual`; the text is Markdown, converted when the pages are rendered, so longer, within the limits
    that keep its conversion fast."""

    def describe(self) -> str:
        return (f"Markdown in both languages (`zh: |` and `en: |`), at most {MAX_MARKDOWN:,} characters each, "
                "within the [limits of Markdown](#limits-of-markdown), linking by "
                "[paths of the site](#links-between-pages)")

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> Text | None:
        return reader.markdown(path, required)


@dataclass(frozen=True)
class Plain(Value):
    """Text in one language, or no language at all (an identifier)."""

    def describe(self) -> str:
        return f"text, at most {MAX_TEXT:,} characters"

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> str | None:
        return reader.plain(path, required)


@dataclass(frozen=True)
class Slug(Value):
    """A stable name: lowercase ASCII letters, digits and hyphens."""

    def describe(self) -> str:
        return "slug"

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> str | None:
        return reader.slug(path)  # every slug is required: the slug's reader says when it is missing


@dataclass(frozen=True)
class Day(Value):
    """A date written YYYY-MM-DD (in quotes or not)."""

    def describe(self) -> str:
        return "date (YYYY-MM-DD)"

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> date | None:
        return reader.day(path, required)


@dataclass(frozen=True)
class TimeOfDay(Value):
    """A time of day, or hours from one time to another, on the 24-hour clock."""

    def describe(self) -> str:
        return 'time of day ("HH:MM") or hours ("HH:MM-HH:MM"), 24-hour clock, in quotes'

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> Hours | None:
        return reader.hours(path)


@dataclass(frozen=True)
class TimeZone(Value):
    """A time zone name of the IANA database; `default` when the key is left out."""

    default: str

    def describe(self) -> str:
        return "time zone name (IANA), such as Asia/Shanghai"

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> str:
        return reader.time_zone(path, self.default)


@dataclass(frozen=True)
class Year(Value):
    """A year such as 2008."""

    reported_by_block: ClassVar[bool] = True

    def describe(self) -> str:
        return "year"

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> int | None:
        return reader.year(path)  # a missing year is reported by its block


@dataclass(frozen=True)
class Url(Value):
    """A full http(s) address; read as ending in '/'."""

    def describe(self) -> str:
        return "web address"

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> str:
        return reader.url(path, required)


@dataclass(frozen=True)
class Flag(Value):
    """true or false; `default` when the key is left out."""

    default: bool

    def describe(self) -> str:
        return "true or false"

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> bool:
        return reader.flag(path, self.default)


@dataclass(frozen=True)
class Count(Value):
    """A whole number no smaller than `minimum`; `default` when the key is left out."""

    default: int
    minimum: int

    def describe(self) -> str:
        return "whole number"

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> int:
        return reader.count(path, self.default, self.minimum)


@dataclass(frozen=True)
class PlainList(Value):
    """A list of plain texts; `what` names them when the list holds none ("the list of terms is empty")."""

    what: str

    def describe(self) -> str:
        return f"list of text, each at most {MAX_TEXT:,} characters"

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> tuple[str, ...]:
        return reader.plain_list(path, required, self.what)


@dataclass(frozen=True)
class ListOf(Value):
    """A list of blocks of the schema's `block`; read as the items, each with its path."""

    block: str
    reported_by_block: ClassVar[bool] = True

    def describe(self) -> str:
        return f"list of [{self.block}](#{self.block}) blocks"

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> list[tuple[KeyPath, Any]]:
        return reader.items(path, required)


@dataclass(frozen=True)
class BlockOf(Value):
    """A block holding the keys of the schema's `block`; read as the mapping, its keys checked."""

    block: str

    def describe(self) -> str:
        return f"[{self.block}](#{self.block}) block"

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> dict | None:
        return reader.block(path, self.block, required)


@dataclass(frozen=True)
class Refs(Kind):
    """A list of slugs of `what` (one of them: `one`), read as the entries they name."""

    what: str
    one: str
    reported_by_block: ClassVar[bool] = True

    def describe(self) -> str:
        return f"list of slugs of {self.what}"

    def read(self, reader: ValueReader, path: KeyPath, known: Mapping[str, T]) -> list[T]:
        """The entries of `known` the slugs at `path` name; a slug `known` lacks is reported."""
        return reader.refs(path, known, self.what, self.one)


@dataclass(frozen=True)
class Choice(Value):
    """One word of `values`; `what` names them in a message ("a status")."""

    values: tuple[str, ...]
    what: str
    absent: str  # what leaving the key out means, for the hint

    def describe(self) -> str:
        return "one of: " + ", ".join(f"`{value}`" for value in self.values)

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> str | None:
        word = reader.plain(path, required)
        if word is None or word in self.values:
            return word
        guess = difflib.get_close_matches(word, self.values, n=1)
        reader.problem(path, f"'{visible(word)}' is not {self.what}",
                       hint=(f"did you mean '{guess[0]}'? " if guess else "") + "use one of: "
                       + ", ".join(self.values) + f" (or leave the line out {self.absent})")
        return None


@dataclass(frozen=True)
class RegionName(Value):
    """A place: a provincial-level division, a prefecture-level city or a county, by its 6-digit code or its
    Chinese or English name, or national: read as the code (`campaignsite.regions`; the city's or the county's
    when it names one: `place_of` gives its province)."""

    def describe(self) -> str:
        return ("a 6-digit code (440000, 330100), a Chinese or English name of a province, a city or a county "
                "(广东省, 杭州, Hangzhou, 西湖区) or `national`")

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> str | None:
        value = reader.get(path)
        written = str(value) if isinstance(value, int) and not isinstance(value, bool) else reader.plain(path, required)
        if written is None:
            return None
        found = place_codes(written)
        if len(found) > 1:
            reader.problem(path, f"'{visible(written)}' names more than one place: {', '.join(map(place_name, found))}",
                           hint="write the 6-digit code of the one you mean")
            return None
        if not found:
            guesses = close_names(written)
            reader.problem(path, f"'{visible(written)}' is not a province, city or county of China",
                           hint=(f"did you mean '{guesses[0]}'? " if guesses else "")
                           + "write its 6-digit code (440000, 330100) or its name (广东省, 杭州 or Hangzhou), "
                           "or national")
            return None
        return found[0]


ONLINE_RE = re.compile(r"^https://[^\s/?#@]+\.[^\s/?#@]+(?:[/?#]\S*)?$")
ONLINE_HINT = "write the full address, such as https://meeting.example.org/room, or true while it is to follow"


@dataclass(frozen=True)
class OnlineAddress(Value):
    """Where to join online: an https:// address, or true while the address is to follow; false is the same as
    leaving it out. Read as the address, True, or None."""

    def describe(self) -> str:
        return "`https://` web address, or `true`"

    def read(self, reader: ValueReader, path: KeyPath, required: bool) -> str | bool | None:
        value = reader.get(path)
        if isinstance(value, bool):  # yes/no/on/off are refused as every flag refuses them
            return reader.flag(path, default=False) or None
        if not isinstance(value, str):
            if value is not None:
                reader.problem(path, f"expected an https:// address or true, found {describe(value)}", ONLINE_HINT)
            return None
        word = reader.plain(path)
        if not word or ONLINE_RE.match(word):
            return word or None
        if word.lower().startswith("http://"):
            reader.problem(path, f"'{visible(word)}' is not a secure address",
                           hint="write it with https://, as the service gives it")
        elif word.lower().startswith("https://"):
            reader.problem(path, f"'{visible(word)}' is not a full web address", ONLINE_HINT)
        else:
            reader.problem(path, f"expected an https:// address or true, found '{visible(word)}'", ONLINE_HINT)
        return None
