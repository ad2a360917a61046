"""China's 34 provincial-level divisions and `national`, and the cities and counties below them: the places an
activity may name.

Takes: nothing (the provinces are data in this module; the cities and counties are the table data/divisions.csv,
shipped with the tool, made by scripts/make_divisions.py, read once on first use).
Gives: `REGIONS` (code -> `Region` with its Chinese and English names: the English the National Bureau of
Statistics uses), `NATIONAL`, and `region_code(text)`: a 6-digit code, a Chinese name (full or short: 广东省,
广东) or an English name (Guangdong, any case) normalised to the province's code, or None; `divisions()` (code ->
`Division`: a prefecture-level city or a county); `place_codes(text)`: the codes a province, city or county's code
or name may mean (one when it is clear, several when it is ambiguous, none when unknown); `place_of(code)`: the
`Place` (province, city, county) a code names; `name_of(code, lang)` its name in a language; `close_names(text)`
for a "did you mean" hint.
"""
from __future__ import annotations

import csv
import difflib
import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

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
    """Full-width letters and digits as plain ones, spaces squeezed, case folded, accents gone (Garzê is garze)."""
    if text.isascii():
        return " ".join(text.split()).casefold()
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFKC", plain).split()).casefold().replace("’", "'")


_BY_NAME: dict[str, str] = {
    **{_key(name): region.code for region in REGIONS.values() for name in (region.zh, region.zh_short, region.en)},
    **{_key(code): code for code in REGIONS},
    **_ALIASES,
}


def region_code(text: str) -> str | None:
    """The code of the region `text` names (a code, a Chinese or an English name), or None."""
    return _BY_NAME.get(_key(text))


def close_names(text: str, limit: int = 3) -> list[str]:
    """Names of regions, then of cities, that look like `text`, for a "did you mean" hint (English or Chinese as
    written): a province's name goes before a city's."""
    provinces = [name for region in REGIONS.values() for name in (region.en, region.zh)]
    cities = [name for city in divisions().values() if city.level == CITY for name in (city.en, city.zh)]
    found: list[str] = []
    for names in (provinces, cities):
        by_key = {_key(name): name for name in names}
        close = difflib.get_close_matches(_key(text), list(by_key), n=limit, cutoff=0.6)
        found += [by_key[key] for key in close if by_key[key] not in found]
    return found[:limit]


CITY, COUNTY = "city", "county"  # a division's level: a prefecture-level city (or a county-level one the province
# governs directly, such as 琼海市), or a county-level division of a city (a municipality's district too)
_TABLE_FILE = Path(__file__).parent / "data" / "divisions.csv"


@dataclass(frozen=True)
class Division:
    """A city or a county, as the table gives it."""

    code: str  # GB/T 2260 (330100)
    level: str  # CITY or COUNTY
    parent: str  # a city's province, a county's city (a municipality's district: the municipality)
    zh: str  # 杭州市
    zh_short: str  # 杭州
    en: str  # Hangzhou; "" for a county (no English name is shipped for counties)

    @property
    def province(self) -> str:
        return self.code[:2] + "0000"


@dataclass(frozen=True)
class Place:
    """Where an activity is, as its `region:` names it: the province (or national), and the city and the county
    when it names one (a municipality's district has a county and no city)."""

    region: str
    city: str | None = None
    county: str | None = None


@functools.cache
def divisions() -> dict[str, Division]:
    """Every city and county of the table, by code (read once, on first use: most builds name no city)."""
    with open(_TABLE_FILE, encoding="utf-8", newline="") as file:
        rows = csv.reader(line for line in file if not line.startswith("#"))
        next(rows)  # the column names: code, level, parent, zh, zh_short, en (the fields of Division)
        return {row[0]: Division(*row) for row in rows}


_LEVELS = {CITY: 1, COUNTY: 2}  # provinces are 0


@functools.cache
def _names() -> dict[str, tuple[tuple[str, bool, int], ...]]:
    """Each name's key -> the (code, whether it is a full name, level) of what it may name."""
    found: dict[str, list[tuple[str, bool, int]]] = {}
    for region in REGIONS.values():
        for name, full in ((region.zh, True), (region.en, True), (region.zh_short, False)):
            found.setdefault(_key(name), []).append((region.code, full, 0))
    for alias, code in _ALIASES.items():
        found.setdefault(alias, []).append((code, True, 0))
    for division in divisions().values():
        level = _LEVELS[division.level]
        english, plain = _key(division.en), _key(division.en.replace("'", ""))  # Xian for Xi'an
        for name, full in ((english, True), (plain, True), (division.zh, True), (division.zh_short, False)):
            if name:  # a Chinese name of the table is its own key (the table's test checks it)
                found.setdefault(name, []).append((division.code, full, level))
    return {key: tuple(dict.fromkeys(candidates)) for key, candidates in found.items()}


def place_codes(text: str) -> tuple[str, ...]:
    """The codes `text` may name: a code, or a province's, a city's or a county's name in Chinese (full or short:
    杭州市, 杭州) or English (Hangzhou, any case). A full name goes before a short one and, among what is left, a
    province before a city before a county (海南 is the province, 吉林 the province and 吉林市 the city, 朝阳 the city
    in Liaoning); more than one code left is an ambiguity (朝阳区 in Beijing and in Changchun; Suzhou)."""
    if province := region_code(text):
        return (province,)  # a province's name or code: no city needs the table read
    key = _key(text)
    if key in divisions():
        return (key,)
    candidates = _names().get(key, ())
    if any(full for _, full, _ in candidates):
        candidates = tuple(candidate for candidate in candidates if candidate[1])
    if not candidates:
        return ()
    top = min(level for _, _, level in candidates)
    return tuple(dict.fromkeys(code for code, _, level in candidates if level == top))


def place_of(code: str) -> Place:
    """The province, city and county a code (of `REGIONS` or `divisions()`) names."""
    division = divisions().get(code)
    if division is None:
        return Place(code)
    if division.level == CITY:
        return Place(division.province, division.code)
    city = division.parent if division.parent not in REGIONS else None
    return Place(division.province, city, division.code)


def name_of(code: str, lang: str) -> str:
    """The name of a province (or national) or a city in `lang` (zh: 杭州市, en: Hangzhou); a county's Chinese name
    in both, as no English name is shipped for counties."""
    if code in REGIONS:
        return getattr(REGIONS[code], lang)
    division = divisions()[code]
    return division.zh if lang == "zh" else division.en or division.zh


def place_name(code: str) -> str:
    """A code's place as an author reads it in a message: `330100 杭州市 Hangzhou`, `110105 北京市朝阳区`."""
    if code in REGIONS:
        region = REGIONS[code]
        return f"{code} {region.zh} {region.en}" if code != NATIONAL else f"{code} {region.zh}"
    division = divisions()[code]
    if division.level == CITY:
        return f"{code} {division.zh} {division.en}"
    above = divisions().get(division.parent) or REGIONS[division.parent]
    return f"{code} {above.zh}{division.zh}"
