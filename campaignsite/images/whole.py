"""Whether an image file holds all the picture its header announces, told before anything is decoded.

Takes: the file's bytes, its format (as `images.decode.sniff` tells it) and the size its header declares.
Gives: `cut_short`: True when the file cannot hold that picture whole.

Pillow refuses a file that simply stops, but two kinds of cut files decode without a word, the
missing part painted grey or black: a JPEG whose coded data ends early and is closed by an
end-of-image marker (631 bytes claiming 7000 x 7000: a grey square is published), and a PNG whose
compressed stream is whole but holds fewer rows than the header promises. Both are told from a
bound no whole file can be under, counted from the file's structure alone (nothing is inflated or
decoded, so checking costs nothing beside decoding):
- JPEG (Huffman-coded, which is every camera's and every editor's): each 8 x 8 block of the picture is
  coded with at least one bit, so the coded data, from the first start-of-scan on, is at least one
  bit for each 16 x 16 square (a bound that holds whatever the colour subsampling). Arithmetic-coded
  JPEG, which can go below it, is not checked this way.
- PNG: deflate gives at most 258 bytes for two bits (1032 for a byte), so the compressed image data
  is at least the rows the header's size, depth, colour type and interlacing need, over 1032.
A file cut by a few bytes and closed again is not caught (its picture decodes almost whole); one that
simply stops is refused by the decoder.
"""
from __future__ import annotations

import struct
from collections.abc import Iterator

_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # by PNG colour type
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
_HUFFMAN_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7}
_DEFLATE_MOST, _DEFLATE_LONGEST = 1032, 258  # the most bytes deflate gives for one compressed byte; one match


def cut_short(data: bytes, kind: str, width: int, height: int) -> bool:
    """True when `data` cannot hold the whole `width` x `height` picture its header declares."""
    if kind == "JPEG":
        return _jpeg_cut_short(data, width, height)
    if kind == "PNG":
        return _png_cut_short(data)
    return False  # GIF and WebP: Pillow and libwebp refuse a cut file themselves


def _jpeg_cut_short(data: bytes, width: int, height: int) -> bool:
    scan = _first_scan(data)
    if scan is None:
        return False  # no Huffman frame found: left to the decoder
    squares = -(-width // 16) * -(-height // 16)
    return (len(data) - scan) * 8 < squares


def _first_scan(data: bytes) -> int | None:
    """Where the first start-of-scan marker is, when the frame before it is Huffman-coded."""
    at, huffman = 2, False
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xDA:
            return at if huffman else None
        huffman = huffman or marker in _HUFFMAN_FRAMES
        at += 2 + struct.unpack(">H", data[at + 2:at + 4])[0]
    return None


def _png_cut_short(data: bytes) -> bool:
    if len(data) < 29 or data[12:16] != b"IHDR":
        return False  # left to the decoder
    width, height, depth, colour, _, _, interlaced = struct.unpack(">IIBBBBB", data[16:29])
    needed = _png_bytes(width, height, depth * _CHANNELS.get(colour, 4), interlaced == 1)
    return sum(_idat_lengths(data)) * _DEFLATE_MOST + _DEFLATE_LONGEST < needed


def _png_bytes(width: int, height: int, bits: int, interlaced: bool) -> int:
    """The bytes the filtered rows of the picture take (each row a filter byte and its pixels)."""
    passes = _ADAM7 if interlaced else ((0, 0, 1, 1),)
    total = 0
    for x0, y0, dx, dy in passes:
        columns, rows = -(-(width - x0) // dx), -(-(height - y0) // dy)
        if columns > 0 and rows > 0:
            total += rows * (1 + -(-columns * bits // 8))
    return total


def _idat_lengths(data: bytes) -> Iterator[int]:
    """The length of each image data chunk's content, as much of it as the file holds."""
    at = 8
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            yield min(length, len(data) - at - 8)
        elif kind == b"IEND":
            return
        at += 12 + length
