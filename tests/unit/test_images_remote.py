"""Pictures from another site are refused at their line (validate.media) and never reach a page (render.markdown);
links to other sites stay."""
from __future__ import annotations

import pytest

from campaignsite.render.markdown import markdown_to_html
from campaignsite.validate.mdlinks import MarkdownText
from campaignsite.validate.media import check_media
from campaignsite.validate.sitepaths import SitePaths

HINT = "save the picture into content/images/ and link that: ![what it shows](/images/NAME.jpg)"


def problems(text: str) -> list[str]:
    found: list[str] = []
    source = MarkdownText("/about/", ("zh",), text,
                          lambda line, col, message, hint: found.append(f"{line}:{col}: {message} — {hint}"))
    check_media([source], SitePaths({}, frozenset()), None)
    return found


@pytest.mark.parametrize("address", ["http://host/x.png", "https://host/x.png", "//host/x.png", "HTTPS://host/x",
                                     "/\\host/x.png"])
def test_a_markdown_picture_from_another_site_is_refused_at_its_line(address):
    assert problems(f"Intro\n\nSee ![x]({address}) here") == [
        f"3:5: ![x]({address}): pictures from another site are not shown — {HINT}"]


def test_a_picture_by_reference_to_another_site_is_refused_where_it_is_shown():
    assert problems("![map][m]\n\n[m]: https://host/map.png\n") == [
        f"1:1: ![map](https://host/map.png): pictures from another site are not shown — {HINT}"]


def test_a_raw_html_image_from_another_site_is_refused_even_over_two_lines_but_not_in_code():
    text = ('<p><img alt="a"\n   src="https://h/y.png"></p>\n\n    <img src="http://in-code/x.png">\n\n'
            '`<img src="http://in-a-span/x.png">` <IMG SRC=//h/z.png>\n<img src="&#104;ttp://h/e.png">\n')
    assert problems(text) == [
        f'2:9: <img src="https://h/y.png">: pictures from another site are not shown — {HINT}',
        f'6:47: <img src="//h/z.png">: pictures from another site are not shown — {HINT}',
        f'7:11: <img src="http://h/e.png">: pictures from another site are not shown — {HINT}']


@pytest.mark.parametrize("address", ["data:image/png;base64,iVBORw0KGgo=", "file:///C:/photo.jpg", "ftp://host/x.png"])
def test_a_picture_written_with_another_kind_of_address_is_refused_too(address):
    assert problems(f"![x]({address})") == [
        f"1:1: ![x]({address}): a picture is shown from a file of content/images/ only — {HINT}"]


def test_links_to_other_sites_and_pictures_of_this_one_are_not_refused():
    assert problems("[a site](https://example.org/x.png) <a href=\"//host/\">b</a>") == []


@pytest.mark.parametrize("markdown", ["![x](http://host/x.png)", "![x](//host/x.png)", "![x](https://host/x.png)",
                                      '<img alt="x" src="https://host/x.png">', '<img alt="x" src="/\\host/x.png">',
                                      '<img alt="x" src="/&#9;/host/x.png">', "![x](images/x.png)"])
def test_no_converted_page_loads_a_picture_from_another_host(markdown):
    assert markdown_to_html(markdown) == '<p><img alt="x"></p>'


def test_a_picture_of_this_site_and_a_link_elsewhere_are_kept():
    assert markdown_to_html("![x](/images/x.png) [y](https://host/)") == (
        '<p><img alt="x" src="/images/x.png"> <a href="https://host/">y</a></p>')
