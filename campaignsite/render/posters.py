"""Print material for the slogans: QR codes for the poster pages, and a banner (横幅) per slogan in SVG.

Takes: model values and absolute URLs.
Gives: SVG markup. The QR code is made by `segno` (a maintained QR library); the banner is a
plain SVG whose text is drawn by the viewer's fonts, so the build needs no fonts of its own.
"""
from __future__ import annotations

from html import escape as _html_escape

from ..model import Slogan

BANNER_WIDTH, BANNER_HEIGHT = 3000, 400
BANNER_FONTS = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
                '"SimHei", "WenQuanYi Micro Hei", sans-serif')


def qr_code(url: str, label: str) -> str:
    """An inline SVG QR code for `url`, named `label` for screen readers."""
    import segno  # here, not at the top: it brings urllib and email, which a rebuild without posters never needs

    svg = segno.make(url, error="m").svg_inline(scale=5, title=label, svgclass="qr-code", lineclass=None)
    return svg.replace("<svg ", '<svg role="img" ', 1)


def escape(text: str) -> str:
    """Text for XML content: &, < and > escaped (xml.sax.saxutils would do, but importing it costs
    more than a build of a small site saves)."""
    return _html_escape(text, quote=False)


def banner_svg(slogan: Slogan) -> str:
    """A red banner with the Chinese slogan in yellow, sized for a 3 m × 0.4 m print."""
    text = slogan.text.zh
    size = min(260, int((BANNER_WIDTH - 300) / max(len(text), 1)))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BANNER_WIDTH} {BANNER_HEIGHT}" '
        f'width="{BANNER_WIDTH}" height="{BANNER_HEIGHT}" role="img" aria-label="{_html_escape(text)}">\n'
        f'  <title>{escape(text)}</title>\n'
        f'  <rect width="{BANNER_WIDTH}" height="{BANNER_HEIGHT}" fill="#c8102e"/>\n'
        f'  <rect x="20" y="20" width="{BANNER_WIDTH - 40}" height="{BANNER_HEIGHT - 40}" fill="none" '
        'stroke="#ffde00" stroke-width="6"/>\n'
        f'  <text x="{BANNER_WIDTH // 2}" y="{BANNER_HEIGHT // 2}" fill="#ffde00" font-size="{size}" '
        f"font-weight=\"700\" font-family='{BANNER_FONTS}' text-anchor=\"middle\" dominant-baseline=\"central\">"
        f"{escape(text)}</text>\n"
        "</svg>\n"
    )


def banner_files(slogans: tuple[Slogan, ...]) -> dict[str, str]:
    """{output path: SVG} for every slogan's banner, beside its poster page."""
    return {f"slogans/{slogan.slug}/banner.svg": banner_svg(slogan) for slogan in slogans}
