"""A news post with a cover and ten photos, in Chromium (issue 15 §4, budgets): its HTML is at most 100 KB, and at a
375 px wide phone's viewport the images loaded before any scrolling (the first screen, and what the browser fetches
ahead of the lazy ones) weigh at most 300 KB in all."""
from __future__ import annotations

import io
import random

import pytest
from PIL import Image, ImageFilter

from campaignsite.pipeline import BuildOptions, build
from tests.browser import gates
from tests.helpers import copy_fixture

HTML_BUDGET = 100 * 1024
FIRST_SCREEN_IMAGES = 300 * 1024
PHOTOS = 10


def photo(seed: int) -> bytes:
    """A 3000x2000 camera-sized JPEG that compresses like a photo: soft shapes of colour and a little grain."""
    rng = random.Random(seed)
    small = Image.new("RGB", (60, 40))
    small.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(60 * 40)])
    image = small.resize((3000, 2000), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(4))
    grain = Image.effect_noise((3000, 2000), 48).convert("RGB")
    out = io.BytesIO()
    Image.blend(image, grain, 0.16).save(out, "JPEG", quality=92)
    return out.getvalue()


def post(lang: str) -> str:
    words = {"zh": ("十张照片的动态", "图"), "en": ("A post with ten photos", "Photo")}[lang]
    photos = "\n\n".join(f"Paragraph {number}.\n\n![{words[1]} {number}](/images/budget/{number}.jpg "
                         f'"{words[1]} {number}")' for number in range(1, PHOTOS + 1))
    return (f"---\ntitle: {words[0]}\nsummary: {words[0]}\nimage: {{src: /images/budget/cover.jpg, alt: {words[1]} 0, "
            f"caption: {words[1]} 0, credit: {words[1]}}}\n---\nThe opening paragraph.\n\n{photos}\n")


@pytest.fixture(scope="module")
def served(tmp_path_factory, static_server):
    site = copy_fixture("reading-festival", tmp_path_factory.mktemp("budget"))
    folder = site / "content/images/budget"
    folder.mkdir(parents=True)
    for number, name in enumerate(["cover", *(str(n) for n in range(1, PHOTOS + 1))]):
        (folder / f"{name}.jpg").write_bytes(photo(number))
    (site / "content/news").mkdir(exist_ok=True)
    for lang in ("zh", "en"):
        (site / f"content/news/2025-04-01-ten-photos.{lang}.md").write_text(post(lang), encoding="utf-8")
    output = site / "output"
    build(BuildOptions(site, output))
    return output, static_server(output)


@pytest.mark.parametrize("path", ["news/ten-photos/", "en/news/ten-photos/"])
def test_a_news_post_with_ten_photos_is_at_most_100_kb_of_html(served, path):
    output, _ = served
    html = (output / path / "index.html").read_bytes()
    assert html.count(b"<picture>") == PHOTOS + 1
    assert html.count(b'loading="eager"') == 1  # the cover; every photo of the text waits until scrolled to
    print(f"\n{path}: {len(html)} bytes of HTML")
    assert len(html) <= HTML_BUDGET, f"{path}: {len(html)} bytes of HTML"


@pytest.mark.parametrize("path", ["news/ten-photos/", "en/news/ten-photos/"])
def test_at_375_px_the_images_of_the_first_screen_weigh_at_most_300_kb(browser, served, path):
    _, base = served
    context = browser.new_context(viewport={"width": 375, "height": 812})
    gates.keep_on_this_machine(context)
    page = context.new_page()
    images: dict[str, int] = {}

    def count(response) -> None:
        if response.request.resource_type == "image":
            images[response.url] = len(response.body())

    page.on("response", count)
    page.goto(base + path, wait_until="load")
    page.wait_for_timeout(500)  # what the browser fetches ahead of the lazy images after load
    total = sum(images.values())
    context.close()
    assert images and any("/cover." in url for url in images)
    assert all(".480." in url for url in images if "/images/" in url), images  # the narrowest suits a phone
    print(f"\n{path} at 375 px: {len(images)} images, {total} bytes before scrolling")
    assert total <= FIRST_SCREEN_IMAGES, f"{path}: {total} bytes of images before scrolling: {images}"
