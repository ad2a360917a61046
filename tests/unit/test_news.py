"""News posts: their file names, front matter and covers (`validate.news`), their order, the news list's pages and
a post's neighbours (`routes`), scheduled posts (`model.published`, `validate.scheduled_notes`)."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from campaignsite.errors import SiteError
from campaignsite.load import parse_markdown
from campaignsite.model import NEWS_PAGE_SIZE, published
from campaignsite.routes import navigation, plan
from campaignsite.validate import scheduled_notes, validate
from tests.unit.test_sitepaths import activities, sources

POST = "---\ntitle: {title}\nsummary: S.\n{extra}---\nText.\n"


def news_docs(posts: dict[str, str]):
    """{file stem under content/news/: extra front matter} -> the MarkdownDocs of both languages."""
    docs = []
    for stem, extra in posts.items():
        for lang in ("zh", "en"):
            parsed, problems = parse_markdown(POST.format(title=f"{stem} {lang}", extra=extra),
                                              f"content/news/{stem}.{lang}.md")
            assert problems == [] and parsed is not None
            docs.append(parsed)
    return tuple(docs)


def site_with(posts: dict[str, str], files: tuple[str, ...] = ()):
    return validate(dataclasses.replace(sources(activities(), files=files), news=news_docs(posts))).site


def problems_with(posts: dict[str, str], files: tuple[str, ...] = ()) -> list[str]:
    with pytest.raises(SiteError) as caught:
        site_with(posts, files)
    return [str(problem) for problem in caught.value.problems]


def test_a_post_takes_its_date_and_slug_from_its_file_name():
    post, = site_with({"2024-06-02-opening": ""}).news
    assert (post.slug, post.day, post.title.en, post.sources) == (
        "opening", date(2024, 6, 2), "2024-06-02-opening en",
        ("content/news/2024-06-02-opening.zh.md", "content/news/2024-06-02-opening.en.md"))


@pytest.mark.parametrize("stem, message", [
    ("opening", "content/news/opening.zh.md: the post's file name 'opening.zh.md' does not start with a date and end "
                "in .zh.md or .en.md — name it YYYY-MM-DD-SLUG.zh.md and .en.md, such as 2024-09-01-opening.zh.md"),
    ("2024-6-2-opening", "content/news/2024-6-2-opening.zh.md: the post's file name '2024-6-2-opening.zh.md' does "
                         "not start with a date and end in .zh.md or .en.md — name it YYYY-MM-DD-SLUG.zh.md and "
                         ".en.md, such as 2024-09-01-opening.zh.md"),
    ("2024-02-30-opening", "content/news/2024-02-30-opening.zh.md: the post's date 2024-02-30 is not a day of the "
                           "calendar — correct the date at the start of the file name"),
    ("2024-06-02-Opening_Day", "content/news/2024-06-02-Opening_Day.zh.md: the post's slug 'Opening_Day' is not safe "
                               "in a web address — rename the file to 2024-06-02-opening-day.zh.md"),
    ("2024-06-02-", "content/news/2024-06-02-.zh.md: the post's slug '' is not safe in a web address — rename the "
                    "file to 2024-06-02-news.zh.md"),
    ("2024-06-02-" + "a" * 90, f"content/news/2024-06-02-{'a' * 90}.zh.md: the post's slug is 90 characters long; "
                               "a slug has at most 80 (it names a folder of the site) — rename the file to "
                               f"2024-06-02-{'a' * 80}.zh.md"),
])
def test_a_file_name_without_a_date_or_a_safe_slug_is_refused_at_the_file(stem, message):
    assert message in problems_with({stem: ""})


def test_two_posts_with_one_slug_are_an_error_naming_both_files():
    assert problems_with({"2024-06-02-opening": "", "2024-06-09-opening": ""}) == [
        "content/news/2024-06-09-opening.zh.md: the slug 'opening' is used by content/news/2024-06-02-opening.zh.md "
        "too: both would be published at /news/opening/ — give one of the posts another slug"]


def test_an_unknown_activity_is_an_error_at_its_line():
    assert problems_with({"2024-06-02-opening": "activities: [a1, a9]\n"}) == [
        f"content/news/2024-06-02-opening.{lang}.md:4:18: activities[1]: there is no activity with the slug 'a9' "
        "— the activities are: a1, a2" for lang in ("en", "zh")]


def test_the_activities_a_post_reports_on_are_kept():
    post, = site_with({"2024-06-02-opening": "activities: [a2, a1]\n"}).news
    assert post.activities == ("a2", "a1")


def test_a_cover_needs_alt_text_unless_it_says_it_is_decorative():
    files = ("images/a.jpg",)
    assert problems_with({"2024-06-02-opening": "image: {src: /images/a.jpg}\n"}, files) == [
        f"content/news/2024-06-02-opening.{lang}.md:4:8: image: the cover has no alternative text — add alt: saying "
        "what the image shows, in this file's language; or decorative: true when it adds nothing the text does not say"
        for lang in ("en", "zh")]
    post, = site_with({"2024-06-02-opening": "image: {src: /images/a.jpg, decorative: true}\n"}, files).news
    assert post.cover is not None and (post.cover.src, post.cover.alt, post.cover.decorative) == (
        "/images/a.jpg", None, True)
    post, = site_with({"2024-06-02-opening": "image: {src: /images/a.jpg, alt: A, credit: C}\n"}, files).news
    assert post.cover is not None and (post.cover.alt.en, post.cover.credit.zh, post.cover.caption) == ("A", "C", None)


@pytest.mark.parametrize("src, where", [("/images/b.jpg", "is not a file of content/images/"),
                                        ("images/a.jpg", "is not a path under /images/"),
                                        ("/files/a.jpg", "is not a path under /images/")])
def test_a_cover_is_a_file_of_content_images_by_its_site_path(src, where):
    assert problems_with({"2024-06-02-opening": f"image: {{src: {src}, alt: A}}\n"}, ("images/a.jpg",))[0] == (
        f"content/news/2024-06-02-opening.en.md:4:14: image.src: the cover '{src}' {where} — put the image in "
        "content/images/ and write its site path, such as /images/opening.jpg")


def test_posts_are_newest_first_and_one_days_posts_by_slug():
    site = site_with({"2024-06-02-b": "", "2024-06-09-z": "", "2024-06-02-a": "", "2024-05-30-c": ""})
    assert [post.slug for post in site.news] == ["z", "a", "b", "c"]


def test_the_news_list_is_paginated_and_each_post_links_its_neighbours():
    count = NEWS_PAGE_SIZE * 2 + 3
    site = site_with({f"2024-06-{day:02d}-p{day:02d}": "" for day in range(1, count + 1)})
    pages = {page.key: page for page in plan(site) if page.lang == "en"}
    assert [key for key in pages if key == "news" or key.startswith("news/page/")] == [
        "news", "news/page/2", "news/page/3"]
    assert pages["news/page/3"].route == "en/news/page/3/"
    assert [post.slug for post in pages["news"].data["posts"]] == [f"p{day:02d}" for day in range(count, count - 10, -1)]
    assert [post.slug for post in pages["news/page/3"].data["posts"]] == ["p03", "p02", "p01"]
    newest, oldest, middle = pages["news/p23"], pages["news/p01"], pages["news/p12"]
    assert (newest.data["next"], newest.data["previous"].slug, newest.route) == (None, "p22", "en/news/p23/")
    assert (oldest.data["next"].slug, oldest.data["previous"], oldest.data["news_page"]) == ("p02", None, "news/page/3")
    assert (middle.data["next"].slug, middle.data["previous"].slug, middle.data["news_page"]) == ("p13", "p11",
                                                                                                  "news/page/2")


def test_the_home_page_shows_the_latest_three_and_an_activity_page_the_posts_about_it():
    site = site_with({"2024-06-01-a": "activities: [a1]\n", "2024-06-02-b": "", "2024-06-03-c": "activities: [a1]\n",
                      "2024-06-04-d": ""})
    pages = {page.key: page for page in plan(site) if page.lang == "zh"}
    assert [post.slug for post in pages["home"].data["latest_news"]] == ["d", "c", "b"]
    assert [post.slug for post in pages["activity/a1"].data["reports"]] == ["c", "a"]
    assert pages["activity/a2"].data["reports"] == ()
    assert [activity.slug for activity in pages["news/c"].data["about"]] == ["a1"]


def test_the_menu_leads_to_the_news_only_when_there_are_posts():
    assert "news" in navigation(plan(site_with({"2024-06-01-a": ""})), "en")
    without = site_with({})
    assert "news" not in navigation(plan(without), "en")
    assert not [page for page in plan(without) if page.key.startswith("news")]


def test_a_post_dated_after_the_build_date_is_left_out_with_a_note_saying_when_it_appears():
    site = site_with({"2024-06-01-a": "", "2024-06-10-b": "", "2024-06-11-c": ""})
    shown, scheduled = published(site, date(2024, 6, 10))
    assert [post.slug for post in shown.news] == ["b", "a"]
    assert [post.slug for post in scheduled] == ["c"]
    assert [str(note) for note in scheduled_notes(scheduled, date(2024, 6, 10))] == [
        "content/news/2024-06-11-c.zh.md: note: the post is dated 2024-06-11, after the build date (2024-06-10), and "
        "is not published yet — it appears on the build of 2024-06-11 or later"]
    assert published(site, date(2024, 6, 11))[1] == ()


def test_both_files_of_a_post_name_the_same_activities_and_cover():
    docs = [*news_docs({"2024-06-02-a": "activities: [a1]\n"})[:1], *news_docs({"2024-06-02-a": "activities: [a2]\n"})[1:]]
    with pytest.raises(SiteError) as caught:
        validate(dataclasses.replace(sources(activities()), news=tuple(docs)))
    assert [str(problem) for problem in caught.value.problems] == [
        "content/news/2024-06-02-a.en.md: the post's activities differ from those of content/news/2024-06-02-a.zh.md "
        "— give both languages' files the same"]
