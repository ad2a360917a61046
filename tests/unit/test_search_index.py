"""What the search index is handed: an activity's filters, the pages Pagefind reads and how much of each."""
from __future__ import annotations

from datetime import date

from campaignsite.model import Activity, Campaign, Schedule, Text
from campaignsite.render.searchterms import order, place_names, search_filters
from campaignsite.write.search import for_index, in_sentences, indexed_pages

PAGE = (b'<!DOCTYPE html>\n<html lang="en">\n<head><title>A | Site</title><link rel="stylesheet" href="/x.css"></head>'
        b'<body><header><nav>Menu words</nav></header><main id="main" data-pagefind-body><h1>A</h1></main>'
        b'<footer>Footer words</footer></body></html>')


def activity(schedule: Schedule, region: str | None = None, status: str | None = None, city: Text | None = None
             ) -> Activity:
    text = Text("文", "Text")
    return Activity("a", 1, text, text, text, schedule, region=region, status=status, city=city)


class Period:  # the campaign, as far as the search index looks at it
    period_start, period_end = date(2008, 9, 1), date(2008, 9, 30)


CAMPAIGN: Campaign = Period()  # type: ignore[assignment]
TODAY = date(2008, 9, 15)


def days(start: int, end: int, month: int = 9) -> Schedule:
    return Schedule("days", date(2008, month, start), date(2008, month, end))


def test_an_activity_is_filtered_by_its_region_code_every_month_it_spans_and_when_it_is_on():
    spanning = activity(Schedule("days", date(2008, 11, 20), date(2009, 1, 5)), region="440000")
    assert search_filters(spanning, CAMPAIGN, TODAY) == [
        ("region", "440000"), ("month", "2008-11"), ("month", "2008-12"), ("month", "2009-01"), ("when", "upcoming")]


def test_when_an_activity_is_on_is_seen_from_the_build_date():
    def when(schedule: Schedule, status: str | None = None) -> list[str]:
        return [value for name, value in search_filters(activity(schedule, status=status), CAMPAIGN, TODAY)
                if name == "when"]
    assert when(days(15, 15)) == ["today", "week"]
    assert when(days(10, 20)) == ["today", "week"]
    assert when(days(21, 22)) == ["week", "upcoming"]
    assert when(days(22, 23)) == ["upcoming"]
    assert when(days(1, 14)) == ["ended"]
    assert when(Schedule("campaign")) == ["today", "week"]
    assert when(Schedule("unscheduled")) == []
    assert when(days(16, 16), status="cancelled") == []


def test_the_date_order_puts_what_is_on_or_coming_first_and_the_latest_ended_after_it():
    schedules = {"later": days(20, 21), "today": days(1, 15), "soon": days(16, 16), "whole": Schedule("campaign"),
                 "unknown": Schedule("unscheduled"), "ended long ago": days(1, 2), "just ended": days(3, 14)}
    keys = {name: order(activity(schedule), CAMPAIGN, TODAY) for name, schedule in schedules.items()}
    assert sorted(keys, key=keys.__getitem__) == [
        "today", "soon", "later", "whole", "unknown", "just ended", "ended long ago"]
    assert order(activity(days(20, 21), status="cancelled"), CAMPAIGN, TODAY) > keys["ended long ago"]


def test_a_place_is_named_in_both_languages_on_either_page():
    hangzhou = activity(Schedule("campaign"), region="330000", city=Text("杭州", "Hangzhou"))
    assert place_names(hangzhou, "zh") == ["杭州", "Hangzhou", "浙江省", "Zhejiang"]
    assert place_names(hangzhou, "en") == ["Hangzhou", "杭州", "Zhejiang", "浙江省"]


def test_the_404_pages_and_the_index_itself_are_never_indexed():
    files = {"404.html": b"", "en/404.html": b"", "pagefind/x.html": b"", "a/index.html": b"", "data/a.json": b""}
    assert list(indexed_pages(files)) == ["a/index.html"]


def test_pagefind_reads_only_the_marked_pages_cut_to_their_title_and_main_each_with_a_place_in_the_order():
    pages = {"a/index.html": PAGE, "schedule/index.html": PAGE.replace(b" data-pagefind-body", b"")}
    handed = for_index(pages)
    assert list(handed) == ["a/index.html"]
    assert handed["a/index.html"] == (b'<html lang="en"><head><title>A | Site</title></head><body>'
                                      b'<main id="main" data-pagefind-body><h1>A</h1>'
                                      b'<span data-pagefind-sort="order:z"></span></main></body></html>')


def test_a_page_that_has_its_place_in_the_order_keeps_it():
    page = PAGE.replace(b"<h1>A</h1>", b'<h1 data-pagefind-sort="order:a2008">A</h1>')
    assert b"order:z" not in for_index({"a/index.html": page})["a/index.html"]


def test_a_theme_that_marks_nothing_has_every_page_indexed_whole():
    plain = PAGE.replace(b" data-pagefind-body", b"")
    assert for_index({"a/index.html": plain}) == {
        "a/index.html": plain.replace(b"</main>", b'<span data-pagefind-sort="order:z"></span></main>')}


FACTS = ('<html lang="{lang}"><body><main data-pagefind-body><p class="kicker">第一项活动</p><dl class="facts">'
         '<div><dt>{when}</dt><dd><time>{day}</time></dd></div><div><dt>{status}</dt><dd><span>{ended}</span>'
         '<span class="as-of">{aside}</span>\n</dd></div><div><dt>Note:</dt><dd>Done.</dd></div></dl>'
         '<p>句子。</p></main></body></html>')


def test_the_index_reads_a_definition_list_as_sentences_in_each_language():
    zh = FACTS.format(lang="zh-Hans", when="时间", day="2008年9月1日", status="状态", ended="已结束", aside="（截至9月15日）")
    assert in_sentences(zh.encode()).decode() == (
        '<html lang="zh-Hans"><body><main data-pagefind-body><p class="kicker">第一项活动。</p><dl class="facts">'
        '<div><dt>时间：</dt><dd><time>2008年9月1日</time>。</dd></div><div><dt>状态：</dt><dd><span>已结束</span>'
        '<span class="as-of">（截至9月15日）</span>。</dd></div><div><dt>Note:</dt><dd>Done.</dd></div></dl>'
        '<p>句子。</p></main></body></html>')
    en = FACTS.format(lang="en", when="When", day="1 September 2008", status="Status", ended="Ended", aside=" (as of)")
    assert "<dt>When: </dt><dd><time>1 September 2008</time>. </dd>" in in_sentences(en.encode()).decode()
    assert '<span class="as-of"> (as of)</span>. </dd>' in in_sentences(en.encode()).decode()
