"""A campaign of many local activities, as a province's offices fill one: every activity in a city, on one day of the
campaign's month at a time of day. The citizen's question "what is on near me this week?" is measured on it.

Takes: a folder, how many activities, how many days and the campaign's first day.
Gives: `make_local_campaign` (the campaign folder, the default campaign's texts with these activities), `CITIES`
(the cities it uses: at least 90 prefecture-level cities in 27 provinces, and the 4 municipalities) and
`this_week(site, city, today)` (the slugs of a city's activities from `today` to six days later, in time order).
"""
from __future__ import annotations

import functools
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

from campaignsite.regions import CITY, REGIONS, divisions

REPO = Path(__file__).resolve().parent.parent
MUNICIPALITIES = ("110000", "120000", "310000", "500000")  # no prefecture level: the municipality is the city
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
KINDS = [("质量讲座", "quality talk"), ("消费维权咨询", "consumer advice desk"), ("计量开放日", "metrology open day"),
         ("标准化培训", "standards training"), ("品牌展示", "brand showcase"), ("食品安全宣传", "food safety fair")]
TIMES = ["09:00-10:30", "09:30-11:30", "10:00-12:00", "14:00-15:30", "14:30-16:30", "15:00-17:00", "19:00-20:30"]


@functools.cache
def cities() -> tuple[str, ...]:
    """Four prefecture-level cities of every province that has as many (three where it has only three), then the
    municipalities: codes."""
    by_province: dict[str, list[str]] = {}
    for division in divisions().values():
        if division.level == CITY and division.code.endswith("00") and division.en:
            by_province.setdefault(division.province, []).append(division.code)
    picked = [code for province in sorted(by_province) if province in REGIONS and province not in ("710000",)
              for code in sorted(by_province[province])[:4] if len(by_province[province]) >= 3]
    return tuple(picked) + MUNICIPALITIES


def name(code: str, lang: str) -> str:
    if code in REGIONS:
        region = REGIONS[code]
        return region.zh_short if lang == "zh" else region.en
    division = divisions()[code]
    return division.zh_short if lang == "zh" else division.en


def activity(n: int, first_day: date, days: int) -> dict:
    """Activity `n`: in city n mod the cities, each city's on days that follow one another (a city's first day
    depends on the city), at one of the day's times."""
    place, round_ = n % len(cities()), n // len(cities())
    city = cities()[place]
    kind_zh, kind_en = KINDS[round_ % len(KINDS)]
    day = first_day + timedelta(days=(round_ * 4 // 5 + 3 * place) % days)  # a day with two, now and then
    zh, en = name(city, "zh"), name(city, "en")
    return {
        "slug": f"local-{n:05d}",
        "title": {"zh": f"{zh}{kind_zh}（第{n}场）", "en": f"{en} {kind_en} no. {n}"},
        "summary": {"zh": f"{zh}市民可参加的{kind_zh}。", "en": f"A {kind_en} open to {en}'s residents."},
        "body": {"zh": f"{zh}{kind_zh}，欢迎市民参加。\n", "en": f"A {kind_en} in {en}; all welcome.\n"},
        "schedule": {"kind": "days", "start": day.isoformat(), "end": day.isoformat(),
                     "time": TIMES[(place + round_ * 3) % len(TIMES)]},
        "region": city,
        "in_notice": False,
    }


def make_local_campaign(target: Path, activities: int = 3000, days: int = 30,
                        first_day: date = date(2008, 9, 1)) -> Path:
    """A campaign folder: the default campaign's texts, `activities` local activities over `days` days."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(REPO / "campaign.yaml", target / "campaign.yaml")
    shutil.copy(REPO / "slogans.yaml", target / "slogans.yaml")
    shutil.copytree(REPO / "content", target / "content", ignore=shutil.ignore_patterns("news"))
    items = [activity(n, first_day, days) for n in range(1, activities + 1)]
    (target / "activities.yaml").write_text(yaml.dump({"activities": items}, Dumper=DUMPER, allow_unicode=True,
                                                      sort_keys=False), encoding="utf-8")
    return target


def this_week(site: Path, city: str, today: date) -> list[str]:
    """The slugs of `city`'s activities from `today` to six days later, by day and then by time of day."""
    items = yaml.safe_load((site / "activities.yaml").read_text(encoding="utf-8"))["activities"]
    last = today + timedelta(days=6)
    found = [(item["schedule"]["start"], item["schedule"]["time"], n, item["slug"]) for n, item in enumerate(items)
             if item["region"] == city and today.isoformat() <= str(item["schedule"]["start"]) <= last.isoformat()]
    return [slug for *_, slug in sorted(found)]
