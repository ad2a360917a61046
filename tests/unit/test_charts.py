"""The charts drawn as SVG in the page (render/charts.py): the regions' bar chart and the strip of the campaign's
days, each a group of links with their names, and the bar chart on /regions/ beside the list it repeats."""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import date, timedelta

from campaignsite.regions import REGIONS
from campaignsite.render.charts import BAR_ROW, DAY_ROW, Bar, Day, bar_chart, day_strip, short_day, strip_days
from campaignsite.routes import plan
from tests.unit.test_reading import rendered, site  # noqa: F401 (the fixture)


def parsed(svg: str) -> ElementTree.Element:
    """The chart as XML: it must be well formed (it is SVG inside HTML)."""
    return ElementTree.fromstring(svg)


def links(svg: ElementTree.Element) -> list[tuple[str, str, str]]:
    """(href, title, text) of each link, in order."""
    return [(a.get("href"), a.findtext("title"), "".join(a.find("text").itertext()))
            for a in svg.iter("a")]


def bar_widths(svg: ElementTree.Element) -> list[str]:
    return [rect.get("width") for rect in svg.iter("rect") if rect.get("class") == "chart-bar"]


BARS = [Bar("Guangdong", 120, "/en/regions/440000/", "Guangdong (120)"),
        Bar("Inner Mongolia", 30, "/en/regions/150000/", "Inner Mongolia (30)"),
        Bar("A & <B>", 1, "/en/regions/x/?a=1&b=2", "A & <B> (1)")]


def test_a_bar_chart_is_a_group_of_links_named_by_the_element_given_each_bar_named_and_counted():
    svg = parsed(bar_chart(BARS, "regions-chart"))
    assert (svg.tag, svg.get("role"), svg.get("aria-labelledby")) == ("svg", "group", "regions-chart")
    assert links(svg) == [("/en/regions/440000/", "Guangdong (120)", "Guangdong120"),
                          ("/en/regions/150000/", "Inner Mongolia (30)", "Inner Mongolia30"),
                          ("/en/regions/x/?a=1&b=2", "A & <B> (1)", "A & <B>1")]


def test_each_bar_is_as_long_as_its_count_against_the_largest_and_a_count_of_one_still_shows():
    assert bar_widths(parsed(bar_chart(BARS, "c"))) == ["100.00%", "25.00%", "0.83%"]
    assert bar_widths(parsed(bar_chart([Bar("a", 1, "/a/", "a"), Bar("b", 1000, "/b/", "b")], "c")))[0] == "0.50%"


def test_a_chart_takes_its_columns_width_and_keeps_its_text_at_reading_size_and_whole():
    svg = parsed(bar_chart(BARS, "c"))
    assert (svg.get("width"), svg.get("height"), svg.get("viewBox")) == ("100%", str(3 * BAR_ROW), None)
    assert svg.get("font-size") == "16"
    labels = [text for text in svg.iter("text")]
    assert all(text.get("x") == "0" and text.get("textLength") is None for text in labels)  # starts at the left edge
    assert all(rect.get("width").endswith("%") for rect in svg.iter("rect"))
    assert "script" not in bar_chart(BARS, "c") and "style=" not in bar_chart(BARS, "c")


def test_nothing_to_draw_draws_nothing():
    assert bar_chart([], "c") == "" and day_strip([], "c") == ""


def september(counts: list[int], first: date = date(2008, 9, 3)) -> list[Day]:
    days = []
    for offset, count in enumerate(counts):
        day = first + timedelta(days=offset)
        days.append(Day(day, str(day.day), count, f"/schedule/{day.isoformat()}/" if count else None,
                        f"{day.month}月{day.day}日（{count}）"))
    return days


def test_the_day_strip_is_weeks_from_monday_each_day_with_a_page_a_link_and_the_others_not():
    days = september([4, 0, 2, 8, 1, 0, 3, 5, 6])  # Wednesday 3 to Thursday 11 September 2008
    svg = parsed(day_strip(days, "days-chart"))
    assert (svg.get("role"), svg.get("aria-labelledby"), svg.get("height")) == ("group", "days-chart", str(2 * DAY_ROW))
    linked = [(a.get("href"), a.findtext("title")) for a in svg.iter("a")]
    assert linked[:2] == [("/schedule/2008-09-03/", "9月3日（4）"), ("/schedule/2008-09-05/", "9月5日（2）")]
    assert len(linked) == 7
    unlinked = [g.findtext("title") for g in svg.iter("g")]
    assert unlinked == ["9月4日（0）", "9月8日（0）"]
    cells = [rect for rect in svg.iter("rect") if rect.get("class") == "chart-cell"]
    assert [cell.get("x") for cell in cells[:6]] == ["28.571%", "42.857%", "57.143%", "71.429%", "85.714%", "0.000%"]
    assert [cell.get("y") for cell in cells[4:6]] == ["0", str(DAY_ROW)]  # Sunday ends the week; Monday begins one
    counts = [text.text for text in svg.iter("text") if text.get("class") == "chart-count"]
    assert counts == ["4", "0", "2", "8", "1", "0", "3", "5", "6"]


def test_a_days_bar_grows_with_its_count_and_a_day_without_activities_has_none():
    svg = parsed(day_strip(september([8, 0, 2]), "c"))
    bars = [float(width.rstrip("%")) for width in bar_widths(svg)]
    assert len(bars) == 2 and abs(bars[0] / bars[1] - 4) < 0.01


def test_the_regions_page_shows_the_chart_most_active_first_and_keeps_the_list(site):  # noqa: F811
    html = rendered(site, "regions", "en")
    figure = html[html.index('<figure class="chart-figure">'):html.index("</figure>")]
    assert '<figcaption id="regions-chart">Activities in each region (select a region to see them)</figcaption>' \
        in figure
    svg = parsed(figure[figure.index("<svg"):])
    assert links(svg) == [("/en/regions/330000/", "Zhejiang (3)", "Zhejiang3"),
                          ("/en/regions/national/", "Nationwide (2)", "Nationwide2"),
                          ("/en/regions/440000/", "Guangdong (1)", "Guangdong1")]
    assert html.count('<ul class="listing-index">') == 1 and html.index("</figure>") < html.index("listing-index")
    chinese = parsed(rendered(site, "regions", "zh").split("</figcaption>", 1)[1].split("</figure>")[0].strip())
    assert [title for _, title, _ in links(chinese)] == ["浙江省（3）", "全国（2）", "广东省（1）"]


def test_every_province_fits_a_chart_whose_labels_are_the_regions_names():
    bars = [Bar(region.en, n + 1, f"/en/regions/{code}/", region.en) for n, (code, region) in enumerate(REGIONS.items())]
    svg = parsed(bar_chart(bars, "c"))
    assert len(list(svg.iter("a"))) == len(REGIONS) and "Inner Mongolia" in "".join(svg.itertext())


def test_a_strip_covers_the_period_from_its_first_to_its_last_day_with_activities_and_at_most_two_months():
    days = {date(2008, 8, 30): (), date(2008, 9, 3): (), date(2008, 9, 6): (), date(2008, 10, 9): ()}
    assert strip_days(days, date(2008, 9, 1), date(2008, 9, 30)) == [date(2008, 9, d) for d in range(3, 7)]
    two_months = {date(2008, 9, 1): (), date(2008, 11, 1): ()}  # 62 days from the first to the last
    assert len(strip_days(two_months, date(2008, 9, 1), date(2008, 12, 31))) == 62
    assert strip_days({**two_months, date(2008, 11, 2): ()}, date(2008, 9, 1), date(2008, 12, 31)) == []
    assert strip_days({**two_months, date(2008, 11, 2): ()}, date(2008, 9, 2), date(2008, 12, 31)) == [
        date(2008, 11, 1), date(2008, 11, 2)]  # a day outside the period is left out
    assert strip_days({}, date(2008, 9, 1), date(2008, 9, 30)) == []
    assert [short_day(date(2008, 9, 29), True), short_day(date(2008, 9, 30), False),
            short_day(date(2008, 10, 1), False)] == ["9/29", "30", "10/1"]


def test_the_schedule_shows_the_strip_of_days_each_linking_its_page_and_its_archive_does_not(site):  # noqa: F811
    html = rendered(site, "schedule", "en")
    figure = html[html.index('<figure class="chart-figure">'):html.index("</figure>")]
    assert '<figcaption id="days-chart">Activities each day (select a day to see them)</figcaption>' in figure
    svg = parsed(figure[figure.index("<svg"):])
    assert svg.get("aria-labelledby") == "days-chart"
    assert [(a.get("href"), a.findtext("title")) for a in svg.iter("a")] == [
        (f"/en/schedule/2024-06-{day}/", f"{day} June 2024 (1)") for day in (11, 12, 13, 14)]
    assert html.index('id="browse-heading"') < html.index('<figure class="chart-figure">')
    chinese = rendered(site, "schedule", "zh")
    assert '<a class="chart-day" href="/schedule/2024-06-11/"><title>2024年6月11日（1）</title>' in chinese
    assert "chart-days" not in rendered(site, "archive/schedule", "en")
    data = {page.key: page.data for page in plan(site) if page.lang == "en"}
    assert data["schedule"]["day_counts"] == tuple((date(2024, 5, 1) if day == 0 else date(2024, 6, day), 1)
                                                   for day in (0, 11, 12, 13, 14))
    assert data["archive/schedule"]["day_counts"] == ()  # only the first page shows it (and depends on every day)
