"""Converted Markdown's images and documents as a page shows them.

Takes: the sanitised HTML of a Markdown text (links still written as paths of the site, before `site_links`),
the build's `Media` and, for documents, a way to word a type and a size in the page's language.
Gives: the same HTML where each `<img>` of an image under /images/ is the `<picture>` of its published variants
(`images.picture_html`: srcset, sizes, width and height; lazy unless it is the page's first image; alone in its
paragraph, in a `<figure>` with its title as the `<figcaption>`), each link to such an image leads to its widest
JPEG (the original, with its metadata, is not published), and where each link to a document under /files/
says the document's type and size inside the link (`报名表（DOCX，24 KB）`), so a screen reader hears them with the
link's name. The links stay paths of the site: `site_links` then makes them addresses (srcset too).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from html import escape, unescape
from urllib.parse import unquote

from ..images import picture_html
from ..validate.media import DECORATIVE, Media

Label = Callable[[str, str], str]  # (type, size) -> " (DOCX, 24 KB)" in the page's language

_PARAGRAPH_IMAGE = re.compile(r"<p>\s*(<img\s[^<>]*>)\s*</p>|(<img\s[^<>]*>)")
_ATTRIBUTE = re.compile(r'([a-z]+)="([^"]*)"')
_IMAGE_LINK = re.compile(r'(<a href=")(/images/[^"]+)(")')
_DOWNLOAD = re.compile(r'(<a href="(/files/[^"]+)">)(.*?)(</a>)', re.DOTALL)


class FirstImage:
    """Whether a page has shown an image yet: its first is loaded at once (it is likely on the first screen)."""

    def __init__(self) -> None:
        self.shown = False

    def take(self) -> bool:
        first, self.shown = not self.shown, True
        return first


def show_media(html: str, media: Media, first: FirstImage | None = None, label: Label | None = None) -> str:
    """`html` with its images as pictures and, given `label`, its documents' links saying type and size."""
    if media.pictures and "<img" in html:
        html = _PARAGRAPH_IMAGE.sub(lambda match: _picture(match, media, first or FirstImage()), html)
    if media.pictures and 'href="/images/' in html:
        html = _IMAGE_LINK.sub(lambda match: _largest(match, media), html)
    if label is not None and media.downloads and 'href="/files/' in html:
        html = _DOWNLOAD.sub(lambda match: _download(match, media, label), html)
    return html


def _picture(match: re.Match[str], media: Media, first: FirstImage) -> str:
    alone = match.group(1) is not None
    tag = match.group(1) or match.group(2)
    attributes = {name: unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
    shown = media.pictures.get(unquote(attributes.get("src", "")))
    if shown is None:
        return match.group(0)
    title = attributes.get("title", "").strip()
    decorative = not attributes.get("alt", "").strip() and title == DECORATIVE
    html = picture_html(shown, "" if decorative else attributes.get("alt", ""), decorative=decorative,
                        caption="" if decorative or not alone else title, eager=first.take())
    return html if alone and html.startswith("<figure>") else (f"<p>{html}</p>" if alone else html)


def _largest(match: re.Match[str], media: Media) -> str:
    """A link to an image shown as a picture leads to its widest JPEG: the original is not published."""
    shown = media.pictures.get(unquote(unescape(match.group(2))))
    if shown is None or not shown.of_format("jpg"):
        return match.group(0)
    return f"{match.group(1)}/{max(shown.of_format('jpg'), key=lambda file: file.width).path}{match.group(3)}"


def _download(match: re.Match[str], media: Media, label: Label) -> str:
    found = media.downloads.get(unquote(unescape(match.group(2))))
    if found is None:
        return match.group(0)
    kind, size = found
    return f"{match.group(1)}{match.group(3)}{escape(label(kind, file_size(size)))}{match.group(4)}"


def file_size(size: int) -> str:
    """A document's size as a reader judges a download: `24 KB`, `1.5 MB` (at least 1 KB)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.1f} MB" if megabytes < 10 else f"{round(megabytes)} MB"
