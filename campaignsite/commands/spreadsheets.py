"""`import FILE` (and `import --template FILE.xlsx`) and `export FILE`: a campaign's activities from and to a
spreadsheet.

Takes: the parsed command line: the spreadsheet (.xlsx, .xls, .ods or .csv), --site, --sheet, --dry-run, --prune;
or the template or export file to write (.xlsx, or .csv for the export).
Gives: for an import, a file per new row, `activities/SLUG.yaml` (`in_notice: false`, `imported_from: FILE-NAME`),
and the activities already kept (in activities/ or activities.yaml) edited in place, only in the columns the sheet
has (`spreadsheets.plan`); every file written or none, the sheet's notes and warnings, and one summary line (added,
updated, unchanged; the activities no longer in the file, removed only with --prune); or every problem of the
sheet, located by sheet and cell, and nothing written. All of it under the campaign's lock (`editing_sources`).
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..errors import Problem, SiteError, os_problem
from .sourcefiles import editing_sources, shown_source
from .sourcefiles import write_sources as _write_sources


def add_spreadsheet_commands(commands: Any, site_options: Callable[[argparse.ArgumentParser], None]) -> None:
    command = commands.add_parser(
        "import", help="add or update activities from a spreadsheet (.xlsx, .xls, .ods, .csv)",
        description="Write a file per new row of the spreadsheet into the campaign's activities/ folder "
                    "(in_notice: false, imported_from: the spreadsheet's name), and update the activities already "
                    "kept in place (in activities/ or activities.yaml), only in the columns the sheet has. Each "
                    "heading ends with the key of its column (标题（中文） title.zh); `--template FILE.xlsx` writes "
                    "a workbook to fill in. Every problem of the sheet is reported by sheet and cell, and then "
                    "nothing is written.")
    site_options(command)
    command.add_argument("file", type=Path, metavar="FILE", nargs="?", help="the spreadsheet to import")
    command.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first)")
    command.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    command.add_argument("--prune", action="store_true",
                         help="remove the activities imported earlier from a file of this name, no longer in it")
    command.add_argument("--template", type=Path, metavar="FILE.xlsx",
                         help="write a workbook to fill in (headings in both languages, an example row, dropdowns, "
                              "instructions) instead of importing")
    command.set_defaults(run=run_import)
    export = commands.add_parser(
        "export", help="write the campaign's activities into a spreadsheet (.xlsx or .csv)",
        description="Write every activity of the campaign as a row, in the columns `import` reads, so that an "
                    "office can correct its rows and import the file again.")
    site_options(export)
    export.add_argument("file", type=Path, metavar="FILE", help="the spreadsheet to write: FILE.xlsx or FILE.csv")
    export.set_defaults(run=run_export)


def run_import(args: argparse.Namespace) -> int:
    if args.template is not None:
        from ..spreadsheets.files import template_bytes

        _refuse_suffix(args.template, (".xlsx",))
        write_sources({args.template: template_bytes()})
        print(f"Wrote the template {args.template}: fill in one activity a row, then run "
              f"'{args.command_name} import {args.template} --site {args.site}'.")
        return 0
    if args.file is None:
        raise SiteError([Problem("import", message="no spreadsheet named",
                                 hint="name the file to import, or write a template with --template FILE.xlsx")])
    return _import(args)


def _import(args: argparse.Namespace) -> int:
    from ..spreadsheets.files import csv_read_back
    from ..spreadsheets.plan import plan_import
    from ..spreadsheets.sheets import read_sheet

    name = args.file.name
    with editing_sources(args.site):
        plan = plan_import(args.site, csv_read_back(read_sheet(args.file, name, args.sheet)), name, args.prune)
        for note in plan.notes:
            print(note, file=sys.stderr)
        if not args.dry_run:
            write_sources(plan.writes)
            if args.prune:
                for file in plan.gone:
                    (args.site / file).unlink(missing_ok=True)
    counts = f"{plan.added} added, {plan.updated} updated, {plan.unchanged} unchanged"
    gone = ""
    if plan.gone:
        verb = ("would be removed" if args.dry_run else "removed") if args.prune else "kept (--prune removes them)"
        gone = f"; {len(plan.gone)} no longer in {name}, {verb}: {', '.join(plan.gone)}"
    print(f"{'Would import' if args.dry_run else 'Imported'} {name}: {counts}{gone}"
          f"{' (dry run: nothing written)' if args.dry_run else ''}.")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..load import THEME_DIR, load_sources
    from ..spreadsheets.files import csv_bytes, workbook_bytes
    from ..spreadsheets.rows import activity_cells

    suffix = _refuse_suffix(args.file, (".xlsx", ".csv"))
    sources = load_sources(args.site, THEME_DIR, exact=False)
    data = sources.activities.data if sources.activities is not None else None
    items = data.get("activities") if isinstance(data, dict) else None
    activities = [*(items if isinstance(items, list) else []), *(doc.data for doc in sources.activity_files)]
    rows = [activity_cells(item) for item in activities if isinstance(item, dict)]
    write_sources({args.file: csv_bytes(rows) if suffix == ".csv" else workbook_bytes(rows)})
    print(f"Exported {len(rows)} activit{'y' if len(rows) == 1 else 'ies'} to {args.file}.")
    return 0


def write_sources(files: Mapping[Path, str | bytes]) -> None:
    """Every file or none; a failure (a full disk, a folder without permission) as one located line."""
    try:
        _write_sources(files)
    except OSError as exc:
        shown = shown_source(exc.filename)
        raise SiteError([os_problem(exc, str(shown), hint="nothing was changed; free some space, or check the "
                                                          "folder's permissions, and run it again")]) from None


def _refuse_suffix(path: Path, suffixes: tuple[str, ...]) -> str:
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        raise SiteError([Problem(str(path), message=f"cannot be written as a {suffix or 'file without a suffix'}",
                                 hint=f"name a file ending in {' or '.join(suffixes)}")])
    return suffix
