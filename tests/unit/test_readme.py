"""The README says what is true: the names a template sees, and (see test_layout) the layout."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from campaignsite.i18n import Strings
from campaignsite.load import load_sources
from campaignsite.render import Conversions, Publication, Urls
from campaignsite.render.context import PageMaker, SiteFacts
from campaignsite.routes import plan
from campaignsite.validate import validate

REPO = Path(__file__).resolve().parents[2]


def readme_section(title: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_names_every_variable_a_template_sees_and_no_other():
    site = validate(load_sources(REPO, REPO)).site
    pages = plan(site)
    maker = PageMaker(site, SiteFacts.of(site, pages), Strings(site.strings),
                      Publication(Urls("https://example.org/"), date(2008, 9, 1)), Conversions())
    seen = set()
    for page in pages:
        seen |= set(maker.context(page))
    documented = set(re.findall(r"`([a-z_]+)(?:\(|`)", readme_section("The theme")))
    assert seen - documented == set(), "add them to the README's table"
    assert {name for name in documented if name not in seen} <= {"key", "lang", "template", "route", "output",
                                                                  "url", "label", "current", "zh", "en",
                                                                  "region_counts",  # no region in this campaign
                                                                  "width", "height", "alt",  # a cover card's keys
                                                                  # a listing's groups and pager links: their keys
                                                                  "activities", "continued", "days", "sections",
                                                                  "count", "ongoing", "unscheduled",
                                                                  # the home page's coming days and places: their keys
                                                                  "national", "local", "has_page", "code", "cities"}
