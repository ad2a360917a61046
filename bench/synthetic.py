"""Synthetic campaigns of any size, for the benchmarks: realistic bilingual Markdown bodies."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from campaignsite.regions import REGIONS

REPO = Path(__file__).resolve().parent.parent
REGION_CODES = sorted(REGIONS)  # the 34 divisions and national: activity n is in REGION_CODES[n % 35]
LAYOUTS = ("file", "folder")
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ZH_SENTENCES = [
    "各地要结合实际，组织企业开展质量提升活动，推广先进的质量管理方法。",
    "活动期间，邀请质量专家深入企业，开展免费咨询和现场指导。",
    "围绕活动主题，组织职工开展合理化建议、技术革新和岗位练兵。",
    "充分发挥报刊、广播、电视、网络等媒体的作用，营造关心质量的良好氛围。",
]
EN_SENTENCES = [
    "Each locality organizes quality improvement activities for enterprises and promotes advanced methods.",
    "During the campaign, quality experts visit enterprises to give free advice and on-site guidance.",
    "Around the theme, employees put forward suggestions, improve techniques and sharpen their skills.",
    "Newspapers, radio, television and the internet help build an atmosphere in which society cares about quality.",
]


# Titles made of a place, an audience or theme, and a kind of event, as offices name their activities
# (滨江区银发族质量讲座, "Binjiang seniors' quality talk"): words a reader searches by, each shared by a
# few dozen activities of 5,000, so that search is measured on words, not on numbers.
PLACES = [("滨江区", "Binjiang"), ("城东", "Chengdong"), ("高新区", "Hi-tech Zone"), ("临港", "Lingang"),
          ("西湖", "Xihu"), ("南山", "Nanshan"), ("龙岗", "Longgang"), ("江北", "Jiangbei"), ("天河", "Tianhe"),
          ("武侯", "Wuhou"), ("鼓楼", "Gulou"), ("海淀", "Haidian"), ("浦东", "Pudong"), ("历下", "Lixia"),
          ("雁塔", "Yanta"), ("洪山", "Hongshan"), ("思明", "Siming"), ("庐阳", "Luyang"), ("秦淮", "Qinhuai")]
THEMES = [("银发族", "seniors'"), ("青少年", "youth"), ("新春", "spring festival"), ("食品安全", "food safety"),
          ("计量", "metrology"), ("标准化", "standards"), ("消费维权", "consumer rights"), ("品牌", "brand"),
          ("农产品", "farm produce"), ("特种设备", "special equipment"), ("建筑工程", "construction"),
          ("电子商务", "e-commerce"), ("中小企业", "small business"), ("绿色产品", "green products"),
          ("医疗器械", "medical devices"), ("旅游服务", "tourism service"), ("家电维修", "appliance repair")]
KINDS = [("质量讲座", "quality talk"), ("征文比赛", "essay contest"), ("开放日", "open day"),
         ("咨询集市", "advice fair"), ("技能竞赛", "skills contest"), ("知识问答", "quiz"),
         ("成果展览", "exhibition"), ("工作坊", "workshop"),
         ("现场检测", "on-site testing"), ("培训班", "training course"), ("论坛", "forum"), ("义诊", "free check-up")]
CITIES = [("杭州", "Hangzhou"), ("深圳", "Shenzhen"), ("成都", "Chengdu"), ("武汉", "Wuhan"), ("南京", "Nanjing"),
          ("厦门", "Xiamen"), ("合肥", "Hefei"), ("西安", "Xi'an"), ("济南", "Jinan"), ("广州", "Guangzhou")]
REGION_CODES = ["330000", "440000", "510000", "420000", "320000", "350000", "340000", "610000", "370000", "440000"]


def title(n: int) -> dict:
    place, theme, kind = PLACES[n % len(PLACES)], THEMES[n // 7 % len(THEMES)], KINDS[n // 3 % len(KINDS)]
    return {"zh": f"{place[0]}{theme[0]}{kind[0]}（第{n}期）", "en": f"{place[1]} {theme[1]} {kind[1]} (no. {n})"}


def body(sentences: list[str], n: int) -> str:
    """A few hundred characters of Markdown, different for every activity (as real bodies are: a
    converter that remembers what it converted must not be flattered by repeated text)."""
    picked = [sentences[(n + i) % len(sentences)] for i in range(3)]
    if sentences is ZH_SENTENCES:
        return f"第{n}项活动：{picked[0]}{picked[1]}\n\n**{picked[2]}**\n\n- 联系人：第{n}号\n"
    return f"Activity {n}: {picked[0]} {picked[1]}\n\n**{picked[2]}**\n\n- Contact: desk {n}\n"


def activity(n: int, in_notice_field: bool = False) -> dict:
    schedule = [{"kind": "campaign"},
                {"kind": "days", "start": f"2008-09-{1 + n % 28:02d}", "end": f"2008-09-{1 + n % 28:02d}"},
                {"kind": "months", "start": "2008-07", "end": "2008-09"}][n % 3]
    item: dict = {
        "slug": f"activity-{n:05d}",
        "title": title(n),
        "summary": {"zh": f"第{n}项活动的简介：{THEMES[n % len(THEMES)][0]}主题，面向社区居民。",
                    "en": f"A summary of activity {n}: on {THEMES[n % len(THEMES)][1]}, for residents."},
        "body": {"zh": body(ZH_SENTENCES, n), "en": body(EN_SENTENCES, n)},
        "schedule": schedule,
    }
    if n % 2 == 0:
        city = CITIES[n // 2 % len(CITIES)]
        item["region"] = REGION_CODES[n // 2 % len(CITIES)]
        item["city"] = {"zh": city[0], "en": city[1]}
    if n % 4 == 0:
        item["place"] = {"zh": f"第{n % 31 + 1}市", "en": f"City {n % 31 + 1}"}
    region = REGIONS[REGION_CODES[n % len(REGION_CODES)]]
    item["region"] = region.code
    if region.code != "national" and n % 2 == 0:  # half of the local ones name a city
        item["city"] = {"zh": f"{region.zh_short}第{n % 5 + 1}市", "en": f"{region.en} city {n % 5 + 1}"}
    if in_notice_field:
        item["in_notice"] = False
    return item


def dump(data) -> str:
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False)


def activity_file(n: int) -> str:
    """The name of activity `n`'s own file in the folder layout: activities/00042-activity-00042.yaml."""
    return f"{n:05d}-activity-{n:05d}.yaml"


def make_campaign(target: Path, activities: int, layout: str = "file", in_notice_field: bool = False) -> Path:
    """A campaign folder with `activities` activities and one slogan per ten of them.

    layout "file": every activity in activities.yaml; "folder": one file per activity in
    activities/ (each a mapping with the keys of one item of activities.yaml).
    in_notice_field: give every activity `in_notice: false`.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(REPO / "campaign.yaml", target / "campaign.yaml")
    items = [activity(n, in_notice_field) for n in range(1, activities + 1)]
    if layout == "folder":
        folder = target / "activities"
        folder.mkdir()
        for n, item in enumerate(items, start=1):
            (folder / activity_file(n)).write_text(dump(item), encoding="utf-8")
    else:
        (target / "activities.yaml").write_text(dump({"activities": items}), encoding="utf-8")
    slogans = yaml.safe_load((REPO / "slogans.yaml").read_text(encoding="utf-8"))["slogans"]
    extra = [{"slug": f"slogan-{n:05d}", "text": {"zh": f"质量第一　第{n}条", "en": f"Quality first, number {n}"}}
             for n in range(max(0, activities // 10 - len(slogans)))]
    (target / "slogans.yaml").write_text(dump({"slogans": slogans + extra}), encoding="utf-8")
    # the default campaign's posts name its 2008 activities, which the synthetic campaign does not have
    shutil.copytree(REPO / "content", target / "content", ignore=shutil.ignore_patterns("news"))
    return target


def edit_activity(site: Path, n: int, version: int) -> Path:
    """Edit activity `n` where it is stored: its English title and the first word of its English body.

    Each `version` gives a different text, so every call is a real change. In the file layout only
    that activity's item of activities.yaml is rewritten. Gives the file edited.
    """
    folder_file = site / "activities" / activity_file(n)
    if folder_file.exists():
        item = yaml.load(folder_file.read_text(encoding="utf-8"), Loader=LOADER)
        folder_file.write_text(dump(_edited(item, n, version)), encoding="utf-8")
        return folder_file
    path = site / "activities.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n- slug: activity-{n:05d}\n") + 1
    end = text.find("\n- ", start)
    end = len(text) if end < 0 else end + 1
    (item,) = yaml.load(text[start:end], Loader=LOADER)
    path.write_text(text[:start] + dump([_edited(item, n, version)]) + text[end:], encoding="utf-8")
    return path


def _edited(item: dict, n: int, version: int) -> dict:
    base = activity(n)
    item["title"]["en"] = f"{base['title']['en']} (revision {version})"
    item["body"]["en"] = re.sub(r"^\w+", f"Revision{version}", base["body"]["en"], count=1)
    return item
