#!/usr/bin/env python3
"""Build the campaign website: `python build.py [build|...] [options]` (see --help)."""
import sys

from campaignsite.cli import main

if __name__ == "__main__":
    sys.exit(main())
