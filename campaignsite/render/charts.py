"""Charts drawn as SVG inside the page: no JavaScript, no picture file, links a keyboard and a screen reader reach.

Takes: what to draw, already in the page's language: for `bar_chart` a `Bar` per row (its label, its count, the
address it links to, its accessible name), for `day_strip` a `Day` per day of the campaign (its date, its label, its
count, the address of its page or None, its accessible name); and the id of the element that names the chart.
`strip_days` says which days a strip shows, `short_day` how a day is labelled in it.
Gives: the SVG markup (a string, escaped), a group of links named by that element (`role="group"`: a chart of links is
not one picture), every link named by its `<title>` (`listing.count`'s "Guangdong (120)"), so that a screen reader
hears the same words as the list the page keeps beside the chart.

The chart takes the whole width of its column (`width="100%"`) and places its bars and labels in percentages of it,
with no viewBox: a viewBox would scale the text with the chart (9 px on a phone, 30 px on a desktop), while this keeps
the labels at the theme's reading size at every width and a name as long as "Inner Mongolia" whole on a 320 px
screen. A bar chart stacks each label on its bar; the day strip is a calendar of weeks (Monday first), seven days a
row, so a month fits a phone without scrolling sideways. The colours are the theme's (classes `chart-*` in
assets/site.css); the SVG's own attributes (font size, a black fill) keep it readable without the style sheet.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

BAR_ROW = 48  # px: a 16 px label, the bar under it, a gap; each link is over 24 px tall (WCAG 2.5.8)
BAR_LABEL_Y = 19
BAR_Y, BAR_HEIGHT = 26, 14
FONT_SIZE = 16

DAY_ROW = 64  # px: a week of the day strip
DAY_GAP = 0.6  # % of the width between two days
DAY_LABEL_Y, DAY_COUNT_Y = 20, 42
DAY_BAR_Y, DAY_BAR_HEIGHT = 50, 8
WEEK = 7
MAX_STRIP_DAYS = 62  # about two months: nine weeks, some 600 px tall; beyond it the months' listings serve better


@dataclass(frozen=True)
class Bar:
    label: str  # the region's name, in the page's language
    count: int
    href: str
    name: str  # what a screen reader says of the link: "Guangdong (120)"


@dataclass(frozen=True)
class Day:
    day: date
    label: str  # short, to fit a seventh of a phone's width: "16", "10/1"
    count: int
    href: str | None  # the day's page; None for a day without activities (it has no page)
    name: str  # "16 September (12)"


def bar_chart(bars: Sequence[Bar], labelled_by: str) -> str:
    """A horizontal bar per row, in the order given, each bar's length its count against the largest."""
    if not bars:
        return ""
    most = max(bar.count for bar in bars) or 1
    rows = [_bar_row(index * BAR_ROW, bar, most) for index, bar in enumerate(bars)]
    return _svg("chart chart-bars", len(bars) * BAR_ROW, labelled_by, rows)


def _bar_row(top: int, bar: Bar, most: int) -> str:
    width = max(100 * bar.count / most, 0.5)  # a count of one still shows
    return (f'<a href="{escape(bar.href)}"><title>{escape(bar.name)}</title>'
            f'<rect class="chart-hit" x="0" y="{top}" width="100%" height="{BAR_ROW - 4}" fill="transparent"/>'
            f'<text class="chart-label" x="0" y="{top + BAR_LABEL_Y}">{escape(bar.label)}'
            f'<tspan class="chart-count" dx="0.5em" font-weight="bold">{bar.count}</tspan></text>'
            f'<rect class="chart-track" x="0" y="{top + BAR_Y}" width="100%" height="{BAR_HEIGHT}" fill="none"/>'
            f'<rect class="chart-bar" x="0" y="{top + BAR_Y}" width="{width:.2f}%" height="{BAR_HEIGHT}"/></a>')


def strip_days(days: Mapping[date, object], period_start: date, period_end: date) -> list[date]:
    """The days a strip shows: the campaign's period from its first to its last day with activities (`days`); none
    when there is no such day or they span more than `MAX_STRIP_DAYS`."""
    inside = [day for day in days if period_start <= day <= period_end]
    if not inside or (inside[-1] - inside[0]).days >= MAX_STRIP_DAYS:
        return []
    return [inside[0] + timedelta(days=offset) for offset in range((inside[-1] - inside[0]).days + 1)]


def short_day(day: date, first: bool) -> str:
    """A day's label in a cell a seventh of a phone wide: its number, with its month on the strip's first day and on
    the first of a month ('9/1'); the same in both languages, as the cell's title says the date in full."""
    return f"{day.month}/{day.day}" if first or day.day == 1 else str(day.day)


def day_strip(days: Sequence[Day], labelled_by: str) -> str:
    """The campaign's days as weeks of seven, each day with its count and a bar for it; a day with a page links it."""
    if not days:
        return ""
    most = max(day.count for day in days) or 1
    lead = days[0].day.weekday()  # the first week begins on its Monday
    cells = [_day_cell(lead + index, day, most) for index, day in enumerate(days)]
    weeks = -(-(lead + len(days)) // WEEK)
    return _svg("chart chart-days", weeks * DAY_ROW, labelled_by, cells)


def _day_cell(position: int, day: Day, most: int) -> str:
    week, column = divmod(position, WEEK)
    top, width = week * DAY_ROW, 100 / WEEK - DAY_GAP
    left, middle = column * 100 / WEEK, (column + 0.5) * 100 / WEEK
    bar = 0.8 * width * day.count / most  # the fullest day's bar leaves a margin in its cell
    kind = "chart-day" if day.href else "chart-day chart-day-empty"
    drawn = (f'<title>{escape(day.name)}</title>'
             f'<rect class="chart-cell" x="{left:.3f}%" y="{top}" width="{width:.3f}%" height="{DAY_ROW - 4}" '
             f'fill="none"/>'
             f'<text class="chart-label" x="{middle:.3f}%" y="{top + DAY_LABEL_Y}" text-anchor="middle">'
             f'{escape(day.label)}</text>'
             f'<text class="chart-count" x="{middle:.3f}%" y="{top + DAY_COUNT_Y}" text-anchor="middle" '
             f'font-weight="bold">{day.count}</text>')
    if day.count:
        drawn += (f'<rect class="chart-bar" x="{left + (width - bar) / 2:.3f}%" y="{top + DAY_BAR_Y}" '
                  f'width="{max(bar, 0.3):.3f}%" height="{DAY_BAR_HEIGHT}"/>')
    if day.href is None:
        return f'<g class="{kind}">{drawn}</g>'
    return f'<a class="{kind}" href="{escape(day.href)}">{drawn}</a>'


def _svg(kind: str, height: int, labelled_by: str, parts: list[str]) -> str:
    return (f'<svg class="{kind}" width="100%" height="{height}" role="group" '
            f'aria-labelledby="{escape(labelled_by)}" font-size="{FONT_SIZE}">' + "".join(parts) + "</svg>")
