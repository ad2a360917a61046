"""Why a translator's English is refused: it breaks what the Chinese's Markdown holds, or it holds control characters.

Takes: a unit's Chinese source and English target, and whether the field is Markdown.
Gives: the reasons to refuse the target, each one line (none: it may be imported). A Markdown target must link to
the same addresses as its source, show the same images and keep the same code spans and code blocks (each as
many times; their order may change with the language); links and images are read in every Markdown form
(inline, reference, autolink) and as raw HTML (`href`, `src`), and never inside code.
"""
from __future__ import annotations

import re
from collections import Counter

from ..load.yamldoc import forbidden_character, visible

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[^\n]*\n(?P<code>.*?)^ {0,3}(?P=fence)[`~]*[ \t]*$",
                    re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<code>.+?)(?<!`)(?P=ticks)(?!`)", re.DOTALL)
_TARGET = r"\(\s*(?P<url><[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
_IMAGE = re.compile(r"!\[(?P<alt>(?:[^\[\]]|\[[^\]]*\])*)\]" + _TARGET)
_LINK = re.compile(r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]" + _TARGET)
_REF_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\[(?P<ref>[^\]]*)\]")
_REF_LINK = re.compile(r"(?<![!\]])\[(?P<text>[^\]]*)\]\[(?P<ref>[^\]]*)\]")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<ref>[^\]]+)\]:\s*(?P<url><[^>\n]*>|\S+)", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?P<url>(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)|(?:[^\s<>@]+@[^\s<>@]+))>")
_HTML_HREF = re.compile(r"<a\b[^>]*?\bhref\s*=\s*(?:\"(?P<q>[^\"]*)\"|'(?P<s>[^']*)'|(?P<u>[^\s>]+))", re.IGNORECASE)
_HTML_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(?:\"(?P<q>[^\"]*)\"|'(?P<s>[^']*)'|(?P<u>[^\s>]+))", re.IGNORECASE)


def refusals(source: str, target: str, markdown: bool) -> list[str]:
    """Why `target` may not be the English of `source` (nothing when it may)."""
    reasons = []
    if (found := forbidden_character(target)) is not None:
        reasons.append(f"the English holds a control character, {found[1]}")
    if markdown:
        before, after = _parts(source), _parts(target)
        for what in ("links", "images", "code"):
            if before[what] != after[what]:
                reasons.append(_differs(what, before[what], after[what]))
    return reasons


def _parts(text: str) -> dict[str, Counter[str]]:
    """A Markdown text's code (spans and blocks), link targets and image sources, each counted."""
    code: Counter[str] = Counter()
    for found in _FENCE.finditer(text):
        code[found.group("code")] += 1
    text = _FENCE.sub("\n", text)
    for found in _CODE_SPAN.finditer(text):
        code[found.group("code").strip(" ")] += 1
    text = _CODE_SPAN.sub(" ", text)
    refs = {_label(found.group("ref")): _url(found.group("url")) for found in _DEFINITION.finditer(text)}
    images = Counter(_url(found.group("url")) for found in _IMAGE.finditer(text))
    images.update(refs.get(_label(found.group("ref") or found.group("alt")), "?")
                  for found in _REF_IMAGE.finditer(text))
    images.update(_html(found) for found in _HTML_SRC.finditer(text))
    without_images = _REF_IMAGE.sub(" ", _IMAGE.sub(" ", text))
    links = Counter(_url(found.group("url")) for found in _LINK.finditer(without_images))
    links.update(refs.get(_label(found.group("ref") or found.group("text")), "?")
                 for found in _REF_LINK.finditer(without_images))
    links.update(found.group("url") for found in _AUTOLINK.finditer(without_images))
    links.update(_html(found) for found in _HTML_HREF.finditer(without_images))
    return {"links": links, "images": images, "code": code}


def _label(ref: str) -> str:
    return " ".join(ref.split()).casefold()


def _url(url: str) -> str:
    return url[1:-1] if url.startswith("<") and url.endswith(">") else url


def _html(found: re.Match[str]) -> str:
    return found.group("q") or found.group("s") or found.group("u") or ""


def _differs(what: str, before: Counter[str], after: Counter[str]) -> str:
    """One line saying how the English's links, images or code differ from the Chinese's."""
    lost, added = sorted((before - after).elements()), sorted((after - before).elements())
    said = ([f"missing {_listed(lost, what == 'code')}"] if lost else []) + \
        ([f"added {_listed(added, what == 'code')}"] if added else [])
    noun = {"links": "links", "images": "images", "code": "code spans"}[what]
    return f"the English's {noun} differ from the Chinese's: " + "; ".join(said)


def _listed(items: list[str], code: bool) -> str:
    shown = [f"`{visible(item, 40)}`" if code else visible(item, 60) for item in items[:3]]
    return ", ".join(shown) + (f" and {len(items) - 3} more" if len(items) > 3 else "")
