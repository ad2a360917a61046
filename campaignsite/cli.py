"""The command line: `build` (the default), with options after the subcommand.

Takes: the arguments of `python build.py`.
Gives: an exit status (0 built, 1 the input has problems, 2 the command line is wrong) and one
summary line, or every problem as `file:line:col: key.path: message — hint`. A traceback is
printed only for a bug in the tool itself, or with --debug.
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from .errors import SiteError

DEFAULT_SITE = Path(__file__).resolve().parent.parent


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build a bilingual (Chinese + English) campaign website from YAML and Markdown.",
        epilog="Run 'python build.py COMMAND --help' for the options of a command. "
               "With no command, 'build' is run.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="build the site into the output folder (the default)",
                                description="Build the site into a staging folder and swap it in "
                                            "when the whole build has succeeded.")
    _site_options(build)
    build.add_argument("--output", type=Path, metavar="DIR",
                       help="where to write the site (default: SITE/output)")
    build.add_argument("--base-url", metavar="URL",
                       help="the full address the site is published at, overriding campaign.yaml's site.base_url")
    build.add_argument("--allow-missing-translations", action="store_true",
                       help="build even when a translation is missing; such texts show the original "
                            "marked 'translation pending'")
    build.add_argument("--relative-urls", action="store_true",
                       help="make every link relative, so the output can be opened from disk or a ZIP")
    build.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                       help="the date the site is built 'as of' (activity status, feeds, calendars); "
                            "default: SOURCE_DATE_EPOCH when set, else today")
    check = commands.add_parser("check", help="check everything without writing the site",
                                description="Validate the data, render every page in memory, check every "
                                            "internal link and anchor, and report translation completeness. "
                                            "Writes nothing.")
    _site_options(check)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--allow-missing-translations", action="store_true",
                       help="report missing translations as warnings instead of errors")
    serve = commands.add_parser("serve", help="preview the site, rebuilding and reloading on every save",
                                description="Serve the site at a local address, rebuild it whenever a source "
                                            "file is saved, and reload the open pages. Writes nothing to output/.")
    _site_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    serve.add_argument("--open", action="store_true", help="open the site in the web browser")
    serve.add_argument("--allow-missing-translations", action="store_true",
                       help="show missing translations as 'translation pending' instead of an error")
    init = commands.add_parser("init", help="create a new campaign folder with example data",
                               description="Create DIR with an example campaign.yaml, activities.yaml, "
                                           "slogans.yaml and content/, ready to edit; it builds as it is.")
    init.add_argument("dir", type=Path, metavar="DIR", help="the folder to create (must not exist, or be empty)")
    return parser


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written as YYYY-MM-DD") from None


def _site_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--site", type=Path, default=DEFAULT_SITE, metavar="DIR",
                         help="the campaign folder to build (default: this repository's own campaign)")
    command.add_argument("--debug", action="store_true", help="show a traceback for every error")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv.insert(0, "build")
    args = make_parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "serve":
            return run_serve(args)
        if args.command == "init":
            return run_init(args)
        return run_build(args)
    except SiteError as exc:
        if getattr(args, "debug", False):
            raise
        return report(exc)
    except KeyboardInterrupt:
        return 130


def run_build(args: argparse.Namespace) -> int:
    from .pipeline import BuildOptions, build, languages_summary

    started = time.perf_counter()
    site_dir = args.site.resolve()
    output = (args.output or site_dir / "output").absolute()
    result = build(BuildOptions(site_dir, output, args.base_url, args.allow_missing_translations,
                                today=args.today, relative_urls=args.relative_urls))
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    elapsed = time.perf_counter() - started
    if result.unchanged:
        print(f"Nothing changed since the last build: {result.total} pages ({languages_summary(result)}) "
              f"already in {output} ({elapsed:.2f} s)")
        return 0
    unchanged = f"; {result.reused} unchanged" if result.reused else ""
    print(f"Built {result.total} pages ({languages_summary(result)}{unchanged}) in {elapsed:.2f} s into {output}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from .checks import check_site

    report_ = check_site(args.site.resolve(), args.allow_missing_translations)
    for problem in report_.problems:
        print(problem, file=sys.stderr)
    errors = len(report_.errors) + (len(report_.warnings) if args.strict else 0)
    print(report_.summary(), file=sys.stderr if errors else sys.stdout)
    return 1 if errors else 0


def run_init(args: argparse.Namespace) -> int:
    from .starter import create_campaign

    target = create_campaign(args.dir)
    print(f"Created a new campaign in {target}. Edit its YAML files, then run:\n"
          f"  python build.py serve --site {args.dir}     (preview while you edit)\n"
          f"  python build.py build --site {args.dir}     (write the site into {args.dir}/output)")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from .serve import PortInUse, serve

    try:
        serve(args.site.resolve(), args.host, args.port, args.open, args.allow_missing_translations,
              announce=lambda line: print(line, flush=True))
    except PortInUse as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def report(exc: SiteError) -> int:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    errors = sum(1 for p in exc.problems if p.severity == "error")
    print(f"{errors} error{'s' if errors != 1 else ''}; nothing was written.", file=sys.stderr)
    return 1
