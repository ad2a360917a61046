"""Print the default campaign's slogans on one A4 page: content/files/2008-quality-month-slogans.pdf.

Takes: campaign.yaml (the campaign's name, the notice's heading of its slogans, the theme) and slogans.yaml (the
fifteen slogans, in both languages), read as they are, and Chromium (/usr/bin/chromium, through Playwright) with a
CJK font (Debian's fonts-noto-cjk). Only this script needs them, never the build.
Gives: a one-page PDF with real text (it can be searched and copied; Chromium embeds the subset of the font the
page uses), in the theme's colours, under 300 KB. The post that reports the campaign's start links it, so the
page shows its type and size.

The font: Noto Sans CJK SC with the Kangxi radicals (U+2E80-U+2FDF) taken out of its character map, made with
fontTools (`pip install --target DIR fonttools`, then `PYTHONPATH=DIR`). The radicals share their glyphs with
common characters (⽉ and 月), and Chromium's PDF then maps a glyph back to the radical: text copied or searched in
the PDF would read 2008年全国质量⽉. Without fontTools the installed font is used as it is, with that flaw.

Run from the repository: `/work/main/.venv/bin/python tools/make_slogans_pdf.py` (it overwrites the file).
"""
from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "files" / "2008-quality-month-slogans.pdf"
LIMIT = 300 * 1024
FONTS = Path("/usr/share/fonts/opentype/noto")
RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals

STYLE = """
@page { size: A4; margin: 14mm 16mm; }
body { font-family: "Slogans CJK", "Noto Sans CJK SC", sans-serif; color: #1d1d1f; margin: 0; }
header { border-bottom: 3px solid #b3141b; margin-bottom: 5mm; padding-bottom: 3mm; }
h1 { color: #0a3a7a; font-size: 19pt; margin: 0 0 1mm; }
.en-title { color: #4a4f57; font-size: 11pt; margin: 0; }
.theme { font-size: 10.5pt; margin: 2mm 0 0; }
ol { margin: 0; padding-left: 9mm; }
li { margin: 0 0 2.6mm; break-inside: avoid; }
li::marker { color: #0a3a7a; font-weight: 700; }
.zh { font-size: 13.5pt; font-weight: 700; color: #0a3a7a; display: block; }
.en { font-size: 9.5pt; color: #4a4f57; display: block; }
footer { margin-top: 4mm; font-size: 8.5pt; color: #4a4f57; }
"""


def page_html(campaign: dict, slogans: list[dict]) -> str:
    """The page: the notice's heading of the slogans in both languages, the theme, and each slogan."""
    heading, theme = campaign["sections"]["slogans"], campaign["theme"]
    items = "".join(f'<li><span class="zh" lang="zh-Hans">{escape(slogan["text"]["zh"])}</span>'
                    f'<span class="en" lang="en">{escape(slogan["text"]["en"])}</span></li>' for slogan in slogans)
    return (f'<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{escape(heading["zh"])}</title>'
            f"<style>{STYLE}</style></head><body><header><h1>{escape(heading['zh'])}</h1>"
            f'<p class="en-title" lang="en">{escape(heading["en"])}</p>'
            f'<p class="theme">{escape(theme["intro"]["zh"])}{escape(theme["text"]["zh"])}　'
            f'<span lang="en">{escape(theme["intro"]["en"])} {escape(theme["text"]["en"])}</span></p></header>'
            f'<ol>{items}</ol><footer>{escape(campaign["name"]["zh"])}　'
            f'<span lang="en">{escape(campaign["name"]["en"])}</span></footer></body></html>')


def font_faces(folder: Path) -> str:
    """@font-face rules for Noto Sans CJK SC without the radicals in its character map ('' without fontTools)."""
    try:
        from fontTools.ttLib import TTCollection
    except ImportError:
        return ""
    rules = []
    for weight, name in ((400, "Regular"), (700, "Bold")):
        font = TTCollection(str(FONTS / f"NotoSansCJK-{name}.ttc"), lazy=True).fonts[2]  # 2: Simplified Chinese
        for table in font["cmap"].tables:
            for code in [code for code in table.cmap if code in RADICALS]:
                del table.cmap[code]
        font.save(folder / f"{name}.otf")
        rules.append(f'@font-face {{ font-family: "Slogans CJK"; font-weight: {weight}; '
                     f'src: url("{(folder / f"{name}.otf").as_uri()}"); }}')
    return "\n".join(rules)


def main() -> None:
    campaign = yaml.safe_load((ROOT / "campaign.yaml").read_text(encoding="utf-8"))
    slogans = yaml.safe_load((ROOT / "slogans.yaml").read_text(encoding="utf-8"))["slogans"]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        folder = Path(temporary)
        html = page_html(campaign, slogans).replace("<style>", f"<style>{font_faces(folder)}\n", 1)
        (folder / "slogans.html").write_text(html, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        page.goto((folder / "slogans.html").as_uri(), wait_until="load")
        page.pdf(path=str(OUT), format="A4", print_background=True, prefer_css_page_size=True)
        browser.close()
    size = OUT.stat().st_size
    if size > LIMIT:
        raise SystemExit(f"{OUT} is {size} bytes, over {LIMIT}: make the page simpler")
    print(OUT, size)


if __name__ == "__main__":
    main()
