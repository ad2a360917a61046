"""Internal links of a rendered site: every href and src must lead to a file that is built, and
every #anchor to an id on the page it names.

Takes: the rendered pages (`{output path: HTML}`), the other output paths (assets), and the base
URL's path.
Gives: a `Problem` per broken link (the page, the link, what is missing) and the count of links checked.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from .errors import Problem

_LINK_ATTRIBUTES = {"href", "src"}


@dataclass
class _PageLinks:
    links: list[tuple[int, str]] = field(default_factory=list)  # (line, url)
    ids: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = _PageLinks()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.found.ids.add(value)
            elif name in _LINK_ATTRIBUTES and value is not None:
                self.found.links.append((self.getpos()[0], value))

    handle_startendtag = handle_starttag


def collect(html: str) -> _PageLinks:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.found


def check_links(pages: dict[str, str], other_files: set[str], base_path: str) -> tuple[list[Problem], int]:
    """Every broken internal link in `pages`, and how many links were checked."""
    parsed = {path: collect(html) for path, html in pages.items()}
    problems: list[Problem] = []
    checked = 0
    for page_path, found in sorted(parsed.items()):
        for line, url in found.links:
            checked += 1
            problem = _check_one(page_path, url, parsed, other_files, base_path)
            if problem:
                problems.append(Problem(f"output/{page_path}", line, 0, "", problem,
                                        "check the slug or the template that makes this link"))
    return problems, checked


def _check_one(page_path: str, url: str, parsed: dict[str, _PageLinks], other_files: set[str],
               base_path: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None  # external: http(s), mailto; not ours to check
    if not parts.path:
        target = page_path
    elif parts.path.startswith("/"):
        if not parts.path.startswith(base_path):
            return f"the link {url} leads outside the site's base path {base_path}"
        target = unquote(parts.path[len(base_path):])
    else:
        return f"the link {url} is relative; links must be root-relative"
    if target == "" or target.endswith("/"):
        target += "index.html"
    if target not in parsed and target not in other_files:
        return f"the link {url} leads to {target}, which is not built"
    if parts.fragment and target in parsed and unquote(parts.fragment) not in parsed[target].ids:
        return f"the link {url} names the anchor #{parts.fragment}, which is not on {target}"
    return None
