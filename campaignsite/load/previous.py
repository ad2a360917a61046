"""What the last build left beside the output folder: its manifest and the tool's caches.

Takes: the output folder.
Gives: `Previous`, the record of the site written last time (each file's page fingerprint, content
digest, size and modification time; the digest of the inputs; pages per language), or None when
there is none; the caches kept there (`read_cache_file`), or an empty one when a cache is missing
or unreadable (a cache is only ever a shortcut: losing it costs time, never correctness);
`check_cache_folder`, which refuses anything but a real folder (a link, a file, a FIFO) where the
cache folder belongs. Nothing here writes: the write stage keeps these files.

A campaign folder may come from anyone, with a cache folder in it: so every file of the cache folder
is read only when `ownfiles` proves this user's tool sealed it for this very purpose (its file name),
through no link, and before a byte of it is unpickled. A planted or foreign file is read as missing.

When is a file "still as written"? Its size and modification time must be those recorded. That
alone cannot tell a file rewritten within the same tick of the file system's clock with the same
size. So, as git does with its index, a file whose recorded time is not clearly older than the
manifest itself is "racy": its content is read and compared with the recorded digest. "Clearly"
is the clock's coarseness: when the manifest's own time has no fraction of a second, the file system
may keep whole seconds or, as FAT does, two (`COARSE_NS`); otherwise its clock ticks in
milliseconds, and `FINE_NS` is ten of the coarsest kernel ticks. A file recorded earlier than that
and changed since has a later time, unless someone set its time back on purpose.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, SiteError
from ..ownfiles import kind_of, open_own_file, read_own_file, read_sealed, unseal

MARKER = ".campaignsite"  # in every output folder the tool wrote; it never writes into another
MANIFEST_FILE = "manifest.json"
READINGS_FILE = "readings.pickle"  # quick readings of the data files (load.ReadingCache)
CONVERSIONS_FILE = "markdown.pickle"  # Markdown converted to HTML (render.Conversions)
ACTIVITIES_FILE = "activities.pickle"  # activities read from unchanged files (validate.ActivityMemo)
TEMPLATES_FILE = "templates.pickle"  # what each template's source reads and names (render.fingerprints.Parsed)
BYTECODE_DIR = "jinja"  # templates compiled by Jinja, under the digest of their source

COARSE_NS = 2_000_000_000  # the coarsest file-system clock in use (FAT): two seconds
FINE_NS = 100_000_000  # ten ticks of a kernel clock at 100 Hz
Record = tuple[str, int, int]  # a written file: digest of its content, size, modification time (ns)


def cache_dir(output: Path) -> Path:
    return output.parent / f".{output.name}.cache"


def check_cache_folder(output: Path) -> None:
    """Refuse (with `SiteError`) a link, a file or a FIFO where the cache folder of `output` belongs: it is never
    followed nor replaced, and a build says so before it writes anything. Missing is fine (the tool makes it)."""
    folder = cache_dir(output)
    found = _not_a_folder(folder)
    if found is not None:
        raise SiteError([Problem(str(folder), message=f"{found} lies where the tool keeps its cache folder",
                                 hint=f"remove it ('{folder.name}'), then run the command again: the tool makes "
                                      "its own")])


def is_cache_folder(folder: Path) -> bool:
    """A real folder (not a link to one) is at `folder`."""
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False


def _not_a_folder(folder: Path) -> str | None:
    """What lies at `folder` when it is neither missing nor a real folder."""
    try:
        info = os.lstat(folder)
    except OSError:
        return None  # missing (made when needed), or not even looked at: whoever writes there says why
    if stat.S_ISDIR(info.st_mode):
        return None
    return kind_of(info.st_mode)


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True)
class Previous:
    """The site written last time: its folder and, for each file, the page's fingerprint (empty for
    a file that is not a page), the digest of its content, its size and its modification time."""

    root: Path
    files: dict[str, tuple[str, str, int, int]]
    inputs: str = ""  # the digest of everything the build read (see load.inputs_digest)
    counts: dict[str, int] = field(default_factory=dict)  # pages per language
    racy_from: int = 0  # files recorded with a time from this one on are checked by content (see above)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def record(self, relative: str) -> Record:
        _, digest, size, mtime = self.files[relative]
        return digest, size, mtime

    def unchanged(self, relative: str, digest: str | None = None) -> bool:
        """The file is still as written then (and, given a digest, has that content)."""
        known = self.files.get(relative)
        if not known or (digest is not None and known[1] != digest):
            return False
        path = os.path.join(self.root, relative)
        try:
            info = os.lstat(path)  # not pathlib: this runs for every file
        except OSError:
            return False
        if (info.st_size, info.st_mtime_ns) != (known[2], known[3]):
            return False
        return known[3] < self.racy_from or _digest_of(path) == known[1]

    def racy(self) -> bool:
        """Some file was recorded too close to the manifest's time to be trusted by its time alone."""
        return any(entry[3] >= self.racy_from for entry in self.files.values())

    def reusable(self, fingerprints: dict[str, str]) -> dict[str, str]:
        """The pages whose fingerprint is unchanged and whose file is still the one written then."""
        root = str(self.root)
        return {relative: os.path.join(root, relative) for relative, fingerprint in fingerprints.items()
                if fingerprint and self.files.get(relative, ("",))[0] == fingerprint and self.unchanged(relative)}

    def intact(self) -> bool:
        """The site folder still holds our marker and every file as it was written."""
        return (self.root / MARKER).is_file() and all(self.unchanged(relative) for relative in self.files)


def load_previous(output: Path) -> Previous | None:
    """The record of the last build into `output`, when this user's tool wrote it; else None (a full build)."""
    manifest = cache_dir(output) / MANIFEST_FILE
    found = _read_manifest(manifest)
    if found is None:
        return None
    sealed, written = found
    data = unseal(MANIFEST_FILE, sealed)
    if data is None:
        return None
    try:
        record = json.loads(data)
        return Previous(output, {path: tuple(entry) for path, entry in record["files"].items()},
                        record.get("inputs", ""), record.get("counts", {}), _trusted_before(written))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _read_manifest(manifest: Path) -> tuple[bytes, int] | None:
    """The manifest's bytes and modification time, read through one descriptor (never a link)."""
    if not is_cache_folder(manifest.parent):
        return None
    try:
        descriptor = open_own_file(manifest, os.O_RDONLY)
    except OSError:
        return None
    try:
        written = os.fstat(descriptor).st_mtime_ns
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read(), written
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _trusted_before(written: int) -> int:
    return written - (COARSE_NS if written % 1_000_000_000 == 0 else FINE_NS)


def _digest_of(path: str) -> str | None:
    try:
        return content_digest(read_own_file(path))
    except OSError:
        return None


def read_cache_file(path: Path) -> dict[Any, Any]:
    """The cache kept at `path` (in the cache folder, under the name that is its purpose), or an empty one when it
    is missing, unreadable, or not sealed by this user's tool: nothing else is ever unpickled."""
    if not is_cache_folder(path.parent):
        return {}
    data = read_sealed(path.name, path)
    if data is None:
        return {}
    try:
        found = pickle.loads(data)
    except Exception:  # noqa: BLE001 -- ours, but from another version of the tool: read as missing
        return {}
    return found if isinstance(found, dict) else {}
