"""`serve`: the preview, rebuilt and reloaded on every save (the server itself is in `preview`).

Takes: the parsed command line (campaign folder, host, port, --open, --debounce-ms).
Gives: the site at http://HOST:PORT/ (an IPv6 address in brackets) until Ctrl-C, with a warning line
on stderr when HOST lets other computers reach it; exit status 0, or 1 with one line when the
port is taken.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

QUIET_MS = 20  # by default, a burst of saves ends when nothing has changed for this long


def add_serve_command(commands: Any, site_options: Callable[[argparse.ArgumentParser], None]) -> None:
    command = commands.add_parser("serve", help="preview the site, rebuilding and reloading on every save",
                                  description="Serve the site at a local address, rebuild it whenever a source "
                                              "file is saved, and reload the open pages. Writes nothing to output/.")
    site_options(command)
    command.add_argument("--host", default="127.0.0.1",
                         help="address to listen on (default: 127.0.0.1, this computer only; 0.0.0.0 or :: "
                              "makes the preview reachable from the network)")
    command.add_argument("--port", type=int, default=8000,
                         help="port to listen on (default: 8000; 0 picks a free one)")
    command.add_argument("--open", action="store_true", help="open the site in the web browser")
    command.add_argument("--allow-missing-translations", action="store_true",
                         help="show missing translations as 'translation pending' instead of an error")
    command.add_argument("--debounce-ms", type=int, default=QUIET_MS, metavar="MS",
                         help=f"rebuild once no file has changed for this long, so that a burst of saves "
                              f"gives one rebuild (default: {QUIET_MS})")
    command.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from .preview import PortInUse, serve  # here: `--help` of any command must not wait for the web server

    try:
        serve(args.site.resolve(), args.debounce_ms, args.host, args.port, args.open, args.allow_missing_translations,
              announce=lambda line: print(line, flush=True), warn=lambda line: print(line, file=sys.stderr, flush=True))
    except PortInUse as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0
