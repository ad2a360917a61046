"""The words of validation's messages: a section's heading required only when the site has the section, what a
missing text is called, example dates in the campaign's own year, and a way to fix every warning."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from campaignsite.errors import EXAMPLE_YEAR, SiteError, example_day, example_month
from campaignsite.validate import validate
from campaignsite.validate.common import label
from tests.unit.test_validate import ACTIVITY, CAMPAIGN, problems_of, sources

PACKAGE = Path(__file__).resolve().parents[2] / "campaignsite"
HEADINGS = ("  guiding_ideology: {zh: 指导思想, en: Purpose}\n", "  activities: {zh: 活动, en: Activities}\n",
            "  requirements: {zh: 要求, en: Requirements}\n", "  slogans: {zh: 口号, en: Slogans}\n")
SLOGANS = "slogans:\n  - slug: safe\n    text: {zh: 安全, en: Safe}\n"
NO_ACTIVITIES = "activities: []\n"
LITERAL_EXAMPLE = re.compile(r"""(like|such as) "?(19|20)\d\d""")


def without_headings(campaign: str = CAMPAIGN) -> str:
    for line in HEADINGS:
        campaign = campaign.replace(line, "")
    return campaign


def test_a_campaign_without_slogans_requirements_ideology_or_activities_needs_only_the_themes_heading():
    site = validate(sources(without_headings(), NO_ACTIVITIES)).site
    assert list(site.campaign.sections) == ["theme"]


@pytest.mark.parametrize(("campaign", "activities", "slogans", "key", "line"), [
    (CAMPAIGN.replace("theme:\n  text", "guiding_ideology: {zh: 思想, en: Ideas}\ntheme:\n  text"),
     NO_ACTIVITIES, None, "guiding_ideology", "guiding ideology"),
    (CAMPAIGN, ACTIVITY, None, "activities", "activities"),
    (CAMPAIGN + "requirements:\n  - slug: care\n    text: {zh: 认真, en: Take care}\n",
     NO_ACTIVITIES, None, "requirements", "requirements"),
    (CAMPAIGN, NO_ACTIVITIES, SLOGANS, "slogans", "slogans"),
])
def test_a_sections_heading_is_required_when_the_site_has_the_section(campaign, activities, slogans, key, line):
    problems = problems_of(campaign=without_headings(campaign), activities=activities, slogans=slogans)
    assert problems == [f"campaign.yaml:9:1: sections.{key}: the heading of the {line} section is missing — "
                        f"add '{key}:' under 'sections:', with 'zh:' and 'en:' under it"]


def test_the_themes_heading_is_always_required():
    campaign = without_headings().replace("  theme: {zh: 主题, en: Theme}\n", "  {}\n").replace("sections:\n  {}", "sections: {}")
    assert problems_of(campaign=campaign, activities=NO_ACTIVITIES) == [
        "campaign.yaml:9:1: sections.theme: the heading of the theme section is missing — add 'theme:' under "
        "'sections:', with 'zh:' and 'en:' under it"]


def test_a_heading_written_for_a_section_the_site_lacks_is_checked_all_the_same():
    campaign = CAMPAIGN.replace("slogans: {zh: 口号, en: Slogans}", "slogans: {zh: 口号}")
    assert problems_of(campaign=campaign) == [
        "campaign.yaml:14:3: sections.slogans.en: the English heading of the slogans section is missing — add "
        "'en: …' under 'slogans' (or set site.translation_fallback: true to publish the original for now)"]


@pytest.mark.parametrize(("path", "words"), [
    (("sections", "slogans"), "heading of the slogans section"),
    (("sections", "guiding_ideology", "en"), "heading of the guiding ideology section"),
    (("slogans", 3, "text", "zh"), "text of the slogan"),
    (("requirements", 0, "text"), "text of the requirement"),
    (("theme", "text"), "text of the theme"),
    (("activities", 2, "schedule", "text"), "text of the schedule"),
    (("schedule", "text"), "text of the schedule"),  # an activity of its own file
    (("activities", 2, "body", "en"), "body text"),
    (("addressees", "en"), "list of addressees"),
    (("record", "cc"), "copied-to line"),
    (("record", "internal"), "internal distribution line"),
    (("theme", "intro"), "introduction"),
    (("bodies", 1, "short"), "short name"),
    (("site", "contact"), "contact line"),
    (("site", "meta", "site_name"), "site name"),
    (("activities", 0, "title", "en"), "title"),
    (("en",), "value"),
])
def test_a_message_names_what_a_text_is_not_just_its_key(path, words):
    assert label(path) == words


def test_a_text_missing_where_the_language_is_missing_reads_well():
    text = ACTIVITY.replace("body: {zh: 检查。, en: Checks.}", "body: {zh: 检查。}")
    assert problems_of(activities=text) == [
        "activities.yaml:5:5: activities[check].body.en: the English body text is missing — add 'en: …' under "
        "'body' (or set site.translation_fallback: true to publish the original for now)"]


@pytest.mark.parametrize(("schedule", "hint"), [
    ("{kind: days, start: 20240612}", "write the date like 2024-09-01"),
    ("{kind: months, start: 2024-13}", 'write the month like "2024-09" (in quotes)'),
])
def test_an_example_date_in_a_hint_is_in_the_campaigns_year(schedule, hint):
    text = ACTIVITY.replace("{kind: campaign}", schedule)
    assert problems_of(activities=text)[0].endswith(f" — {hint}")


def test_an_example_date_in_campaign_yaml_is_in_the_campaigns_year_too():
    campaign = CAMPAIGN.replace("end: 2024-06-16", "end: 16.6.2024").replace("year: 2024", "year: 2031") \
        .replace("start: 2024-06-10", "start: 2031-06-10")
    assert problems_of(campaign=campaign)[0].endswith(" — write the date like 2031-09-01")


def test_a_wrong_year_takes_its_example_from_the_period_and_else_from_a_fixed_year():
    wrong_year = CAMPAIGN.replace("year: 2024", "year: next")
    assert problems_of(campaign=wrong_year) == [
        "campaign.yaml:3:7: year: expected a year such as 2024, found 'next' — write the campaign's year in four "
        "digits"]
    nothing_known = wrong_year.replace("start: 2024-06-10", "start: soon")
    assert problems_of(campaign=nothing_known)[0] == (
        f"campaign.yaml:3:7: year: expected a year such as {EXAMPLE_YEAR}, found 'next' — write the campaign's year "
        "in four digits")
    assert (example_day(), example_month(), example_day(2030)) == (f"{EXAMPLE_YEAR}-09-01", f"{EXAMPLE_YEAR}-09",
                                                                    "2030-09-01")


def test_no_hint_shows_a_literal_example_year():
    """Every example date a hint shows comes from `example_day` or `example_month`, in the campaign's year (the
    author reference's examples, in schema.py, are documentation: no campaign is in hand there)."""
    found = [f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}" for path in sorted(PACKAGE.rglob("*.py"))
             if path.name != "schema.py" for node in _strings(ast.parse(path.read_text(encoding="utf-8")))
             if LITERAL_EXAMPLE.search(node.value)]
    assert found == []


def _strings(tree: ast.Module) -> list[ast.Constant]:
    """The string constants of a module but its docstrings."""
    docstrings = _docstrings(tree)
    return [node for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


def _docstrings(tree: ast.Module) -> set[int]:
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {id(node.body[0].value) for node in ast.walk(tree) if isinstance(node, documented)
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}


def test_every_pending_translation_says_how_to_fill_it_in():
    with pytest.raises(SiteError):
        validate(sources(activities=ACTIVITY.replace("en: Checks}", "}")))
    warnings = validate(sources(activities=ACTIVITY.replace("title: {zh: 检查, en: Checks}", "title: {zh: 检查}")),
                        allow_fallback=True).warnings
    assert [str(w) for w in warnings] == [
        "activities.yaml:3:5: activities[check].title.en: warning: the English title is missing (shown as "
        "'translation pending') — add 'en: …' under 'title' once it is ready"]


def test_every_warning_in_the_code_says_how_to_fix_it():
    """A warning made anywhere (a `severity` naming WARNING) has a hint; a line written with 'warning:' has its
    '— how to fix' part."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parts = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        parts |= _docstrings(tree)
        for node in ast.walk(tree):
            where = f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call) and _warns(node) and not _has_hint(node):
                found.append(f"{where}: a warning without a hint")
            elif isinstance(node, ast.JoinedStr | ast.Constant) and id(node) not in parts and _says_warning(node):
                found.append(f"{where}: a warning line without '— how to fix'")
    assert found == []


def _warns(call: ast.Call) -> bool:
    return any(keyword.arg == "severity" and "WARNING" in ast.unparse(keyword.value) for keyword in call.keywords)


def _has_hint(call: ast.Call) -> bool:
    return any(keyword.arg == "hint" and not (isinstance(keyword.value, ast.Constant) and not keyword.value.value)
               for keyword in call.keywords)


def _says_warning(node: ast.JoinedStr | ast.Constant) -> bool:
    text = ast.unparse(node) if isinstance(node, ast.JoinedStr) else node.value
    return isinstance(text, str) and "warning: " in text and text != "warning: " and " — " not in text


def test_every_warning_of_the_bad_input_corpus_says_how_to_fix_it():
    lines = [line for expected in sorted((PACKAGE.parent / "tests" / "fixtures" / "invalid").glob("*/expected.txt"))
             for line in expected.read_text(encoding="utf-8").splitlines() if ": warning: " in line]
    assert lines and all(" — " in line for line in lines)
