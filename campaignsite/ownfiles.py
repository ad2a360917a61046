"""The tool's own files in a campaign folder (caches, journals, locks, temporaries): proof that the tool wrote
them, and ways to open them that never follow a link planted in their place.

A campaign folder may come from anyone (a ZIP from a province, a clone), so nothing the tool keeps there is
trusted because of where it lies or what it is called.

Takes: bytes the tool is about to keep (with the purpose they serve), or bytes read back; paths of the tool's
own files and folders.
Gives:
- `seal(purpose, data)` / `unseal(purpose, sealed)`: the data behind a keyed digest (HMAC-SHA256) made with a
  secret kept outside every campaign folder, per user (`key_file()`); `unseal` gives the data back only when
  this user's tool sealed it for this purpose, else None. A folder received from someone else therefore
  holds nothing the tool will act on: its caches are read as missing (time lost, nothing else).
- `open_own_file(path, flags)`: a descriptor of a regular file, opened without following a link and without
  blocking on a FIFO; anything else in its place raises `NotOwnFile` (an OSError) naming it.
- `own_folder(path)`: the folder, made when missing; a link, a file or a FIFO in its place raises `NotOwnFile`.
- `unique_temporary(path)`: a new temporary file beside `path`, created exclusively under a name no other
  process uses (`.NAME.RANDOM.tmp`), with its descriptor.
Where the secret cannot be kept (a read-only home), a secret for this process alone is used: nothing kept is
then reused by a later run, which costs time, never correctness.
"""
from __future__ import annotations

import errno
import hashlib
import hmac
import os
import secrets
import stat
import sys
from pathlib import Path

MAGIC = b"campaignsite-sealed-1\n"
DIGEST_SIZE = 32
KEY_SIZE = 32
KEY_FILE_VARIABLE = "CAMPAIGNSITE_KEY_FILE"  # where the secret is kept, when not in the user's cache folder
TEMPORARY_SUFFIX = ".tmp"

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)
BINARY = getattr(os, "O_BINARY", 0)

_process_key: bytes | None = None
_read_keys: dict[Path, bytes] = {}  # the key of each key file read by this process: read once, not per seal


class NotOwnFile(OSError):
    """A path where the tool keeps a file or folder of its own holds something else: a link, a FIFO, a device,
    a file where a folder belongs (or the reverse)."""

    def __init__(self, path: Path | str, found: str) -> None:
        super().__init__(errno.EEXIST, f"is {found}, not the tool's own", os.fspath(path))
        self.found = found


def key_file() -> Path:
    """Where this user's secret is kept: never inside a campaign folder."""
    chosen = os.environ.get(KEY_FILE_VARIABLE)
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "campaignsite" / "key"


def user_key() -> bytes:
    """This user's secret, made on first use; a secret of this process alone where none can be kept."""
    global _process_key
    path = key_file()
    try:
        if path not in _read_keys:
            _read_keys[path] = _read_or_make_key(path)
        return _read_keys[path]
    except (OSError, RuntimeError):
        if _process_key is None:
            _process_key = secrets.token_bytes(KEY_SIZE)
        return _process_key


def _read_or_make_key(path: Path) -> bytes:
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC | BINARY, 0o600)
    except FileExistsError:  # another process made it first
        return _read_key(path)
    try:
        os.write(descriptor, secrets.token_bytes(KEY_SIZE))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return _read_key(path)


def _read_key(path: Path) -> bytes:
    descriptor = os.open(path, os.O_RDONLY | NOFOLLOW | NONBLOCK | CLOEXEC | BINARY)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotOwnFile(path, "not a regular file")
        if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
            raise NotOwnFile(path, "a file another user could have written")  # then it proves nothing
        key = os.read(descriptor, KEY_SIZE + 1)
    finally:
        os.close(descriptor)
    if len(key) != KEY_SIZE:
        raise NotOwnFile(path, "not a key of the right size")
    return key


def seal(purpose: str, data: bytes) -> bytes:
    return MAGIC + _digest(purpose, data) + data


def unseal(purpose: str, sealed: bytes) -> bytes | None:
    if not sealed.startswith(MAGIC) or len(sealed) < len(MAGIC) + DIGEST_SIZE:
        return None
    start = len(MAGIC) + DIGEST_SIZE
    data = sealed[start:]
    if not hmac.compare_digest(sealed[len(MAGIC):start], _digest(purpose, data)):
        return None
    return data


def _digest(purpose: str, data: bytes) -> bytes:
    keyed = hmac.new(user_key(), purpose.encode("utf-8") + b"\0", hashlib.sha256)
    keyed.update(data)
    return keyed.digest()


def open_own_file(path: Path | str, flags: int, mode: int = 0o644) -> int:
    """A descriptor of the regular file at `path`, never through a link and never blocking on a FIFO."""
    try:
        descriptor = os.open(path, flags | NOFOLLOW | NONBLOCK | CLOEXEC | BINARY, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP or (NOFOLLOW == 0 and os.path.islink(path)):
            raise NotOwnFile(path, "a symbolic link") from None
        raise
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        raise NotOwnFile(path, kind_of(info.st_mode))
    if NONBLOCK and hasattr(os, "set_blocking"):
        os.set_blocking(descriptor, True)
    return descriptor


def read_own_file(path: Path | str) -> bytes:
    descriptor = open_own_file(path, os.O_RDONLY)
    try:
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(descriptor)


def read_sealed(purpose: str, path: Path | str) -> bytes | None:
    """The data sealed in the file at `path` for `purpose`; None when it is missing, not the tool's or unreadable."""
    try:
        return unseal(purpose, read_own_file(path))
    except OSError:
        return None


def own_folder(path: Path) -> Path:
    """The tool's folder at `path`, made (with its parents) when missing; anything but a real folder there is
    refused."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        path.mkdir(parents=True, exist_ok=True)
        info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode):
        raise NotOwnFile(path, kind_of(info.st_mode))
    return path


def check_not_planted(path: Path) -> None:
    """Refuse a link, FIFO or device at `path` (missing is fine; a real file or folder is for the caller)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)):
        raise NotOwnFile(path, kind_of(info.st_mode))


def unique_temporary(path: Path) -> tuple[int, Path]:
    """A new, empty temporary file beside `path`, made exclusively (never an existing file or a link)."""
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}{TEMPORARY_SUFFIX}")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC | BINARY
            return os.open(temporary, flags, 0o644), temporary
        except FileExistsError:
            continue


def temporary_target(temporary: Path) -> Path:
    """The file a temporary of `unique_temporary` stands in for (for messages)."""
    name = temporary.name
    if name.startswith(".") and name.endswith(TEMPORARY_SUFFIX):
        stem = name[1:-len(TEMPORARY_SUFFIX)]
        original, dot, tag = stem.rpartition(".")
        if dot and len(tag) == 12:
            return temporary.with_name(original)
    return temporary


def kind_of(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"
