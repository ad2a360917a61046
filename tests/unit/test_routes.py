"""routes: the page plan, and two pages claiming one file."""
from __future__ import annotations

import pytest

from campaignsite.errors import SiteError
from campaignsite.routes import Page, _refuse_shared_outputs, navigation, route_of


@pytest.mark.parametrize("key, lang, route", [
    ("home", "zh", ""), ("home", "en", "en/"), ("schedule", "zh", "schedule/"),
    ("activity/olympics", "en", "en/activities/olympics/"), ("page/about", "zh", "about/"),
    ("404", "en", "en/404.html"),
])
def test_routes_are_directory_style_below_the_language_prefix(key, lang, route):
    assert route_of(key, lang) == route


def test_a_page_is_written_as_index_html_in_its_folder():
    assert Page("schedule", "en", "schedule.html", "x").output == "en/schedule/index.html"
    assert Page("404", "zh", "404.html", "x").output == "404.html"


def test_two_pages_on_one_path_are_refused_naming_both_sources():
    pages = [Page("page/about", "zh", "page.html", "content/about.zh.md"),
             Page("page/about", "zh", "page.html", "content/About.zh.md")]
    with pytest.raises(SiteError) as caught:
        _refuse_shared_outputs(pages)
    assert [str(p) for p in caught.value.problems] == [
        "content/About.zh.md: would be written to about/index.html, where content/about.zh.md is written too "
        "— give one of them another slug or file name"]


def test_the_menu_lists_only_pages_that_exist():
    pages = [Page(k, "en", "t", "s") for k in ("home", "notice", "page/about", "404")]
    assert navigation(pages, "en") == ["home", "notice", "page/about"]
