"""Units for translators: written as XLIFF 1.2 or PO, and read back, with the translate-toolkit package.

Takes: `Unit`s (a field's id, its Chinese source, its English target or "", the Chinese the target was made
from when it is stale, the glossary's fixed English for the terms in the source, the page's address); the
glossary's data (glossary.yaml: `terms`, each `zh` and `en`); a translator's file.
Gives: the file's bytes (UTF-8; the same units give the same bytes), and the units read from a file, or
`ExchangeError` saying why a file cannot be read. In XLIFF a unit is a `<trans-unit>` whose id is the field's
id, its previous Chinese and glossary terms `<note>`s, its address a location; in PO its id is the `msgctxt`,
its previous Chinese the `#| msgid` of a fuzzy entry (as gettext's tools write it), its glossary terms `#.`
comments and its address a `#:` reference. A Markdown body is one unit, its Markdown as it is.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from translate.storage import po, xliff

SOURCE_LANGUAGE, TARGET_LANGUAGE = "zh-Hans", "en"
_PREVIOUS, _GLOSSARY = "previous-chinese", "glossary"  # the `from` of an XLIFF note
_GLOSSARY_NOTE = "Glossary: "
_PREVIOUS_NOTE = "Previous Chinese: "
_PO_HEADER = (f"Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
              f"Language: {TARGET_LANGUAGE}\nX-Source-Language: {SOURCE_LANGUAGE}\n")
Term = tuple[str, str]  # a glossary term: its Chinese and its fixed English


@dataclass(frozen=True)
class Unit:
    """One field to translate."""

    id: str  # FILE:KEYPATH, or a content file
    source: str  # the Chinese now
    target: str = ""  # the English now; "" when there is none
    previous: str | None = None  # the Chinese the target was made from, when it has changed since (stale)
    glossary: tuple[Term, ...] = ()  # the glossary's terms found in the source, with their fixed English
    context: str = ""  # the address of the page that shows the field
    # read back: still marked for review (a PO entry `fuzzy`, an XLIFF target `needs-…`); written: so marked too
    review: bool = field(default=False, compare=False)


class ExchangeError(Exception):
    """A translator's file that cannot be read (its reason is the message)."""


def glossary_terms(data: Any) -> tuple[Term, ...]:
    """The terms of glossary.yaml's data (`terms: [{zh, en}, …]`); entries that are not a pair of texts are left out."""
    terms = data.get("terms") if isinstance(data, dict) else None
    return tuple((term["zh"], term["en"]) for term in terms or ()
                 if isinstance(term, dict) and isinstance(term.get("zh"), str) and isinstance(term.get("en"), str)
                 and term["zh"])


def terms_in(source: str, terms: Iterable[Term]) -> tuple[Term, ...]:
    """The terms that occur in `source`, in the glossary's order; a term found only inside a longer term that is
    found there too (名牌产品 inside 中国名牌产品) is answered by that term and left out."""
    terms = tuple(terms)
    spans = {zh: _spans(source, zh) for zh, _ in terms}
    return tuple((zh, en) for zh, en in terms if spans[zh] and not all(
        any(start <= at and at + len(zh) <= end for other, found in spans.items() if len(other) > len(zh)
            for start, end in found) for at, _ in spans[zh]))


def _spans(text: str, term: str) -> list[tuple[int, int]]:
    found, at = [], text.find(term)
    while at >= 0:
        found.append((at, at + len(term)))
        at = text.find(term, at + 1)
    return found


_XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
_NEEDS = {"needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
          "needs-review-adaptation", "needs-review-l10n"}  # the states of a target still to be translated or reviewed


class _Unit12(xliff.xliffunit):
    namespace = _XLIFF_12


class _Xliff12(xliff.xlifffile):
    """translate-toolkit's XLIFF store, writing version 1.2 (it reads 1.1 and 1.2 alike)."""

    UnitClass = _Unit12
    namespace = _XLIFF_12
    XMLskeleton = ("<?xml version=\"1.0\" ?>\n<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'>"
                   "\n<file original='campaign' source-language='zh-Hans' datatype='plaintext'>\n<body>\n</body>\n"
                   "</file>\n</xliff>")


def write_xliff(units: Sequence[Unit]) -> bytes:
    """The units as an XLIFF 1.2 file; a stale unit's state is needs-review-translation."""
    store = _Xliff12(sourcelanguage=SOURCE_LANGUAGE, targetlanguage=TARGET_LANGUAGE)
    for unit in units:
        made = store.UnitClass(unit.source)
        made.setid(unit.id)
        store.addunit(made)
        if unit.target:
            made.target = unit.target
        if unit.previous is not None:
            _note(made, _PREVIOUS, _PREVIOUS_NOTE + unit.previous)
        if unit.previous is not None or unit.review and unit.target:
            made.set_state_n(xliff.xliffunit.statemap["needs-review-translation"])
        for zh, en in unit.glossary:
            _note(made, _GLOSSARY, f"{_GLOSSARY_NOTE}{zh} = {en}")
        if unit.context:  # whole: translate-toolkit's `addlocation` would cut an address at its colon
            made.createcontextgroup("", [("sourcefile", unit.context)], "location")
    return bytes(store)


def _note(unit: Any, origin: str, text: str) -> None:
    """A note written as it is (translate-toolkit's `addnote` strips the text's ends)."""
    note = etree.SubElement(unit.xmlelement, unit.namespaced("note"))
    note.set("from", origin)
    note.text = text


def read_xliff(data: bytes) -> list[Unit]:
    """The units of an XLIFF 1.x file."""
    try:
        store = xliff.xlifffile.parsestring(data)
    except (etree.XMLSyntaxError, ValueError, AttributeError, StopIteration) as exc:
        raise ExchangeError(f"the file cannot be read as XLIFF ({exc})") from exc
    return [_xliff_unit(unit) for unit in store.units if not unit.isheader()]


def _xliff_unit(unit: Any) -> Unit:
    notes = [(note.get("from"), note.text or "") for note in unit.xmlelement.iterchildren(unit.namespaced("note"))]
    previous = next((text.removeprefix(_PREVIOUS_NOTE) for origin, text in notes if origin == _PREVIOUS), None)
    glossary = tuple(_term(text) for origin, text in notes if origin == _GLOSSARY)
    target = unit.getlanguageNode(lang=None, index=1)
    review = target is not None and target.get("state") in _NEEDS
    return Unit(unit.xmlelement.get("id") or "", str(unit.source or ""), str(unit.target or ""), previous,
                tuple(term for term in glossary if term), _first(unit.getlocations()), review)


def _term(note: str) -> Term | None:
    zh, sep, en = note.removeprefix(_GLOSSARY_NOTE).partition(" = ")
    return (zh, en) if sep else None


def _first(locations: Sequence[str]) -> str:
    return locations[0] if locations else ""


def write_po(units: Sequence[Unit]) -> bytes:
    """The units as a PO file: the id as msgctxt, a stale unit fuzzy with its previous Chinese as `#| msgid`."""
    store = po.pofile(noheader=True)
    header = store.UnitClass("")
    header.target = _PO_HEADER
    store.addunit(header)
    for unit in units:
        if not unit.source:
            raise ExchangeError(f"{unit.id}: a unit with no Chinese cannot be written as PO")
        made = store.UnitClass(unit.source)
        made.setcontext(unit.id)
        made.target = unit.target
        for zh, en in unit.glossary:
            made.addnote(f"{_GLOSSARY_NOTE}{zh} = {en}", origin="developer")
        if unit.context:
            made.addlocation(unit.context.replace(" ", "%20"))  # a reference ends at a space
        if unit.previous is not None:
            made.prev_source = unit.previous
        if unit.previous is not None or unit.review:
            made.markfuzzy(True)
        store.addunit(made)
    return bytes(store)


def read_po(data: bytes) -> list[Unit]:
    """The units of a PO file (its header left out)."""
    try:
        store = po.pofile.parsestring(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ExchangeError(f"the file cannot be read as PO ({exc})") from exc
    return [_po_unit(unit) for unit in store.units if not unit.isheader()]


def _po_unit(unit: Any) -> Unit:
    notes = (unit.getnotes("developer") or "").split("\n")
    glossary = tuple(term for note in notes if note.startswith(_GLOSSARY_NOTE) and (term := _term(note)))
    previous = unit.prev_source if unit.prev_source else None
    return Unit(unit.getcontext() or "", str(unit.source or ""), str(unit.target or ""),
                str(previous) if previous is not None else None, glossary, _first(unit.getlocations()),
                bool(unit.isfuzzy()))
