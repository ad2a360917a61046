"""The preview server's pure pieces: which file a request names, where a folder redirects, the
address it prints, and the warning when other computers can reach it."""
from __future__ import annotations

import argparse
import signal
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from campaignsite.commands import preview
from campaignsite.commands.preview import exposure_warning, folder_redirect, resolve, site_url
from campaignsite.commands.serve import run_serve

LONG = "a" * 256  # one byte over the longest name Linux and macOS allow


@pytest.fixture
def root(tmp_path) -> Path:
    site = tmp_path / "site"
    for folder in ("en", "en/activities/book-fair", "with space"):
        (site / folder).mkdir(parents=True)
        (site / folder / "index.html").write_text("x")
    (site / "index.html").write_text("x")
    (site / "empty").mkdir()
    return site


# --- resolve --------------------------------------------------------------------------------------------------

def test_a_page_and_a_folder_with_its_slash_resolve_to_their_files(root):
    assert resolve(root, "") == root / "index.html"
    assert resolve(root, "en/") == root / "en" / "index.html"
    assert resolve(root, "en/activities/book-fair/index.html") == root / "en/activities/book-fair/index.html"


@pytest.mark.parametrize("path", [LONG, f"en/{LONG}", f"{LONG}/", f"en/{LONG}/index.html", "é" * 128,
                                  "/".join(["abcdefgh"] * 600)])  # 5,400 bytes: over the 4,096 of a whole path
def test_a_name_the_system_refuses_is_no_page(root, path):
    assert resolve(root, path) is None


def test_an_absolute_path_is_no_page_even_inside_the_site(root):
    # `//tmp/…/site/en/` reaches the handler as `/tmp/…/site/en/`, which joined to the root is itself
    assert resolve(root, str(root / "en") + "/") is None
    assert resolve(root, "/en/") is None
    assert resolve(root, "/") is None


@pytest.mark.parametrize("path", ["../site/index.html", "en/../index.html", "./index.html", "en\\index.html",
                                  "en/\x00", "\\\\evil.example/"])
def test_dot_segments_backslashes_and_nul_are_no_page(root, path):
    assert resolve(root, path) is None


# --- the redirect of a folder without its slash -----------------------------------------------------------------

@pytest.mark.parametrize("path, location", [("en", "/en/"), ("en/activities/book-fair", "/en/activities/book-fair/"),
                                            ("with space", "/with%20space/")])
def test_a_folder_without_its_slash_redirects_to_the_folder_on_this_site(root, path, location):
    assert folder_redirect(root, path) == location


@pytest.mark.parametrize("path", ["", "en/", "empty", "missing", "index.html", LONG, f"en/{LONG}",
                                  "/tmp/site/en", "/en", "//evil.example", "/\\evil.example",
                                  "\\evil.example", "\\\\evil.example", "en/../en"])
def test_nothing_else_redirects(root, path):
    assert folder_redirect(root, path) is None


def test_an_absolute_path_to_a_folder_inside_the_site_does_not_redirect(root):
    assert folder_redirect(root, str(root / "en")) is None  # was `Location: //tmp/…/site/en/`, another host


# --- the address and the warning --------------------------------------------------------------------------------

@pytest.mark.parametrize("host, port, url", [
    ("127.0.0.1", 8000, "http://127.0.0.1:8000/"), ("localhost", 8000, "http://localhost:8000/"),
    ("0.0.0.0", 8000, "http://0.0.0.0:8000/"), ("::", 8000, "http://[::]:8000/"), ("::1", 4321, "http://[::1]:4321/"),
    ("fe80::1%eth0", 80, "http://[fe80::1%25eth0]:80/"), ("192.168.1.5", 8080, "http://192.168.1.5:8080/")])
def test_the_address_brackets_an_ipv6_host(host, port, url):
    assert site_url(host, port) == url


@pytest.mark.parametrize("host, addresses", [("127.0.0.1", ["127.0.0.1"]), ("localhost", ["127.0.0.1", "::1"]),
                                             ("::1", ["::1"]), ("127.0.0.2", ["127.0.0.2"])])
def test_a_preview_kept_to_this_computer_says_nothing(host, addresses):
    assert exposure_warning(host, addresses) is None


EVERY = ("warning: the preview is reachable from the network: it listens on every network interface — "
         "leave out --host to keep it to this computer (127.0.0.1)")


@pytest.mark.parametrize("host, addresses, line", [
    ("0.0.0.0", ["0.0.0.0"], "--host 0.0.0.0: " + EVERY),
    ("::", ["::"], "--host ::: " + EVERY),
    ("", ["0.0.0.0", "::"], "--host '': " + EVERY),
    ("192.168.1.5", ["192.168.1.5"], "--host 192.168.1.5: warning: the preview is reachable from the network: it "
                                     "listens on 192.168.1.5 — leave out --host to keep it to this computer (127.0.0.1)"),
    ("box", ["127.0.1.1", "10.0.0.7"], "--host box: warning: the preview is reachable from the network: it listens "
                                       "on 10.0.0.7 — leave out --host to keep it to this computer (127.0.0.1)")])
def test_a_preview_other_computers_can_reach_is_one_warning_line(host, addresses, line):
    assert exposure_warning(host, addresses) == line
    assert "\n" not in line


class Bound:
    """A socket as `bind` gives it, without listening anywhere."""

    def __init__(self, address: str, port: int) -> None:
        self.name = (address, port) if ":" not in address else (address, port, 0, 0)

    def getsockname(self):
        return self.name

    def close(self) -> None:
        pass


@pytest.mark.parametrize("host, url, warned", [("0.0.0.0", "http://0.0.0.0:8123/", True),
                                               ("::", "http://[::]:8123/", True),
                                               ("127.0.0.1", "http://127.0.0.1:8123/", False)])
def test_serve_warns_on_stderr_and_prints_the_address(monkeypatch, capsys, tmp_path, host, url, warned):
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # serve's SIGTERM handler stays out of pytest
    monkeypatch.setattr(preview, "bind", lambda host, port: [Bound(host, 8123)])
    monkeypatch.setattr(preview, "_report", lambda *args: None)

    async def stopped(*args):
        raise KeyboardInterrupt
    monkeypatch.setattr(preview, "_run", stopped)
    args = argparse.Namespace(site=tmp_path, debounce_ms=20, host=host, port=0, open=False,
                              allow_missing_translations=False)
    # in a thread of its own: a browser test's event loop may still run in this one, and serve starts its own
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(run_serve, args).result(timeout=30) == 0
    out, err = capsys.readouterr()
    assert out == f"Previewing {tmp_path} at {url} (中文) and {url}en/ (English). Ctrl-C stops.\n"
    assert err == (f"--host {host}: {EVERY}\n" if warned else "")
