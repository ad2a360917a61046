"""The floor of this stack: the least work any generator built on it must do for the same pages.

Usage: python bench/floor.py SITE OUTPUT
One process: parse the campaign's YAML with the C loader, convert every Markdown body with
Python-Markdown, render one precompiled Jinja template per page (each activity and each slogan,
in both languages, plus the list pages (each region's and each month's listing on one page), the
requirements, each content/NAME.LANG.md page and the 404 page: the same HTML pages the tool writes)
and write the files. No validation, no links, no extras (feeds, calendars, posters, assets).
Prints the number of pages written.
"""
from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import markdown
import yaml

LANGUAGES = ("zh", "en")
PAGE = jinja2.Environment(autoescape=True).from_string(
    '<!DOCTYPE html><html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title></head>'
    "<body><main><h1>{{ title }}</h1>{{ body }}</main></body></html>\n")


def load(site: Path) -> tuple[list[dict], list[dict], dict]:
    loader = yaml.CSafeLoader
    folder = site / "activities"
    if folder.is_dir():
        activities = [yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
                      for path in sorted(folder.glob("*.yaml"))]
    else:
        activities = yaml.load((site / "activities.yaml").read_text(encoding="utf-8"), Loader=loader)["activities"]
    slogans_file = site / "slogans.yaml"
    slogans = yaml.load(slogans_file.read_text(encoding="utf-8"), Loader=loader)["slogans"] \
        if slogans_file.exists() else []
    campaign = yaml.load((site / "campaign.yaml").read_text(encoding="utf-8"), Loader=loader)
    return activities, slogans, campaign


def content_pages(site: Path) -> dict[tuple[str, str], str]:
    """{(name, lang): Markdown} of content/NAME.LANG.md, without the front matter."""
    pages = {}
    for path in sorted((site / "content").glob("*.*.md")):
        name, lang = path.name[:-len(".md")].rsplit(".", 1)
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[-1]
        pages[name, lang] = text
    return pages


def listings(activities: list[dict]) -> dict[str, list[dict]]:
    """The listing pages' routes (regions/, regions/CODE/, schedule/YYYY-MM/) and the activities on each."""
    found: dict[str, list[dict]] = {}
    for activity in activities:
        if activity.get("region"):
            found.setdefault("regions", [])
            found.setdefault(f"regions/{activity['region']}", []).append(activity)
        schedule = activity["schedule"]
        if schedule.get("start"):
            first, last = str(schedule["start"])[:7], str(schedule.get("end") or schedule["start"])[:7]
            months = [f"{year}-{month:02d}" for year in range(int(first[:4]), int(last[:4]) + 1)
                      for month in range(1, 13)]
            for month in months:
                if first <= month <= last:
                    found.setdefault(f"schedule/{month}", []).append(activity)
    return found


def write(output: Path, route: str, html: str) -> None:
    target = output / (route if route.endswith(".html") else f"{route}/index.html".lstrip("/"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")


def main(site: Path, output: Path) -> int:
    activities, slogans, campaign = load(site)
    texts = content_pages(site)
    converter = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")
    pages = 0
    for lang in LANGUAGES:
        prefix = "" if lang == "zh" else "en/"
        for activity in activities:
            body = jinja2.utils.markupsafe.Markup(converter.reset().convert(activity["body"][lang]))
            write(output, f"{prefix}activities/{activity['slug']}", PAGE.render(
                lang=lang, title=activity["title"][lang], body=body))
            pages += 1
        for slogan in slogans:
            page = PAGE.render(lang=lang, title=slogan["text"][lang], body="")
            write(output, f"{prefix}slogans/{slogan['slug']}", page)
            pages += 1
        listing = "".join(f"<p>{activity['title'][lang]}</p>" for activity in activities)
        for name in ("", "schedule", "slogans", "notice"):
            page = PAGE.render(lang=lang, title=name, body=jinja2.utils.markupsafe.Markup(listing))
            write(output, prefix + name, page)
            pages += 1
        for name, listed in listings(activities).items():  # each region's and each month's, on one page
            titles = "".join(f"<p>{activity['title'][lang]}</p>" for activity in listed)
            body = jinja2.utils.markupsafe.Markup(titles)
            write(output, prefix + name, PAGE.render(lang=lang, title=name, body=body))
            pages += 1
        requirements = "".join(f"<p>{item['text'][lang]}</p>" for item in campaign.get("requirements", []))
        write(output, prefix + "requirements", PAGE.render(lang=lang, title="requirements",
                                                           body=jinja2.utils.markupsafe.Markup(requirements)))
        write(output, prefix + "404.html", PAGE.render(lang=lang, title="404", body=""))
        pages += 2
        for (name, text_lang), text in texts.items():
            if text_lang == lang:
                write(output, prefix + name, PAGE.render(
                    lang=lang, title=name, body=jinja2.utils.markupsafe.Markup(converter.reset().convert(text))))
                pages += 1
    return pages


if __name__ == "__main__":
    print(main(Path(sys.argv[1]), Path(sys.argv[2])))
