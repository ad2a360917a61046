"""What the write stage keeps beside the output folder: the manifest of the site and the caches.

Takes: the output folder, every file written (with its page's fingerprint), the digest of the
build's inputs, and the caches' new contents.
Gives: `manifest.json` and the cache files in the tool's cache folder (see `load.previous`), each
sealed for its purpose (`ownfiles.seal`: only this user's tool will read it back) and written through
a temporary file of its own (made exclusively, never through a link) and a rename, so a killed build
never leaves half of one; `clear_temporaries`, the temporaries a killed build left there. The cache
folder is only written when it is a real folder: a link, a file or a FIFO in its place is never
followed (the build has refused it before writing anything: see `load.check_cache_folder`).
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
from ..ownfiles import TEMPORARY_SUFFIX, NotOwnFile, open_own_file, own_folder, seal, unique_temporary

INCOMPLETE = "the site is complete; the next build cannot reuse this one's work"


def save_manifest(output: Path, fingerprints: dict[str, str], written: dict[str, Record],
                  inputs: str = "", counts: dict[str, int] | None = None) -> Problem | None:
    """Record every file written (with the page's fingerprint where it is a page), the digest of the
    build's inputs and its pages per language. A record that cannot be written is removed (a later
    build then starts afresh) and gives a warning: the site itself is complete."""
    files = {path: [fingerprints.get(path, ""), *written[path]] for path in sorted(written)}
    text = json.dumps({"inputs": inputs, "counts": counts or {}, "files": files})
    problem = _replace(cache_dir(output) / MANIFEST_FILE, text.encode("utf-8"))
    if problem is not None:
        try:
            (cache_dir(output) / MANIFEST_FILE).unlink(missing_ok=True)
        except OSError:
            pass  # the record of an older site then stays: its files no longer match it, so none is reused
    return problem


def confirm_manifest(output: Path) -> None:
    """Stamp the manifest with the present time: every file it records was just found as recorded,
    content and all, so none of them needs reading again next time (see `load.previous`)."""
    try:
        descriptor = open_own_file(cache_dir(output) / MANIFEST_FILE, os.O_RDONLY)
    except OSError:
        return  # the files are then read again next time: slower, never wrong
    try:
        if os.utime in os.supports_fd:
            os.utime(descriptor)
        else:
            os.utime(cache_dir(output) / MANIFEST_FILE, follow_symlinks=False)
    except (OSError, NotImplementedError):
        pass
    finally:
        os.close(descriptor)


def save_cache(output: Path, name: str, value: dict[Any, Any]) -> Problem | None:
    """Keep a cache (a dict) in the tool's cache folder for the next build to start from; one that
    cannot be written is a warning (a cache is a shortcut, never a requirement)."""
    return _replace(cache_dir(output) / name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def clear_temporaries(folder: Path) -> None:
    """Remove the temporaries a killed build left in one of the tool's folders (the caller holds the output
    lock, so no other build is writing them); a link among them is removed, never followed."""
    try:
        names = os.listdir(folder) if not folder.is_symlink() else []
    except OSError:
        return
    for name in names:
        if name.startswith(".") and name.endswith(TEMPORARY_SUFFIX):
            try:
                os.unlink(folder / name)
            except OSError:
                pass


def _replace(path: Path, data: bytes) -> Problem | None:
    """`data` sealed under the file's name, written in place of the file at `path` (a link or a FIFO there is
    replaced, never written through)."""
    try:
        own_folder(path.parent)
        descriptor, temporary = unique_temporary(path)
    except NotOwnFile as exc:
        folder = path.parent
        return Problem(str(folder), message=f"{exc.found} lies where the tool keeps its cache folder ({INCOMPLETE})",
                       hint=f"remove it ('{folder.name}'): the tool makes its own", severity=WARNING)
    except OSError as exc:
        return _not_kept(path, exc)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            reached("cache", temporary)
            handle.write(seal(path.name, data))
        os.replace(temporary, path)
        return None
    except OSError as exc:
        return _not_kept(path, exc)
    finally:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def _not_kept(path: Path, exc: OSError) -> Problem:
    cause, fix = os_cause(exc)
    return Problem(str(path), message=f"{cause} ({INCOMPLETE})",
                   hint=fix or f"make sure {path.parent} can be written, then build again", severity=WARNING)
