"""Draw the pictures of the default campaign's news posts: content/images/news/*.png.

Takes: nothing but Pillow and a CJK font (Debian's fonts-noto-cjk, /usr/share/fonts/opentype/noto/); only this
script needs them, never the build.
Gives: three pictures in the theme's colours, each drawn from words of the notice (campaign.yaml,
activities.yaml), so that nothing is shown the notice does not say: a poster of the campaign's name and theme,
a card of the revised standard, and a chart of September 2008 by week with the activities the notice dates.

Run from the repository: `/work/main/.venv/bin/python tools/make_news_images.py` (it overwrites the files; the
output is the same on every run with the same Pillow and font).
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "images" / "news"
FONTS = Path("/usr/share/fonts/opentype/noto")
BRAND, BRAND_DARK, ACCENT, WASH, INK, MUTED, WHITE = (
    "#0a3a7a", "#062a59", "#b3141b", "#f4f6f9", "#1d1d1f", "#4a4f57", "#ffffff")  # the theme's colours
SC = 2  # the face of Simplified Chinese in the .ttc collections (0 JP, 1 KR, 2 SC, 3 TC)


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"NotoSansCJK-{'Bold' if bold else 'Regular'}.ttc"), size, index=SC)


def centred(draw: ImageDraw.ImageDraw, y: int, text: str, size: int, fill: str, width: int,
            bold: bool = False) -> None:
    face = font(size, bold)
    draw.text(((width - draw.textlength(text, font=face)) / 2, y), text, font=face, fill=fill)


def poster() -> Image.Image:
    """The campaign's name and theme, in both languages, on the theme's blue with a red band."""
    width, height = 1600, 900
    image = Image.new("RGB", (width, height), BRAND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 600, width, 640), fill=ACCENT)
    draw.rectangle((0, 640, width, height), fill=BRAND_DARK)
    centred(draw, 110, "2008年全国质量月", 120, WHITE, width, bold=True)
    centred(draw, 280, "2008 National Quality Month", 64, WHITE, width)
    centred(draw, 410, "质量安全是社会和谐的基础", 72, WHITE, width, bold=True)
    centred(draw, 510, "Quality and safety are the foundation of social harmony", 40, WHITE, width)
    centred(draw, 700, "2008年9月　September 2008", 56, WHITE, width)
    return image


def standard_card() -> Image.Image:
    """The revised national standard's title, as the notice names it, in both languages."""
    width, height = 1600, 900
    image = Image.new("RGB", (width, height), WASH)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 48, height), fill=BRAND)
    draw.rectangle((48, 0, 64, height), fill=ACCENT)
    draw.text((140, 150), "新修订的国家标准", font=font(64), fill=MUTED)
    draw.text((140, 250), "《卓越绩效评价准则》", font=font(120, bold=True), fill=BRAND)
    draw.text((140, 450), "The revised national standard", font=font(52), fill=MUTED)
    draw.text((140, 530), "Criteria for Performance Excellence", font=font(80, bold=True), fill=BRAND)
    draw.line((140, 700, width - 140, 700), fill=ACCENT, width=6)
    draw.text((140, 740), "2008年全国质量月　2008 National Quality Month", font=font(44), fill=INK)
    return image


# (zh, en, first day, last day, carries on past September): the activities the notice dates in September
SCHEDULE = [
    ("全国质量月", "National Quality Month", 1, 30, False),
    ("优质服务迎奥运行动（7月至9月）", "Quality Service to Welcome the Olympics (July–September)", 1, 30, False),
    ("第五届中国国际中小企业博览会（广州）", "5th China International SME Fair (Guangzhou)", 22, 25, False),
    ("中国名牌产品表彰大会（9月底或10月初）",
     "China Top Brand Products Commendation Conference (late Sept. or early Oct.)", 21, 30, True),
]
WEEKS = [(1, 7), (8, 14), (15, 21), (22, 28), (29, 30)]  # 1 September 2008 was a Monday


def schedule_chart() -> Image.Image:
    """September 2008 in weeks (columns) and the activities the notice dates in it (bars)."""
    width, height, left, right, top = 1600, 1000, 80, 1500, 230
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    draw.text((left, 50), "2008年9月质量月活动日程（按周）", font=font(56, bold=True), fill=BRAND)
    draw.text((left, 130), "Quality Month, September 2008, by week", font=font(40), fill=MUTED)

    def x(day: float) -> float:
        return left + (right - left) * (day - 1) / 30

    for number, (first, last) in enumerate(WEEKS):
        shade = WASH if number % 2 == 0 else WHITE
        draw.rectangle((x(first), top, x(last + 1), height - 60), fill=shade)
        zh, en = (f"9月{first}日–{last}日", f"{first}–{last} Sept.") if last - first > 2 else (f"{first}–{last}日",
                                                                                             f"{first}–{last}")
        for text, y, face in ((zh, top + 10, font(30, bold=True)), (en, top + 52, font(28))):
            narrow = last - first <= 2  # the last two days: the words end at the month's edge
            at = x(last + 1) - 8 - draw.textlength(text, font=face) if narrow else x(first) + 12
            draw.text((at, y), text, font=face, fill=INK if y == top + 10 else MUTED)
    for row, (zh, en, first, last, more) in enumerate(SCHEDULE):
        y = top + 130 + row * 140
        draw.text((left + 12, y), zh, font=font(32, bold=True), fill=INK)
        draw.text((left + 12, y + 44), en, font=font(26), fill=MUTED)
        bar = (x(first), y + 88, x(last + 1), y + 120)
        draw.rectangle(bar, fill=ACCENT if more or last - first < 10 else BRAND)
        if more:  # the window goes on into October: an arrow at the month's edge
            draw.polygon([(right, y + 78), (right + 40, y + 104), (right, y + 130)], fill=ACCENT)
    draw.line((left, height - 60, right, height - 60), fill=INK, width=3)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, image in (("2008-quality-month-poster.png", poster()), ("2008-criteria-card.png", standard_card()),
                        ("2008-september-schedule.png", schedule_chart())):
        image.quantize(64, dither=Image.Dither.NONE).save(OUT / name, optimize=True)  # flat colours: a small PNG
        print(OUT / name)


if __name__ == "__main__":
    main()
