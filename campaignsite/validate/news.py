"""content/news/YYYY-MM-DD-SLUG.zh.md and .en.md -> the news posts, newest first.

Takes: the `MarkdownDoc`s of content/news/ (front matter and text), the activities a post may report on, the
files under content/ (a cover must be one of them) and whether a missing language may show the other.
Gives: a `NewsPost` for each SLUG, newest first: its date (from the file name), title, summary, optional source,
cover and activities, and its text, in both languages. A file name without a real date or a safe slug, two posts
with one slug, an activity that does not exist, a cover that is not a file of content/images/ or has no alt text:
each is reported at its file and line. The same rules as content pages hold for both languages (`pages`).
"""
from __future__ import annotations

import re
from datetime import date

from ..errors import ERROR, NOTE, Problem, ProblemLog, example_day
from ..load import MarkdownDoc
from ..load.yamldoc import visible
from ..model import LANGUAGES, Activity, Cover, NewsPost, Text, newest_first
from .common import SLUG_RE, shortened, slug_too_long, suggest_slug
from .mdlinks import MarkdownText, Report, _file_report, _shown_in
from .pages import PageParts, _both_languages, _has_every_language, read_text_below
from .reader import Reader

_FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.*)\.(zh|en)\.md$")
Named = tuple[date, str, str]  # a post file's date, slug and language


def read_news(docs: tuple[MarkdownDoc, ...], log: ProblemLog, fallback: bool, activities: list[Activity],
              content_files: tuple[str, ...], year: int | None = None) -> tuple[NewsPost, ...]:
    """The posts, newest first; `year` (the campaign's) dates the example of a file name in a hint."""
    by_post: dict[tuple[date, str], dict[str, MarkdownDoc]] = {}
    for doc in docs:
        named = _date_slug_language(doc, log, year)
        if named is not None:
            day, slug, lang = named
            by_post.setdefault((day, slug), {})[lang] = doc
    _refuse_shared_slugs(by_post, log)
    known = {activity.slug: activity for activity in activities}
    images = frozenset("/" + name for name in content_files)
    posts = [post for (day, slug), files in sorted(by_post.items())
             if (post := _read_post(day, slug, files, log, fallback, known, images))]
    return newest_first(posts)


def _date_slug_language(doc: MarkdownDoc, log: ProblemLog, year: int | None) -> Named | None:
    """The post's date, slug and language, from a file name such as 2008-09-01-opening.zh.md."""
    name = doc.file.rsplit("/", 1)[-1]
    match = _FILE_NAME.match(name)
    if not match:
        log.add(Problem(doc.file, message=f"the post's file name '{visible(name)}' does not start with a date "
                                          "and end in .zh.md or .en.md",
                        hint=f"name it YYYY-MM-DD-SLUG.zh.md and .en.md, such as {example_day(year)}-opening.zh.md"))
        return None
    stamp, slug, lang = match.groups()
    try:
        day = date.fromisoformat(stamp)
    except ValueError:
        log.add(Problem(doc.file, message=f"the post's date {stamp} is not a day of the calendar",
                        hint="correct the date at the start of the file name"))
        return None
    if not SLUG_RE.match(slug):
        suggested = suggest_slug(slug, ()) if slug else "news"
        log.add(Problem(doc.file, message=f"the post's slug '{visible(slug)}' is not safe in a web address",
                        hint=f"rename the file to {stamp}-{suggested}.{lang}.md"))
        return None
    if too_long := slug_too_long(slug):
        log.add(Problem(doc.file, message=f"the post's slug {too_long}",
                        hint=f"rename the file to {stamp}-{shortened(slug)}.{lang}.md"))
        return None
    return day, slug, lang


def _refuse_shared_slugs(by_post: dict[tuple[date, str], dict[str, MarkdownDoc]], log: ProblemLog) -> None:
    """Two posts of different dates with one slug would be published at one address: both are named."""
    first: dict[str, str] = {}
    for (_, slug), files in sorted(by_post.items()):
        file = next(iter(files.values())).file
        if slug in first:
            log.add(Problem(file, message=f"the slug '{slug}' is used by {first[slug]} too: both would be "
                                          f"published at /news/{slug}/", hint="give one of the posts another slug"))
        else:
            first[slug] = file


def _read_post(day: date, slug: str, files: dict[str, MarkdownDoc], log: ProblemLog, fallback: bool,
               known: dict[str, Activity], images: frozenset[str]) -> NewsPost | None:
    parts = {lang: _read_post_file(doc, log, fallback, known, images) for lang, doc in files.items()}
    if not _has_every_language(files, log, fallback) or not _languages_agree(files, parts, log):
        return None
    title, summary, body = (_both_languages(parts, key) for key in ("title", "summary", "body"))
    if title is None or summary is None or body is None or any(part.get("broken") for part in parts.values()):
        return None
    sources = tuple(files[lang].file for lang in LANGUAGES if lang in files)
    first = parts[next(lang for lang in LANGUAGES if lang in parts)]
    return NewsPost(slug, day, title, summary, body, sources, source=_both_languages(parts, "source"),
                    cover=_cover(parts), activities=first.get("activities") or ())


def _languages_agree(files: dict[str, MarkdownDoc], parts: dict[str, dict], log: ProblemLog) -> bool:
    """Both files of a post name the same activities and the same cover image (their texts differ, not these)."""
    if len(parts) < len(LANGUAGES) or any(part.get("broken") for part in parts.values()):
        return True
    zh, en = parts["zh"], parts["en"]
    for key, differs in (("activities", "activities differ from those"),
                         ("image.src", "cover image differs from that")):
        if zh.get(key) != en.get(key):
            log.add(Problem(files["en"].file, message=f"the post's {differs} of {files['zh'].file}",
                            hint="give both languages' files the same"))
            return False
    return True


def _read_post_file(doc: MarkdownDoc, log: ProblemLog, fallback: bool, known: dict[str, Activity],
                    images: frozenset[str]) -> dict:
    """One language's front matter and text; `broken` when something in it keeps the post from being published."""
    reader = Reader(doc.front, log, fallback)
    errors = len(log.errors)
    if reader.block((), "news front matter") is None:
        return {"broken": True}
    parts: dict = {key: reader.plain((key,), required=key in ("title", "summary")) for key in
                   ("title", "summary", "source")}
    parts["activities"] = tuple(activity.slug for activity in reader.refs(("activities",), known,
                                                                          "activities", "activity"))
    parts.update(_cover_parts(reader, images))
    parts["body"] = read_text_below(doc, log, "post")
    parts["broken"] = len(log.errors) > errors
    return parts


def _cover_parts(reader: Reader, images: frozenset[str]) -> PageParts:
    """The cover's keys in one language's file: its path must be a file of content/images/, and it needs alt
    text unless it says it is decorative."""
    block = reader.block(("image",), "news image", required=False)
    if block is None:
        return {}
    src = reader.plain(("image", "src"), required=True)
    if src and not (src.startswith("/images/") and src in images):
        where = "is not a file of content/images/" if src.startswith("/images/") else "is not a path under /images/"
        reader.problem(("image", "src"), f"the cover '{visible(src)}' {where}",
                       hint="put the image in content/images/ and write its site path, such as /images/opening.jpg")
    decorative = reader.flag(("image", "decorative"), False)
    alt = reader.plain(("image", "alt"))
    if not alt and not decorative:
        reader.problem(("image",), "the cover has no alternative text",
                       hint="add alt: saying what the image shows, in this file's language; or decorative: true when "
                            "it adds nothing the text does not say")
    parts: PageParts = {"image.src": src, "image.alt": alt, "image.decorative": "yes" if decorative else None}
    for key in ("caption", "credit"):
        parts[f"image.{key}"] = reader.plain(("image", key))
    return parts


def _cover(parts: dict[str, dict]) -> Cover | None:
    """The cover, when a language's file gives one (its path from the first file that does)."""
    src = next((part["image.src"] for part in parts.values() if part.get("image.src")), None)
    if src is None:
        return None
    decorative = any(part.get("image.decorative") for part in parts.values())
    texts: dict[str, Text | None] = {key: _both_languages(parts, f"image.{key}")
                                     for key in ("alt", "caption", "credit")}
    return Cover(src, None if decorative else texts["alt"], texts["caption"], texts["credit"], decorative)


def news_texts(posts: tuple[NewsPost, ...], docs: tuple[MarkdownDoc, ...], log: ProblemLog) -> list[MarkdownText]:
    """The text of each post in each language it has a file for, reported at its line in that file."""
    by_file = {doc.file: doc for doc in docs}
    return [MarkdownText(f"/news/{post.slug}/", _shown_in(post.body, file.rsplit(".", 2)[-2]), by_file[file].body,
                         _file_report(by_file[file], log)) for post in posts for file in post.sources]


def cover_uses(posts: tuple[NewsPost, ...], docs: tuple[MarkdownDoc, ...],
               log: ProblemLog) -> list[tuple[str, tuple[Report, int, int]]]:
    """Each post's cover with where each of its files writes `image.src`: a cover that cannot be published (corrupt,
    SVG, over the pixel limit) is reported there."""
    by_file = {doc.file: doc for doc in docs}
    found = []
    for post in posts:
        if post.cover is None:
            continue
        for file in post.sources:
            mark = by_file[file].front.value_mark(("image", "src"))
            found.append((post.cover.src, (_cover_report(file, log), mark.line, mark.col)))
    return found


def _cover_report(file: str, log: ProblemLog) -> Report:
    return lambda line, col, message, hint, severity=ERROR: log.add(Problem(file, line, col, "image.src", message,
                                                                            hint, severity))


def scheduled_notes(posts: tuple[NewsPost, ...], today: date) -> list[Problem]:
    """A note for each post dated after the build date: it is left out until a build on or after its date."""
    return [Problem(post.sources[0], message=f"the post is dated {post.day.isoformat()}, after the build date "
                                             f"({today.isoformat()}), and is not published yet",
                    hint=f"it appears on the build of {post.day.isoformat()} or later", severity=NOTE)
            for post in posts]
