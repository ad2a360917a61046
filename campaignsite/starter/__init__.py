"""`build.py init DIR`: a new campaign folder, copied from the example in this package.

Takes: the folder to create.
Gives: the folder with campaign.yaml, activities.yaml, slogans.yaml and content/, which builds and
passes `check` as it is; or `SiteError` when the folder exists and is not empty.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import Problem, SiteError

EXAMPLE = Path(__file__).resolve().parent
FILES = ("campaign.yaml", "activities.yaml", "slogans.yaml", "content/about.zh.md", "content/about.en.md")


def create_campaign(target: Path) -> Path:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SiteError([Problem(str(target), message="already exists and is not empty",
                                 hint="choose a new folder name")])
    for relative in FILES:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(EXAMPLE / relative, destination)
    return target
