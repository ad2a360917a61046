#!/usr/bin/env python3
"""Build the campaign website: `python build.py [build|...] [options]` (see --help).

In a clone, the default campaign is the repository's own; the installed `campaignsite` command
builds the campaign in the current folder by default.
"""
import sys
from pathlib import Path

from campaignsite.commands.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="build.py", default_site=Path(__file__).resolve().parent))
