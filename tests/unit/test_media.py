"""Images and documents in Markdown: found in the source (validate.media), shown in the HTML (render.media), and
srcset rewritten with the other links (render.urls)."""
from __future__ import annotations

from campaignsite.images import File, Picture
from campaignsite.render.markdown import markdown_to_html
from campaignsite.render.media import FirstImage, file_size, show_media
from campaignsite.render.urls import relativize, site_links
from campaignsite.validate.media import DOWNLOAD_TYPES, Media, download_type, find_images

PHOTO = Picture("/images/hall.jpg", 1600, 1200, tuple(
    File(f"images/hall.abc.{width}.{kind}", width, width * 3 // 4, kind, b"")
    for width in (480, 960, 1600) for kind in ("webp", "jpg")))
MEDIA = Media({"/images/hall.jpg": PHOTO}, {"/files/form.docx": ("DOCX", 24 * 1024)})


def test_images_are_found_inline_and_by_reference_with_alt_and_title_but_not_in_code():
    text = ('Intro ![A hall](/images/hall.jpg "The hall") and ![](</images/a b.png> "decorative").\n\n'
            "    ![in code](/images/no.png)\n\n`![span](/images/no.png)` ![Map][m]\n\n[m]: /images/map.gif\n")
    assert find_images(text) == [(1, 7, "A hall", "/images/hall.jpg", "The hall"),
                                 (1, 50, "", "/images/a b.png", "decorative"),
                                 (5, 27, "Map", "/images/map.gif", "")]


def test_a_documents_type_is_its_names_extension_in_capitals():
    assert download_type("/files/2025/表格.DocX") == "DOCX"
    assert download_type("/files/readme") == ""
    assert "OFD" in DOWNLOAD_TYPES and "WPS" in DOWNLOAD_TYPES and "ET" in DOWNLOAD_TYPES


def test_a_size_is_in_kilobytes_below_a_megabyte_and_never_zero():
    assert [file_size(size) for size in (1, 24 * 1024, 1023 * 1024, 1536 * 1024, 25 * 1024 * 1024)] == [
        "1 KB", "24 KB", "1023 KB", "1.5 MB", "25 MB"]


def shown(markdown: str, first: FirstImage | None = None) -> str:
    return show_media(markdown_to_html(markdown), MEDIA, first or FirstImage(),
                      lambda kind, size: f"（{kind}，{size}）")


def test_an_image_alone_in_its_paragraph_is_a_figure_its_title_the_caption_and_only_the_first_is_eager():
    first = FirstImage()
    html = shown('![A hall](/images/hall.jpg "The hall")', first)
    assert html.startswith("<figure><picture>") and html.endswith("<figcaption>The hall</figcaption></figure>")
    assert 'loading="eager"' in html and 'width="960" height="720"' in html
    assert 'loading="lazy"' in shown("![A hall](/images/hall.jpg)", first)


def test_an_image_among_words_stays_in_its_paragraph_without_caption_and_a_decorative_one_has_empty_alt():
    html = shown('See ![A hall](/images/hall.jpg "The hall") here, ![](/images/hall.jpg "decorative").')
    assert html.startswith("<p>See <picture>") and "<figure>" not in html and "The hall" not in html
    assert 'alt="A hall"' in html and 'alt=""' in html


def test_a_link_to_a_shown_image_leads_to_its_widest_jpeg_and_a_document_link_says_type_and_size():
    html = shown("[the hall](/images/hall.jpg) and [报名表](/files/form.docx) and [other](/files/x.pdf)")
    assert '<a href="/images/hall.abc.1600.jpg">the hall</a>' in html
    assert '<a href="/files/form.docx">报名表（DOCX，24 KB）</a>' in html
    assert '<a href="/files/x.pdf">other</a>' in html  # not measured: left as written


def test_srcset_addresses_follow_the_base_url_and_relative_links():
    html = shown("![A hall](/images/hall.jpg)")
    under = site_links(html, "en", "/zt/x/")
    assert 'srcset="/zt/x/images/hall.abc.480.webp 480w, /zt/x/images/hall.abc.960.webp 960w' in under
    assert 'src="/zt/x/images/hall.abc.960.jpg"' in under
    relative = relativize(under, "en/guide/index.html", "/zt/x/")
    assert 'srcset="../../images/hall.abc.480.jpg 480w, ../../images/hall.abc.960.jpg 960w' in relative
