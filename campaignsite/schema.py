"""The shape of every data file, declared once: validation reads it, and the author reference is made from it.

Takes: nothing (declarations only).
Gives: `Field` lists for each kind of block, keyed by the block's name.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    # text, markdown, slug, date, month, year, url, flag, count (a whole number), plain,
    # list:<block>, block:<block>, refs:<what>
    kind: str
    required: bool
    doc: str


TEXT = "text"  # a block with `zh:` and `en:`, each plain text

BLOCKS: dict[str, tuple[Field, ...]] = {
    "campaign.yaml": (
        Field("name", TEXT, True, "Short name of the campaign, shown in the header and page titles."),
        Field("title", TEXT, True, "Full title of the notice that launches the campaign."),
        Field("year", "year", True, "The campaign's year, such as 2008."),
        Field("period", "block:period", True, "First and last day of the campaign."),
        Field("addressees", TEXT, False, "Whom the notice is addressed to."),
        Field("preamble", TEXT, False, "The notice's opening paragraph."),
        Field("bodies", "list:body", True, "Every organisation the site names; others refer to them by slug."),
        Field("organisers", "refs:bodies", True, "Slugs of the organising bodies, in order."),
        Field("sections", "block:sections", True, "Headings of the notice's sections."),
        Field("guiding_ideology", TEXT, False, "The guiding ideology paragraph."),
        Field("theme", "block:theme", True, "The campaign theme."),
        Field("requirements", "list:requirement", False, "The requirements, in order."),
        Field("record", "block:record", False, "The document record at the foot of the notice."),
        Field("home", "block:home", False, "What the home page features."),
        Field("site", "block:site", True, "Settings of the website."),
    ),
    "period": (
        Field("start", "date", True, "First day, such as 2008-09-01."),
        Field("end", "date", True, "Last day, such as 2008-09-30."),
    ),
    "body": (
        Field("slug", "slug", True, "Stable name: lowercase letters, digits and hyphens."),
        Field("name", TEXT, True, "Full name."),
        Field("short", TEXT, False, "Short name or abbreviation."),
    ),
    "sections": (
        Field("guiding_ideology", TEXT, True, "Heading of the guiding ideology."),
        Field("theme", TEXT, True, "Heading of the theme."),
        Field("activities", TEXT, True, "Heading of the list of activities."),
        Field("requirements", TEXT, True, "Heading of the requirements."),
        Field("slogans", TEXT, True, "Heading of the slogans."),
    ),
    "theme": (
        Field("intro", TEXT, False, "Words that introduce the theme."),
        Field("text", TEXT, True, "The theme itself."),
    ),
    "requirement": (
        Field("slug", "slug", True, "Stable name, used as the requirement's anchor."),
        Field("text", TEXT, True, "The requirement."),
    ),
    "record": (
        Field("subject_terms", "block:terms", True, "Subject terms (主题词): `zh:` and `en:` lists."),
        Field("cc", TEXT, False, "Copied to (抄送)."),
        Field("internal", TEXT, False, "Internal distribution (本局)."),
        Field("issuer", TEXT, True, "The issuing office."),
        Field("issued", "date", True, "Date of issue."),
    ),
    "terms": (
        Field("zh", "list:plain", True, "Terms in Chinese."),
        Field("en", "list:plain", True, "Terms in English."),
    ),
    "home": (
        Field("featured_slogans", "refs:slogans", False, "Slugs of the slogans shown on the home page."),
    ),
    "site": (
        Field("base_url", "url", True, "Full address where the site is published, ending in /."),
        Field("contact", TEXT, False, "A contact line for the footer."),
        Field("footer", "block:footer", False, "Identifiers a government site shows in its footer."),
        Field("meta", "block:meta", False, "The page meta tags Chinese government sites use (emitted when set)."),
        Field("translation_fallback", "flag", False,
              "true lets the build go on when a translation is missing: the page shows the original "
              "with a visible 'translation pending' note."),
        Field("schedule_page_size", "count", False,
              "How many activities one schedule page lists (10 or more; default 100). With more activities "
              "the schedule continues on schedule/page/2/, schedule/page/3/ and so on."),
    ),
    "footer": (
        Field("organiser", TEXT, False, "The organiser of the website (主办单位)."),
        Field("site_code", "plain", False, "网站标识码 (website identification code)."),
        Field("icp", "plain", False, "ICP备案号 (ICP licence number)."),
        Field("public_security", "plain", False, "公网安备号 (public security record number)."),
    ),
    "meta": (
        Field("site_name", TEXT, False, "SiteName: the name of the website."),
        Field("site_domain", "plain", False, "SiteDomain: the website's domain, such as www.example.gov.cn."),
        Field("site_id_code", "plain", False, "SiteIDCode: the website identification code (网站标识码)."),
        Field("column_name", TEXT, False, "ColumnName: the section (栏目) the campaign pages belong to."),
        Field("content_source", TEXT, False, "ContentSource: the source of the content."),
    ),
    "activities.yaml": (
        Field("activities", "list:activity", True, "The activities, in the order of the notice."),
    ),
    "activity": (
        Field("slug", "slug", True, "Stable name shared by both languages; the page's address."),
        Field("title", TEXT, True, "Title of the activity."),
        Field("summary", TEXT, True, "One sentence for lists."),
        Field("body", "markdown", True, "The full text, in Markdown."),
        Field("schedule", "block:schedule", True, "When it happens."),
        Field("place", TEXT, False, "Where it happens; leave out when the notice does not say."),
        Field("organisers", "refs:bodies", False, "Slugs of the bodies that run it; leave out when not named."),
        Field("in_notice", "flag", False,
              "false for an activity added after the notice (such as a local event): it is on the schedule "
              "and has its own page, but is not listed in the notice. Default true."),
    ),
    "schedule": (
        Field("kind", "plain", True, "campaign (throughout the campaign), days, months or window (approximate)."),
        Field("start", "date", False, "days and window: first day (2008-09-22); months: first month (2008-07)."),
        Field("end", "date", False, "days and window: last day; months: last month."),
        Field("text", TEXT, False, "Wording that replaces the derived one; required for window."),
    ),
    "slogans.yaml": (
        Field("slogans", "list:slogan", False, "The slogans, in order."),
    ),
    "slogan": (
        Field("slug", "slug", True, "Stable name, used as the slogan's anchor."),
        Field("text", TEXT, True, "The slogan."),
    ),
    "front matter": (
        Field("title", "plain", True, "Title of the page, in the file's language."),
        Field("description", "plain", False, "One sentence describing the page."),
    ),
}


def field_names(block: str) -> list[str]:
    return [f.name for f in BLOCKS[block]]


_KIND_WORDS = {
    TEXT: "text in both languages (`zh:` and `en:`)",
    "markdown": "Markdown in both languages (`zh: |` and `en: |`)",
    "slug": "slug",
    "date": "date (YYYY-MM-DD)",
    "year": "year",
    "url": "web address",
    "flag": "true or false",
    "count": "whole number",
    "plain": "text",
}

_FILES = ("campaign.yaml", "activities.yaml", "slogans.yaml", "front matter")
_INTRO = {
    "campaign.yaml": "The campaign: who runs it, what it is about, when, and the website's settings.",
    "activities.yaml": "The activities, one entry each, in the order of the notice. A campaign with many "
                       "activities may instead keep them one file each in a folder `activities/` (not both): each "
                       "file holds the keys of one entry (`slug:`, `title:`, …) at the top level, and the files' "
                       "names give the order (`activities/0010-opening.yaml`).",
    "slogans.yaml": "The slogans, in order. The file may be left out: the site then has no gallery.",
    "front matter": "The block between the two `---` lines at the top of `content/NAME.zh.md` and "
                    "`content/NAME.en.md` (each file holds one language).",
}


def _kind(spec: Field) -> str:
    if spec.kind.startswith("list:"):
        inner = spec.kind.split(":", 1)[1]
        return "list of text" if inner == "plain" else f"list of [{inner}](#{inner}) blocks"
    if spec.kind.startswith("block:"):
        inner = spec.kind.split(":", 1)[1]
        return f"[{inner}](#{inner}) block"
    if spec.kind.startswith("refs:"):
        return f"list of slugs of {spec.kind.split(':', 1)[1]}"
    return _KIND_WORDS[spec.kind]


def reference_markdown() -> str:
    """The author's reference of every data file, made from the declarations above."""
    lines = ["# Data files: the reference", "",
             "Generated from `campaignsite/schema.py` by `python -m campaignsite.schema`; a test keeps it in step.",
             "Any key not listed here is an error (with a suggestion when it looks like a typo).", ""]
    order = list(_FILES) + [name for name in BLOCKS if name not in _FILES]
    for name in order:
        lines += [f"## {name}" if name in _FILES else f"### {name}", ""]
        if name in _INTRO:
            lines += [_INTRO[name], ""]
        lines += ["| key | required | kind | what it holds |", "|---|---|---|---|"]
        for spec in BLOCKS[name]:
            lines.append(f"| `{spec.name}` | {'yes' if spec.required else 'no'} | {_kind(spec)} | {spec.doc} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(reference_markdown(), end="")
