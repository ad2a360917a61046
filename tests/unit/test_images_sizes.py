"""Pictures of every shape are published or refused at their line, never raise; a cut-off file is never published."""
from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from campaignsite.errors import Problem
from campaignsite.images import Encoded, encode_image
from campaignsite.images.encode import LARGEST_SIDE
from campaignsite.images.whole import cut_short


def saved(image: Image.Image, format: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format, **options)
    return out.getvalue()


def sizes(encoded: Encoded | Problem) -> list[tuple[int, int, str]]:
    assert isinstance(encoded, Encoded), encoded
    return [(variant.width, variant.height, variant.format) for variant in encoded.variants]


def test_a_long_infographic_is_scaled_within_webps_limit_keeping_its_shape():
    tall = saved(Image.new("RGB", (1000, 20000), (200, 10, 10)), "PNG")
    encoded = encode_image(tall, "content/images/long.png")
    assert sizes(encoded) == [(480, 9600, "webp"), (480, 9600, "jpg"), (819, 16380, "webp"), (819, 16380, "jpg")]
    assert isinstance(encoded, Encoded) and (encoded.width, encoded.height) == (1000, 20000)
    for variant in encoded.variants:
        assert Image.open(io.BytesIO(variant.data)).size == (variant.width, variant.height)


def test_a_very_wide_panorama_is_published_at_the_usual_widths():
    wide = saved(Image.new("RGB", (20000, 1000), (10, 200, 10)), "PNG")
    assert sizes(encode_image(wide, "content/images/wide.png")) == [
        (480, 24, "webp"), (480, 24, "jpg"), (960, 48, "webp"), (960, 48, "jpg"), (1600, 80, "webp"), (1600, 80, "jpg")]


def test_a_picture_too_tall_to_keep_its_shape_is_refused():
    line = saved(Image.new("L", (1, LARGEST_SIDE + 1), 0), "PNG")
    assert str(encode_image(line, "content/images/line.png")) == (
        "content/images/line.png: the image is 1 x 16384 px, too tall and narrow to publish — a published picture "
        "has no side over 16,383 px and keeps its shape: cut it into several pictures")


@pytest.mark.parametrize("width, height", [(1, 16383), (2, 30000), (16383, 1), (300, 16384), (16384, 300)])
def test_no_shape_raises_from_an_encoder(width, height):
    data = saved(Image.new("RGB", (width, height), (1, 2, 3)), "PNG")
    assert isinstance(encode_image(data, "content/images/x.png"), Encoded | Problem)


def grey_jpeg_closed_early(width: int, height: int, keep: int) -> bytes:
    """A JPEG whose coded data stops after `keep` bytes and is closed by an end-of-image marker."""
    data = saved(Image.new("RGB", (width, height), (90, 90, 90)), "JPEG", quality=50)
    return data[:data.index(b"\xff\xda") + keep] + b"\xff\xd9"


CUT = ("content/images/x.jpg: the image is cut short: the file ends before the picture does — save it again from "
       "the program that made it, or copy it again")


def test_a_631_byte_jpeg_claiming_7000_by_7000_is_refused_as_cut_short():
    data = grey_jpeg_closed_early(7000, 7000, 20)
    assert len(data) == 631
    assert str(encode_image(data, "content/images/x.jpg")) == CUT


def test_a_png_whose_compressed_rows_stop_early_is_refused_as_cut_short():
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", 2000, 2000, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" + b"\x80" * 6000)  # one row of 2000: a whole stream, most of the picture missing
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    assert str(encode_image(data, "content/images/x.jpg")) == CUT


@pytest.mark.parametrize("format, options", [("JPEG", {}), ("JPEG", {"progressive": True}), ("PNG", {}),
                                             ("PNG", {"interlace": 1})])
def test_a_whole_picture_of_one_colour_is_not_taken_for_a_cut_one(format, options):
    image = Image.new("RGB", (3000, 2000), (90, 90, 90))
    data = saved(image, format, **options)
    assert not cut_short(data, format, *image.size)
    assert isinstance(encode_image(data, "content/images/x.jpg"), Encoded)


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    found, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        found.append((kind, data[at + 8:at + 8 + length]))
        at += 12 + length
    return found


def test_an_interlaced_png_whose_stream_ends_after_a_fiftieth_of_its_rows_is_cut_short():
    data = saved(Image.new("RGB", (3000, 2000), (90, 90, 90)), "PNG", interlace=1)
    chunks = png_chunks(data)
    rows = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))

    def chunk(kind: bytes, content: bytes) -> bytes:
        return struct.pack(">I", len(content)) + kind + content + struct.pack(">I", zlib.crc32(kind + content))
    header = data[:8] + chunk(*chunks[0])
    whole = header + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    cut = header + chunk(b"IDAT", zlib.compress(rows[:len(rows) // 50], 9)) + chunk(b"IEND", b"")
    assert not cut_short(whole, "PNG", 3000, 2000)
    assert cut_short(cut, "PNG", 3000, 2000)
    assert str(encode_image(cut, "content/images/x.jpg")) == CUT
