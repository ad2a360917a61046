"""The image pipeline: variants, orientation, privacy, colour, bad input, the cache, the HTML."""
from __future__ import annotations

import io
import os
import pickle
import struct
import time
import warnings
import zlib

import pytest
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from campaignsite.errors import Problem
from campaignsite.images import (
    IMAGES_FILE,
    Encoded,
    ImageCache,
    ImageSettings,
    at_reference,
    encode_image,
    load_image_cache,
    picture,
    picture_html,
    process_all,
    published_name,
    read_image,
    widths_for,
)
from campaignsite.images import cache as cache_module
from campaignsite.load import within
from campaignsite.parallel import Workers, can_fork
from campaignsite.write import save_cache

SAVE_AS = "save it as JPEG (a photo) or PNG (a chart, a drawing, a screenshot)"
SERIAL = "SN-4711-SECRET"


def photo(size=(64, 48), mode="RGB", colour=(200, 30, 30)) -> Image.Image:
    return Image.new(mode, size, colour)


def saved(image: Image.Image, format: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format, **options)
    return out.getvalue()


def variants(encoded) -> list[tuple[int, int, str]]:
    assert isinstance(encoded, Encoded), encoded
    return [(v.width, v.height, v.format) for v in encoded.variants]


def read_back(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


# Widths and formats


@pytest.mark.parametrize("width, expected", [
    (300, [300]), (480, [480]), (700, [480, 700]), (1600, [480, 960, 1600]), (4000, [480, 960, 1600])])
def test_widths_are_the_settings_narrower_than_the_picture_and_its_own_never_wider(width, expected):
    assert widths_for(width) == expected


def test_a_large_photo_gives_three_widths_in_webp_and_jpeg():
    encoded = encode_image(saved(photo((4000, 3000)), "JPEG"), "content/images/x.jpg")
    assert variants(encoded) == [(480, 360, "webp"), (480, 360, "jpg"), (960, 720, "webp"), (960, 720, "jpg"),
                                 (1600, 1200, "webp"), (1600, 1200, "jpg")]
    assert (encoded.width, encoded.height) == (4000, 3000)
    for variant in encoded.variants:
        image = read_back(variant.data)
        assert (image.format, image.size, image.mode) == ({"webp": "WEBP", "jpg": "JPEG"}[variant.format],
                                                          (variant.width, variant.height), "RGB")


def test_a_small_picture_is_published_at_its_own_width_only_never_enlarged():
    encoded = encode_image(saved(photo((300, 200)), "PNG"), "content/images/x.png")
    assert variants(encoded) == [(300, 200, "webp"), (300, 200, "jpg")]


def test_every_accepted_format_is_read_by_its_content_not_its_name():
    for format in ("JPEG", "PNG", "WEBP", "GIF"):
        encoded = encode_image(saved(photo((500, 250)), format), "content/images/x.jpg")
        assert variants(encoded) == [(480, 240, "webp"), (480, 240, "jpg"), (500, 250, "webp"), (500, 250, "jpg")]


def test_other_settings_give_other_widths_and_names():
    data = saved(photo((1000, 500)), "PNG")
    encoded = encode_image(data, "content/images/x.png", ImageSettings(widths=(200, 400)))
    assert variants(encoded) == [(200, 100, "webp"), (200, 100, "jpg"), (400, 200, "webp"), (400, 200, "jpg")]
    assert encoded.hash != encode_image(data, "content/images/x.png").hash


# Orientation


def test_a_photo_the_camera_marks_as_turned_comes_out_upright():
    stored = Image.new("RGB", (200, 100), (0, 0, 255))
    stored.paste((255, 0, 0), (0, 0, 100, 100))  # the left half red, as the sensor saw it
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # shown turned 90° clockwise
    encoded = encode_image(saved(stored, "JPEG", exif=exif, quality=95), "content/images/x.jpg")
    assert (encoded.width, encoded.height) == (100, 200)
    assert variants(encoded) == [(100, 200, "webp"), (100, 200, "jpg")]
    for variant in encoded.variants:
        image = read_back(variant.data).convert("RGB")
        top, bottom = image.getpixel((50, 20)), image.getpixel((50, 180))
        assert top[0] > 200 and top[2] < 60 and bottom[2] > 200 and bottom[0] < 60
        assert ExifTags.Base.Orientation not in image.getexif()


def test_a_large_turned_jpeg_is_decoded_reduced_yet_covers_the_widest_variant():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 8
    encoded = encode_image(saved(photo((4000, 3000)), "JPEG", exif=exif), "content/images/x.jpg")
    assert (encoded.width, encoded.height) == (3000, 4000)
    assert variants(encoded)[-1] == (1600, 2133, "jpg")
    panorama = encode_image(saved(photo((4000, 900)), "JPEG"), "content/images/x.jpg")
    assert variants(panorama)[::2] == [(480, 108, "webp"), (960, 216, "webp"), (1600, 360, "webp")]
    assert read_back(panorama.variants[-1].data).size == (1600, 360)


# Privacy: nothing but pixels is published


def camera_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Artist] = "Zhang San"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = SERIAL
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)})
    return exif


ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Zhang San</x:xmpmeta>'


def tagged_jpeg() -> bytes:
    data = saved(photo((600, 400)), "JPEG", exif=camera_exif(), icc_profile=ICC, comment=b"shot at home", xmp=XMP)
    iptc = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0c\x1c\x02\x50\x00\x08Zhang Sa"
    return data[:2] + b"\xff\xed" + struct.pack(">H", len(iptc) + 2) + iptc + data[2:]  # an IPTC block


def jpeg_markers(data: bytes) -> set[int]:
    markers, at = set(), 2
    while data[at] == 0xFF and data[at + 1] != 0xDA:
        markers.add(data[at + 1])
        at += 2 + struct.unpack(">H", data[at + 2:at + 4])[0]
    return markers


def webp_chunks(data: bytes) -> set[bytes]:
    chunks, at = set(), 12
    while at < len(data):
        size = struct.unpack("<I", data[at + 4:at + 8])[0]
        chunks.add(data[at:at + 4])
        at += 8 + size + (size & 1)
    return chunks


def test_the_source_of_the_privacy_test_does_carry_every_block():
    source = read_back(tagged_jpeg())
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo) and "icc_profile" in source.info
    assert {"comment", "xmp"} <= set(source.info) and {0xE1, 0xE2, 0xED, 0xFE} <= jpeg_markers(tagged_jpeg())


def tagged_png() -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Zhang San")
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    return saved(photo((600, 400)), "PNG", exif=camera_exif(), icc_profile=ICC, pnginfo=text)


def tagged_webp() -> bytes:
    return saved(photo((600, 400)), "WEBP", exif=camera_exif(), icc_profile=ICC, xmp=XMP)


@pytest.mark.parametrize("tagged", [tagged_jpeg, tagged_png, tagged_webp])
def test_no_metadata_block_is_published_no_exif_gps_serial_xmp_iptc_icc_or_comment(tagged):
    assert SERIAL.encode() in tagged() and b"Zhang San" in tagged()
    encoded = encode_image(tagged(), "content/images/x.jpg")
    for variant in encoded.variants:
        image = read_back(variant.data)
        assert len(image.getexif()) == 0
        assert not {"exif", "icc_profile", "xmp", "comment", "photoshop"} & set(image.info)
        for secret in (SERIAL.encode(), b"Zhang San", b"PhoneMaker", b"shot at home", b"Exif\x00", b"ICC_PROFILE"):
            assert secret not in variant.data
        if variant.format == "jpg":
            assert jpeg_markers(variant.data) <= {0xE0, 0xDB, 0xC2, 0xC4, 0xDD}  # JFIF, tables, frame
        else:
            assert webp_chunks(variant.data) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


# Colour


def test_a_png_with_transparency_keeps_it_in_webp_and_is_laid_on_white_in_jpeg():
    image = Image.new("RGBA", (100, 50), (0, 0, 0, 0))
    image.paste((0, 128, 0, 255), (0, 0, 50, 50))
    encoded = encode_image(saved(image, "PNG"), "content/images/x.png")
    webp, jpeg = (read_back(v.data) for v in encoded.variants)
    assert webp.mode == "RGBA" and webp.getpixel((90, 25))[3] == 0 and webp.getpixel((10, 25))[3] == 255
    assert jpeg.mode == "RGB" and min(jpeg.getpixel((90, 25))) > 245


@pytest.mark.parametrize("mode, colour", [("LA", (90, 0)), ("P", 0)])
def test_grey_and_palette_pictures_with_transparency_keep_it(mode, colour):
    image = Image.new(mode, (40, 40), colour)
    options = {"transparency": 0} if mode == "P" else {}
    encoded = encode_image(saved(image, "PNG", **options), "content/images/x.png")
    assert read_back(encoded.variants[0].data).mode == "RGBA"
    assert min(read_back(encoded.variants[1].data).getpixel((5, 5))) > 245


def test_a_cmyk_jpeg_becomes_rgb_with_its_colours():
    encoded = encode_image(saved(Image.new("CMYK", (60, 40), (0, 255, 255, 0)), "JPEG"), "content/images/x.jpg")
    for variant in encoded.variants:
        image = read_back(variant.data)
        red, green, blue = image.convert("RGB").getpixel((30, 20))
        assert image.mode == "RGB" and red > 200 and green < 60 and blue < 60


def test_a_16_bit_grey_png_is_scaled_to_8_bits_not_clipped_to_white():
    encoded = encode_image(saved(Image.new("I;16", (40, 40), 40000), "PNG"), "content/images/x.png")
    for variant in encoded.variants:
        assert abs(read_back(variant.data).convert("L").getpixel((5, 5)) - 156) <= 3


def test_a_16_bit_colour_png_is_read_as_8_bits():
    header = struct.pack(">IIBBBBB", 4, 2, 16, 2, 0, 0, 0)  # 4 × 2 pixels, 16 bits, RGB
    rows = b"".join(b"\x00" + b"\xff\xff\x00\x00\x00\x00" * 4 for _ in range(2))
    encoded = encode_image(png(header, zlib.compress(rows)), "content/images/x.png")
    assert read_back(encoded.variants[1].data).getpixel((1, 1))[0] > 240


def xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ \0\0\0\0" + b"".join(struct.pack(">i", round(v * 65536)) for v in (x, y, z))


def wide_gamut_profile() -> bytes:
    """An ICC v2 matrix profile with Display P3's primaries (as a phone tags its photos)."""
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233) + b"\0\0"  # gamma 2.2
    tags = [(b"wtpt", xyz(0.9642, 1.0, 0.8249)), (b"rXYZ", xyz(0.5151, 0.2412, -0.0011)),
            (b"gXYZ", xyz(0.2920, 0.6922, 0.0419)), (b"bXYZ", xyz(0.1571, 0.0666, 0.7841)),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    table, body, offset = b"", b"", 128 + 4 + 12 * len(tags)
    for signature, data in tags:
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    header = (struct.pack(">I", offset + len(body)) + b"lcms" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + b"\0" * 12 + b"acsp" + b"\0" * 28 + xyz(0.9642, 1.0, 0.8249)[8:] + b"\0" * 48)
    return header + struct.pack(">I", len(tags)) + table + body


@pytest.mark.parametrize("format", ["PNG", "JPEG", "WEBP"])
def test_a_wide_gamut_photo_is_converted_to_srgb_and_its_profile_dropped(format):
    data = saved(photo((50, 50), colour=(200, 100, 50)), format, icc_profile=wide_gamut_profile(), quality=100)
    for variant in encode_image(data, "content/images/x.png").variants:
        image = read_back(variant.data)
        red, green, blue = image.getpixel((25, 25))
        assert "icc_profile" not in image.info and red >= 210 and blue <= 32  # sRGB (216, 93, 24)


def test_a_broken_profile_leaves_the_colours_as_they_are():
    data = saved(photo((50, 50), colour=(200, 100, 50)), "PNG", icc_profile=b"not a profile")
    red, green, blue = read_back(encode_image(data, "content/images/x.png").variants[0].data).getpixel((25, 25))
    assert abs(red - 200) <= 4 and abs(blue - 50) <= 4


# Bad input: each a located problem


def png(header: bytes, pixels: bytes = b"") -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + (chunk(b"IDAT", pixels) if pixels else b"") + chunk(b"IEND", b"")


def problem_of(data: bytes, display: str = "content/images/x.jpg") -> str:
    found = encode_image(data, display)
    assert isinstance(found, Problem), found
    return str(found)


OVER = ("content/images/x.png: the image is over the limit of 50 megapixels — scale it down before adding it: "
        "the site publishes it at most 1600 px wide")


@pytest.mark.parametrize("width, height", [(100_000, 100_000), (10_000, 10_000), (9_000, 8_000), (8_000, 6_251)])
def test_an_image_over_the_pixel_limit_is_refused_from_its_declared_size_without_decoding(width, height):
    bomb = png(struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))  # a header and no pixels
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Pillow's DecompressionBombWarning is not merely printed
        assert problem_of(bomb, "content/images/x.png") == OVER
    assert time.perf_counter() - started < 0.5


def test_a_jpeg_claiming_a_huge_size_is_refused_too():
    data = bytearray(saved(photo((16, 16)), "JPEG"))
    frame = data.index(b"\xff\xc0")
    data[frame + 5:frame + 9] = struct.pack(">HH", 60_000, 60_000)
    assert problem_of(bytes(data), "content/images/x.png") == OVER


def test_the_limit_is_a_setting():
    problem = encode_image(saved(photo((2000, 1000)), "PNG"), "content/images/x.png", ImageSettings(max_pixels=1_500_000))
    assert str(problem) == ("content/images/x.png: the image is over the limit of 1.5 megapixels — scale it down "
                            "before adding it: the site publishes it at most 1600 px wide")


DAMAGED = "content/images/x.jpg: the image is damaged or cut short — export or copy it again"
CUT = ("content/images/x.jpg: the image is cut short: the file ends before the picture does — save it again from "
       "the program that made it, or copy it again")


@pytest.mark.parametrize("format, expected", [("JPEG", CUT), ("PNG", CUT), ("WEBP", DAMAGED), ("GIF", CUT)])
def test_a_truncated_file_is_cut_short_or_damaged(format, expected):
    data = saved(Image.effect_noise((300, 200), 60).convert("RGB"), format)
    assert problem_of(data[: len(data) // 2]) == expected


def test_no_damage_to_a_file_escapes_as_an_exception():
    for format in ("JPEG", "PNG", "WEBP", "GIF"):
        data = saved(Image.effect_noise((64, 48), 60).convert("RGB"), format)
        for cut in range(1, len(data), max(1, len(data) // 40)):
            assert isinstance(encode_image(data[:cut], "content/images/x.jpg"), Encoded | Problem)
        for at in range(0, min(len(data), 400), 7):
            flipped = data[:at] + bytes([data[at] ^ 0x5A]) + data[at + 1:]
            assert isinstance(encode_image(flipped, "content/images/x.jpg"), Encoded | Problem)


def test_no_damage_to_the_metadata_escapes_as_an_exception():
    data = tagged_jpeg()
    with warnings.catch_warnings(record=True) as printed:
        warnings.simplefilter("always")
        for at in range(2, data.index(b"\xff\xdb"), 5):  # every block before the pixels' tables
            flipped = data[:at] + bytes([data[at] ^ 0xA5]) + data[at + 1:]
            assert isinstance(encode_image(flipped, "content/images/x.jpg"), Encoded | Problem)
    assert printed == []  # a damaged EXIF block prints nothing: it is never published


SVG = ("is an SVG image, which is not published — an SVG can carry scripts that would run on the site: "
       "export it as PNG")


@pytest.mark.parametrize("data, name", [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg"),
    (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "x.png"),
    (zlib.compress(b'<svg xmlns="http://www.w3.org/2000/svg"/>', wbits=31), "x.svgz"),
    (b"not even XML", "x.svg"),
])
def test_an_svg_is_refused_by_its_content_or_its_name(data, name):
    assert problem_of(data, f"content/images/{name}") == f"content/images/{name}: {SVG}"


@pytest.mark.parametrize("format, kind", [("BMP", "BMP"), ("TIFF", "TIFF"), ("PDF", "PDF")])
def test_another_format_is_refused_by_name(format, kind):
    assert problem_of(saved(photo(), format)) == (
        f"content/images/x.jpg: is a {kind} file, which is not published as an image — {SAVE_AS}")


def test_a_heic_photo_is_refused_by_name():
    assert problem_of(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic") == (
        f"content/images/x.jpg: is a HEIC file, which is not published as an image — {SAVE_AS}")


@pytest.mark.parametrize("data", [b"Hello, this is text.\n", b"", b"\xff\xd8"])
def test_a_file_that_is_no_image_is_refused(data):
    expected = ("content/images/x.jpg: is not a JPEG, PNG, WebP or GIF image — "
                f"{SAVE_AS}; if it is one, it is damaged: export or copy it again")
    assert problem_of(data) in (expected, DAMAGED, CUT)
    if data.startswith(b"Hello"):
        assert problem_of(data) == expected


def test_an_animated_image_is_refused():
    frames = [photo((20, 20), colour=(255, 0, 0)), photo((20, 20), colour=(0, 0, 255))]
    for format in ("GIF", "WEBP", "PNG"):
        data = saved(frames[0], format, save_all=True, append_images=frames[1:])
        assert problem_of(data, "content/images/x.gif") == (
            "content/images/x.gif: is an animated image, which is not published — "
            "export the one frame to show as PNG or JPEG")


def test_a_single_frame_gif_is_accepted():
    assert variants(encode_image(saved(photo((40, 20)), "GIF"), "content/images/x.gif"))[0] == (40, 20, "webp")


def test_a_problem_of_an_image_is_told_where_the_image_is_used():
    problem = encode_image(b"<svg/>", "content/images/x.svg")
    assert str(at_reference(problem, "content/news/2008-09-01-opening.zh.md", 12, 3)) == (
        f"content/news/2008-09-01-opening.zh.md:12:3: content/images/x.svg: {SVG}")
    assert str(at_reference(problem, "content/news/2008-09-01-opening.en.md", 4, path="image.src")) == (
        f"content/news/2008-09-01-opening.en.md:4: image.src: content/images/x.svg: {SVG}")


# Reading the file, under the rule every source file keeps


def test_an_image_file_is_read_only_when_it_is_a_regular_file_in_the_campaign(tmp_path):
    site = tmp_path / "site"
    (site / "content" / "images").mkdir(parents=True)
    roots = within(site)
    image = site / "content" / "images" / "x.jpg"
    image.write_bytes(b"bytes")
    assert read_image(image, "content/images/x.jpg", roots) == b"bytes"
    assert str(read_image(site / "content/images/y.jpg", "content/images/y.jpg", roots)) == (
        "content/images/y.jpg: the file is missing — create content/images/y.jpg")
    os.mkfifo(site / "content" / "images" / "pipe.jpg")
    assert str(read_image(site / "content/images/pipe.jpg", "content/images/pipe.jpg", roots)) == (
        "content/images/pipe.jpg: is not a regular file (a named pipe) — replace it with the file itself")
    (tmp_path / "elsewhere.jpg").write_bytes(b"secret")
    (site / "content" / "images" / "link.jpg").symlink_to(tmp_path / "elsewhere.jpg")
    assert str(read_image(site / "content/images/link.jpg", "content/images/link.jpg", roots)) == (
        f"content/images/link.jpg: is a link to {tmp_path / 'elsewhere.jpg'}, outside the campaign folder — "
        "copy the file into the campaign folder instead of linking to it")


# The cache


def counting(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = cache_module.encode_image

    def encode(data, display, settings):
        calls.append(display)
        return real(data, display, settings)

    monkeypatch.setattr(cache_module, "encode_image", encode)
    return calls


def test_an_image_whose_bytes_did_not_change_is_never_processed_again(tmp_path, monkeypatch):
    calls = counting(monkeypatch)
    output = tmp_path / "site"
    first = load_image_cache(output)
    one, two = saved(photo((700, 300)), "PNG"), saved(photo((700, 300), colour=(0, 0, 0)), "PNG")
    results = [first.process(one, "content/images/a.png"), first.process(two, "content/images/b.png"),
               first.process(one, "content/images/c.png")]  # the same bytes under another name
    assert calls == ["content/images/a.png", "content/images/b.png"] and first.processed == 2 and first.changed
    assert save_cache(output, IMAGES_FILE, first.to_save()) is None
    second = load_image_cache(output)
    assert [second.process(one, "content/images/a.png"), second.process(two, "content/images/b.png")] == results[:2]
    assert calls == ["content/images/a.png", "content/images/b.png"] and second.processed == 0
    assert not second.changed


def test_the_cache_keeps_only_the_images_the_build_used(tmp_path):
    old, new = saved(photo((30, 30)), "PNG"), saved(photo((30, 30), colour=(1, 2, 3)), "PNG")
    cache = ImageCache()
    cache.process(old, "content/images/x.png")
    cache = ImageCache(cache.to_save())
    cache.process(new, "content/images/x.png")  # the photo replaced
    assert cache.changed and list(cache.to_save()) == [cache.key(new)]


def test_a_problem_is_not_cached_and_a_broken_cache_is_an_empty_one(tmp_path):
    cache = ImageCache()
    assert isinstance(cache.process(b"text", "content/images/x.jpg"), Problem) and cache.to_save() == {}
    output = tmp_path / "site"
    save_cache(output, IMAGES_FILE, {"key": "not an image"})
    assert load_image_cache(output).known == {}


def test_processing_runs_in_a_forked_worker_and_its_result_travels_back():
    if not can_fork():
        pytest.skip("no fork here")
    sources = [saved(photo((600, 300), colour=(i * 60, 0, 0)), "PNG") for i in range(3)]
    results = list(Workers(lambda n: (n, encode_image(sources[n], f"content/images/{n}.png")), 2, 3).results())
    cache = ImageCache()
    for number, encoded in results:
        assert cache.cached(sources[number]) is None
        cache.keep(sources[number], encoded)
    assert all(cache.cached(source) is not None for source in sources) and cache.processed == 3
    assert pickle.loads(pickle.dumps(encode_image(b"x", "content/images/x.jpg"))) == encode_image(b"x", "content/images/x.jpg")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_builds_images_are_processed_once_per_content_in_order_on_workers(workers):
    one, two = saved(photo((600, 300)), "PNG"), saved(photo((600, 300), colour=(9, 9, 9)), "PNG")
    sources = [(one, "content/images/a.png"), (b"text", "content/images/b.jpg"), (two, "content/images/c.png"),
               (one, "content/images/d.png"), (b"text", "content/images/e.jpg")]
    cache = ImageCache()
    found = process_all(cache, sources, workers)
    assert cache.processed == 2 and found[0] == found[3] == encode_image(one, "content/images/a.png")
    assert found[2] == encode_image(two, "content/images/c.png")
    assert [p.file for p in found if isinstance(p, Problem)] == ["content/images/b.jpg", "content/images/e.jpg"]
    again = ImageCache(cache.to_save())
    assert process_all(again, sources, workers) == found and again.processed == 0 and not again.changed


# Names and HTML


def test_published_names_sit_beside_the_source_and_carry_its_hash():
    assert published_name("/images/2008/opening.jpg", "1a2b3c4d5e", 960, "webp") == "images/2008/opening.1a2b3c4d5e.960.webp"
    assert published_name("/images/poster", "1a2b3c4d5e", 480, "jpg") == "images/poster.1a2b3c4d5e.480.jpg"


def sample(source: str = "/images/x.jpg"):
    encoded = encode_image(saved(photo((1200, 800)), "PNG"), "content/images/x.png")
    return picture(source, encoded), encoded.hash


def test_picture_html_lazy_with_caption_and_credit():
    image, h = sample()
    assert image.aspect_ratio == 1.5 and (image.width, image.height) == (1200, 800)
    assert picture_html(image, 'The "opening" <ceremony> & more', caption="开幕式 <现场>", credit="摄影：李 & 王") == (
        '<figure><picture><source type="image/webp" '
        f'srcset="/images/x.{h}.480.webp 480w, /images/x.{h}.960.webp 960w, /images/x.{h}.1200.webp 1200w" '
        'sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)">'
        f'<img src="/images/x.{h}.960.jpg" '
        f'srcset="/images/x.{h}.480.jpg 480w, /images/x.{h}.960.jpg 960w, /images/x.{h}.1200.jpg 1200w" '
        'sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="960" height="640" '
        'alt="The &quot;opening&quot; &lt;ceremony&gt; &amp; more" loading="lazy" decoding="async"></picture>'
        '<figcaption>开幕式 &lt;现场&gt; <small class="credit">摄影：李 &amp; 王</small></figcaption></figure>')


def test_picture_html_eager_decorative_without_figure_and_own_links_and_sizes():
    image, h = sample("/images/海报 1,2.jpg")
    assert picture_html(image, "", decorative=True, eager=True, sizes="100vw",
                        link=lambda path: "/zt/" + path.replace(" ", "%20").replace(",", "%2C")) == (
        '<picture><source type="image/webp" '
        f'srcset="/zt/images/海报%201%2C2.{h}.480.webp 480w, /zt/images/海报%201%2C2.{h}.960.webp 960w, '
        f'/zt/images/海报%201%2C2.{h}.1200.webp 1200w" sizes="100vw">'
        f'<img src="/zt/images/海报%201%2C2.{h}.960.jpg" srcset="/zt/images/海报%201%2C2.{h}.480.jpg 480w, '
        f'/zt/images/海报%201%2C2.{h}.960.jpg 960w, /zt/images/海报%201%2C2.{h}.1200.jpg 1200w" sizes="100vw" '
        'width="960" height="640" alt="" loading="eager" decoding="async"></picture>')


def test_the_default_link_escapes_what_would_break_a_srcset():
    image, h = sample("/images/海报 1,2.jpg")
    assert f'src="/images/%E6%B5%B7%E6%8A%A5%201%2C2.{h}.960.jpg"' in picture_html(image, "A poster")


def test_a_narrow_image_falls_back_to_its_only_jpeg():
    image = picture("/images/x.png", encode_image(saved(photo((300, 100)), "PNG"), "content/images/x.png"))
    assert 'width="300" height="100"' in picture_html(image, "x")


@pytest.mark.parametrize("alt, decorative", [("", False), ("  ", False), ("A photo", True)])
def test_alt_text_is_required_unless_the_image_is_decorative_and_then_it_has_none(alt, decorative):
    image, _ = sample()
    with pytest.raises(ValueError):
        picture_html(image, alt, decorative=decorative)
