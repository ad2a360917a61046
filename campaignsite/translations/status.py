"""A campaign's translations as the commands see them: its fields, its record, its glossary, and the report of status.

Takes: a campaign folder (and the theme folder, whose strings table is the theme's and not the campaign's).
Gives: `Translations` (every field with its status, the record or None, the glossary's terms, the site's address
as the build reads it),
or `SiteError` when a file cannot be read; where the Chinese of given fields stands (`locate`: the files were read
quickly, and only those that hold a field to report are composed again for positions); the status report: a
table per file (fields, current, stale, missing, untracked) and a located line for every stale or missing field.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, SiteError
from ..load import THEME_DIR, Sources, load_sources, load_yaml, read_text
from ..load.yamldoc import Mark
from ..validate.settings import site_settings
from ..validate.translated import stale_problem
from .exchange import Term, glossary_terms
from .fields import Field, positions, statuses, translated_fields
from .record import CURRENT, LOCK_FILE, MISSING, STALE, STATUSES, UNTRACKED, Entry, read_record

GLOSSARY = "glossary.yaml"
START_TRACKING = (f"No {LOCK_FILE} yet: run `translations accept` to record the English there is as current; "
                  "from then on a change to the Chinese shows its English as stale.")


@dataclass(frozen=True)
class Translations:
    """One campaign's translated fields and what is recorded of them."""

    site_dir: Path
    fields: list[Field]
    record: dict[str, Entry] | None  # None: the campaign has no record yet
    statuses: dict[str, str]  # by field id
    terms: tuple[Term, ...]  # the glossary's, if the campaign has one
    base_url: str  # the site's address as the model reads it: ending in '/', or "/" when campaign.yaml has none
    sources: Sources | None = None  # the documents they were read from (quickly), for an import to validate

    @property
    def by_id(self) -> dict[str, Field]:
        return {field.id: field for field in self.fields}

    def having(self, wanted: set[str]) -> list[Field]:
        """The fields whose status is one of `wanted`, in order."""
        return [field for field in self.fields if self.statuses[field.id] in wanted]


def load_translations(site_dir: Path, theme_dir: Path = THEME_DIR) -> Translations:
    """The campaign's translations, read quickly (no positions: `locate` finds those that are needed)."""
    sources = load_sources(site_dir, theme_dir, exact=False)
    record, problems = read_record(site_dir / LOCK_FILE)
    terms: tuple[Term, ...] = ()
    if (site_dir / GLOSSARY).is_file():
        glossary, found = load_yaml(site_dir / GLOSSARY, GLOSSARY, exact=False)
        problems += found
        terms = glossary_terms(glossary.data) if glossary is not None else ()
    if problems:
        raise SiteError(problems)
    fields = translated_fields(sources)
    return Translations(site_dir, fields, record, statuses(fields, record), terms,
                        site_settings(sources.campaign).base_url, sources)


def locate(site_dir: Path, fields: list[Field]) -> dict[str, Mark]:
    """Where the Chinese of each field stands (its file composed again when it was read quickly), by field id."""
    found = {field.id: field.mark for field in fields if field.mark is not None}
    wanted: dict[str, list[Field]] = {}
    for field in fields:
        if field.mark is None:
            wanted.setdefault(field.source, []).append(field)
    for source, in_file in wanted.items():
        text, _ = read_text(site_dir / source, source)
        marks = positions(text, [field.path + ("zh",) for field in in_file]) if text is not None else {}
        found.update({field.id: marks.get(field.path + ("zh",), Mark(1, 1)) for field in in_file})
    return found


def table(translations: Translations) -> list[str]:
    """The counts per file, a total line below them when there are several files."""
    counts: dict[str, Counter[str]] = {}
    for field in translations.fields:
        counts.setdefault(field.file, Counter())[translations.statuses[field.id]] += 1
    if len(counts) > 1:
        counts["total"] = sum(counts.values(), Counter())
    width = max([len(name) for name in counts] + [4])
    rows = [f"{'file':<{width}}  {'fields':>6}" + "".join(f"  {name:>9}" for name in STATUSES)]
    for name, count in counts.items():
        rows.append(f"{name:<{width}}  {sum(count.values()):>6}" + "".join(f"  {count[s]:>9}" for s in STATUSES))
    return rows


def problems(translations: Translations, marks: Mapping[str, Mark]) -> list[Problem]:
    """A located line for every stale or missing field, in file order."""
    recorded = translations.record or {}
    found = []
    for field in translations.having({STALE, MISSING}):
        at = marks.get(field.id, Mark(0, 0))
        if translations.statuses[field.id] == STALE:
            found.append(stale_problem(field, recorded[field.id], at))
        else:
            found.append(Problem(field.source, at.line, at.col, field.key_path, "missing", _how_to_add(field)))
    return found


def _how_to_add(field: Field) -> str:
    if not field.path:
        return f"write the English text in {field.target}, or have it translated (`translations export`)"
    if field.source != field.target:
        return f"add '{field.path[-1]}:' to the front matter of {field.target}, or have it translated"
    return "add 'en: …' after its 'zh:', or have it translated (`translations export`)"


def summary(translations: Translations) -> str:
    """One line: how many fields, and how many of each status."""
    count = Counter(translations.statuses.values())
    made = ", ".join(f"{count[name]} {name}" for name in (CURRENT, STALE, MISSING, UNTRACKED))
    total = len(translations.fields)
    return f"translations: {total} field{'s' if total != 1 else ''}: {made}"
