"""Photos and documents written in Markdown: their alternative text, their files, what the pages show of them.

Takes: the campaign's Markdown texts (`MarkdownText`, each reporting at its line and column), the site's
`SitePaths`, and `MediaFiles` (where the files are, the image cache, how many workers may process images).
Gives: `Media`: each image used as `![alt](/images/NAME "caption")` processed into its published variants
(`images.Picture`), and each document linked as `[text](/files/NAME)` with its type and size; every problem
reported where the image or the document is used: an image without alternative text, an image that cannot be
published (corrupt, unsupported, SVG, over the pixel limit), a document of a type not published for download, and
a picture from another site (`![x](https://host/x.png)`, `//host/x.png`, or raw HTML's `<img src=…>`, even over
several lines): nothing a page shows loads from another host, which would learn who reads the page and could
change the picture at any time; a picture at an address of another kind (`data:`, `file:`) is refused too (the
sanitiser would leave it empty). Links to other sites stay allowed.

Alternative text is required in every language's text. An image that only decorates (adds nothing a reader
would miss) says so explicitly with the title `decorative` and no alternative text: `![](/images/x.jpg
"decorative")`; its `alt` is then empty, so screen readers pass over it. Each distinct image is processed once
per build, through the cache (an image whose bytes did not change is never processed again).
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import Problem
from ..images import Encoded, ImageCache, Picture, at_reference, picture, process_all, read_image
from ..load import Within
from .mdlinks import CODE_SPAN, MarkdownText, Report, find_links, prose_lines
from .sitepaths import SitePaths, parse_link

DECORATIVE = "decorative"  # the title that marks an image without alternative text as intended
DOWNLOAD_TYPES = ("PDF", "OFD", "DOC", "DOCX", "WPS", "XLS", "XLSX", "ET", "PPT", "PPTX", "ODT", "ZIP")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.)+))(?:\s+\"([^\"\n]*)\")?\s*\)")

Use = tuple[Report, int, int]  # where an image is used: how to report a problem there, its line and column

_HTML_IMAGE = re.compile(r"""<img\b[^<>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`=]+))""", re.IGNORECASE)
_SAVE_IT = "save the picture into content/images/ and link that: ![what it shows](/images/NAME.jpg)"
_REFERENCE_IMAGE = re.compile(r"!\[([^\]\n]*)\]\[([^\]\n]*)\]")
_DEFINITION = re.compile(r" {0,3}\[([^\]\n]+)\]:\s*<?([^\s<>]+)>?(?:\s+\"([^\"\n]*)\")?\s*$")


@dataclass(frozen=True)
class MediaFiles:
    """Where an image's or a document's file is read from, and what processes the images."""

    site_dir: Path
    roots: Within
    cache: ImageCache
    workers: int = 1

    def path(self, site_path: str) -> Path:
        return self.site_dir / "content" / site_path.lstrip("/")


@dataclass(frozen=True)
class Media:
    """The pictures by the site path authors write (`/images/x.jpg`), their files' bytes left out (a page needs
    their names and sizes; the names' hashes stand for the bytes); the documents by theirs (`/files/x.pdf`), each
    with its type (`DOCX`) and size in bytes; and the variants to write, by their path in the output folder."""

    pictures: dict[str, Picture] = field(default_factory=dict)
    downloads: dict[str, tuple[str, int]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)

    def shown(self) -> Media:
        """What pages show of these: the same without the variants' bytes (a page's fingerprint digests it)."""
        return Media(self.pictures, self.downloads)


def find_images(text: str) -> list[tuple[int, int, str, str, str]]:
    """Every image written in `text` as (line, column of the `!`, alt, address, title), none in code; an image
    written `![alt][name]` is found with the address and title of its definition `[name]: address "title"`."""
    if "![" not in text:
        return []
    found, references = [], []
    lines = [(number, CODE_SPAN.sub(lambda span: " " * len(span.group()), line) if "`" in line else line)
             for number, line in prose_lines(text)]
    definitions = {match.group(1).lower(): (match.group(2), match.group(3) or "") for _, line in lines
                   if (match := _DEFINITION.match(line))}
    for number, line in lines:
        for match in _IMAGE.finditer(line):
            address = match.group(2) if match.group(2) is not None else match.group(3)
            found.append((number, match.start() + 1, match.group(1), address, match.group(4) or ""))
        references += [(number, match.start() + 1, match.group(1), (match.group(2) or match.group(1)).lower())
                       for match in _REFERENCE_IMAGE.finditer(line)]
    for number, col, alt, name in references:
        if name in definitions:  # ![alt][name] with [name]: /images/x.jpg "title"
            found.append((number, col, alt, *definitions[name]))
    return sorted(found)


def html_images(text: str) -> list[tuple[int, int, str]]:
    """Every `<img src=…>` of raw HTML in `text` as (line, column of the address, address as HTML reads it), the
    tag over one line or several; none in code."""
    if "<" not in text:
        return []
    lines = text.split("\n")
    prose = dict(prose_lines(text))
    shown = "\n".join(CODE_SPAN.sub(lambda span: " " * len(span.group()), prose[number]) if number in prose else ""
                      for number in range(1, len(lines) + 1))
    found = []
    for match in _HTML_IMAGE.finditer(shown):
        group = next(index for index, value in enumerate(match.groups(), start=1) if value is not None)
        at = match.start(group)
        line = shown.count("\n", 0, at) + 1
        found.append((line, at - shown.rfind("\n", 0, at), html.unescape(match.group(group))))
    return found


def is_remote(address: str) -> bool:
    """Whether an image's address names another host: http:, https: or `//host` (as a browser reads it, which
    takes `\\` for `/` and drops tabs and line ends)."""
    cleaned = re.sub(r"[\t\n\r]", "", address).strip().replace("\\", "/").lower()
    return cleaned.startswith(("http:", "https:", "//"))


def _check_remote(source: MarkdownText, paths: SitePaths) -> None:
    written = [(line, col, f"![{alt}]({address})", address) for line, col, alt, address, _ in find_images(source.text)]
    written += [(line, col, f'<img src="{address}">', address) for line, col, address in html_images(source.text)]
    for line, col, shown, address in written:
        if is_remote(address) and (own := paths.address.site_path(address)) is not None:
            source.report(line, col, f"{shown}: a picture is shown from its path on the site, not its whole address",
                          f"write ![what it shows]({own})")
        elif is_remote(address):
            source.report(line, col, f"{shown}: pictures from another site are not shown", _SAVE_IT)
        elif parse_link(address).kind == "external":  # data:, file:, ftp:…: a browser would show nothing
            source.report(line, col, f"{shown}: a picture is shown from a file of content/images/ only", _SAVE_IT)


def download_type(decoded: str) -> str:
    """`/files/form.docx` -> `DOCX`; '' when the name has no extension."""
    name = decoded.rsplit("/", 1)[-1]
    return name.rpartition(".")[2].upper() if "." in name else ""


def check_media(texts: Iterable[MarkdownText], paths: SitePaths, files: MediaFiles | None,
                covers: Iterable[tuple[str, Use]] = ()) -> Media:
    """Report each image without alternative text, each document of another type, each image that cannot be
    published; give the pictures and documents when `files` says where they are (else only check the texts).
    `covers` are the news posts' cover images, each with where its `image.src` is written."""
    texts = list(texts)
    uses: dict[str, list[Use]] = {}
    for src, use in covers:
        uses.setdefault(src, []).append(use)
    downloads: dict[str, tuple[str, int]] = {}
    for source in texts:
        _check_remote(source, paths)
        shown = set()
        for line, col, alt, address, title in find_images(source.text):
            _check_alt(source, line, col, alt, address, title)
            image = paths.parse(address)
            decoded = image.decoded if image.kind == "site" else ""
            if decoded.startswith("/images/") and decoded in paths.files:
                uses.setdefault(decoded, []).append((source.report, line, col))
                shown.add((line, decoded))
        for line, col, address in find_links(source.text):
            link = paths.parse(address)
            if (link.kind == "site" and link.decoded.startswith("/images/") and link.decoded in paths.files
                    and (line, link.decoded) not in shown):  # only linked: published as its variants all the same
                uses.setdefault(link.decoded, []).append((source.report, line, col))
            if link.kind == "site" and link.decoded.startswith("/files/") and link.decoded in paths.files:
                kind = _check_download(source, line, col, link.decoded)
                if kind and files is not None:
                    downloads[link.decoded] = (kind, _size(files.path(link.decoded)))
    if files is None:
        return Media({}, downloads)
    pictures = _pictures(uses, files)
    written = {file.path: file.data for shown in pictures.values() for file in shown.files}
    light = {name: replace(shown, files=tuple(replace(file, data=b"") for file in shown.files))
             for name, shown in pictures.items()}
    return Media(light, downloads, written)


def _check_alt(source: MarkdownText, line: int, col: int, alt: str, address: str, title: str) -> None:
    if alt.strip() and title.strip() == DECORATIVE:
        source.report(line, col, f"the image {address} has alternative text and the title \"{DECORATIVE}\"",
                      "remove one: an image that tells something is described; a decorative one has no text")
    elif not alt.strip() and title.strip() != DECORATIVE:
        source.report(line, col, f"the image {address} has no alternative text",
                      f"say what it shows between the brackets: ![a crowd at the opening]({address}); "
                      f"an image that only decorates is written ![]({address} \"{DECORATIVE}\")")


def _check_download(source: MarkdownText, line: int, col: int, decoded: str) -> str:
    kind = download_type(decoded)
    if kind in DOWNLOAD_TYPES:
        return kind
    why = f"whose type ({kind}) is not one published for download" if kind else "whose name says no type"
    source.report(line, col, f"the link {decoded} leads to content{decoded}, {why}",
                  f"publish the document as {', '.join(DOWNLOAD_TYPES[:-1])} or {DOWNLOAD_TYPES[-1]}, "
                  "its name ending so (form.pdf)")
    return ""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the file was checked when it was listed; a size unknown now shows as 0 KB


def _pictures(uses: dict[str, list[Use]], files: MediaFiles) -> dict[str, Picture]:
    """Each used image processed (once, through the cache); a problem reported at every use."""
    names = sorted(uses)
    read = {name: read_image(files.path(name), "content" + name, files.roots) for name in names}
    readable = [name for name in names if isinstance(read[name], bytes)]
    results: dict[str, Encoded | Problem] = {name: problem for name, problem in read.items()
                                             if isinstance(problem, Problem)}
    sources = [(data, "content" + name) for name in readable if isinstance(data := read[name], bytes)]
    results.update(zip(readable, process_all(files.cache, sources, files.workers), strict=True))
    pictures = {}
    for name in names:
        result = results[name]
        if isinstance(result, Encoded):
            pictures[name] = picture(name, result)
            continue
        for report, line, col in {(id(use[0]), *use[1:]): use for use in uses[name]}.values():  # an image is a link too
            located = at_reference(result, "", line, col)
            report(line, col, located.message, located.hint)
    return pictures
