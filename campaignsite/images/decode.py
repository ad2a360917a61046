"""An author's image file -> an upright picture in sRGB, or the problem saying why it cannot be published.

Takes: the file's bytes and its name as the author sees it (`content/images/x.jpg`, for messages),
the largest number of pixels allowed, and the width the largest variant will have (for JPEG's fast
reduced decoding).
Gives: `Upright` (the picture turned as the camera's EXIF orientation says, in RGB or RGBA, with
no metadata left on it, and its full size), or a `Problem`.

What is accepted: JPEG, PNG, WebP and GIF, told by their content, not by the file's name. An SVG is
refused (it is a document that can carry scripts, event handlers and links to other files, which
would run or load on the site's own address; nh3 sanitises HTML, not SVG, and drawing it into
pixels needs another library: export it as PNG). Other images (TIFF, BMP, HEIC, AVIF, ...) are
refused with what to save them as. An animated image is refused (the site would show only one of
its frames, chosen for the author, and moving pictures need a way to pause them). An image over the
pixel limit is refused from its declared size, before anything is decoded (a decompression bomb:
a small file that claims a huge size); Pillow's own DecompressionBombWarning is made an error too,
so it is never only printed. A file that ends before its picture does is refused as cut short, even
where Pillow would paint the rest grey (see `images.whole`). Pillow's other warnings (about a
damaged EXIF block, which is read only for the orientation and never published) are not printed:
the picture is published as stored.

Colour: a picture with an ICC profile (a phone's Display P3, a camera's Adobe RGB, a CMYK print
profile) is converted to sRGB with it, and the profile is then dropped: browsers show an untagged
picture as sRGB, so it looks the same everywhere, and the profile (which names the device) is not
published. CMYK without a profile is converted plainly; 16-bit greys are scaled, not clipped, to
8 bits; palette and grey pictures become RGB, or RGBA when they have transparency.
"""
from __future__ import annotations

import io
import struct
import warnings
import zlib
from dataclasses import dataclass

from PIL import ExifTags, Image, ImageCms, ImageOps

from ..errors import Problem
from .whole import cut_short

ACCEPTED = ("JPEG", "PNG", "WEBP", "GIF")
SAVE_AS = "save it as JPEG (a photo) or PNG (a chart, a drawing, a screenshot)"
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, KeyError, TypeError)
_SIXTEEN_BIT = {"I", "I;16", "I;16B", "I;16L", "I;16N"}
_COLOUR_MANAGED = {"RGB", "RGBA", "CMYK", "L"}  # the modes an ICC profile is applied to as they are
_SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Upright:
    """A picture ready to be resized: turned upright, RGB or RGBA, no metadata; its full size."""

    image: Image.Image
    width: int
    height: int


def sniff(data: bytes) -> str:
    """The format the content says the file is in (`JPEG`, `PNG`, `WEBP`, `GIF`, `SVG`, another
    image's name), or '' when it is none known."""
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    return _other_format(data)


def _other_format(data: bytes) -> str:
    head = data[:64]
    if head[4:8] == b"ftyp":
        return "AVIF" if head[8:12] in (b"avif", b"avis") else "HEIC"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[:2] == b"BM":
        return "BMP"
    if head[:4] == b"%PDF":
        return "PDF"
    if head.startswith(b"\x1f\x8b"):
        return "SVG" if _is_svg(_gunzip_head(data)) else ""  # .svgz
    return "SVG" if _is_svg(data[:4096]) else ""


def _is_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return b"<svg" in text and (text.startswith(b"<?xml") or text.startswith(b"<svg") or text.startswith(b"<!"))


def _gunzip_head(data: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(data[:4096], 4096)
    except zlib.error:
        return b""


def refused(display: str, data: bytes) -> Problem | None:
    """Why the file cannot be published, from its name and its content alone (nothing decoded)."""
    kind = sniff(data)
    if kind == "SVG" or display.lower().endswith((".svg", ".svgz")):
        return Problem(display, message="is an SVG image, which is not published",
                       hint="an SVG can carry scripts that would run on the site: export it as PNG")
    if kind in ACCEPTED:
        return None
    if kind:
        return Problem(display, message=f"is a {kind} file, which is not published as an image", hint=SAVE_AS)
    return Problem(display, message="is not a JPEG, PNG, WebP or GIF image",
                   hint=f"{SAVE_AS}; if it is one, it is damaged: export or copy it again")


def over_limit(display: str, limit: int, largest: int) -> Problem:
    return Problem(display, message=f"the image is over the limit of {limit / 1_000_000:g} megapixels",
                   hint=f"scale it down before adding it: the site publishes it at most {largest} px wide")


def damaged(display: str) -> Problem:
    return Problem(display, message="the image is damaged or cut short", hint="export or copy it again")


def cut_off(display: str) -> Problem:
    return Problem(display, message="the image is cut short: the file ends before the picture does",
                   hint="save it again from the program that made it, or copy it again")


def at_reference(problem: Problem, file: str, line: int = 0, col: int = 0, path: str = "") -> Problem:
    """A problem of an image file told where the image is used (a page's line, a cover's `image.src`),
    naming the image: `content/news/x.zh.md:12:3: content/images/x.svg: is an SVG image, … — …`."""
    return Problem(file, line, col, path, message=f"{problem.file}: {problem.message}", hint=problem.hint,
                   severity=problem.severity)


def decode(data: bytes, display: str, limit: int, largest: int) -> Upright | Problem:
    """The picture upright, in sRGB, RGB or RGBA, with no metadata; or the problem. `largest` is the
    widest variant wanted: a large JPEG is decoded at a reduced scale that still covers it."""
    problem = refused(display, data)
    if problem is not None:
        return problem
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # damaged EXIF: only its orientation is read, and it is never published
        warnings.simplefilter("error", Image.DecompressionBombWarning)  # the pixel limit: an error, never printed
        try:
            return _decode(data, display, limit, largest)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return over_limit(display, limit, largest)
        except OSError as error:
            return cut_off(display) if "truncated" in str(error) else damaged(display)
        except _DECODE_ERRORS:
            return damaged(display)


def _decode(data: bytes, display: str, limit: int, largest: int) -> Upright | Problem:
    image = Image.open(io.BytesIO(data), formats=[sniff(data)])
    width, height = image.size
    if width * height > limit:
        return over_limit(display, limit, largest)
    if getattr(image, "is_animated", False):
        return Problem(display, message="is an animated image, which is not published",
                       hint="export the one frame to show as PNG or JPEG")
    if cut_short(data, image.format or "", width, height):
        return cut_off(display)
    turned = image.getexif().get(ExifTags.Base.Orientation, 1) in (5, 6, 7, 8)
    full = (height, width) if turned else (width, height)
    if image.format == "JPEG" and full[0] > largest:
        wanted = (largest, largest * height // width) if not turned else (largest * width // height, largest)
        image.draft(image.mode, wanted)  # decodes at 1/2, 1/4 or 1/8 scale when that still covers `largest`
    image.load()
    upright = ImageOps.exif_transpose(image) or image
    return Upright(_plain(_to_srgb(upright)), *full)


def _to_srgb(image: Image.Image) -> Image.Image:
    """The picture in sRGB (RGB or RGBA), its ICC profile applied then dropped."""
    profile = image.info.get("icc_profile")
    if image.mode in _SIXTEEN_BIT:
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    elif image.mode not in _COLOUR_MANAGED:
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    mode = "RGBA" if image.mode == "RGBA" else "RGB"
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken profile, or one for another colour space: the colours are read as sRGB
    return image.convert(mode)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("PA", "LA", "La", "RGBa") or (image.mode == "P" and "transparency" in image.info)


def _plain(image: Image.Image) -> Image.Image:
    """The same pixels with nothing else: no EXIF, XMP, ICC profile, comment, resolution or text."""
    image.info = {}
    return image
