"""`python -m campaignsite`: the installed command."""
import sys

from .commands.cli import main

sys.exit(main())
