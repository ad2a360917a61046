"""One digest of everything a build reads, to tell that nothing has changed since the last build.

Takes: the campaign folder, the theme folder and the settings the output depends on.
Gives: a hex digest; equal digests mean the site would come out the same.
Files count by name, size, modification time and inode, as `make` and rsync count them: reading
thousands of activity files only to learn that none changed would cost more than the check saves.
The tool's own code counts too: a new version may render any page differently.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .theme import PACKAGE_DIR

INPUT_FILES = ("campaign.yaml", "activities.yaml", "slogans.yaml", "translations.lock", "activities", "content",
               "templates", "assets")


def inputs_digest(site_dir: Path, theme_dir: Path, settings: tuple[object, ...]) -> str:
    digest = hashlib.sha256()
    digest.update(repr((str(site_dir.resolve()), str(theme_dir.resolve())) + settings).encode("utf-8"))
    for root, names in ((site_dir, INPUT_FILES), (theme_dir, ("templates", "assets")), (PACKAGE_DIR, ("",))):
        for name in names:
            for path in files_under(os.path.join(root, name)):
                try:
                    info = os.stat(path)  # follows links: a link's target is what the build reads
                    stamp = f"{info.st_size} {info.st_mtime_ns} {info.st_ino}"
                except OSError:
                    stamp = "unreadable"
                digest.update(f"\0{os.path.relpath(path, root)}\0{stamp}".encode())
    return digest.hexdigest()


def files_under(path: str) -> list[str]:
    if os.path.isfile(path):
        return [path]
    found = []
    for folder, dirnames, filenames in os.walk(path):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        found += [os.path.join(folder, name) for name in sorted(filenames) if not name.endswith(".pyc")]
    return found
