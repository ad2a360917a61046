"""What the write stage keeps beside the output folder: the manifest of the site and the caches.

Takes: the output folder, every file written (with its page's fingerprint), the digest of the
build's inputs, and the caches' new contents.
Gives: `manifest.json` and the cache files in the tool's cache folder (see `load.previous`), each
written through a temporary file and a rename, so a killed build never leaves half of one.
"""
from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

from ..errors import WARNING, Problem, os_cause
from ..faults import reached
from ..load import MANIFEST_FILE, Record, cache_dir


def save_manifest(output: Path, fingerprints: dict[str, str], written: dict[str, Record],
                  inputs: str = "", counts: dict[str, int] | None = None) -> Problem | None:
    """Record every file written (with the page's fingerprint where it is a page), the digest of the
    build's inputs and its pages per language. A record that cannot be written is removed (a later
    build then starts afresh) and gives a warning: the site itself is complete."""
    files = {path: [fingerprints.get(path, ""), *written[path]] for path in sorted(written)}
    text = json.dumps({"inputs": inputs, "counts": counts or {}, "files": files})
    problem = _replace(cache_dir(output) / MANIFEST_FILE, text.encode("utf-8"))
    if problem is not None:
        (cache_dir(output) / MANIFEST_FILE).unlink(missing_ok=True)
    return problem


def confirm_manifest(output: Path) -> None:
    """Stamp the manifest with the present time: every file it records was just found as recorded,
    content and all, so none of them needs reading again next time (see `load.previous`)."""
    try:
        os.utime(cache_dir(output) / MANIFEST_FILE)
    except OSError:
        pass  # the files are then read again next time: slower, never wrong


def save_cache(output: Path, name: str, value: dict[Any, Any]) -> Problem | None:
    """Keep a cache (a dict) in the tool's cache folder for the next build to start from; one that
    cannot be written is a warning (a cache is a shortcut, never a requirement)."""
    return _replace(cache_dir(output) / name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def _replace(path: Path, data: bytes) -> Problem | None:
    temporary = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            reached("cache", temporary)
            handle.write(data)
        os.replace(temporary, path)
        return None
    except OSError as exc:
        cause, fix = os_cause(exc)
        return Problem(str(path), message=f"{cause} (the site is complete; the next build cannot reuse this one's "
                                          "work)",
                       hint=fix or f"make sure {path.parent} can be written, then build again", severity=WARNING)
    finally:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
