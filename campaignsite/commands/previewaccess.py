"""Who may ask the preview for anything: its own address only, and for the live-reload socket its own pages.

Takes: the host the preview was bound to and its port; each request's Host header, a socket's Origin, the
socket's messages.
Gives: `OwnAddress` (which Host headers and Origins are the preview's), the tornado handlers' common guard
(`OwnAddressOnly`: 421 and one line for a request naming another host), the live-reload socket and script
behind it (`ReloadSocket`, `ReloadScript`), `protocol_message` and `site_url`.

Why: a page of another site whose name was pointed at 127.0.0.1 ("DNS rebinding") is, to the browser, of that
site, and could read the preview's pages and socket; its requests carry its own name in their Host header and
Origin, which are refused here. The socket reads only the protocol's two messages (`hello`, `info`) and passes
over anything else in silence: text that is not JSON, JSON that is not an object, bad UTF-8, nesting too deep.
"""
from __future__ import annotations

import ipaddress
import json
import urllib.parse
from dataclasses import dataclass

import tornado.web
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler


def site_url(host: str, port: int) -> str:
    """The preview's address: an IPv6 address in brackets (RFC 3986), its zone's '%' escaped (RFC 6874)."""
    if ":" in host:
        host = "[" + host.replace("%", "%25") + "]"
    return f"http://{host}:{port}/"


@dataclass(frozen=True)
class OwnAddress:
    """The addresses the preview answers at: 127.0.0.1, localhost and [::1] at its port, and the host it was
    bound to; when bound to every interface (0.0.0.0, ::), any IP address at its port too (a phone on the same
    network uses the computer's; a name, which a page of another site could have pointed here, is refused)."""

    host: str
    port: int

    def allows_host(self, value: str) -> bool:
        """Whether a Host header (`127.0.0.1:8000`, `[::1]:8000`, `localhost` on port 80) names this preview."""
        name, port = _split_host(value.strip().lower())
        if port != self.port or not name:
            return False
        own = {"127.0.0.1", "localhost", "::1", urllib.parse.urlsplit(site_url(self.host, self.port)).hostname}
        if name in own:
            return True
        return self._every_interface() and _is_ip(name)

    def allows_origin(self, origin: str) -> bool:
        """Whether a page at `origin` (`http://127.0.0.1:8000`) is one of the preview's own."""
        return origin.startswith("http://") and "/" not in origin[7:] and self.allows_host(origin[7:])

    def _every_interface(self) -> bool:
        return not self.host or (_is_ip(self.host) and ipaddress.ip_address(self.host).is_unspecified)


def _split_host(value: str) -> tuple[str, int | None]:
    """'host:port' -> ('host', port); '[::1]:80' -> ('::1', 80); without a port, 80 (HTTP's)."""
    if value.startswith("["):
        name, _, rest = value[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ("" if not rest else "x")
    else:
        name, _, port_text = value.partition(":")
    if not port_text:
        return name, 80
    return (name, int(port_text)) if port_text.isdigit() and len(port_text) <= 5 else ("", None)


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


MISDIRECTED = "This preview answers only at its own address, such as {url}\n"


class OwnAddressOnly(tornado.web.RequestHandler):
    """A handler that answers only requests whose Host header names the preview (421 and one line otherwise)."""

    own: OwnAddress

    def prepare(self) -> None:
        if not self.own.allows_host(self.request.host):
            self.set_status(421)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(MISDIRECTED.format(url=site_url(self.own.host or "127.0.0.1", self.own.port)))


class ReloadSocket(OwnAddressOnly, LiveReloadHandler):
    """The package's live-reload socket, opened from the preview's own pages only, deaf to all but its protocol."""

    def initialize(self, own: OwnAddress) -> None:
        self.own = own

    def check_origin(self, origin: str) -> bool:
        return self.own.allows_origin(origin)

    def on_message(self, message: str | bytes) -> None:
        command = protocol_message(message)
        if command is not None:
            super().on_message(json.dumps(command))


class ReloadScript(OwnAddressOnly, LiveReloadJSHandler):
    def initialize(self, own: OwnAddress) -> None:
        self.own = own


def protocol_message(message: str | bytes) -> dict | None:
    """A live-reload message as the package reads it (an object whose `command` is `hello`, or `info` with its
    `url`), or None for anything else."""
    try:
        text = message.decode("utf-8") if isinstance(message, bytes) else message
        found = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(found, dict) or found.get("command") not in ("hello", "info"):
        return None
    if found["command"] == "info" and not isinstance(found.get("url"), str):
        return None
    return {"command": found["command"], **({"url": found["url"]} if found["command"] == "info" else {})}
