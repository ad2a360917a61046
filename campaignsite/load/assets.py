"""The files published as they are: the theme's assets, overridden file by file by the campaign's.

Takes: the campaign folder and the theme folder.
Gives: `{output path: source file}` (with the files of content/files/, at files/; never those of content/images/,
which are published only as the processed variants of `images`, so no original with its metadata goes out),
each asset also under a name carrying a hash of its content
(`assets/site.1a2b3c4d5e.css`, so a host may cache it forever) with the map from plain to hashed
names that templates link; or `SiteError` for every asset the rule of `load.files` refuses (a link
that leads outside the campaign and theme folders, a named pipe...) and every one that cannot be read.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import Problem, SiteError
from .files import list_files, read_bytes, within

ROOT_COPIES = ("favicon.ico",)  # assets also published at the site's root, where browsers look for them
CONTENT_FILE_FOLDERS = ("images", "files")  # content/images/x.jpg is published at images/x.jpg, for Markdown links
COPIED_CONTENT_FOLDERS = ("files",)  # content/images/ is published only through the image pipeline, never as it is


def layered(site_dir: Path, theme_dir: Path, folder: str) -> list[Path]:
    """The campaign's `folder` first (it overrides), then the theme's; those that exist."""
    dirs = [site_dir / folder]
    if site_dir.resolve() != theme_dir.resolve():
        dirs.append(theme_dir / folder)
    return [d for d in dirs if d.is_dir()]


def collect_assets(site_dir: Path, theme_dir: Path) -> dict[str, Path]:
    """`{output path: source file}`: the theme's assets, overridden file by file by the site's."""
    assets: dict[str, Path] = {}
    problems: list[Problem] = []
    roots = within(site_dir, theme_dir)
    folders = [site_dir / "assets"]
    if site_dir.resolve() != theme_dir.resolve():
        folders.insert(0, theme_dir / "assets")  # the theme's first: the campaign's override them
    for root in folders:  # a folder that is not there lists nothing
        files, found = list_files(root, "assets", roots)
        problems.extend(found)
        for path in files:
            assets["assets/" + path.relative_to(root).as_posix()] = path
    for folder in COPIED_CONTENT_FOLDERS:
        files, found = list_files(site_dir / "content" / folder, f"content/{folder}", roots)
        problems.extend(found)
        assets.update((f"{folder}/{path.relative_to(site_dir / 'content' / folder).as_posix()}", path)
                      for path in files)
    if problems:
        raise SiteError(problems)
    for name in ROOT_COPIES:
        if f"assets/{name}" in assets:
            assets[name] = assets[f"assets/{name}"]
    return assets


def fingerprint_assets(assets: dict[str, Path]) -> tuple[dict[str, Path], dict[str, str]]:
    """Each asset also under a name carrying a hash of its content (site.css -> site.1a2b3c4d.css), so a
    host may cache it forever; templates link the hashed name. The plain name stays for hand-written links."""
    names: dict[str, str] = {}
    published = dict(assets)
    problems: list[Problem] = []
    for output, source in assets.items():
        if not output.startswith("assets/"):
            continue
        relative = output[len("assets/"):]
        stem, dot, suffix = relative.rpartition(".")
        if not dot:
            continue
        data = read_bytes(source, output)
        if isinstance(data, Problem):
            problems.append(data)
            continue
        hashed = f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{suffix}"
        names[relative] = hashed
        published["assets/" + hashed] = source
    if problems:
        raise SiteError(problems)
    return published, names
