"""How the preview learns that a source changed: the operating system's file notifications, or polling.

Takes: the campaign folder and the theme folder, a function to call when a watched source changes
(called from another thread), and one to print a notice with.
Gives: `SourceWatch`, which calls it soon after a watched file or folder is created, written,
deleted or renamed over (an editor's atomic save), and `Pending`, which turns those calls into one
rebuild per burst. Watched: campaign.yaml, activities.yaml, slogans.yaml and translations.lock,
and everything in content/, templates/, assets/ and activities/, of the campaign and of the theme;
never the output, caches, releases, temporaries or lock files the tool keeps in the folder, nor
hidden files (an editor's swap files), so that a build never triggers itself.

Notifications come from watchfiles (the Rust `notify` crate: inotify on Linux, FSEvents on macOS,
ReadDirectoryChanges on Windows): an idle preview costs nothing, where walking 5,000 files every
25 ms kept half a core busy. Where they cannot be had (the package missing, the system's watch
limit reached), the preview polls as it used to, and says so in one line.
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import faults

POLL_SECONDS = 0.025  # only without notifications: how often every source is looked at
STEP_MS = 10  # how often a notifications thread hands over what it has seen (and sees that it must stop)
WATCHED_FILES = ("campaign.yaml", "activities.yaml", "slogans.yaml", "translations.lock")
WATCHED_DIRS = ("content", "templates", "assets", "activities")


class Pending:
    """Changes seen and not yet built: marked from the watcher's threads, consumed by the rebuild loop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: float | None = None  # when the last change not yet consumed was seen
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None

    def saw(self) -> None:
        """A watched source changed (any thread)."""
        with self._lock:
            self._last = time.monotonic()
            loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: the server has stopped
                loop.call_soon_threadsafe(wake.set)

    async def settled(self, quiet_seconds: float) -> None:
        """Return once a change has been seen and nothing has changed for `quiet_seconds` since; the
        changes seen so far are then consumed (one seen later makes the next call return)."""
        wake = self._bind()
        while True:
            await wake.wait()
            with self._lock:
                last = self._last
                if last is None:
                    wake.clear()
                    continue
                remaining = last + quiet_seconds - time.monotonic()
                if remaining <= 0:
                    self._last = None
                    wake.clear()
                    return
            await asyncio.sleep(remaining)

    def _bind(self) -> asyncio.Event:
        with self._lock:
            if self._wake is None:
                self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
                if self._last is not None:  # seen before the loop ran (during the first build)
                    self._wake.set()
            return self._wake


class SourceWatch:
    """Watches the sources of `roots` (the campaign folder and the theme folder) until `stop`."""

    def __init__(self, roots: list[Path], on_change: Callable[[], None], notice: Callable[[str], None]) -> None:
        self.roots = list(dict.fromkeys(root.resolve() for root in roots))  # as the system names what changed
        self.on_change = on_change
        self.notice = notice
        self.stopping = threading.Event()
        self.regroup = threading.Event()  # a watched folder was created or removed: watch the new set
        self.polling = threading.Event()  # notifications failed: their threads end, one thread polls
        self.notifications_end = _EitherEvent(self.stopping, self.polling)
        self._fallback_lock = threading.Lock()

    def start(self) -> None:
        """Start watching with notifications, or fall back to polling with a notice."""
        top = None
        try:
            top = self._notifier(self.roots, recursive=False)
            folders = self._notifier(self._folders(), recursive=True)
        except (ImportError, OSError, RuntimeError) as exc:
            if top is not None:
                top.close()
            self._fall_back(exc)
            return
        self._thread("watch-top", self._watch_top, top)
        self._thread("watch-folders", self._watch_folders, folders)

    def stop(self) -> None:
        self.stopping.set()

    def _thread(self, name: str, target: Callable[..., None], *args: Any) -> None:
        threading.Thread(target=target, args=args, name=name, daemon=True).start()

    def _folders(self) -> list[Path]:
        return [root / name for root in self.roots for name in WATCHED_DIRS if (root / name).is_dir()]

    def _notifier(self, paths: list[Path], recursive: bool) -> Any:
        """A started watchfiles watcher of `paths`, or None when there is nothing to watch."""
        faults.reached("watch-start")
        if not paths:
            return None
        from watchfiles._rust_notify import RustNotify  # the package's documented low-level watcher
        return RustNotify([str(path) for path in paths], False, False, 0, recursive, True)

    def _watch_top(self, notifier: Any) -> None:
        """The folders themselves, not their subfolders: the watched files, and the watched folders
        coming and going (then the recursive watcher is started again over the new set)."""
        with notifier:
            self._each_batch(notifier, self.notifications_end, self._top_batch)

    def _top_batch(self, changes: set[tuple[int, str]]) -> None:
        names = {Path(path).name for _, path in changes if Path(path).parent in self.roots}
        if names & set(WATCHED_DIRS):
            self.regroup.set()  # the folders' thread tells of the change once it watches the new set
        elif names & set(WATCHED_FILES):
            self.on_change()

    def _watch_folders(self, notifier: Any) -> None:
        """Everything inside the watched folders, started again whenever the set of folders changes."""
        while not self.notifications_end.is_set():
            stop = _EitherEvent(self.stopping, self.polling, self.regroup)
            if notifier is None:
                stop.wait()
            else:
                with notifier:
                    self._each_batch(notifier, stop, self._folders_batch)
            if self.notifications_end.is_set():
                return
            self.regroup.clear()
            try:
                notifier = self._notifier(self._folders(), recursive=True)
            except (OSError, RuntimeError) as exc:
                self._fall_back(exc, missed_some=True)
                return
            self.on_change()  # a file written into a new folder before it was watched is built too

    def _folders_batch(self, changes: set[tuple[int, str]]) -> None:
        if any(_visible(Path(path), self.roots) for _, path in changes):
            self.on_change()

    def _each_batch(self, notifier: Any, stop: Any, handle: Callable[[set[tuple[int, str]]], None]) -> None:
        while True:
            try:
                changes = notifier.watch(STEP_MS, STEP_MS, 0, stop)
            except (OSError, RuntimeError) as exc:  # the watcher broke (a folder it watched went away)
                if not stop.is_set():
                    self._fall_back(exc, missed_some=True)
                return
            if isinstance(changes, str):  # 'stop' (or 'signal', 'timeout', which it is not asked for)
                if changes == "stop" or stop.is_set():
                    return
                continue
            handle(changes)

    def _fall_back(self, exc: BaseException, missed_some: bool = False) -> None:
        """Poll from now on, and say so; `missed_some`: a change may have gone unseen meanwhile, so
        build once more."""
        with self._fallback_lock:
            if self.notifications_end.is_set():
                return
            self.polling.set()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        self.notice(f"serve: the system's file notifications are not available ({reason}): "
                    f"looking at every source file every {POLL_SECONDS * 1000:.0f} ms instead")
        self._thread("watch-poll", self._poll, source_signature(self.roots))
        if missed_some:
            self.on_change()

    def _poll(self, seen: dict[str, tuple[int, int]]) -> None:
        while not self.stopping.wait(POLL_SECONDS):
            now_seen = source_signature(self.roots)
            if now_seen != seen:
                seen = now_seen
                self.on_change()


class _EitherEvent:
    """Set when either event is: what a watcher checks on every step to know it must stop."""

    def __init__(self, *events: threading.Event) -> None:
        self.events = events

    def is_set(self) -> bool:
        return any(event.is_set() for event in self.events)

    def wait(self) -> None:
        while not self.is_set():
            time.sleep(0.1)


def _visible(path: Path, roots: list[Path]) -> bool:
    """Inside a watched folder of a root, and neither it nor a folder on the way is hidden."""
    for root in roots:
        if path.is_relative_to(root):
            parts = path.relative_to(root).parts
            return len(parts) > 1 and parts[0] in WATCHED_DIRS and not any(p.startswith(".") for p in parts)
    return False


def source_signature(roots: list[Path]) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every source file; the output and staging folders are never looked at."""
    signature: dict[str, tuple[int, int]] = {}
    for root in roots:
        for name in WATCHED_FILES:
            _stat_into(signature, root / name)
        for folder in WATCHED_DIRS:
            for dirpath, dirnames, filenames in os.walk(root / folder):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                for filename in filenames:
                    if not filename.startswith("."):
                        _stat_into(signature, Path(dirpath) / filename)
    return signature


def _stat_into(signature: dict, path: Path) -> None:
    try:
        info = path.stat()
    except OSError:
        return
    signature[str(path)] = (info.st_mtime_ns, info.st_size)
