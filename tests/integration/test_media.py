"""Photos and documents in Markdown, built (issue 15 §2, §3): a phone photo with a GPS position and an EXIF rotation
shown on a content page in both languages, a document linked with its type and size, a rebuild that processes no
image, and relative addresses (srcset too)."""
from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image

from campaignsite.images import decode as image_decode
from campaignsite.images import encode as image_encode
from campaignsite.pipeline import BuildOptions, Session, build, check
from tests.helpers import copy_fixture, run_build

EMBLEM_EN = "![The site’s emblem: on blue, a red ring holding a white star with a tick](/images/emblem.png)"
EMBLEM_ZH = "![本站标志：蓝底上，红色圆环中有一颗白色五角星，星中有一个对勾](/images/emblem.png)"


def phone_photo() -> bytes:
    """1200x800 as stored, red on the left and blue on the right, with EXIF orientation 6 (turn 90° clockwise to
    show it: 800x1200, red on top), a GPS position and a camera serial."""
    image = Image.new("RGB", (1200, 800), (220, 0, 0))
    image.paste((0, 0, 220), (600, 0, 1200, 800))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0xA431] = "SERIAL-12345"  # BodySerialNumber
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 30.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def campaign(tmp_path: Path) -> Path:
    site = copy_fixture("reading-festival", tmp_path)
    (site / "content/images/opening.jpg").write_bytes(phone_photo())
    (site / "content/files").mkdir()
    (site / "content/files/form.docx").write_bytes(b"PK" + b"\0" * (24 * 1024 - 2))
    for lang, emblem, photo, form in (
            ("en", EMBLEM_EN, '![The opening: readers in a hall](/images/opening.jpg "The opening day")',
             "[Registration form](/files/form.docx)"),
            ("zh", EMBLEM_ZH, '![开幕式：读者在大厅里](/images/opening.jpg "开幕当天")', "[报名表](/files/form.docx)")):
        page = site / f"content/guide.{lang}.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace(emblem, f"{emblem}\n\n{photo}\n\n{form}\n\n![]({'/images/emblem.png'} "
                                             '"decorative")'), encoding="utf-8")
    return site


def built(site: Path, output: Path, *options: str) -> None:
    result = run_build("build", "--site", str(site), "--output", str(output), *options)
    assert result.returncode == 0, result.stderr


def test_a_phone_photo_is_published_upright_without_metadata_in_a_picture_with_alt_text_in_each_language(tmp_path):
    site, output = campaign(tmp_path), tmp_path / "out"
    built(site, output)
    assert not (output / "images/opening.jpg").exists()  # the original, with its GPS position, is not published
    variants = sorted(path.name for path in (output / "images").glob("opening.*"))
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".HASH.", name) for name in variants] == [
        "opening.HASH.480.jpg", "opening.HASH.480.webp", "opening.HASH.800.jpg", "opening.HASH.800.webp"]
    for name in variants:
        with Image.open(output / "images" / name) as image:
            assert image.width in (480, 800) and image.height == image.width * 3 // 2  # upright: taller than wide
            assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info
            rgb = image.convert("RGB")
            assert rgb.getpixel((image.width // 2, 5))[0] > 150  # red on top: turned as the camera said
            assert rgb.getpixel((image.width // 2, image.height - 5))[2] > 150
        assert b"SERIAL-12345" not in (output / "images" / name).read_bytes()
    page_en = (output / "en/guide/index.html").read_text(encoding="utf-8")
    page_zh = (output / "guide/index.html").read_text(encoding="utf-8")
    photo_hash = variants[0].split(".")[1]
    assert (f'<figure><picture><source type="image/webp" srcset="/images/opening.{photo_hash}.480.webp 480w, '
            f'/images/opening.{photo_hash}.800.webp 800w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)">'
            f'<img src="/images/opening.{photo_hash}.800.jpg" srcset="/images/opening.{photo_hash}.480.jpg 480w, '
            f'/images/opening.{photo_hash}.800.jpg 800w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" '
            'width="800" height="1200" alt="The opening: readers in a hall" loading="lazy" decoding="async">'
            '</picture><figcaption>The opening day</figcaption></figure>') in page_en
    assert 'alt="开幕式：读者在大厅里" loading="lazy"' in page_zh and "<figcaption>开幕当天</figcaption>" in page_zh
    assert page_en.count('loading="eager"') == 1  # the page's first image; the others wait until scrolled to
    assert 'alt="" loading="lazy"' in page_en  # the decorative one


def test_a_document_link_says_its_type_and_size_in_the_pages_language(tmp_path):
    site, output = campaign(tmp_path), tmp_path / "out"
    built(site, output)
    assert '<a href="/files/form.docx">报名表（DOCX，24 KB）</a>' in (output / "guide/index.html").read_text("utf-8")
    assert ('<a href="/en/files/form.docx">' not in (output / "en/guide/index.html").read_text("utf-8"))
    assert ('<a href="/files/form.docx">Registration form (DOCX, 24 KB)</a>'
            in (output / "en/guide/index.html").read_text("utf-8"))
    assert (output / "files/form.docx").stat().st_size == 24 * 1024  # a stable name: the address people cite


def test_a_rebuild_processes_no_image_whose_bytes_did_not_change(tmp_path, monkeypatch):
    site, output = campaign(tmp_path), tmp_path / "out"
    first = Session.from_cache_folder(output)
    build(BuildOptions(site, output), first)
    assert first.images.processed == 2  # the emblem and the photo, each once though each is used twice
    page = site / "content/visit.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("an unchanged image was processed again")

    monkeypatch.setattr(image_encode, "decode", refuse)
    monkeypatch.setattr(image_decode, "_decode", refuse)
    second = Session.from_cache_folder(output)
    result = build(BuildOptions(site, output), second)
    assert second.images.processed == 0 and result.total > 0
    assert len(list((output / "images").glob("opening.*"))) == 4
    assert len(check(BuildOptions(site, output)).plan.media_files) == 10  # check too takes them from the cache


def test_with_relative_urls_the_pictures_sources_are_relative_too(tmp_path):
    site, output = campaign(tmp_path), tmp_path / "out"
    built(site, output, "--relative-urls")
    page = (output / "en/guide/index.html").read_text(encoding="utf-8")
    srcsets = re.findall(r'srcset="([^"]*)"', page)
    assert srcsets and all(entry.strip().startswith("../../images/") for srcset in srcsets
                           for entry in srcset.split(","))
    assert '<a href="../../files/form.docx">Registration form (DOCX, 24 KB)</a>' in page


def test_a_long_infographic_builds_and_checks_scaled_within_webps_limit(tmp_path):
    site, output = copy_fixture("reading-festival", tmp_path), tmp_path / "out"
    out = io.BytesIO()
    Image.new("RGB", (1000, 20000), (30, 90, 160)).save(out, "PNG")
    (site / "content/images/timeline.png").write_bytes(out.getvalue())
    for lang, alt in (("en", "The festival timeline"), ("zh", "活动时间线")):
        page = site / f"content/guide.{lang}.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n![{alt}](/images/timeline.png)\n", encoding="utf-8")
    checked = run_build("check", "--site", str(site))
    assert checked.returncode == 0 and "Traceback" not in checked.stderr, checked.stderr
    built(site, output)
    sizes = sorted(Image.open(path).size for path in (output / "images").glob("timeline.*.webp"))
    assert sizes == [(480, 9600), (819, 16380)]
    assert 'width="819" height="16380" alt="The festival timeline"' in (output / "en/guide/index.html").read_text("utf-8")
