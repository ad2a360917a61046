"""A processed image as the site publishes it: its files' names, and the HTML that shows it.

Takes: the image's site path as authors write it (`/images/x.jpg`) and what processing gave
(`Encoded`); for the HTML, the alternative text (or that the image is decorative), an optional
caption and credit, whether it is on the first screen, and how a site path becomes a link.
Gives: `Picture` (every file to write, with its name, width, height and bytes; the full size and
aspect ratio) and `picture_html`: a `<picture>` with a WebP `<source>` and a JPEG `<img>`, both with
`srcset` and `sizes`, `width` and `height` (the browser reserves the space before the file comes:
no layout shift), `loading="lazy"` unless on the first screen, `decoding="async"`; in a `<figure>`
with a `<figcaption>` when there is a caption or a credit. Every text is escaped.

The names carry a hash of the source's bytes and the settings (`images/x.1a2b3c4d5e.960.webp`): a
host may then let browsers keep the files for ever, as it does the fingerprinted assets, and a
photo replaced under the same name gets new addresses, so no browser or proxy shows the old one;
unchanged photos keep theirs across builds (the hash is of the source, not of an encoder's output).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from .encode import Encoded

# The prose column is at most 46rem wide (the theme's --measure) inside 1rem of padding each side.
DEFAULT_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
FALLBACK_WIDTH = 960  # the <img>'s own src: the JPEG nearest this width, for browsers without srcset


@dataclass(frozen=True)
class File:
    """One file to publish: its path from the site's root, width, height, `webp` or `jpg`, bytes."""

    path: str
    width: int
    height: int
    format: str
    data: bytes


@dataclass(frozen=True)
class Picture:
    """An image as published: its site path as written, its full size, and its files."""

    source: str
    width: int
    height: int
    files: tuple[File, ...]

    @property
    def aspect_ratio(self) -> float:
        return self.width / self.height

    def of_format(self, format: str) -> list[File]:
        return [file for file in self.files if file.format == format]

    def fallback(self) -> File:
        """The JPEG an old browser shows: the one nearest FALLBACK_WIDTH, the narrower when two are as near."""
        return min(self.of_format("jpg"), key=lambda file: (abs(file.width - FALLBACK_WIDTH), file.width))


def published_name(source: str, hash: str, width: int, format: str) -> str:
    """`/images/2008/x.jpg` -> `images/2008/x.<hash>.<width>.<format>`: beside where the author put it."""
    folder, _, name = source.strip("/").rpartition("/")
    stem = name.rpartition(".")[0] or name
    return f"{folder + '/' if folder else ''}{stem}.{hash}.{width}.{format}"


def picture(source: str, encoded: Encoded) -> Picture:
    """The published files of the image at site path `source`, named."""
    files = tuple(File(published_name(source, encoded.hash, variant.width, variant.format), variant.width,
                       variant.height, variant.format, variant.data) for variant in encoded.variants)
    return Picture(source, encoded.width, encoded.height, files)


def root_link(path: str) -> str:
    """A site path as a root-relative link, every character a URL needs escaped (spaces and commas
    would end an entry of `srcset`)."""
    return "/" + quote(path, safe="/")


def picture_html(image: Picture, alt: str, *, decorative: bool = False, caption: str = "", credit: str = "",
                 eager: bool = False, sizes: str = DEFAULT_SIZES, link: Callable[[str], str] = root_link) -> str:
    """The HTML showing `image`. `alt` is required unless `decorative` (then it is `alt=""` and a screen
    reader passes over the image); `credit` comes as the page shows it (with its "Photo:" in the page's
    language); `eager` for an image on the first screen (loaded at once, not when scrolled to)."""
    if decorative == bool(alt.strip()):
        raise ValueError("an image needs alternative text, or is decorative and has none")
    fallback = image.fallback()
    webp = _srcset(image.of_format("webp"), link)
    jpeg = _srcset(image.of_format("jpg"), link)
    attributes = [
        f'src="{escape(link(fallback.path))}"',
        f'srcset="{escape(jpeg)}"',
        f'sizes="{escape(sizes)}"',
        f'width="{fallback.width}"',
        f'height="{fallback.height}"',
        f'alt="{"" if decorative else escape(alt.strip())}"',
        f'loading="{"eager" if eager else "lazy"}"',
        'decoding="async"',
    ]
    html = (f'<picture><source type="image/webp" srcset="{escape(webp)}" sizes="{escape(sizes)}">'
            f'<img {" ".join(attributes)}></picture>')
    if not caption.strip() and not credit.strip():
        return html
    return f"<figure>{html}{_figcaption(caption.strip(), credit.strip())}</figure>"


def _figcaption(caption: str, credit: str) -> str:
    parts = []
    if caption:
        parts.append(escape(caption))
    if credit:
        parts.append(f'<small class="credit">{escape(credit)}</small>')
    return f"<figcaption>{' '.join(parts)}</figcaption>"


def _srcset(files: list[File], link: Callable[[str], str]) -> str:
    return ", ".join(f"{link(file.path)} {file.width}w" for file in sorted(files, key=lambda file: file.width))
