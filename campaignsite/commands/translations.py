"""`translations [status]`, `translations export`, `translations import FILE`, `translations accept [KEY-OR-FILE…]`.

Takes: the parsed command line (a campaign folder; for export a format, the statuses to export and a file; for
import a translator's XLIFF or PO file; for accept the fields, files or folders to record, or none for all).
Gives: status, a table per file and a located line for every stale or missing field (exit 1 with --strict when
there is one); export, the file; import, each target set in place in the campaign's YAML or Markdown and the
imported fields recorded as current, or every refused unit with its reason and nothing written (a unit whose English
the build would refuse, the campaign validated as it would be after the write, among them); accept, the
record of the English as it is. Each ends with one summary line. Only import and accept write, through
`sourcefiles` (all temporary files, then the renames): a failure to write is one located line, nothing changed.
"""
from __future__ import annotations

import argparse
import errno
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem, SiteError, os_problem
from .sourcefiles import editing_sources, shown_source, write_sources

if TYPE_CHECKING:
    from ..translations.fields import Field
    from ..translations.record import Entry
    from ..translations.status import Translations

# here, not imported: `--help` must not wait for the translations' libraries (translate-toolkit, lxml) to load
LOCK_FILE = "translations.lock"
STALE, MISSING, UNTRACKED = "stale", "missing", "untracked"
STATUSES = ("current", STALE, MISSING, UNTRACKED)
FORMATS = {"xliff": "XLIFF 1.2", "po": "PO"}

_AFTER_FAILURE = {
    **dict.fromkeys((errno.ENOSPC, errno.EDQUOT), "free some space, then run it again: nothing was changed"),
    **dict.fromkeys((errno.EACCES, errno.EPERM, errno.EROFS),
                    "make the file and its folder writable, then run it again: nothing was changed"),
}
DEFAULT_ONLY = f"{STALE},{MISSING}"


def add_translations_command(commands: Any, site_options: Callable[[argparse.ArgumentParser], None]) -> None:
    command = commands.add_parser(
        "translations", help="which English is stale or missing; the round trip with translators",
        description="With no action, or 'status': a table per file of the translated fields (current, stale, "
                    "missing, untracked), then every stale or missing field at its line. The other actions "
                    f"exchange the texts with translators (export, import) and record them as reviewed in "
                    f"{LOCK_FILE} (accept).")
    _status_options(command, site_options)
    actions = command.add_subparsers(dest="action", metavar="[ACTION]")
    _status_options(actions.add_parser("status", help="the status of every translation (the default)",
                                       description="A table per file, then every stale or missing field."),
                    site_options)
    export = actions.add_parser("export", help="write the texts to translate as XLIFF or PO",
                                description="Write one unit per field: its Chinese, its English (empty when "
                                            "missing), the previous Chinese of a stale one, the glossary's terms "
                                            "and the English page's address. Changes nothing in the campaign.")
    site_options(export)
    export.add_argument("--format", choices=sorted(FORMATS), required=True, help="xliff (XLIFF 1.2) or po")
    export.add_argument("--only", type=_statuses, default=DEFAULT_ONLY, metavar="STATUS,…",
                        help=f"which fields: {', '.join(STATUSES)} or all (default: {DEFAULT_ONLY})")
    export.add_argument("--output", type=Path, required=True, metavar="FILE", help="the file to write")
    export.set_defaults(run=run_export)
    imported = actions.add_parser("import", help="write a translator's English back into the campaign",
                                  description="Set each unit's English in place in the campaign's YAML or "
                                              "Markdown (nothing else in the file changes) and record it as "
                                              "current; refuse the whole file, writing nothing, if any unit is "
                                              "refused. Empty units and units still marked for review are skipped.")
    site_options(imported)
    imported.add_argument("file", type=Path, metavar="FILE", help="the translator's .xlf/.xliff or .po file")
    imported.set_defaults(run=run_import)
    accept = actions.add_parser("accept", help=f"record the English as it is as current, in {LOCK_FILE}",
                                description="Record the English of the given fields as made from their Chinese "
                                            "as it is now: after the English was edited by hand, or after a "
                                            "Chinese change that does not touch the meaning.")
    site_options(accept)
    accept.add_argument("keys", nargs="*", metavar="KEY-OR-FILE",
                        help="a field (FILE:KEYPATH, such as activities.yaml:activities[slug].title), a file or a "
                             "folder; none: every field")
    accept.set_defaults(run=run_accept)


def _status_options(command: argparse.ArgumentParser, site_options: Callable[[argparse.ArgumentParser], None]) -> None:
    site_options(command)
    command.add_argument("--strict", action="store_true", help="exit 1 when a translation is stale or missing")
    command.set_defaults(run=run_status)


def _statuses(text: str) -> tuple[str, ...]:
    wanted = tuple(part.strip() for part in text.split(",") if part.strip())
    if wanted == ("all",):
        return STATUSES
    wrong = [part for part in wanted if part not in STATUSES]
    if wrong or not wanted:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of {', '.join(STATUSES)}, or all")
    return wanted


def run_status(args: argparse.Namespace) -> int:
    from ..translations.status import START_TRACKING, load_translations, locate, problems, summary, table

    site = args.site.resolve()
    translations = load_translations(site)
    for row in table(translations):
        print(row)
    if translations.record is None:
        print(START_TRACKING)
    found = problems(translations, locate(site, translations.having({STALE, MISSING})))
    for problem in found:
        print(problem)
    print(summary(translations))
    return 1 if args.strict and found else 0


def run_export(args: argparse.Namespace) -> int:
    from ..translations.exchange import write_po, write_xliff
    from ..translations.roundtrip import export_units
    from ..translations.status import load_translations

    translations = load_translations(args.site.resolve())
    name, write = FORMATS[args.format], {"xliff": write_xliff, "po": write_po}[args.format]
    units = export_units(translations, args.only)
    _write({args.output: write(units)}, Path.cwd())
    count = Counter(translations.statuses[unit.id] for unit in units)
    told = ", ".join(f"{count[status]} {status}" for status in STATUSES if count[status])
    print(f"export: {len(units)} unit{'s' if len(units) != 1 else ''}{f' ({told})' if told else ''} "
          f"written to {args.output} as {name}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..translations.buildable import would_not_build
    from ..translations.roundtrip import plan_import
    from ..translations.status import load_translations

    with editing_sources(args.site):
        site, shown = args.site.resolve(), str(args.file)
        units = _read_units(args.file, shown)
        translations = load_translations(site)
        plan = plan_import(translations, units, lambda path: _source_text(site, path))
        refused = plan.refused or would_not_build(translations, plan)
        if refused:
            raise SiteError([Problem(shown, path=refusal.id, message=refusal.reason, hint=refusal.hint)
                             for refusal in refused])
        files: dict[Path, str | bytes] = {site / path: text for path, text in plan.texts.items()}
        lock = _record_change(site, translations, plan.record)
        files.update(lock)
        _write(files, site)
        for key in plan.empty:
            print(f"{shown}: {key}: skipped — the English is empty")
        for key in plan.review:
            print(f"{shown}: {key}: skipped — still marked for review (fuzzy, needs-review): clear the mark when the "
                  "English is done, and import it again")
        skipped = len(plan.empty) + len(plan.review)
        print(f"import: {_count(len(plan.imported), 'unit')} recorded as current, "
              f"{_count(len(plan.written), 'English text')} written in {_count(len(plan.texts), 'file')}"
              + (f", {skipped} skipped" if skipped else "") + _record_said(lock, plan.untracked))
        return 0


def run_accept(args: argparse.Namespace) -> int:
    from ..translations.record import entry
    from ..translations.status import load_translations

    with editing_sources(args.site):
        site = args.site.resolve()
        translations = load_translations(site)
        chosen = _chosen(translations.fields, args.keys)
        fields = translations.by_id
        record = {key: value for key, value in (translations.record or {}).items() if key in fields}
        taken = [item for item in chosen if item.en is not None]
        record.update({item.id: entry(item.zh) for item in taken})
        lock = _record_change(site, translations, record)
        _write(lock, site)
        count = Counter(translations.statuses[item.id] for item in taken)
        told = ", ".join(f"{count[status]} {status}" for status in STATUSES if count[status])
        without = len(chosen) - len(taken)
        print(f"accept: {_count(len(taken), 'field')} recorded as current" + (f" (before: {told})" if told else "")
              + (f"; {without} missing (no English to accept)" if without else "") + _record_said(lock, []))
        return 0


def _chosen(fields: list[Field], keys: list[str]) -> list[Field]:
    """The fields named by `keys` (ids, files, a page's language file, folders), in order; all when none."""
    if not keys:
        return fields
    unknown = [key for key in keys if not any(_names(key, item) for item in fields)]
    if unknown:
        raise SiteError([Problem(key, message="no translated field, file or folder of the campaign has this name",
                                 hint="name a field as FILE:KEYPATH, such as activities.yaml:activities[SLUG].title "
                                      "(`translations status` and an export show them), a file or a folder")
                         for key in unknown])
    return [item for item in fields if any(_names(key, item) for key in keys)]


def _names(key: str, item: Field) -> bool:
    key = key.removeprefix("./")
    folder = key.rstrip("/") + "/"
    return key in (item.id, item.file, item.source, item.target) or item.file.startswith(folder)


def _read_units(path: Path, shown: str) -> list:
    from ..load import read_bytes
    from ..translations.exchange import ExchangeError, read_po, read_xliff

    data = read_bytes(path, shown)
    if isinstance(data, Problem):
        raise SiteError([data])
    reading = read_po if path.suffix.lower() in (".po", ".pot") else read_xliff
    if path.suffix.lower() not in (".po", ".pot", ".xlf", ".xliff"):
        reading = read_xliff if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else read_po
    try:
        return reading(data)
    except ExchangeError as exc:
        raise SiteError([Problem(shown, message=str(exc), hint="import the XLIFF or PO file the translator sent "
                                                              "back, as the CAT tool or Poedit saved it")]) from None


def _source_text(site: Path, path: str) -> str | None:
    """A campaign file's text as it is on disk (a BOM and CRLF line ends kept), or None when there is none."""
    from ..load import read_bytes
    from ..load.files import missing

    data = read_bytes(site / path, path)
    if data == missing(path):
        return None
    if isinstance(data, Problem):
        raise SiteError([data])
    return data.decode("utf-8")


def _record_change(site: Path, translations: Translations, record: dict[str, Entry]) -> dict[Path, str | bytes]:
    """The record to write, when it differs from the one on disk (nothing when it is the same)."""
    from ..translations.record import format_record

    text = format_record(record)
    path = site / LOCK_FILE
    if translations.record is not None and path.is_file() and path.read_bytes() == text.encode("utf-8"):
        return {}
    return {path: text}


def _record_said(lock: dict[Path, str | bytes], untracked: list[str]) -> str:
    added = f" ({_count(len(untracked), 'untracked field')} recorded too)" if untracked else ""
    return f"; {LOCK_FILE} {'written' if lock else 'unchanged'}{added}"


def _write(files: dict[Path, str | bytes], base: Path) -> None:
    try:
        write_sources(files)
    except OSError as exc:
        how = _AFTER_FAILURE.get(exc.errno or 0, "nothing was changed")
        raise SiteError([os_problem(exc, _shown(exc.filename, base), hint=how)]) from None


def _shown(filename: Any, base: Path) -> str:
    """The file a failure hit, as the author knows it (a temporary file by the name of the file it replaces)."""
    if filename is None:
        return str(base)
    path = shown_source(filename)
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"

