"""The one way a command writes the campaign's own files (its sources): whole or not at all.

Takes: paths inside a campaign folder and the bytes or text each is to hold.
Gives: each file written through a temporary file beside it, flushed to disk, then renamed over the old one: an
author's file is never left half-written, whatever stops the command. Several files are written together: every
temporary file first, and only when all are on disk are they renamed, so that a failure to write (a full disk, a
folder without permission) leaves every file as it was. `init` and the translations commands write through here.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ..faults import reached


def write_source(path: Path, content: str | bytes) -> None:
    write_sources({path: content})


def write_sources(files: Mapping[Path, str | bytes]) -> None:
    """Write every file, or (raising the `OSError`) none: the old ones stay and no temporary file is left."""
    temporaries: dict[Path, Path] = {}
    # one sync for many files: an fsync each costs milliseconds, minutes for the 20,000 files of a large import
    many = len(files) > 1 and hasattr(os, "sync")
    try:
        for path, content in files.items():
            temporaries[path] = _temporary(path)
            _write(temporaries[path], content.encode("utf-8") if isinstance(content, str) else content, not many)
        if many:
            os.sync()
        for path, temporary in temporaries.items():
            os.replace(temporary, path)
    finally:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)


def _temporary(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".{path.name}.tmp")


def _write(temporary: Path, data: bytes, sync: bool) -> None:
    with temporary.open("wb") as handle:
        reached("source-write", temporary)
        handle.write(data)
        handle.flush()
        if sync:
            os.fsync(handle.fileno())
