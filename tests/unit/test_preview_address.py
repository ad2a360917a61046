"""Which Host headers and Origins the preview answers (commands.preview.OwnAddress), and which socket messages it
reads (protocol_message)."""
from __future__ import annotations

import pytest

from campaignsite.commands.previewaccess import OwnAddress, protocol_message


@pytest.mark.parametrize("host, allowed, refused", [
    ("127.0.0.1", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LocalHost:8000"],
     ["127.0.0.1:8001", "127.0.0.1", "evil.example:8000", "192.168.1.5:8000", "localhost.evil.example:8000",
      "127.0.0.1:08000x", "[::1]x:8000", ":8000"]),
    ("::1", ["[::1]:8000", "127.0.0.1:8000"], ["::1:8000", "[::2]:8000"]),
    ("0.0.0.0", ["192.168.1.5:8000", "[fe80::1]:8000", "localhost:8000"], ["raspberry.local:8000", "192.168.1.5:80"]),
    ("", ["10.0.0.2:8000"], ["evil.example:8000"]),
    ("preview.lan", ["preview.lan:8000", "127.0.0.1:8000"], ["192.168.1.5:8000", "evil.example:8000"]),
])
def test_the_preview_answers_only_at_its_own_address(host, allowed, refused):
    own = OwnAddress(host, 8000)
    assert [value for value in allowed if not own.allows_host(value)] == []
    assert [value for value in refused if own.allows_host(value)] == []


def test_on_port_80_a_host_without_a_port_is_the_preview_too():
    assert OwnAddress("127.0.0.1", 80).allows_host("localhost")
    assert not OwnAddress("127.0.0.1", 8000).allows_host("localhost")


def test_only_the_previews_own_pages_may_open_its_socket():
    own = OwnAddress("127.0.0.1", 8000)
    assert own.allows_origin("http://127.0.0.1:8000") and own.allows_origin("http://localhost:8000")
    for origin in ("null", "http://evil.example:8000", "https://evil.example", "http://127.0.0.1:8001",
                   "http://127.0.0.1:8000/x", "file://", ""):
        assert not own.allows_origin(origin), origin


@pytest.mark.parametrize("message", ["[1,2,3]", "null", "42", "{", b"\xff\xfe", "[" * 100_000 + "]" * 100_000,
                                     '{"command": 5}', '{"command": "reload"}', '{"command": "info"}',
                                     '{"command": "info", "url": ["x"]}', "{}"])
def test_anything_but_the_protocols_messages_is_passed_over(message):
    assert protocol_message(message) is None


def test_the_protocols_messages_are_read_with_nothing_else():
    assert protocol_message('{"command": "hello", "protocols": ["x"]}') == {"command": "hello"}
    assert protocol_message(b'{"command": "info", "url": "http://127.0.0.1:8000/", "plugins": {}}') == {
        "command": "info", "url": "http://127.0.0.1:8000/"}
