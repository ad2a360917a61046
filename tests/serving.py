"""Starting and stopping `build.py serve` in tests, and talking to its live-reload channel."""
from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import REPO


@contextmanager
def serving(site: Path, *extra: str, start_seconds: float = 30):
    """Run the preview server on a free port; yields (process, base URL); always stops it. The server says where it
    listens after its first build: a large site's takes longer than `start_seconds`' default."""
    process = subprocess.Popen([sys.executable, "-u", str(REPO / "build.py"), "serve", "--site", str(site),
                                "--port", "0", *extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = None
        deadline = time.monotonic() + start_seconds
        while base is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            match = re.search(r" at (http://127\.0\.0\.1:\d+/) ", line)
            if match:
                base = match.group(1)
        assert base, "the server did not say where it listens"
        yield process, base
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.stdout.close()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", errors="replace")  # images too
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(predicate, timeout: float = 10.0, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


class ReloadChannel:
    """A live-reload client: does the handshake, then collects the server's messages.

    It runs its own event loop in a thread, so it works beside Playwright's (which keeps one
    running in the main thread)."""

    def __init__(self, base: str) -> None:
        self.url = base.replace("http://", "ws://") + "livereload"
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.connection = self._call(self._connect(base), 10)

    def _call(self, coroutine, timeout: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout + 1)

    async def _connect(self, base: str):
        from tornado.websocket import websocket_connect
        connection = await websocket_connect(self.url)
        await connection.write_message(json.dumps({"command": "hello", "protocols": [
            "http://livereload.com/protocols/official-7"]}))
        hello = json.loads(await connection.read_message())
        assert hello["command"] == "hello"
        await connection.write_message(json.dumps({"command": "info", "url": base, "plugins": {}}))
        return connection

    def next_message(self, timeout: float = 10.0) -> dict | None:
        async def read():
            try:
                text = await asyncio.wait_for(self.connection.read_message(), timeout)
            except TimeoutError:
                return None
            return json.loads(text) if text else None
        return self._call(read(), timeout)

    def close(self) -> None:
        async def close():
            self.connection.close()
            await asyncio.sleep(0.05)
        self._call(close(), 5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


def preview_dirs() -> set[str]:
    import tempfile
    return {name for name in os.listdir(tempfile.gettempdir()) if name.startswith("campaignsite-preview-")}
