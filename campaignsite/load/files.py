"""Reading an author's files as text, and listing a folder's files.

Takes: paths inside a campaign folder (and the name to show for each in messages).
Gives: a file's text (UTF-8, a BOM dropped, line ends made LF) or the `Problem` saying why it
cannot be read; the regular files under a folder, sorted, refusing links that lead outside the
campaign folder.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import Problem


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The file's text as UTF-8 (a BOM is dropped, CRLF becomes LF), or a problem saying why not."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(display, message="the file is missing", hint=f"create {display}")]
    except OSError as exc:
        return None, [Problem(display, message=f"cannot read the file ({exc.strerror})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(display, line, col, message=(
            f"the file is not valid UTF-8 (byte {exc.start} is 0x{raw[exc.start]:02x})"),
            hint="save the file as UTF-8 in your editor")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def list_files(root: Path, site_dir: Path, display_root: str) -> tuple[list[Path], list[Problem]]:
    """Every regular file under `root`, sorted; a symlink that leads outside `site_dir` is refused."""
    if not root.is_dir():
        return [], []
    files: list[Path] = []
    problems: list[Problem] = []
    site_real = site_dir.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames) + [d for d in dirnames if (Path(dirpath) / d).is_symlink()]:
            path = Path(dirpath) / name
            if name.startswith("."):
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(site_real):
                    shown = f"{display_root}/{path.relative_to(root).as_posix()}"
                    problems.append(Problem(shown, message=f"is a link to {target}, outside the campaign folder",
                                            hint="copy the file into the campaign folder instead of linking to it"))
                    continue
                if target.is_dir():
                    continue  # a link to a folder inside the site: its files are listed where they live
            files.append(path)
    return files, problems
