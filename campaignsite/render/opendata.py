"""The activities as open data: data/activities.json and data/activities.csv.

Takes: the validated `Site`, the site's `Urls` and the UI `Strings`.
Gives: the two files' text. The CSV is UTF-8 with a BOM and CRLF rows; a cell a spreadsheet would
read as a formula starts with '. The same input always gives the same text. Times of day ("09:00") are in
the campaign's time zone, which both files name (the CSV's later columns: older readers keep working); the
region (its code and names) and the city come next, and last the city's and the county's codes (GB/T 2260) and
the county's Chinese name, when the activity's `region:` names them.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..i18n import Strings
from ..model import LANGUAGES, Activity, Site, Text
from ..regions import REGIONS, divisions
from ..routes import route_of
from .urls import Urls

CSV_HEADER = ("slug", "number", "title_zh", "title_en", "summary_zh", "summary_en", "kind", "start", "end",
              "when_zh", "when_en", "place_zh", "place_en", "organisers_zh", "organisers_en", "url_zh", "url_en",
              "status", "status_note_zh", "status_note_en", "online", "start_time", "end_time", "timezone",
              "region", "region_zh", "region_en", "city_zh", "city_en", "city_code", "county_code", "county_zh")
ORGANISER_SEPARATOR = {"zh": "、", "en": "; "}
# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (OWASP's CSV
# injection page; ASVS 5.0 1.2.10 adds NUL): the cell gets a leading apostrophe, which they read as "text".
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\x00")


def activity_record(activity: Activity, urls: Urls, strings: Strings) -> dict[str, Any]:
    """One activity as plain values, both languages side by side."""
    schedule = activity.schedule
    hours = schedule.time
    return {
        "slug": activity.slug,
        "number": activity.number,
        "title": _both(activity.title),
        "summary": _both(activity.summary),
        "schedule": {
            "kind": schedule.kind,
            "start": schedule.start.isoformat() if schedule.start else None,
            "end": schedule.end.isoformat() if schedule.end else None,
            "start_time": f"{hours.start:%H:%M}" if hours else None,
            "end_time": f"{hours.end:%H:%M}" if hours and hours.end else None,
            "text": {lang: strings.schedule(schedule, lang) for lang in LANGUAGES},
        },
        "place": _both(activity.place) if activity.place is not None else None,
        "organisers": [{"slug": body.slug, **_both(body.name)} for body in activity.organisers],
        "url": {lang: urls.absolute(route_of(f"activity/{activity.slug}", lang)) for lang in LANGUAGES},
        "status": activity.status,  # as declared (cancelled, postponed), or null: the data does not depend on the day
        "status_note": _both(activity.status_note) if activity.status_note is not None else None,
        "online": activity.online_url or activity.online or None,  # its address, true while it is to follow, or null
        "region": _region(activity.region),
        "city": _both(activity.city) if activity.city is not None else None,
        "city_code": activity.city_code,
        "county": _county(activity.county_code),
    }


def activities_json(site: Site, urls: Urls, strings: Strings) -> str:
    """The schedule as JSON, one activity to a line: readable, and made by the encoder written in C
    (an indented document needs the slow one)."""
    records = [json.dumps(activity_record(activity, urls, strings), ensure_ascii=False)
               for activity in site.activities]
    return (f'{{"campaign": {json.dumps(_both(site.campaign.name), ensure_ascii=False)},\n'
            f'"timezone": {json.dumps(site.campaign.timezone)},\n"activities": [\n'
            + ",\n".join(records) + "\n]}\n")


def activities_csv(site: Site, urls: Urls, strings: Strings) -> str:
    """The activities as CSV: UTF-8 with a BOM (so spreadsheets read the Chinese), CRLF rows, no formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for activity in site.activities:
        record = activity_record(activity, urls, strings)
        schedule = record["schedule"]
        place = record["place"] or {"zh": "", "en": ""}
        note = record["status_note"] or {"zh": "", "en": ""}
        writer.writerow([csv_cell(value) for value in (
            activity.slug, activity.number,
            activity.title.zh, activity.title.en, activity.summary.zh, activity.summary.en,
            schedule["kind"], schedule["start"] or "", schedule["end"] or "",
            schedule["text"]["zh"], schedule["text"]["en"], place["zh"], place["en"],
            *(ORGANISER_SEPARATOR[lang].join(body.name.get(lang) for body in activity.organisers)
              for lang in ("zh", "en")),
            record["url"]["zh"], record["url"]["en"],
            activity.status or "", note["zh"], note["en"], activity.online_url or ("true" if activity.online else ""),
            schedule["start_time"] or "", schedule["end_time"] or "", site.campaign.timezone,
            *(_region(activity.region) or {"code": "", "zh": "", "en": ""}).values(),
            *(activity.city.get(lang) if activity.city else "" for lang in ("zh", "en")),
            activity.city_code or "", *(_county(activity.county_code) or {"code": "", "zh": ""}).values(),
        )])
    return "\ufeff" + buffer.getvalue()


def csv_cell(value: str | int) -> str | int:
    """A CSV cell that no spreadsheet runs as a formula: text starting with = + - @, a tab, a carriage
    return or NUL gets a leading apostrophe (the JSON keeps the text as it is)."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_START):
        return "'" + value
    return value


def _region(code: str | None) -> dict[str, str] | None:
    """A region's code and its names, or None."""
    if code is None:
        return None
    return {"code": code, "zh": REGIONS[code].zh, "en": REGIONS[code].en}


def _county(code: str | None) -> dict[str, str] | None:
    """A county's code and its Chinese name (no English name is shipped for counties), or None."""
    if code is None:
        return None
    return {"code": code, "zh": divisions()[code].zh}


def _both(text: Text) -> dict[str, str]:
    return {lang: text.get(lang) for lang in LANGUAGES}
