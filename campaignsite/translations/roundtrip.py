"""The round trip with translators: the units to export, and what importing a translator's units would change.

Takes: a campaign's `Translations`, the statuses to export; the units read from a translator's file and a way to
read a campaign file's text as it is on disk (a BOM and CRLF kept; None when the file does not exist).
Gives: the `Unit`s to export (source the Chinese, target the English, the previous Chinese of a stale one, the
glossary's terms in the source, the English page's address); for an import, an `ImportPlan`: the new text of
every file that changes (each value set in place, nothing else), the new record, and what was imported, skipped
and refused. Every unit is checked before anything is planned; one refusal refuses the import (`refused` is then
all there is). A unit that is unchanged, empty, or still marked for review changes nothing.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .checks import refusals
from .exchange import Unit, terms_in
from .fields import Field, address
from .inplace import Refused, set_values
from .inplace_markdown import new_page, set_page
from .record import STALE, UNTRACKED, Entry, change_line, entry
from .status import Translations

Reader = Callable[[str], str | None]  # a campaign file's text as it is on disk, by its path in the campaign


def export_units(translations: Translations, wanted: Iterable[str]) -> list[Unit]:
    """A unit for each field whose status is in `wanted`, in the order of the campaign's files."""
    recorded = translations.record or {}
    return [Unit(item.id, item.zh, item.en or "",
                 recorded[item.id].zh if translations.statuses[item.id] == STALE else None,
                 terms_in(item.zh, translations.terms), address(item, translations.base_url))
            for item in translations.having(set(wanted))]


@dataclass(frozen=True)
class Refusal:
    """A unit that cannot be imported, and why."""

    id: str
    reason: str
    hint: str = ""


@dataclass
class ImportPlan:
    """What an import changes, or why it changes nothing."""

    texts: dict[str, str] = field(default_factory=dict)  # a campaign file's path -> its new text
    record: dict[str, Entry] = field(default_factory=dict)  # the record as it is to be written
    imported: list[str] = field(default_factory=list)  # the ids recorded as current from the file
    written: list[str] = field(default_factory=list)  # the ids whose English the import changes
    untracked: list[str] = field(default_factory=list)  # ids that had English and no entry: recorded too
    empty: list[str] = field(default_factory=list)  # ids whose target is empty: skipped
    review: list[str] = field(default_factory=list)  # ids still marked for review: skipped
    refused: list[Refusal] = field(default_factory=list)


def plan_import(translations: Translations, units: list[Unit], read: Reader) -> ImportPlan:
    """What importing `units` would do (see the module's docstring)."""
    plan = ImportPlan()
    fields = translations.by_id
    taken = _checked(units, fields, plan)
    if not plan.refused:
        _plan_texts(taken, fields, read, plan)
    if plan.refused:
        return ImportPlan(refused=plan.refused)
    record = {key: value for key, value in (translations.record or {}).items() if key in fields}
    for unit in taken:
        record[unit.id] = entry(fields[unit.id].zh)
    plan.imported = [unit.id for unit in taken]
    plan.untracked = [item.id for item in translations.having({UNTRACKED}) if item.id not in record]
    record.update({key: entry(fields[key].zh) for key in plan.untracked})
    plan.record = record
    return plan


def _checked(units: list[Unit], fields: dict[str, Field], plan: ImportPlan) -> list[Unit]:
    """The units to import; those skipped and refused are noted in `plan`."""
    seen: set[str] = set()
    taken = []
    for unit in units:
        item = fields.get(unit.id)
        reasons = _reasons(unit, item, seen)
        seen.add(unit.id)
        if reasons:
            plan.refused += [Refusal(unit.id, reason) for reason in reasons]
        elif not unit.target.strip():
            plan.empty.append(unit.id)
        elif unit.review:
            plan.review.append(unit.id)
        else:
            taken.append(unit)
    return taken


def _reasons(unit: Unit, item: Field | None, seen: set[str]) -> list[str]:
    if not unit.id:
        return ["the unit has no id"]
    if unit.id in seen:
        return ["the file holds this unit twice"]
    if item is None:
        return ["the campaign has no such field (it was renamed or removed after the export)"]
    if unit.source != item.zh:
        return ["the Chinese changed after the export: " + change_line(unit.source, item.zh)
                + "; export it again and translate the new Chinese"]
    return refusals(unit.source, unit.target, item.markdown) if unit.target.strip() else []


def _plan_texts(units: list[Unit], fields: dict[str, Field], read: Reader, plan: ImportPlan) -> None:
    """The new text of each file the units change; a value that cannot be set exactly refuses its unit."""
    by_file: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.target != fields[unit.id].en:
            by_file.setdefault(fields[unit.id].target, []).append(unit)
    for target, in_file in by_file.items():
        edits = [(fields[unit.id], unit.target) for unit in in_file]
        try:
            plan.texts[target] = _new_text(target, edits, [item for item in fields.values() if item.target == target],
                                           read)
        except Refused as exc:
            hit = [unit for unit in in_file if _written_at(fields[unit.id]) == exc.path] or in_file
            plan.refused += [Refusal(unit.id, f"it cannot be written into {target}: {exc.reason}") for unit in hit]
            continue
        plan.written += [unit.id for unit in in_file]


def _written_at(item: Field) -> tuple:
    """The key path at which the English of `item` is set in its file (a page's text: `body`)."""
    if item.source == item.target:
        return item.path + ("en",)
    return item.path or ("body",)


def _new_text(target: str, edits: list[tuple[Field, str]], in_target: list[Field], read: Reader) -> str:
    """`target`'s text with every edit made in place (a missing English page is made from the Chinese one, when
    the edits give all its texts: `in_target`, the fields whose English is in that file)."""
    text, first = read(target), edits[0][0]
    if first.source == target:  # a data file: each value is the `en` of its block
        if text is None:
            raise Refused((), "the file cannot be read")
        return set_values(text, {item.path + ("en",): value for item, value in edits})
    body = next((value for item, value in edits if not item.path), None)
    front = {item.path[0]: value for item, value in edits if item.path}
    if text is not None:
        return set_page(text, body, front)
    zh_text = read(first.source)
    if zh_text is None:
        raise Refused((), f"{first.source} cannot be read")
    if {item.id for item in in_target} - {item.id for item, _ in edits}:
        raise Refused((), "the English page does not exist yet: it is made from the page's title, description "
                          "and text together; translate all of them in the same file")
    return new_page(zh_text, body or "", front)
