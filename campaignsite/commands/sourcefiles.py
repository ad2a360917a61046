"""The one way a command writes the campaign's own files (its sources): whole or not at all, one command at a time.

Takes: paths inside a campaign folder and the bytes or text each is to hold.
Gives: each file written through a temporary file beside it, flushed to disk, then renamed over the old one: an
author's file is never left half-written, whatever stops the command. Several files are written together: every
temporary file first, and only when all are on disk are they renamed, so that a failure to write (a full disk, a
folder without permission) leaves every file as it was. Each temporary file is made exclusively under a name of its
own (`.NAME.RANDOM.tmp`, never an existing file or a link planted there) and removed on every failure.
`editing_sources(site)` is held by every command that writes sources (`init`, `import`, the translations commands)
from its first reading to its last write: a second such command waits for it, so that two never mix their writes;
it also removes the temporary files that a command killed before (`kill -9`, a power cut) left behind.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ..faults import reached
from ..ownfiles import TEMPORARY_SUFFIX, temporary_target, unique_temporary
from ..write.lock import sources_lock

LEFT_BEHIND = re.compile(r"^\..+\.[0-9a-f]{12}" + re.escape(TEMPORARY_SUFFIX) + "$")
SOURCE_FOLDERS = ("", "activities", "content", "content/news", "translations")  # where commands write sources


@contextmanager
def editing_sources(site: Path, wait_seconds: float = 60.0) -> Iterator[None]:
    """Hold the campaign's lock for sources; clear what a killed command left."""
    with sources_lock(site, _to_stderr, wait_seconds):
        remove_left_behind(site)
        yield


def remove_left_behind(site: Path) -> None:
    for folder in SOURCE_FOLDERS:
        try:
            names = os.listdir(site / folder)
        except OSError:
            continue
        for name in names:
            if LEFT_BEHIND.match(name):
                try:
                    os.unlink(site / folder / name)  # a link is removed itself, never what it points at
                except OSError:
                    pass


def write_source(path: Path, content: str | bytes) -> None:
    write_sources({path: content})


def write_sources(files: Mapping[Path, str | bytes]) -> None:
    """Write every file, or (raising the `OSError`) none: the old ones stay and no temporary file is left."""
    temporaries: dict[Path, Path] = {}
    # one sync for many files: an fsync each costs milliseconds, minutes for the 20,000 files of a large import
    many = len(files) > 1 and hasattr(os, "sync")
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporaries[path] = unique_temporary(path)
            _write(descriptor, temporaries[path], content.encode("utf-8") if isinstance(content, str) else content,
                   not many)
        if many:
            os.sync()
        for number, (path, temporary) in enumerate(temporaries.items()):
            if number == 1:
                reached("between-source-renames")
            os.replace(temporary, path)
    finally:
        for temporary in temporaries.values():
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass


def shown_source(filename: str | None) -> Path:
    """The file a failure is about, as the author knows it (not its temporary file)."""
    return temporary_target(Path(filename or "."))


def _write(descriptor: int, temporary: Path, data: bytes, sync: bool) -> None:
    with os.fdopen(descriptor, "wb") as handle:
        reached("source-write", temporary)
        handle.write(data)
        handle.flush()
        if sync:
            os.fsync(handle.fileno())


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
