"""Where the theme is: the templates and assets every campaign is built with.

Takes: nothing.
Gives: `THEME_DIR`, the folder holding `templates/` and `assets/`: in an installed package, the
copy the wheel carries (`campaignsite/_theme/`); in a clone of the repository, the repository's
own top-level folders, which are the theme's only source.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
_INSTALLED = PACKAGE_DIR / "_theme"
THEME_DIR = _INSTALLED if (_INSTALLED / "templates").is_dir() else PACKAGE_DIR.parent
STRINGS_FILE = "templates/strings.yaml"
