"""The campaign as immutable values: what `validate` gives and every later stage reads.

Takes: nothing (definitions only).
Gives: frozen dataclasses for the campaign, its bodies, activities, slogans, pages and UI strings,
and the pure functions of them that every later stage shares (the schedule's order, an activity's
status on a given day, the listings' order from a given day: `now_first`, `on_day`).
Every reader-visible text is a `Text` holding both languages; a language that is missing while the
campaign allows it is recorded in `Text.pending` and shown with a visible note, never as a blank.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, time

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
SCHEDULE_PAGE_SIZE = 25  # entries per listing page (about 8 phone screens at 375 px at most) unless campaign.yaml says
STALE_MODES = ("mark", "fallback", "error")  # site.stale_translations: how a stale translation is shown
DEFAULT_TIMEZONE = "Asia/Shanghai"  # the campaign's time zone unless site.timezone says otherwise
NEWS_PAGE_SIZE = 10  # posts per news list page; more make further pages (news/page/2/)


@dataclass(frozen=True)
class Text:
    """One reader-visible text in both languages."""

    zh: str
    en: str
    pending: frozenset[str] = frozenset()  # languages showing the other language's text for now
    stale: bool = False  # the Chinese changed since the English was made from it (translations.lock)

    def get(self, lang: str) -> str:
        return getattr(self, lang)

    def is_pending(self, lang: str) -> bool:
        return lang in self.pending


@dataclass(frozen=True)
class TextList:
    """A list of short terms in both languages (such as the notice's subject terms)."""

    zh: tuple[str, ...]
    en: tuple[str, ...]

    def get(self, lang: str) -> tuple[str, ...]:
        return getattr(self, lang)


@dataclass(frozen=True)
class Body:
    """An organisation named on the site."""

    slug: str
    name: Text
    short: Text | None = None


SCHEDULE_KINDS = ("campaign", "days", "months", "window", "deadline", "unscheduled")
UNDATED_KINDS = ("campaign", "unscheduled")  # no dates of their own: no calendar entry, no dates claimed
TIMED_KINDS = ("days", "deadline")  # the kinds that may give a time of day


@dataclass(frozen=True)
class Hours:
    """A time of day (`end` None), or the hours from `start` to `end`, in the campaign's time zone."""

    start: time
    end: time | None = None


@dataclass(frozen=True)
class Schedule:
    """When an activity happens, as precisely as the notice says.

    campaign: during the campaign (no dates); days: start..end inclusive; months: the first day of the start
    month to the last day of the end month; window: an approximate span, worded by `text`; deadline: by `end`
    (no start); unscheduled: the date is to be announced (no dates). `time`: on days, the hours of each day;
    on a deadline, its hour.
    """

    kind: str
    start: date | None = None
    end: date | None = None
    text: Text | None = None  # explicit wording that replaces the derived one
    time: Hours | None = None

    @property
    def is_dated(self) -> bool:
        return self.kind not in UNDATED_KINDS

    @property
    def span(self) -> tuple[date, date]:
        """The first and last day of a dated schedule (validation gives every dated kind both, a deadline its
        day: the deadline day is both)."""
        if self.kind == "deadline" and self.end is not None:
            return self.end, self.end
        if self.start is None or self.end is None:
            raise ValueError(f"a schedule of the kind '{self.kind}' has no dates")
        return self.start, self.end


ACTIVITY_STATUSES = ("cancelled", "postponed")  # what an activity may declare; the others follow from the dates


@dataclass(frozen=True)
class Activity:
    slug: str
    number: int  # 1-based position in the data file
    title: Text
    summary: Text
    body: Text  # Markdown
    schedule: Schedule
    place: Text | None = None
    organisers: tuple[Body, ...] = ()
    in_notice: bool = True  # false: registered after the notice (a local event): not in the notice document
    notice_number: int | None = None  # its item number in the notice, the one number every page shows; None: not in it
    status: str | None = None  # one of ACTIVITY_STATUSES when declared; None: it goes ahead as scheduled
    status_note: Text | None = None  # why, or what instead, shown beside the status
    online: bool = False  # it can be joined online (and in person too when it has a place)
    online_url: str | None = None  # the https:// address to join at; None while it is to follow
    region: str | None = None  # its province's code (440000), or national; None: not said
    city: Text | None = None  # its city: the one `city_code` names when there is one, else as the author wrote it
    city_code: str | None = None  # the prefecture-level city its `region:` names (330100), or the city of its county
    county_code: str | None = None  # the county its `region:` names (330106; a municipality's district: 110105)
    imported_from: str | None = None  # the spreadsheet's file name, for `import --prune`

    @property
    def in_calendar(self) -> bool:
        """A dated activity has a calendar event, unless it is postponed (its dates no longer hold)."""
        return self.schedule.is_dated and self.status != "postponed"


@dataclass(frozen=True)
class Slogan:
    slug: str
    number: int
    text: Text


@dataclass(frozen=True)
class Requirement:
    slug: str
    number: int
    text: Text


@dataclass(frozen=True)
class Record:
    """The document record printed at the foot of the notice."""

    subject_terms: TextList
    cc: Text | None
    internal: Text | None
    issuer: Text
    issued: date


@dataclass(frozen=True)
class Footer:
    organiser: Text | None = None
    site_code: str | None = None  # 网站标识码
    icp: str | None = None  # ICP备案号
    public_security: str | None = None  # 公网安备号


@dataclass(frozen=True)
class GovernmentMeta:
    """The meta tags of Chinese government websites (SiteName, SiteDomain, …), each only when set."""

    site_name: Text | None = None
    site_domain: str | None = None
    site_id_code: str | None = None
    column_name: Text | None = None
    content_source: Text | None = None


@dataclass(frozen=True)
class ContentPage:
    """A Markdown page from content/, in both languages."""

    slug: str
    title: Text
    description: Text
    body: Text  # Markdown
    sources: tuple[str, ...]  # the files it came from, for messages


@dataclass(frozen=True)
class Cover:
    """A news post's cover image: a site path under /images/, described in both languages."""

    src: str  # /images/x.jpg
    alt: Text | None  # None only when decorative
    caption: Text | None = None
    credit: Text | None = None
    decorative: bool = False


@dataclass(frozen=True)
class NewsPost:
    """A dated news post from content/news/, in both languages."""

    slug: str
    day: date
    title: Text
    summary: Text
    body: Text  # Markdown
    sources: tuple[str, ...]  # the files it came from, for messages
    source: Text | None = None  # where the news comes from (来源)
    cover: Cover | None = None
    activities: tuple[str, ...] = ()  # slugs of the activities it reports on


@dataclass(frozen=True)
class Campaign:
    name: Text
    title: Text
    year: int
    period_start: date
    period_end: date
    addressees: Text | None
    preamble: Text | None
    organisers: tuple[Body, ...]
    sections: dict[str, Text]
    guiding_ideology: Text | None
    theme_intro: Text | None
    theme: Text
    requirements: tuple[Requirement, ...]
    record: Record | None
    featured_slogans: tuple[Slogan, ...]
    base_url: str
    contact: Text | None
    footer: Footer
    translation_fallback: bool
    meta: GovernmentMeta | None = None
    schedule_page_size: int = SCHEDULE_PAGE_SIZE  # activities per schedule page; more make further pages
    timezone: str = DEFAULT_TIMEZONE  # an IANA name: the zone of every time of day
    stale_translations: str = "mark"  # how a stale translation is shown: mark, fallback or error


@dataclass(frozen=True)
class Site:
    """Everything a build needs to know about one campaign, validated."""

    campaign: Campaign
    activities: tuple[Activity, ...]
    slogans: tuple[Slogan, ...]
    pages: tuple[ContentPage, ...]
    strings: dict[str, Text] = field(default_factory=dict)
    news: tuple[NewsPost, ...] = ()  # newest first; after `published`, only those dated on or before the build


_NO_DATE = date.min
_ORDER = {"campaign": 1, "unscheduled": 2}  # after the dated activities: during the campaign, then to be announced


def activity_status(schedule: Schedule, campaign: Campaign, today: date) -> str:
    """Where an activity stands on `today` (the build date): upcoming, ongoing or over; an approximate window
    that has not ended is only 'expected'; a deadline is open until its day ends, then closed. An activity
    during the campaign follows the campaign's dates; one whose date is to be announced is 'expected' whatever
    the day (no date says it is over: it may still be announced after the campaign's window)."""
    if schedule.kind == "deadline":
        return "closed" if today > schedule.span[1] else "open"
    if schedule.kind == "unscheduled":
        return "expected"
    start = schedule.start or campaign.period_start
    end = schedule.end or campaign.period_end
    if today > end:
        return "over"
    if schedule.kind == "window":
        return "expected"
    return "ongoing" if today >= start else "upcoming"


def shown_status(activity: Activity, campaign: Campaign, today: date) -> str:
    """The status a page shows: a declared one (cancelled, postponed) first, else the one its dates give."""
    return activity.status or activity_status(activity.schedule, campaign, today)


def by_start(activities: tuple[Activity, ...]) -> list[Activity]:
    """Dated activities by the start (then end) of their window (a deadline by its day), then those during the
    campaign, then those whose date is to be announced, each in file order."""
    return sorted(activities, key=lambda a: (_ORDER.get(a.schedule.kind, 0), a.schedule.start or a.schedule.end
                                              or _NO_DATE, a.schedule.end or _NO_DATE, a.number))


def newest_first(posts: list[NewsPost] | tuple[NewsPost, ...]) -> tuple[NewsPost, ...]:
    """Posts by date, the newest first; posts of one day by slug."""
    return tuple(sorted(sorted(posts, key=lambda post: post.slug), key=lambda post: post.day, reverse=True))


def published(site: Site, today: date) -> tuple[Site, tuple[NewsPost, ...]]:
    """The site as published on `today`, and the posts it leaves out: those dated later (scheduled)."""
    if not site.news:
        return site, ()
    shown = tuple(post for post in site.news if post.day <= today)
    return replace(site, news=shown), tuple(post for post in site.news if post.day > today)


APPROXIMATE_KINDS = ("months", "window")  # dated, but not to the day: listed on their first day, not on each day


@dataclass(frozen=True)
class Group:
    """Activities a listing shows under one heading: a day's ("day", with `day`), those of approximate dates
    already under way ("ongoing"), those during the campaign ("campaign") or whose date is to be announced
    ("unscheduled"). `continued`: the rest of a day's activities, whose first ones are on the page before."""

    kind: str
    activities: tuple[Activity, ...]
    day: date | None = None
    continued: bool = False


def now_first(scheduled: tuple[Activity, ...] | list[Activity], today: date) -> tuple[tuple[Group, ...],
                                                                                         tuple[Group, ...]]:
    """A listing from `today` (the build date), and its archive. The listing: a group per day from today on, by
    the day each activity starts (today for those of exact dates begun earlier and still on), each in time
    order; then those of approximate dates already under way, those during the campaign, and those whose date
    is to be announced, each in schedule order. The archive: those whose last day is before today, a group per
    last day, the latest day first, each day in time order."""
    days: dict[date, list[Activity]] = {}
    ended: dict[date, list[Activity]] = {}
    sections: dict[str, list[Activity]] = {"ongoing": [], "campaign": [], "unscheduled": []}
    for activity in scheduled:
        schedule = activity.schedule
        if not schedule.is_dated:
            sections[schedule.kind].append(activity)
            continue
        first, last = schedule.span
        if last < today:
            ended.setdefault(last, []).append(activity)
        elif first < today and schedule.kind in APPROXIMATE_KINDS:
            sections["ongoing"].append(activity)
        else:
            days.setdefault(max(first, today), []).append(activity)
    listing = [Group("day", tuple(in_time_order(days[day], day)), day) for day in sorted(days)]
    listing += [Group(kind, tuple(found)) for kind, found in sections.items() if found]
    archive = [Group("day", tuple(in_time_order(ended[day], day)), day) for day in sorted(ended, reverse=True)]
    return tuple(listing), tuple(archive)


def on_day(scheduled: tuple[Activity, ...] | list[Activity]) -> dict[date, tuple[Activity, ...]]:
    """Each day with activities, in calendar order, and what is on it in time order: those of exact dates (days,
    a deadline) on every day they span, those of approximate dates (months, a window) on their first day."""
    found: dict[date, list[Activity]] = {}
    for activity in scheduled:
        if not activity.schedule.is_dated:
            continue
        first, last = activity.schedule.span
        if activity.schedule.kind in APPROXIMATE_KINDS:
            last = first
        day = first
        while day <= last:
            found.setdefault(day, []).append(activity)
            day = date.fromordinal(day.toordinal() + 1)
    return {day: tuple(in_time_order(found[day], day)) for day in sorted(found)}


def in_time_order(activities: list[Activity], day: date) -> list[Activity]:
    """Activities on `day` (given in schedule order) in the order of the day: those begun earlier first, then
    those without a time of day, then by their time; ties keep schedule order."""
    def moment(activity: Activity) -> tuple[int, time]:
        schedule = activity.schedule
        if schedule.start is not None and schedule.start < day:
            return 0, time.min
        return (1, time.min) if schedule.time is None else (2, schedule.time.start)
    return sorted(activities, key=moment)
