"""The tool's own cache files: a dict pickled into the cache folder beside the output.

Takes: the path of a cache file, and the dict to keep there.
Gives: the dict kept last time, or an empty one when there is none or it cannot be read (a cache
is only ever a shortcut: losing it costs time, never correctness). Writes go through a temporary
file and a rename, so a killed build never leaves half a cache.
"""
from __future__ import annotations

import pickle
from pathlib import Path


def read_cache_file(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
        return found if isinstance(found, dict) else {}
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, TypeError):
        return {}


def write_cache_file(path: Path, value: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(path)
