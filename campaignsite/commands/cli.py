"""The command line: `build` (the default), `check`, `serve`, `init`, `translations`, `import` and `export`, with
options after it.

Takes: the arguments of `campaignsite` (or `python build.py` in a clone, whose default campaign is
the clone's own).
Gives: an exit status (0 done, 1 the input has problems, 2 the command line is wrong) and one
summary line, or every problem as `file:line:col: key.path: message — hint`. A traceback is
printed only for a bug in the tool itself, or with --debug.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .. import __version__
from ..errors import SiteError
from .build import add_build_command
from .check import add_check_command
from .init import run_init
from .serve import add_serve_command
from .spreadsheets import add_spreadsheet_commands
from .translations import add_translations_command


def make_parser(prog: str = "campaignsite", default_site: Path | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Build a bilingual (Chinese + English) campaign website from YAML and Markdown.",
        epilog=f"Run '{prog} COMMAND --help' for the options of a command. With no command, 'build' is run.")
    parser.add_argument("--version", action="version", version=f"campaignsite {__version__}")
    parser.set_defaults(command_name=f"python {prog}" if prog.endswith(".py") else prog)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    site_options = _site_options(default_site)
    add_build_command(commands, site_options, _date)
    add_check_command(commands, site_options)
    add_serve_command(commands, site_options)
    add_translations_command(commands, site_options)
    add_spreadsheet_commands(commands, site_options)
    init = commands.add_parser("init", help="create a new campaign folder with example data",
                               description="Create DIR with an example campaign.yaml, activities.yaml, "
                                           "slogans.yaml and content/, ready to edit; it builds as it is.")
    init.add_argument("dir", type=Path, metavar="DIR", help="the folder to create (must not exist, or be empty)")
    init.set_defaults(run=run_init)
    return parser


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written as YYYY-MM-DD") from None


def _site_options(default_site: Path | None) -> Callable[[argparse.ArgumentParser], None]:
    where = "this repository's own campaign" if default_site else "the current folder"

    def add(command: argparse.ArgumentParser) -> None:
        command.add_argument("--site", type=Path, default=default_site or Path("."), metavar="DIR",
                             help=f"the campaign folder to build (default: {where})")
        command.add_argument("--debug", action="store_true", help="show a traceback for every error")
    return add


def main(argv: list[str] | None = None, prog: str = "campaignsite", default_site: Path | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv.insert(0, "build")
    args = make_parser(prog, default_site).parse_args(argv)
    try:
        return int(args.run(args))
    except SiteError as exc:
        if getattr(args, "debug", False):
            raise
        return report(exc)
    except KeyboardInterrupt:
        return 130


def report(exc: SiteError) -> int:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    errors = sum(1 for p in exc.problems if p.severity == "error")
    print(f"{errors} error{'s' if errors != 1 else ''}; nothing was written.", file=sys.stderr)
    return 1
