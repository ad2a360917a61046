"""The shape of every data file, declared once: validation reads it, and the author reference is made from it.

Takes: nothing (declarations only); `python -m campaignsite.validate.schema` prints the author reference.
Gives: the `Field`s of each kind of block, keyed by the block's name, each naming its `kinds.Kind`; and
`reference_markdown()`, the reference made from them (docs/data-files.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import ACTIVITY_STATUSES, DEFAULT_TIMEZONE, SCHEDULE_PAGE_SIZE, STALE_MODES
from .common import KeyPath
from .kinds import (
    Bilingual,
    BilingualMarkdown,
    BlockOf,
    Choice,
    Count,
    Day,
    Flag,
    Kind,
    ListOf,
    OnlineAddress,
    Plain,
    PlainList,
    Refs,
    RegionName,
    Slug,
    TimeOfDay,
    TimeZone,
    Url,
    Value,
    ValueReader,
    Year,
)

MIN_SCHEDULE_PAGE_SIZE = 10
TEXT = Bilingual()
# References are read with what they may name (not by `Field.read`): the validators name these two.
BODY_REFS = Refs("bodies", "body")
SLOGAN_REFS = Refs("slogans", "slogan")
ACTIVITY_REFS = Refs("activities", "activity")


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    required: bool
    doc: str
    required_when: str = ""  # what makes an optional key required ("the site has slogans"), for the reference

    def read(self, reader: ValueReader, block_path: KeyPath) -> Any:
        """This key's value in the block at `block_path`; missing is reported unless the block reports it."""
        if not isinstance(self.kind, Value):
            raise TypeError(f"'{self.name}' names other entries: read it with its kind and what it may name")
        return self.kind.read(reader, block_path + (self.name,), self.required and not self.kind.reported_by_block)


BLOCKS: dict[str, tuple[Field, ...]] = {
    "campaign.yaml": (
        Field("name", TEXT, True, "Short name of the campaign, shown in the header and page titles."),
        Field("title", TEXT, True, "Full title of the notice that launches the campaign."),
        Field("year", Year(), True, "The campaign's year, such as 2008."),
        Field("period", BlockOf("period"), True, "First and last day of the campaign."),
        Field("addressees", TEXT, False, "Whom the notice is addressed to."),
        Field("preamble", TEXT, False, "The notice's opening paragraph."),
        Field("bodies", ListOf("body"), True, "Every organisation the site names; others refer to them by slug."),
        Field("organisers", BODY_REFS, True, "Slugs of the organising bodies, in order."),
        Field("sections", BlockOf("sections"), True, "Headings of the notice's sections (of those the site has)."),
        Field("guiding_ideology", TEXT, False, "The guiding ideology paragraph."),
        Field("theme", BlockOf("theme"), True, "The campaign theme."),
        Field("requirements", ListOf("requirement"), False, "The requirements, in order."),
        Field("record", BlockOf("record"), False, "The document record at the foot of the notice."),
        Field("home", BlockOf("home"), False, "What the home page features."),
        Field("site", BlockOf("site"), True, "Settings of the website."),
    ),
    "period": (
        Field("start", Day(), True, "First day, such as 2008-09-01."),
        Field("end", Day(), True, "Last day, such as 2008-09-30."),
    ),
    "body": (
        Field("slug", Slug(), True, "Stable name: lowercase letters, digits and hyphens."),
        Field("name", TEXT, True, "Full name."),
        Field("short", TEXT, False, "Short name or abbreviation."),
    ),
    "sections": (
        Field("guiding_ideology", TEXT, False, "Heading of the guiding ideology.",
              "the campaign has a `guiding_ideology`"),
        Field("theme", TEXT, True, "Heading of the theme."),
        Field("activities", TEXT, False, "Heading of the list of activities.", "the site has activities"),
        Field("requirements", TEXT, False, "Heading of the requirements.", "the campaign lists `requirements`"),
        Field("slogans", TEXT, False, "Heading of the slogans.", "slogans.yaml lists slogans"),
    ),
    "theme": (
        Field("intro", TEXT, False, "Words that introduce the theme."),
        Field("text", TEXT, True, "The theme itself."),
    ),
    "requirement": (
        Field("slug", Slug(), True, "Stable name, used as the requirement's anchor."),
        Field("text", TEXT, True, "The requirement."),
    ),
    "record": (
        Field("subject_terms", BlockOf("terms"), True, "Subject terms (主题词): `zh:` and `en:` lists."),
        Field("cc", TEXT, False, "Copied to (抄送)."),
        Field("internal", TEXT, False, "Internal distribution (本局)."),
        Field("issuer", TEXT, True, "The issuing office."),
        Field("issued", Day(), True, "Date of issue."),
    ),
    "terms": (
        Field("zh", PlainList("terms"), True, "Terms in Chinese."),
        Field("en", PlainList("terms"), True, "Terms in English."),
    ),
    "home": (
        Field("featured_slogans", SLOGAN_REFS, False, "Slugs of the slogans shown on the home page."),
    ),
    "site": (
        Field("base_url", Url(), True, "Full address where the site is published, ending in /."),
        Field("contact", TEXT, False, "A contact line for the footer."),
        Field("footer", BlockOf("footer"), False, "Identifiers a government site shows in its footer."),
        Field("meta", BlockOf("meta"), False, "The page meta tags Chinese government sites use (emitted when set)."),
        Field("translation_fallback", Flag(default=False), False,
              "true lets the build go on when a translation is missing: the page shows the original "
              "with a visible 'translation pending' note."),
        Field("stale_translations", Choice(STALE_MODES, "a way to show stale translations", "to mark them"), False,
              "What an English page shows when the Chinese changed since its English was recorded in "
              "translations.lock: `mark` (the default) the English with a note that it may be out of date and a "
              "link to the Chinese page; `fallback` the Chinese, marked 'translation being updated'; `error` "
              "stops the build, listing them."),
        Field("schedule_page_size", Count(default=SCHEDULE_PAGE_SIZE, minimum=MIN_SCHEDULE_PAGE_SIZE), False,
              "How many activities one page of a listing (the schedule, a region's, a month's, a day's, an "
              "archive) lists at most (10 or more; default 25, each a title and one line: at most about 8 phone "
              "screens at 375 px). A page holds whole days as far as they fit; a longer day runs on over the next "
              "pages. The schedule continues on schedule/page/2/, schedule/page/3/ and so on."),
        Field("timezone", TimeZone(default=DEFAULT_TIMEZONE), False,
              f"The time zone of every schedule's time of day (default {DEFAULT_TIMEZONE}, the time of all of "
              "mainland China): calendars and search engines get the times with it."),
    ),
    "footer": (
        Field("organiser", TEXT, False, "The organiser of the website (主办单位)."),
        Field("site_code", Plain(), False, "网站标识码 (website identification code)."),
        Field("icp", Plain(), False, "ICP备案号 (ICP filing number)."),
        Field("public_security", Plain(), False, "公网安备号 (public security record number)."),
    ),
    "meta": (
        Field("site_name", TEXT, False, "SiteName: the name of the website."),
        Field("site_domain", Plain(), False, "SiteDomain: the website's domain, such as www.example.gov.cn."),
        Field("site_id_code", Plain(), False, "SiteIDCode: the website identification code (网站标识码)."),
        Field("column_name", TEXT, False, "ColumnName: the section (栏目) the campaign pages belong to."),
        Field("content_source", TEXT, False, "ContentSource: the source of the content."),
    ),
    "activities.yaml": (
        Field("activities", ListOf("activity"), True, "The activities, in the order of the notice."),
    ),
    "activity": (
        Field("slug", Slug(), True, "Stable name shared by both languages; the page's address."),
        Field("title", TEXT, True, "Title of the activity."),
        Field("summary", TEXT, True, "One sentence for lists."),
        Field("body", BilingualMarkdown(), True, "The full text, in Markdown. Link to a page of the site by its path, "
              "such as `[the schedule](/schedule/)` ([links between pages](#links-between-pages))."),
        Field("schedule", BlockOf("schedule"), True, "When it happens."),
        Field("place", TEXT, False, "Where it happens; leave out when the notice does not say."),
        Field("region", RegionName(), False, "The province, prefecture-level city or county it takes place in: its "
              "6-digit code (440000, 330100, 330106), its Chinese or English name (广东省, 杭州, Hangzhou; written as "
              "the code; a county by its Chinese name), or national (全国) for an activity across the country. A "
              "city is listed under its city and its province. Leave out when the notice does not say."),
        Field("city", TEXT, False, "The city (or county) it takes place in, in both languages; when `region` names a "
              "city or a county of one, that city's name is shown instead."),
        Field("imported_from", Plain(), False, "The name of the spreadsheet it was imported from (written by "
              "`import`; an activity imported from a file is removed with `import --prune` when no longer in it)."),
        Field("organisers", BODY_REFS, False, "Slugs of the bodies that run it; leave out when not named."),
        Field("in_notice", Flag(default=True), False,
              "false for an activity added after the notice (such as a local event): it is on the schedule "
              "and has its own page, but is not listed in the notice. Default true."),
        Field("online", OnlineAddress(), False,
              "It can be joined online: the address to join at (https:// only), or true while the address is to "
              "follow. With `place` too, it is both in person and online. false is the same as leaving it out."),
        Field("status", Choice(ACTIVITY_STATUSES, "a status an activity can be given", "while it goes ahead"), False,
              "cancelled or postponed, when it will not take place as announced: shown on its page and in every "
              "list; a cancelled one stays in the calendars marked cancelled, a postponed one leaves them. Leave it "
              "out while the activity goes ahead (its dates then give its status)."),
        Field("status_note", TEXT, False, "A sentence on the status, such as why or what happens instead; "
              "shown beside it. Only with `status`."),
    ),
    "schedule": (
        Field("kind", Plain(), True, "days (one day or several), months, window (approximate), deadline (by a day), "
                                     "campaign (during the campaign, no date of its own) or unscheduled (date to be "
                                     "announced: no dates, listed last)."),
        Field("start", Day(), False, "days and window: first day (2008-09-22); months: first month (2008-07); "
                                     "none for deadline, campaign and unscheduled."),
        Field("end", Day(), False, "days and window: last day; months: last month; deadline: the day (required)."),
        Field("time", TimeOfDay(), False, 'days and deadline only: "09:00" or "09:00-11:30" (24-hour clock, in the '
                                          "campaign's time zone); over several days, the hours of each day."),
        Field("text", TEXT, False, "Wording that replaces the derived one (the dates and any time); required for "
                                   "window, where it is the approximate wording and the year is added to it."),
    ),
    "slogans.yaml": (
        Field("slogans", ListOf("slogan"), False, "The slogans, in order."),
    ),
    "slogan": (
        Field("slug", Slug(), True, "Stable name, used as the slogan's anchor."),
        Field("text", TEXT, True, "The slogan."),
    ),
    "front matter": (
        Field("title", Plain(), True, "Title of the page, in the file's language."),
        Field("description", Plain(), False, "One sentence describing the page."),
    ),
    "news front matter": (
        Field("title", Plain(), True, "Title of the post, in the file's language."),
        Field("summary", Plain(), True, "What the news is, in a sentence or two: shown in lists and feeds."),
        Field("source", Plain(), False, "Where the news comes from (来源), shown under the title."),
        Field("image", BlockOf("news image"), False, "The post's cover image."),
        Field("activities", ACTIVITY_REFS, False, "Slugs of the activities the post reports on."),
    ),
    "news image": (
        Field("src", Plain(), True, "Site path of an image in content/images/, such as /images/opening.jpg."),
        Field("alt", Plain(), False, "What the image shows, in the file's language.",
              required_when="the image is not decorative"),
        Field("caption", Plain(), False, "A caption shown with the image."),
        Field("credit", Plain(), False, "Who made the image."),
        Field("decorative", Flag(False), False, "true when the image adds nothing the text does not say (no alt)."),
    ),
}


def field_names(block: str) -> list[str]:
    return [f.name for f in BLOCKS[block]]


def field(block: str, name: str) -> Field:
    """The declaration of key `name` in `block`."""
    return next(spec for spec in BLOCKS[block] if spec.name == name)
