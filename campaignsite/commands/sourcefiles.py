"""The one way a command writes the campaign's own files (its sources): whole or not at all.

Takes: a path inside a campaign folder and the bytes or text it is to hold.
Gives: the file written through a temporary file beside it, flushed to disk, then renamed over
the old one: an author's file is never left half-written, whatever stops the command. `init`
writes through here (and so will the import and translation commands).
"""
from __future__ import annotations

import os
from pathlib import Path


def write_source(path: Path, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
