"""What the search index is handed: an activity's filters, the pages Pagefind reads and how much of each."""
from __future__ import annotations

from datetime import date

from campaignsite.model import Activity, Schedule, Text
from campaignsite.render.context import search_filters
from campaignsite.write.search import for_index, indexed_pages

PAGE = (b'<!DOCTYPE html>\n<html lang="en">\n<head><title>A | Site</title><link rel="stylesheet" href="/x.css"></head>'
        b'<body><header><nav>Menu words</nav></header><main id="main" data-pagefind-body><h1>A</h1></main>'
        b'<footer>Footer words</footer></body></html>')


def activity(schedule: Schedule, region: str | None = None) -> Activity:
    text = Text("文", "Text")
    return Activity("a", 1, text, text, text, schedule, region=region)


def test_an_activity_is_filtered_by_its_region_every_month_it_spans_and_its_status():
    spanning = activity(Schedule("days", date(2008, 11, 20), date(2009, 1, 5)), region="440000")
    assert search_filters(spanning, "zh", "即将开始") == [
        ("region", "广东省"), ("month", "2008-11"), ("month", "2008-12"), ("month", "2009-01"), ("status", "即将开始")]
    assert search_filters(spanning, "en", "Upcoming")[0] == ("region", "Guangdong")


def test_an_undated_activity_has_no_month_and_one_without_region_no_region():
    assert search_filters(activity(Schedule("campaign")), "en", "Under way") == [("status", "Under way")]


def test_the_404_pages_and_the_index_itself_are_never_indexed():
    files = {"404.html": b"", "en/404.html": b"", "pagefind/x.html": b"", "a/index.html": b"", "data/a.json": b""}
    assert list(indexed_pages(files)) == ["a/index.html"]


def test_pagefind_reads_only_the_marked_pages_cut_to_their_title_and_main():
    pages = {"a/index.html": PAGE, "schedule/index.html": PAGE.replace(b" data-pagefind-body", b"")}
    handed = for_index(pages)
    assert list(handed) == ["a/index.html"]
    assert handed["a/index.html"] == (b'<html lang="en"><head><title>A | Site</title></head><body>'
                                      b'<main id="main" data-pagefind-body><h1>A</h1></main></body></html>')


def test_a_theme_that_marks_nothing_has_every_page_indexed_whole():
    plain = {"a/index.html": PAGE.replace(b" data-pagefind-body", b"")}
    assert for_index(plain) == plain
