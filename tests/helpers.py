"""Helpers shared by the tests: building a campaign into a folder and reading the HTML it gives."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def run_build(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python build.py ARGS` in a fresh process, as an author runs it."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=120)


def copy_fixture(name: str, into: Path) -> Path:
    target = into / name
    shutil.copytree(FIXTURES / name, target)
    return target


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    lang: str  # the language in force on this element


@dataclass
class Html:
    """What the tests read off a page: its elements, and its text with the language of each piece."""

    elements: list[Element] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)  # (language in force, text)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v
                                                                  for k, v in attrs.items())]

    def text(self) -> str:
        return "".join(text for _, text in self.texts)

    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.elements if "id" in e.attrs}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Html()
        self.stack: list[tuple[str, str]] = []
        self.skip = 0

    def _lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        lang = attrs.get("lang", self._lang())
        self.page.elements.append(Element(tag, attrs, lang))
        if tag in ("script", "style"):
            self.skip += 1
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_startendtag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.page.elements.append(Element(tag, attrs, attrs.get("lang", self._lang())))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.skip:
            self.page.texts.append((self._lang(), data))


def parse_html(text: str) -> Html:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.page


def read_page(root: Path, relative: str) -> Html:
    return parse_html((root / relative).read_text(encoding="utf-8"))


def html_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


def squash(text: str) -> str:
    """Text without any whitespace, so that layout does not matter when comparing wording."""
    return re.sub(r"[\s\u3000]+", "", text)
