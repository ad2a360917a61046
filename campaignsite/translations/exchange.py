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

import codecs
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from translate.misc.xml_helpers import parse_xml
from translate.storage import po, xliff

from ..load.yamldoc import visible

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
_XLIFF_1_VERSIONS = ("1.0", "1.1", "1.2")
_XLIFF_1_NAMESPACES = (None, "urn:oasis:names:tc:xliff:document:1.1", _XLIFF_12)
_BLANK_LINE = re.compile(rb"\n[ \t\r]*\n")  # a PO file's header is its first entry: up to the first blank line
_CHARSET = re.compile(rb"charset=[ \t]*([A-Za-z0-9_.:-]+)")  # ASCII in every charset a PO file may be in
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
    """The units of an XLIFF 1.x file; `ExchangeError` for anything else (not XML, another root, XLIFF 2)."""
    _not_text(data, utf16=True)
    try:
        root = parse_xml(data)
    except etree.XMLSyntaxError as exc:
        raise ExchangeError(f"the file is not well-formed XML: {visible(exc.msg or str(exc), 160)}") from exc
    _check_xliff_root(root)
    try:
        store = xliff.xlifffile.parsestring(data)
    except (etree.XMLSyntaxError, ValueError, AttributeError, StopIteration, AssertionError) as exc:
        raise ExchangeError(f"the file cannot be read as XLIFF ({visible(str(exc), 160)})") from exc
    return [_xliff_unit(unit) for unit in store.units if not unit.isheader()]


def _check_xliff_root(root: Any) -> None:
    """An `<xliff version="1.x">` in XLIFF 1.x's namespace (or none, as XLIFF 1.0 files may be) holding a `<file>`."""
    name = etree.QName(root)
    if name.localname != "xliff":
        raise ExchangeError(f"the file's root element is <{visible(name.localname, 40)}>, not <xliff>: it is not an "
                            "XLIFF file")
    version = root.get("version") or ""
    if version not in _XLIFF_1_VERSIONS:
        raise ExchangeError(f"the file is XLIFF version '{visible(version, 20)}'; this tool reads XLIFF 1.2 (and "
                            "1.1, 1.0): ask for XLIFF 1.2, or translate the file `translations export` wrote")
    if name.namespace not in _XLIFF_1_NAMESPACES:
        raise ExchangeError(f"the <xliff> element is in the namespace '{visible(name.namespace or '', 80)}', not "
                            f"XLIFF 1.2's ({_XLIFF_12})")
    if root.find("file", namespaces={"": name.namespace} if name.namespace else None) is None:
        raise ExchangeError("the <xliff> element holds no <file>: the file has no units")


def _not_text(data: bytes, utf16: bool = False) -> None:
    """`ExchangeError` for an empty file, or one of binary data (a NUL byte, where an XML file in UTF-16 has none of
    its own: its byte order mark says so)."""
    if not data.strip():
        raise ExchangeError("the file is empty")
    if utf16 and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    if (at := data.find(b"\0")) >= 0:
        raise ExchangeError(f"the file holds binary data (byte {at} is 0x00), not the text of an XLIFF or PO file")


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
    """The units of a PO file (its header left out), read in the charset its header declares (UTF-8 if none)."""
    _not_text(data)
    try:
        store = po.pofile.parsestring(_as_utf8(data))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ExchangeError(f"the file cannot be read as PO ({visible(str(exc), 160)})") from exc
    return [_po_unit(unit) for unit in store.units if not unit.isheader()]


def _as_utf8(data: bytes) -> bytes:
    """The PO file in UTF-8, its header saying so: decoded whole in the charset the header declares (GBK, Big5, …)
    before any line is read, since a second byte of theirs may be a quote or a backslash."""
    declared = _declared_charset(data)
    try:
        codec = codecs.lookup(declared or "UTF-8").name
    except LookupError:
        raise ExchangeError(f"the header declares charset={visible(declared or '', 40)}, which this tool does not "
                            "know: save the file as UTF-8") from None
    try:
        text = data.decode("utf-8-sig" if codec == "utf-8" else codec)
    except UnicodeDecodeError as exc:
        said = f"{declared} as its header declares" if declared else "UTF-8, and its header declares no charset"
        raise ExchangeError(f"the file is not {said} (byte {exc.start} is 0x{data[exc.start]:02x})") from None
    if codec != "utf-8" and declared:
        text = re.sub(r"charset=[ \t]*" + re.escape(declared), "charset=UTF-8", text, count=1)
    return text.encode("utf-8")


def _declared_charset(data: bytes) -> str | None:
    """The charset of the Content-Type in a PO file's header, if it has one."""
    blank = _BLANK_LINE.search(data)
    head = data[: blank.start() if blank else len(data)]
    found = _CHARSET.search(head) if b'msgid ""' in head else None
    return found.group(1).decode("ascii") if found else None


def _po_unit(unit: Any) -> Unit:
    notes = (unit.getnotes("developer") or "").split("\n")
    glossary = tuple(term for note in notes if note.startswith(_GLOSSARY_NOTE) and (term := _term(note)))
    previous = unit.prev_source if unit.prev_source else None
    return Unit(unit.getcontext() or "", str(unit.source or ""), str(unit.target or ""),
                str(previous) if previous is not None else None, glossary, _first(unit.getlocations()),
                bool(unit.isfuzzy()))
