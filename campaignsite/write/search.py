"""The search index: Pagefind's files for the pages of a build, made by Pagefind's extended binary.

Takes: every HTML page of the new site (`{relative path: content}`), the site's base path, and the
record of the previous build.
Gives: the index's files (`{"pagefind/…": bytes}`), which the write stage writes with the pages, so
that they are staged, swapped in (or journaled) and recorded like any other file: a failed index
leaves the old site. Pagefind runs as a service (`--service`: base64 JSON messages, each ended by a
comma, on its standard input and output) and is handed the pages from memory, so that an update that
stages only the changed pages can still index the whole site.

The index is one whole-site set of files: when no page changed since the previous build (by content),
the previous index is kept as it is; when any did, the whole site is indexed again.
Where Pagefind is: $CAMPAIGNSITE_PAGEFIND, else .tools/pagefind/ of the tool's folder (where
scripts/setup.sh installs it), else `pagefind_extended` or `pagefind` (npm's wrapper) on the PATH.
"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import Problem, SiteError
from ..load import Previous, content_digest
from ..render import RenderedSite

INDEX_FOLDER = "pagefind"  # in the site: pagefind/pagefind.js and the index's chunks
TOOL_FOLDER = Path(__file__).resolve().parents[2] / ".tools" / "pagefind"
BINARY = "node_modules/@pagefind/linux-x64/bin/pagefind_extended"
NOT_INDEXED = ("404.html",)
BODY_MARK = b"data-pagefind-body"  # file names of pages that are never results
ORDER_MARK = b'data-pagefind-sort="order:'  # the date order search.js sorts by (render/searchterms.py)
LAST_IN_ORDER = b'<span data-pagefind-sort="order:z"></span>'
CHINESE_PAGE = re.compile(r'<html[^>]*\slang="zh', re.IGNORECASE)
TERM_END = re.compile(r"(\S)\s*</dt>")  # the last thing a term shows (or its last tag's ">")
VALUE_END = re.compile(r"(\S)\s*</dd>")
PUNCTUATED = ".。!！?？:：;；"
CHINESE_BLOCK_END = re.compile(r"(?<=[\u4e00-\u9fff])\s*(</(?:p|h[1-6]|li|td|div)>)")
MISSING_HINT = ("run 'bash scripts/setup.sh' (it installs Pagefind 1.6.0 into .tools/pagefind), "
                "or build with --no-search for a site without search")


def find_pagefind() -> Path:
    """The Pagefind binary, or a `SiteError` saying how to install it."""
    configured = os.environ.get("CAMPAIGNSITE_PAGEFIND")
    candidates = [Path(configured)] if configured else [TOOL_FOLDER / BINARY]
    if not configured:  # the binary, or npm's wrapper that runs it (`npm install --global pagefind@1.6.0`)
        candidates += [Path(found) for name in ("pagefind_extended", "pagefind") if (found := shutil.which(name))]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise SiteError([Problem("search", message="Pagefind, which builds the search index, is not installed",
                             hint=MISSING_HINT)])


@dataclass(frozen=True)
class SearchIndex:
    """How this build indexes its pages: with which Pagefind, for a site published below which path."""

    binary: Path
    base_path: str = "/"

    def files(self, rendered: RenderedSite, previous: Previous | None) -> tuple[dict[str, bytes], dict[str, str]]:
        """The index's files: made anew (`{path: bytes}`) when a page changed, else the previous
        build's kept (`{path: its file}`, as `RenderedSite.reused`)."""
        kept = _kept_index(rendered, previous)
        if kept:
            return {}, kept
        made = indexed_pages(rendered.files)
        made.update(indexed_pages({relative: Path(source).read_bytes()
                                   for relative, source in rendered.reused.items() if relative.endswith(".html")}))
        return build_index(self.binary, for_index(made), self.base_path), {}


def _kept_index(rendered: RenderedSite, previous: Previous | None) -> dict[str, str]:
    """The previous index, when it is whole and no indexed page was added, removed or changed."""
    if previous is None:
        return {}
    before = set(indexed_pages(dict.fromkeys(previous.files, b"")))
    now = set(indexed_pages(dict.fromkeys([*rendered.files, *rendered.reused], b"")))
    index = [relative for relative in previous.files if is_index_file(relative)]
    if before != now or not index or not all(previous.unchanged(relative) for relative in index):
        return {}
    if any(not previous.unchanged(relative, content_digest(rendered.files[relative]))
           for relative in now if relative in rendered.files):
        return {}
    return {relative: str(previous.root / relative) for relative in index}


def is_index_file(relative: str) -> bool:
    return relative.startswith(INDEX_FOLDER + "/")


def indexed_pages(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The pages the index covers: every HTML page but those in `NOT_INDEXED`."""
    return {relative: data for relative, data in files.items()
            if relative.endswith(".html") and not is_index_file(relative)
            and relative.rsplit("/", 1)[-1] not in NOT_INDEXED}


def for_index(pages: Mapping[str, bytes]) -> dict[str, bytes]:
    """What Pagefind is handed: when the theme marks what to index (`data-pagefind-body`, on <main>), only the
    pages so marked, each cut to its <html> tag, <title> and <main>: Pagefind reads nothing else of them, and
    parsing the header, menu and footer of every page was a third of its time."""
    marked = {relative: data for relative, data in pages.items() if BODY_MARK in data}
    if not marked:
        return {relative: _in_order(in_sentences(data)) for relative, data in pages.items()}
    return {relative: _in_order(in_sentences(_cut(data))) for relative, data in marked.items()}


def in_sentences(page: bytes) -> bytes:
    """The page with punctuation that only the index reads, so that its excerpts read as sentences: a term of a
    definition list ends with a colon and its value with a full stop ("When: 1 September 2008. Status: Ended",
    not "When1 September 2008StatusEnded"); in Chinese, a block that ends with a character ends with 。 (where
    Pagefind would put an ASCII full stop)."""
    text = page.decode("utf-8")
    colon, stop = ("：", "。") if CHINESE_PAGE.search(text[:200]) else (": ", ". ")
    text = TERM_END.sub(lambda found: found.group(1) + ("" if found.group(1) in ":：" else colon) + "</dt>", text)
    text = VALUE_END.sub(lambda found: found.group(1) + ("" if found.group(1) in PUNCTUATED else stop) + "</dd>",
                         text)
    if colon == "：":
        text = CHINESE_BLOCK_END.sub(lambda found: "。" + found.group(1), text)
    return text.encode("utf-8")


def _in_order(page: bytes) -> bytes:
    """The page with a place in the results' date order: its own (an activity's, `order:a…` to `order:e`), else
    after every activity. Pagefind leaves out of sorted results every page without the key sorted by."""
    if ORDER_MARK in page:
        return page
    end = page.rfind(b"</main>")
    end = end if end >= 0 else page.rfind(b"</body>")
    return page if end < 0 else page[:end] + LAST_IN_ORDER + page[end:]


def _cut(page: bytes) -> bytes:
    html, main = page.find(b"<html"), page.find(b"<main")
    if html < 0 or main < 0 or BODY_MARK not in page[main:page.find(b">", main)]:
        return page  # marked elsewhere than on <main>: the whole page
    title = re.search(rb"<title>.*?</title>", page, re.DOTALL)
    end = page.rfind(b"</main>")
    return b"".join((page[html:page.index(b">", html) + 1], b"<head>", title.group(0) if title else b"",
                     b"</head><body>", page[main:end + len(b"</main>")], b"</body></html>"))


def build_index(binary: Path, pages: Mapping[str, bytes], base_path: str) -> dict[str, bytes]:
    """Index `pages` (relative output path -> HTML); gives the index files, below `pagefind/`."""
    messages: list[dict[str, Any]] = [{"type": "NewIndex", "config": {}}]
    messages += [{"type": "AddFile", "index_id": 0, "url": _url(relative, base_path),
                  "file_contents": data.decode("utf-8")} for relative, data in sorted(pages.items())]
    messages.append({"type": "GetFiles", "index_id": 0})
    files = _converse(binary, messages)[-1].get("files", [])
    return {f"{INDEX_FOLDER}/{item['path']}": base64.b64decode(item["content"]) for item in files}


def _url(relative: str, base_path: str) -> str:
    path = relative[:-len("index.html")] if relative.endswith("index.html") else relative
    return base_path.rstrip("/") + "/" + path


def _converse(binary: Path, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Send every message (the first's reply gives the index id the others use), read every reply."""
    try:
        process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)
    except OSError as exc:
        raise SiteError([Problem("search", message=f"Pagefind could not be run: {exc.strerror or exc}",
                                 hint=MISSING_HINT)]) from None
    assert process.stdin is not None and process.stdout is not None
    try:
        first = _exchange_one(process, 1, messages[0])
        index_id = first["index_id"]
        writer = threading.Thread(target=_send_all, args=(process.stdin, messages[1:], index_id), daemon=True)
        writer.start()
        replies = [first] + [_checked(reply) for reply in _read(process.stdout, len(messages) - 1)]
        writer.join()
        return replies
    except OSError:  # its end of the pipe closed
        raise _stopped() from None
    finally:
        process.kill()
        process.wait()


def _exchange_one(process: subprocess.Popen[bytes], number: int, payload: dict[str, Any]) -> dict[str, Any]:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(_encode(number, payload))
    process.stdin.flush()
    return _checked(next(_read(process.stdout, 1)))


def _send_all(stream: IO[bytes], messages: list[dict[str, Any]], index_id: int) -> None:
    try:
        for number, payload in enumerate(messages, start=2):
            stream.write(_encode(number, {**payload, "index_id": index_id}))
        stream.flush()
    except OSError:  # the service stopped; the reader reports it
        pass


def _encode(number: int, payload: dict[str, Any]) -> bytes:
    return base64.b64encode(json.dumps({"message_id": number, "payload": payload}).encode("utf-8")) + b","


def _read(stream: IO[bytes], count: int) -> Iterator[dict[str, Any]]:
    """`count` replies, in order of their message numbers."""
    pending = b""
    replies: dict[int, dict[str, Any]] = {}
    while len(replies) < count:
        chunk = stream.read1(1 << 20)  # type: ignore[attr-defined]
        if not chunk:
            raise _stopped()
        *complete, pending = (pending + chunk).split(b",")
        for message in complete:
            reply = json.loads(base64.b64decode(message))
            replies[reply.get("message_id", -1)] = reply["payload"]
    yield from (replies[number] for number in sorted(replies))


def _stopped() -> SiteError:
    return SiteError([Problem("search", message="Pagefind stopped before the index was made",
                              hint="build again; if it fails again, reinstall it with 'bash scripts/setup.sh'")])


def _checked(payload: dict[str, Any]) -> dict[str, Any]:
    if payload.get("type") == "Error":
        raise SiteError([Problem("search", message=f"Pagefind could not index the site: {payload.get('message')}",
                                 hint="report it with the page named above")])
    return payload
