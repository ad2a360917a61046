"""`init DIR`: a new campaign folder, copied from the starter campaign this package carries.

Takes: the folder to create.
Gives: the folder with campaign.yaml, activities.yaml, slogans.yaml, content/ and the record of its
translations (translations.lock, every English current), which builds and passes `check` as it is;
or `SiteError` with one located line: the folder exists and is not empty, a file stands where a
folder must be (`init notes.txt/new`), the place cannot be written (a read-only folder, a full
disk). On a failure nothing is left behind: the starter's files are written all or none, and the
folders init made (the campaign's, and any above it that did not exist) are removed again; a
folder that existed (empty) before is left as it was. The campaign's lock is taken once the folder
exists, so two inits into one folder cannot mix: the second finds it filled and says so.
"""
from __future__ import annotations

import argparse
import os
from importlib import resources
from pathlib import Path

from ..errors import Problem, SiteError, os_problem
from ..faults import reached
from .sourcefiles import editing_sources, shown_source, write_sources

FILES = ("campaign.yaml", "activities.yaml", "slogans.yaml", "content/about.zh.md", "content/about.en.md",
         "translations.lock")
NOT_WRITABLE = "nothing was made; free some space, or choose a folder you may write in, and run it again"


def create_campaign(target: Path) -> Path:
    try:
        _refuse_filled(target)
        made = _make_folder(target)
        with editing_sources(target):
            _refuse_filled(target)  # another init may have filled it while this one waited for the lock
            starter = resources.files("campaignsite") / "starter"
            try:
                write_sources({target / relative: (starter / relative).read_bytes() for relative in FILES})
            except BaseException:
                _remove_written(target, made)
                raise
    except OSError as exc:
        raise SiteError([os_problem(exc, str(shown_source(exc.filename or str(target))), NOT_WRITABLE)]) from None
    return target


def _refuse_filled(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SiteError([Problem(str(target), message="already exists and is not empty",
                                 hint="choose a new folder name")])


def _make_folder(target: Path) -> list[Path]:
    """Make the folder (and those above it that are missing); the ones made, deepest first."""
    missing = [folder for folder in (target, *target.parents) if not os.path.lexists(folder)]
    try:
        target.mkdir(parents=True, exist_ok=True)
        reached("init-folder-made", target)
    except (NotADirectoryError, FileExistsError) as exc:
        in_the_way = next((folder for folder in reversed((target, *target.parents))
                           if os.path.lexists(folder) and not folder.is_dir()), Path(exc.filename or target))
        raise SiteError([Problem(str(in_the_way), message="is a file, not a folder",
                                 hint=f"a campaign folder cannot be made inside a file: choose another place "
                                      f"than {target}")]) from None
    except OSError as exc:
        _remove_made(missing)
        raise SiteError([os_problem(exc, str(Path(exc.filename or target)), NOT_WRITABLE)]) from None
    return missing


def _remove_written(target: Path, made: list[Path]) -> None:
    """Remove what init wrote into the folder, found empty under the lock, and the folders it made."""
    for relative in FILES:
        try:
            os.unlink(target / relative)
        except OSError:
            pass
    _remove_made([target / "content", *made])


def _remove_made(made: list[Path]) -> None:
    """Remove the folders made, deepest first; one that holds anything is left (and so are those above it)."""
    for folder in made:
        try:
            os.rmdir(folder)
        except FileNotFoundError:
            continue
        except OSError:
            return


def run_init(args: argparse.Namespace) -> int:
    target = create_campaign(args.dir)
    command = args.command_name
    print(f"Created a new campaign in {target}. Edit its YAML files, then run:\n"
          f"  {command} serve --site {args.dir}     (preview while you edit)\n"
          f"  {command} build --site {args.dir}     (write the site into {args.dir}/output)")
    return 0
