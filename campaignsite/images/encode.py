"""An author's image -> the variants the site publishes: a few widths, each in WebP and JPEG.

Takes: the file's bytes, its name as the author sees it (for messages), and `ImageSettings`
(the widths, the qualities, the pixel limit).
Gives: `Encoded` (the picture's full size, the hash its published names carry, and each variant's
width, height, format and bytes), or the `Problem` saying why it cannot be published (see
`images.decode`). Plain values in and out: `encode_image` can run in a forked worker and send its
result back pickled.

The widths: each of the settings' widths narrower than the picture, and the picture's own width
when it is narrower than the widest setting (never enlarged: a picture 700 px wide gives 480 and
700; one narrower than 480 gives only its own width). No side of a variant is over 16,383 px, WebP's
limit: a tall picture (a long infographic, 1000 x 20000) is published as if it were only as wide as
keeps its height within it (819 px: variants 480 x 9600 and 819 x 16380), its shape kept; one more
than 16,383 times as tall as wide cannot keep its shape and is refused. Any other failure of an
encoder is a problem of the file, never an exception. Every variant is written from the picture
alone: the metadata was left behind in `decode`, and nothing here copies any back (Pillow's JPEG
writer would copy a comment from the image's `info`, which is emptied). A picture with
transparency keeps it in WebP and is laid on white in JPEG, which has none.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import PIL
from PIL import Image

from ..errors import Problem
from .decode import decode

HASH_LENGTH = 10  # as the fingerprinted assets' names (site.1a2b3c4d5e.css)
LARGEST_SIDE = 16383  # WebP's limit on a side, in pixels (JPEG's is 65535)


@dataclass(frozen=True)
class ImageSettings:
    """How images are published. Part of every cache key and published name: changing any of them
    (or Pillow's version) makes every image again, under new names."""

    widths: tuple[int, ...] = (480, 960, 1600)
    webp_quality: int = 80
    jpeg_quality: int = 82
    max_pixels: int = 50_000_000  # a 48-megapixel phone photo passes; a decompression bomb does not

    def key(self) -> bytes:
        return repr(("images-2", PIL.__version__, self.widths, self.webp_quality, self.jpeg_quality)).encode()


DEFAULT_SETTINGS = ImageSettings()


@dataclass(frozen=True)
class Variant:
    """One published file of a picture: its width and height in pixels, `webp` or `jpg`, its bytes."""

    width: int
    height: int
    format: str
    data: bytes


@dataclass(frozen=True)
class Encoded:
    """What processing a picture gives: its full size (upright), the hash of its source and settings
    (which its published names carry) and its variants, narrowest first, WebP before JPEG."""

    width: int
    height: int
    hash: str
    variants: tuple[Variant, ...]


def source_hash(data: bytes, settings: ImageSettings = DEFAULT_SETTINGS) -> str:
    """The hash of the source's bytes and the settings: the cache's key and the names' middle part."""
    return hashlib.sha256(settings.key() + b"\0" + data).hexdigest()[:HASH_LENGTH]


def widths_for(width: int, settings: ImageSettings = DEFAULT_SETTINGS) -> list[int]:
    """The widths a picture `width` px wide is published in: never wider than it is."""
    chosen = [wanted for wanted in sorted(set(settings.widths)) if wanted < width]
    return chosen + [width] if width <= max(settings.widths) else chosen


def widest_variant(width: int, height: int) -> int:
    """The widest a variant of a `width` x `height` picture may be with neither side over LARGEST_SIDE
    (0 when even 1 px wide it is too tall)."""
    return min(width, LARGEST_SIDE, LARGEST_SIDE * width // height)


def encode_image(data: bytes, display: str, settings: ImageSettings = DEFAULT_SETTINGS) -> Encoded | Problem:
    """The picture's variants, or the problem (corrupt, unsupported, animated, SVG, over the pixel limit,
    too tall and narrow to keep its shape)."""
    upright = decode(data, display, settings.max_pixels, max(settings.widths))
    if isinstance(upright, Problem):
        return upright
    widest = widest_variant(upright.width, upright.height)
    if widest < 1:
        return out_of_shape(display, upright.width, upright.height)
    variants = []
    try:
        for width in widths_for(widest, settings):
            height = max(1, round(width * upright.height / upright.width))
            resized = _resized(upright.image, width, height)
            variants.append(Variant(width, height, "webp", _webp(resized, settings.webp_quality)))
            variants.append(Variant(width, height, "jpg", _jpeg(resized, settings.jpeg_quality)))
    except (OSError, ValueError, MemoryError):  # an encoder's limit not foreseen here: the file's problem
        return Problem(display, message="the image could not be converted for the site",
                       hint="save it again as JPEG (a photo) or PNG (a chart, a drawing, a screenshot)")
    return Encoded(upright.width, upright.height, source_hash(data, settings), tuple(variants))


def out_of_shape(display: str, width: int, height: int) -> Problem:
    return Problem(display, message=f"the image is {width} x {height} px, too tall and narrow to publish",
                   hint=f"a published picture has no side over {LARGEST_SIDE:,} px and keeps its shape: "
                        "cut it into several pictures")


def _resized(image: Image.Image, width: int, height: int) -> Image.Image:
    if image.size == (width, height):
        resized = image.copy()
    else:
        resized = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    resized.info = {}  # resize copies `info`: nothing of the source's may reach a writer
    return resized


def _webp(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "WEBP", quality=quality, method=4)
    return out.getvalue()


def _jpeg(image: Image.Image, quality: int) -> bytes:
    if image.mode == "RGBA":
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()
