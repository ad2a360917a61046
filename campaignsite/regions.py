"""China's 34 provincial-level divisions, and `national`: the regions an activity may name.

Takes: nothing (the list is data, shipped with the tool).
Gives: `REGIONS` (code -> `Region` with its Chinese and English names: the English the National Bureau of
Statistics uses), `NATIONAL`, and `region_code(text)`: a 6-digit code, a Chinese name (full or short: 广东省,
广东) or an English name (Guangdong, any case) normalised to the code, or None; `close_names(text)` for a
"did you mean" hint.
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

NATIONAL = "national"  # an activity across the whole country (全国)


@dataclass(frozen=True)
class Region:
    code: str  # the 6-digit administrative division code, or "national"
    zh: str  # the full Chinese name (广东省)
    en: str  # the English name (Guangdong)
    zh_short: str  # the Chinese name without its suffix (广东)


# code, full Chinese name, short Chinese name, English name (GB/T 2260; NBS's English names)
_TABLE = (
    ("110000", "北京市", "北京", "Beijing"), ("120000", "天津市", "天津", "Tianjin"),
    ("130000", "河北省", "河北", "Hebei"), ("140000", "山西省", "山西", "Shanxi"),
    ("150000", "内蒙古自治区", "内蒙古", "Inner Mongolia"), ("210000", "辽宁省", "辽宁", "Liaoning"),
    ("220000", "吉林省", "吉林", "Jilin"), ("230000", "黑龙江省", "黑龙江", "Heilongjiang"),
    ("310000", "上海市", "上海", "Shanghai"), ("320000", "江苏省", "江苏", "Jiangsu"),
    ("330000", "浙江省", "浙江", "Zhejiang"), ("340000", "安徽省", "安徽", "Anhui"),
    ("350000", "福建省", "福建", "Fujian"), ("360000", "江西省", "江西", "Jiangxi"),
    ("370000", "山东省", "山东", "Shandong"), ("410000", "河南省", "河南", "Henan"),
    ("420000", "湖北省", "湖北", "Hubei"), ("430000", "湖南省", "湖南", "Hunan"),
    ("440000", "广东省", "广东", "Guangdong"), ("450000", "广西壮族自治区", "广西", "Guangxi"),
    ("460000", "海南省", "海南", "Hainan"), ("500000", "重庆市", "重庆", "Chongqing"),
    ("510000", "四川省", "四川", "Sichuan"), ("520000", "贵州省", "贵州", "Guizhou"),
    ("530000", "云南省", "云南", "Yunnan"), ("540000", "西藏自治区", "西藏", "Tibet"),
    ("610000", "陕西省", "陕西", "Shaanxi"), ("620000", "甘肃省", "甘肃", "Gansu"),
    ("630000", "青海省", "青海", "Qinghai"), ("640000", "宁夏回族自治区", "宁夏", "Ningxia"),
    ("650000", "新疆维吾尔自治区", "新疆", "Xinjiang"), ("710000", "台湾省", "台湾", "Taiwan"),
    ("810000", "香港特别行政区", "香港", "Hong Kong"), ("820000", "澳门特别行政区", "澳门", "Macao"),
)

REGIONS: dict[str, Region] = {code: Region(code, zh, en, short) for code, zh, short, en in _TABLE}
REGIONS[NATIONAL] = Region(NATIONAL, "全国", "Nationwide", "全国")

# English names readers also write (Xizang is the official romanisation; Macau the common spelling)
_ALIASES = {"xizang": "540000", "macau": "820000", "nei mongol": "150000", "national": NATIONAL,
            "nationwide": NATIONAL, "全国": NATIONAL}


def _key(text: str) -> str:
    """Full-width letters and digits as plain ones, spaces squeezed, case folded."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


_BY_NAME: dict[str, str] = {
    **{_key(name): region.code for region in REGIONS.values() for name in (region.zh, region.zh_short, region.en)},
    **{_key(code): code for code in REGIONS},
    **_ALIASES,
}


def region_code(text: str) -> str | None:
    """The code of the region `text` names (a code, a Chinese or an English name), or None."""
    return _BY_NAME.get(_key(text))


def close_names(text: str, limit: int = 3) -> list[str]:
    """Names of regions that look like `text`, for a "did you mean" hint (English or Chinese as written)."""
    names = [region.en for region in REGIONS.values()] + [region.zh for region in REGIONS.values()]
    by_key = {_key(name): name for name in names}
    return [by_key[found] for found in difflib.get_close_matches(_key(text), list(by_key), n=limit, cutoff=0.6)]
