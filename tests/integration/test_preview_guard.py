"""The preview answers only at its own address and its live-reload socket only to its own pages, and passes over
garbage in silence (issue 20 §8): a real server on 127.0.0.1."""
from __future__ import annotations

import asyncio
import http.client
import json
import signal
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from tests.helpers import copy_fixture
from tests.serving import serving

T = TypeVar("T")
HELLO = json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]})


def run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine in a thread of its own: the browser tests' Playwright keeps an event loop running in
    this one when the whole suite runs in one process."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def get(base: str, host: str, path: str = "/") -> tuple[int, str]:
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


def socket_status(base: str, headers: dict[str, str]) -> int:
    """101 when the socket opens with these headers, else the status the server refused it with."""
    async def attempt() -> int:
        request = HTTPRequest(base.replace("http://", "ws://") + "livereload", headers=headers)
        try:
            connection = await websocket_connect(request)
        except HTTPClientError as error:
            return error.code
        connection.close()
        return 101
    return run_apart(attempt())


def stop(process) -> str:
    """Stop the server with Ctrl-C and give all it printed."""
    process.send_signal(signal.SIGINT)
    return process.communicate(timeout=10)[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return copy_fixture("reading-festival", tmp_path_factory.mktemp("guard"))


def test_pages_and_the_socket_refuse_a_host_header_that_is_not_the_previews_address(site):
    with serving(site) as (process, base):
        port = urlsplit(base).port
        for own in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
            assert get(base, own, "/en/slogans/")[0] == 200, own
            assert get(base, own, "/livereload.js")[0] == 200, own
        for other in (f"attacker.example:{port}", "127.0.0.1", f"127.0.0.1:{port + 1}", f"127.0.0.1.evil.example:{port}",
                      f"10.0.0.5:{port}", ""):
            assert get(base, other, "/en/slogans/") == (
                421, f"This preview answers only at its own address, such as http://127.0.0.1:{port}/\n"), other
            assert get(base, other, "/livereload.js")[0] == 421
        assert socket_status(base, {"Host": f"attacker.example:{port}"}) == 421
        assert socket_status(base, {"Host": f"localhost:{port}", "Origin": f"http://localhost:{port}"}) == 101
        assert "Traceback" not in stop(process)


def test_the_socket_opens_only_for_the_previews_own_pages(site):
    with serving(site) as (process, base):
        port = urlsplit(base).port
        for own in (f"http://127.0.0.1:{port}", f"http://localhost:{port}", f"http://[::1]:{port}"):
            assert socket_status(base, {"Origin": own}) == 101, own
        for other in ("http://attacker.example", f"http://attacker.example:{port}", "null",
                      f"http://127.0.0.1:{port + 1}", "file://"):
            assert socket_status(base, {"Origin": other}) == 403, other
        assert "Traceback" not in stop(process)


def test_garbage_on_the_socket_is_passed_over_in_silence_and_the_protocol_still_works(site):
    async def talk(base: str) -> dict:
        connection = await websocket_connect(base.replace("http://", "ws://") + "livereload")
        for garbage in ("[1,2,3]", "null", "42", '"hello"', "{", '{"command": 5}', '{"command": "info"}',
                        '{"command": "info", "url": 7}', "[" * 100_000 + "]" * 100_000, "{}" * 3):
            await connection.write_message(garbage)
        await connection.write_message(b"\xff\xfe\x00bad", binary=True)
        await connection.write_message(b'{"command": "hello"}', binary=True)
        answer = json.loads(await asyncio.wait_for(connection.read_message(), 10))
        await connection.write_message(HELLO)
        again = json.loads(await asyncio.wait_for(connection.read_message(), 10))
        assert again == answer
        connection.close()
        return answer

    with serving(site) as (process, base):
        assert run_apart(talk(base))["command"] == "hello"
        printed = stop(process)
    assert "Traceback" not in printed and "Error" not in printed, printed
