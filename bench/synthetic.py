"""Synthetic campaigns of any size, for the benchmarks: realistic bilingual Markdown bodies."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

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


def body(sentences: list[str], n: int) -> str:
    picked = [sentences[(n + i) % len(sentences)] for i in range(3)]
    return f"{picked[0]}{picked[1]}\n\n**{picked[2]}**\n" if sentences is ZH_SENTENCES else \
        f"{picked[0]} {picked[1]}\n\n**{picked[2]}**\n"


def activity(n: int) -> dict:
    schedule = [{"kind": "campaign"},
                {"kind": "days", "start": f"2008-09-{1 + n % 28:02d}", "end": f"2008-09-{1 + n % 28:02d}"},
                {"kind": "months", "start": "2008-07", "end": "2008-09"}][n % 3]
    item = {
        "slug": f"activity-{n:05d}",
        "title": {"zh": f"第{n}项地方质量活动", "en": f"Local quality activity {n}"},
        "summary": {"zh": f"第{n}项活动的简介。", "en": f"A summary of activity {n}."},
        "body": {"zh": body(ZH_SENTENCES, n), "en": body(EN_SENTENCES, n)},
        "schedule": schedule,
    }
    if n % 4 == 0:
        item["place"] = {"zh": f"第{n % 31 + 1}市", "en": f"City {n % 31 + 1}"}
    return item


def make_campaign(target: Path, activities: int) -> Path:
    """A campaign folder with `activities` activities and one slogan per ten of them."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(REPO / "campaign.yaml", target / "campaign.yaml")
    data = {"activities": [activity(n) for n in range(1, activities + 1)]}
    (target / "activities.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    slogans = yaml.safe_load((REPO / "slogans.yaml").read_text(encoding="utf-8"))["slogans"]
    extra = [{"slug": f"slogan-{n:05d}", "text": {"zh": f"质量第一　第{n}条", "en": f"Quality first, number {n}"}}
             for n in range(max(0, activities // 10 - len(slogans)))]
    (target / "slogans.yaml").write_text(yaml.safe_dump({"slogans": slogans + extra}, allow_unicode=True,
                                                        sort_keys=False), encoding="utf-8")
    shutil.copytree(REPO / "content", target / "content")
    return target
