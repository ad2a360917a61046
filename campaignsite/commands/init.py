"""`init DIR`: a new campaign folder, copied from the starter campaign this package carries.

Takes: the folder to create.
Gives: the folder with campaign.yaml, activities.yaml, slogans.yaml, content/ and the record of its
translations (translations.lock, every English current), which builds and passes `check` as it is;
or `SiteError` when the folder exists and is not empty.
"""
from __future__ import annotations

import argparse
from importlib import resources
from pathlib import Path

from ..errors import Problem, SiteError
from .sourcefiles import write_sources

FILES = ("campaign.yaml", "activities.yaml", "slogans.yaml", "content/about.zh.md", "content/about.en.md",
         "translations.lock")


def create_campaign(target: Path) -> Path:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SiteError([Problem(str(target), message="already exists and is not empty",
                                 hint="choose a new folder name")])
    starter = resources.files("campaignsite") / "starter"
    write_sources({target / relative: (starter / relative).read_bytes() for relative in FILES})
    return target


def run_init(args: argparse.Namespace) -> int:
    target = create_campaign(args.dir)
    command = args.command_name
    print(f"Created a new campaign in {target}. Edit its YAML files, then run:\n"
          f"  {command} serve --site {args.dir}     (preview while you edit)\n"
          f"  {command} build --site {args.dir}     (write the site into {args.dir}/output)")
    return 0
