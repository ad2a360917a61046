"""No raster image of content/images/ is published as it is (issue 15 §2, privacy): a phone photo with a GPS position
and an EXIF rotation only linked from a page (`[photo](/images/x.jpg)`, never shown), and a news post's cover, are
published only as processed variants; every file under output/images/ read back with Pillow has no EXIF, no GPS
and is upright; a link to an image leads to its widest JPEG; an image nothing uses is not published at all."""
from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.helpers import copy_fixture, run_build
from tests.integration.test_media import phone_photo

POST = "---\ntitle: {title}\nsummary: {title}\nimage: {{src: /images/cover.jpg, alt: {title}, credit: {title}}}\n---\n{title}\n"


def campaign(tmp_path: Path) -> Path:
    site = copy_fixture("reading-festival", tmp_path)
    for name in ("linked.jpg", "cover.jpg", "unused.jpg"):
        (site / "content/images" / name).write_bytes(phone_photo())
    (site / "content/images/cover.jpg").write_bytes(phone_photo() + b"\0")  # other bytes: another hash
    for lang, words in (("zh", "现场照片"), ("en", "A photo of the day")):
        page = site / f"content/guide.{lang}.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n[{words}](/images/linked.jpg)\n", encoding="utf-8")
        news = site / "content/news"
        news.mkdir(exist_ok=True)
        (news / f"2025-04-01-opening.{lang}.md").write_text(POST.format(title=words), encoding="utf-8")
    return site


def test_a_linked_photo_and_a_cover_are_published_only_upright_and_without_metadata(tmp_path):
    site, output = campaign(tmp_path), tmp_path / "out"
    result = run_build("build", "--site", str(site), "--output", str(output), "--today", "2025-04-20")
    assert result.returncode == 0, result.stderr
    published = sorted((output / "images").iterdir())
    names = {path.name.split(".")[0] for path in published}
    assert names == {"emblem", "linked", "cover"}  # nothing uses unused.jpg: it is not published
    assert not any(path.name in ("linked.jpg", "cover.jpg", "emblem.png") for path in published)
    for path in published:
        with Image.open(path) as image:
            assert not image.getexif() and not image.getexif().get_ifd(0x8825), path.name
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"} & set(image.info), path.name
            if not path.name.startswith("emblem"):
                assert image.height > image.width, path.name  # upright: the camera's orientation applied
                assert image.convert("RGB").getpixel((image.width // 2, 5))[0] > 150  # red on top
        assert b"SERIAL-12345" not in path.read_bytes()
    widest = max((path for path in published if path.name.startswith("linked") and path.suffix == ".jpg"),
                 key=lambda path: Image.open(path).width)
    assert f'<a href="/en/images/{widest.name}">' not in (output / "en/guide/index.html").read_text("utf-8")
    assert f'<a href="/images/{widest.name}">A photo of the day</a>' in (output / "en/guide/index.html").read_text(
        "utf-8")
    assert f'<a href="/images/{widest.name}">现场照片</a>' in (output / "guide/index.html").read_text("utf-8")


def test_a_linked_file_of_content_images_that_cannot_be_published_is_an_error_where_it_is_linked(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    (site / "content/images/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    page = site / "content/guide.en.md"
    lines = page.read_text(encoding="utf-8").count("\n")
    page.write_text(page.read_text(encoding="utf-8") + "\nThe [logo](/images/logo.svg).\n", encoding="utf-8")
    result = run_build("build", "--site", str(site), "--output", str(tmp_path / "out"))
    assert result.returncode == 1 and not (tmp_path / "out").exists()
    assert result.stderr == (
        f"content/guide.en.md:{lines + 2}:12: content/images/logo.svg: is an SVG image, which is not published — an "
        "SVG can carry scripts that would run on the site: export it as PNG\n1 error; nothing was written.\n")
