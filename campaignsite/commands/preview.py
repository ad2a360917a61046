"""The preview server behind `serve`: watch the sources, rebuild once per burst of saves, swap, tell the browser.

Takes: a campaign folder, a host and a port.
Gives: the site at http://HOST:PORT/, exactly as `build` publishes it (same paths, the 404 page
for unknown ones) with the live-reload script added to each HTML response (never to files), an
error page in place of the site while the sources do not build, and a reload of every open page
after every successful or failed rebuild.

The `livereload` package supplies the reload protocol (its websocket handler and livereload.js);
change detection, debouncing and serving are ours, because the package's own loop drops changes
(it misses saves made during a build, and reloads before the build is done).

It answers only at its own address, and its live-reload socket only to its own pages and its
own protocol: see `previewaccess`.
"""
from __future__ import annotations

import asyncio
import contextlib
import html
import ipaddress
import logging
import mimetypes
import os
import shutil
import signal
import socket
import tempfile
import threading
import time
import traceback
import types
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import tornado.httpserver
import tornado.netutil
import tornado.web
from livereload.handlers import LiveReloadHandler

from ..errors import SiteError
from ..load import THEME_DIR
from ..pipeline import BuildOptions, Session, build
from .previewaccess import OwnAddress, OwnAddressOnly, ReloadScript, ReloadSocket, site_url

POLL_SECONDS = 0.025
STOP_WAIT_SECONDS = 2.0  # on Ctrl-C or SIGTERM, a rebuild under way has this long to end before its folder goes
WATCHED_FILES = ("campaign.yaml", "activities.yaml", "slogans.yaml", "translations.lock")
WATCHED_DIRS = ("content", "templates", "assets", "activities")
_SCRIPT = (b'<script>(function(){var s=document.createElement("script");'
           b's.src="/livereload.js?port="+(window.location.port||80);document.head.appendChild(s);})();</script>')


class PortInUse(Exception):
    pass


@dataclass
class Preview:
    """What the server shows now: the last good build, or the problems of the last failed one."""

    site_dir: Path
    work_dir: Path
    base_url: str
    quiet_seconds: float  # a burst of saves ends when nothing has changed for this long
    allow_fallback: bool = False
    theme_dir: Path = THEME_DIR
    root: Path | None = None
    error: str | None = None
    builds: int = 0
    session: Session = field(default_factory=lambda: Session(watch_templates=True, kept_by_process=True))
    lock: threading.Lock = field(default_factory=threading.Lock)
    rebuilding: threading.Thread | None = None  # the thread of the last rebuild after a change

    def rebuild(self) -> None:
        """Bring the served site up to date with the same stages as `build`: the first build into a
        fresh folder, later ones by an update in place (only the changed files, moved in while no page
        is being read); on failure keep the site and show the error."""
        self.builds += 1
        target = self.work_dir / "site"
        options = BuildOptions(self.site_dir, target, self.base_url, self.allow_fallback, self.theme_dir)
        try:
            build(options, self.session, swap_lock=lambda: self.lock)
        except SiteError as exc:
            self._show_error("\n".join(str(p) for p in exc.problems))
            return
        except Exception:  # the server must survive anything a build does
            self._show_error("The build failed unexpectedly:\n" + traceback.format_exc())
            return
        with self.lock:
            self.root, self.error = target, None

    def _show_error(self, text: str) -> None:
        with self.lock:
            self.error = text


def source_signature(site_dir: Path, theme_dir: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every source file; the output and staging folders are never looked at."""
    signature: dict[str, tuple[int, int]] = {}
    for root in {site_dir, theme_dir}:
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


async def watch(preview: Preview, on_rebuilt: Callable[[], None], announce: Callable[[str], None]) -> None:
    """Rebuild once per burst of changes; changes made during a build cause one more build."""
    seen = source_signature(preview.site_dir, preview.theme_dir)
    changed_at: float | None = None
    while True:
        await asyncio.sleep(POLL_SECONDS)
        now_seen = source_signature(preview.site_dir, preview.theme_dir)
        if now_seen != seen:
            seen, changed_at = now_seen, time.monotonic()
            continue
        if changed_at is not None and time.monotonic() - changed_at >= preview.quiet_seconds:
            changed_at = None
            started = time.perf_counter()
            await _rebuild_in_thread(preview, announce, started)
            on_rebuilt()


async def _rebuild_in_thread(preview: Preview, announce: Callable[[str], None], started: float) -> None:
    """Rebuild in a daemon thread and wait for it to end. Not in the loop's executor: its threads are
    waited for when the loop and the interpreter shut down, so a build that never ends would hold up
    Ctrl-C and SIGTERM for ever."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()

    def run() -> None:
        failure: BaseException | None = None
        try:
            _report(preview, announce, started)
        except BaseException as exc:  # handed to the loop, as the executor would
            failure = exc
        with contextlib.suppress(RuntimeError):  # the loop is closed: the server has stopped
            loop.call_soon_threadsafe(_settle, done, failure)

    preview.rebuilding = threading.Thread(target=run, name="rebuild", daemon=True)
    preview.rebuilding.start()
    await done


def _settle(done: asyncio.Future[None], failure: BaseException | None) -> None:
    if done.done():
        return
    if failure is None:
        done.set_result(None)
    else:
        done.set_exception(failure)


def reload_browsers() -> None:
    LiveReloadHandler.reload_waiters("*")


class SiteHandler(OwnAddressOnly):
    """Serves the current build, and nothing outside it."""

    def initialize(self, preview: Preview, own: OwnAddress) -> None:
        self.preview = preview
        self.own = own

    def head(self, path: str) -> None:
        self.get(path, include_body=False)

    def get(self, path: str, include_body: bool = True) -> None:
        with self.preview.lock:  # files are read whole between two updates, never during one
            response = self._response(path)
        if isinstance(response, str):
            return self.redirect(response)
        self._send(*response, include_body)

    def _response(self, path: str) -> tuple[int, str, bytes] | str:
        """(status, content type, body), or the address to redirect to."""
        root, error = self.preview.root, self.preview.error
        if error is not None:
            return 500, "text/html; charset=utf-8", error_page(error)
        if root is None:
            return 503, "text/plain; charset=utf-8", b"The first build is not finished yet."
        target = resolve(root, path)
        if target is None:
            location = folder_redirect(root, path)
            if location is not None:
                return location
            not_found = root / ("en/404.html" if path.startswith("en/") else "404.html")
            return 404, "text/html; charset=utf-8", not_found.read_bytes()
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("image/svg+xml", "application/javascript"):
            content_type += "; charset=utf-8"
        return 200, content_type, target.read_bytes()

    def _send(self, status: int, content_type: str, body: bytes, include_body: bool) -> None:
        if content_type.startswith("text/html"):
            body = inject_script(body)
        self.set_status(status)
        self.set_header("Content-Type", content_type)
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Length", str(len(body)))
        if include_body:
            self.write(body)
        self.finish()


def resolve(root: Path, url_path: str) -> Path | None:
    """The file under `root` that `url_path` (relative to the site's root) names, or None: no
    absolute path, no '..', no links, nothing outside, and no name the system refuses (too long)."""
    if url_path.startswith("/") or "\\" in url_path or "\x00" in url_path:
        return None
    parts = url_path.split("/")
    if any(part in (".", "..") for part in parts):
        return None
    relative = url_path + "index.html" if url_path == "" or url_path.endswith("/") else url_path
    candidate = root / relative
    try:
        current = root
        for part in Path(relative).parts:
            current = current / part
            if current.is_symlink():
                return None
        if not candidate.is_file() or not candidate.resolve().is_relative_to(root.resolve()):
            return None
    except OSError:  # a name over 255 bytes, a path over the system's limit: no such page
        return None
    return candidate


def folder_redirect(root: Path, url_path: str) -> str | None:
    """'/FOLDER/' when `url_path` names a folder of the site that has an index page but lacks its
    final slash, else None. Always a path on this site: one leading slash, then a name (resolve
    refuses absolute paths and backslashes, which a browser would read as another host)."""
    if url_path == "" or url_path.endswith("/") or resolve(root, url_path + "/") is None:
        return None
    location = "/" + urllib.parse.quote(url_path, safe="/") + "/"
    return location if location[1] not in "/\\" else None


def exposure_warning(host: str, addresses: list[str]) -> str | None:
    """One warning line when the preview listens on an address other computers can reach (every
    interface, or one that is not loopback), None when it stays on this computer."""
    reachable = [address for address in addresses if not ipaddress.ip_address(address).is_loopback]
    if not reachable:
        return None
    where = ("every network interface" if any(ipaddress.ip_address(a).is_unspecified for a in reachable)
             else " and ".join(reachable))
    return (f"--host {host or repr(host)}: warning: the preview is reachable from the network: it listens on "
            f"{where} — leave out --host to keep it to this computer (127.0.0.1)")


def inject_script(body: bytes) -> bytes:
    """Add the reload script before </head>, or at the end when a page has no </head>."""
    marker = b"</head>"
    if marker in body:
        return body.replace(marker, _SCRIPT + marker, 1)
    return body + _SCRIPT


def error_page(problems: str) -> bytes:
    lines = "\n".join(html.escape(line) for line in problems.splitlines())
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>The site does not build</title>\n<style>body{font:18px/1.6 system-ui,sans-serif;margin:2rem;"
        "color:#1d1d1f}pre{white-space:pre-wrap;background:#fff4d6;padding:1rem;border-left:6px solid #b3141b}"
        "</style>\n</head>\n<body>\n<main>\n<h1>The site does not build</h1>\n"
        "<p>Fix the problems below and save: this page reloads by itself.</p>\n"
        f'<pre class="problems">{lines}</pre>\n</main>\n</body>\n</html>\n'
    ).encode()


def make_app(preview: Preview, own: OwnAddress) -> tornado.web.Application:
    LiveReloadHandler.watcher = types.SimpleNamespace(filepath=None)  # the package logs this on every reload
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # its throttle drops the last of two quick changes
    return tornado.web.Application([
        (r"/livereload", ReloadSocket, {"own": own}),
        (r"/livereload.js", ReloadScript, {"own": own}),
        (r"/(.*)", SiteHandler, {"preview": preview, "own": own}),
    ])


def bind(host: str, port: int) -> list[socket.socket]:
    try:
        return tornado.netutil.bind_sockets(port, address=host)
    except OSError as exc:
        raise PortInUse(f"port {port} on {host} is not available ({exc.strerror}); "
                        f"choose another with --port, or --port 0 for a free one") from None


def serve(site_dir: Path, quiet_ms: int, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          allow_fallback: bool = False, announce: Callable[[str], None] = print,
          warn: Callable[[str], None] = print) -> None:
    """Run the preview until Ctrl-C; the temporary build folders are removed on the way out."""
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    handlers = signal.getsignal(signal.SIGINT), signal.signal(signal.SIGTERM, _stop)
    sockets = bind(host, port)
    addresses = [sock.getsockname()[0] for sock in sockets]
    warning = exposure_warning(host, addresses)
    if warning is not None:
        warn(warning)
    work_dir = Path(tempfile.mkdtemp(prefix="campaignsite-preview-"))
    base_url = site_url(host or addresses[0], sockets[0].getsockname()[1])
    preview = Preview(site_dir, work_dir, base_url, quiet_ms / 1000, allow_fallback)
    try:
        _report(preview, announce, time.perf_counter())
        announce(f"Previewing {site_dir} at {base_url} (中文) and {base_url}en/ (English). Ctrl-C stops.")
        if open_browser:
            import webbrowser
            webbrowser.open(base_url)
        asyncio.run(_run(preview, OwnAddress(host, sockets[0].getsockname()[1]), sockets, announce))
    except KeyboardInterrupt:
        pass
    finally:
        _stop_serving(preview, sockets, work_dir, handlers)


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt


def _stop_serving(preview: Preview, sockets: list[socket.socket], work_dir: Path, handlers: tuple) -> None:
    """Close the sockets and remove the build folders; a second Ctrl-C cannot cut this short, and a
    rebuild still under way (its thread dies with the process) is waited for only a moment."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        for sock in sockets:
            sock.close()
        if preview.rebuilding is not None:
            preview.rebuilding.join(STOP_WAIT_SECONDS)
        shutil.rmtree(work_dir, ignore_errors=True)
    finally:
        signal.signal(signal.SIGINT, handlers[0])
        signal.signal(signal.SIGTERM, handlers[1])


def _report(preview: Preview, announce: Callable[[str], None], started: float) -> None:
    preview.rebuild()
    if preview.error:
        announce(preview.error)
    else:
        announce(f"Built in {time.perf_counter() - started:.2f} s")


async def _run(preview: Preview, own: OwnAddress, sockets: list[socket.socket],
               announce: Callable[[str], None]) -> None:
    server = tornado.httpserver.HTTPServer(make_app(preview, own))
    server.add_sockets(sockets)
    await watch(preview, reload_browsers, announce)
