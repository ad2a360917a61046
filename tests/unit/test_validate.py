"""validate: raw documents -> model, with every problem at its file, line, column and key path."""
from __future__ import annotations

from datetime import date

import pytest

from campaignsite.errors import SiteError
from campaignsite.load import parse_yaml
from campaignsite.validate import Sources, suggest_slug, validate

CAMPAIGN = """\
name: {zh: 周, en: Week}
title: {zh: 通知, en: Notice}
year: 2024
period: {start: 2024-06-10, end: 2024-06-16}
bodies:
  - slug: office
    name: {zh: 办公室, en: Office}
organisers: [office]
sections:
  guiding_ideology: {zh: 指导思想, en: Purpose}
  theme: {zh: 主题, en: Theme}
  activities: {zh: 活动, en: Activities}
  requirements: {zh: 要求, en: Requirements}
  slogans: {zh: 口号, en: Slogans}
theme:
  text: {zh: 安全, en: Safety}
site:
  base_url: https://example.org/
"""

ACTIVITY = """\
activities:
  - slug: check
    title: {zh: 检查, en: Checks}
    summary: {zh: 检查。, en: Checks.}
    body: {zh: 检查。, en: Checks.}
    schedule: {kind: campaign}
"""

STRINGS = "x: {zh: 甲, en: A}\n"


def sources(campaign: str = CAMPAIGN, activities: str = ACTIVITY, slogans: str | None = None) -> Sources:
    def doc(text, name):
        parsed, problems = parse_yaml(text, name)
        assert problems == [], problems
        return parsed
    return Sources(doc(campaign, "campaign.yaml"), doc(activities, "activities.yaml"),
                   doc(slogans, "slogans.yaml") if slogans is not None else None, (), (doc(STRINGS, "s.yaml"),))


def problems_of(**kwargs) -> list[str]:
    with pytest.raises(SiteError) as caught:
        validate(sources(**kwargs))
    return [str(p) for p in caught.value.problems]


def test_a_valid_campaign_becomes_the_model():
    site = validate(sources()).site
    assert site.campaign.period_start == date(2024, 6, 10)
    assert site.campaign.organisers[0].name.en == "Office"
    assert site.activities[0].slug == "check" and site.activities[0].number == 1
    assert site.slogans == ()


def test_a_missing_language_names_the_field_and_its_position():
    text = ACTIVITY.replace("title: {zh: 检查, en: Checks}", "title:\n      zh: 检查")
    assert problems_of(activities=text) == [
        "activities.yaml:3:5: activities[check].title.en: the English title is missing — add 'en: …' under "
        "'title' (or set site.translation_fallback: true to publish the original for now)"]


def test_an_empty_string_counts_as_missing():
    text = ACTIVITY.replace("summary: {zh: 检查。, en: Checks.}", "summary: {zh: 检查。, en: ''}")
    assert problems_of(activities=text)[0].startswith(
        "activities.yaml:4:24: activities[check].summary.en: the English summary is missing")


def test_with_fallback_a_missing_translation_shows_the_original_marked_pending():
    text = ACTIVITY.replace("title: {zh: 检查, en: Checks}", "title: {zh: 检查}")
    validated = validate(sources(activities=text), allow_fallback=True)
    title = validated.site.activities[0].title
    assert (title.en, title.pending) == ("检查", frozenset({"en"}))
    assert [p.path for p in validated.warnings] == ["activities[check].title.en"]


def test_unknown_keys_get_a_did_you_mean():
    text = ACTIVITY.replace("    schedule:", "    plcae: {zh: 京, en: Beijing}\n    schedule:")
    assert problems_of(activities=text) == [
        "activities.yaml:6:5: activities[check].plcae: unknown key 'plcae' — did you mean 'place'?"]


def test_a_list_where_text_belongs_is_a_wrong_type():
    text = ACTIVITY.replace("title: {zh: 检查, en: Checks}", "title: {zh: [a, b], en: Checks}")
    assert problems_of(activities=text) == [
        "activities.yaml:3:17: activities[check].title.zh: expected text, found a list "
        "— write the text on this line after the colon"]


def test_yes_and_no_meant_as_text_stay_text():
    text = ACTIVITY.replace("title: {zh: 检查, en: Checks}", "title: {zh: 检查, en: no}")
    assert validate(sources(activities=text)).site.activities[0].title.en == "no"


@pytest.mark.parametrize("schedule, message", [
    ("{kind: days, start: 2024-06-12, end: 2024-06-11}",
     "activities.yaml:6:52: activities[check].schedule.end: the end (2024-06-11) is before the start (2024-06-12)"),
    ("{kind: days, start: 2024-09-010}",
     "activities.yaml:6:35: activities[check].schedule.start: expected a date written as YYYY-MM-DD, found '2024-09-010'"),
    ("{kind: days, start: 20240612}",
     "activities.yaml:6:35: activities[check].schedule.start: expected a date written as YYYY-MM-DD, "
     "found the number 20240612"),
    ("{kind: weekly}", "activities.yaml:6:22: activities[check].schedule.kind: 'weekly' is not a kind of schedule"),
    ("{kind: window, start: 2024-06-01, end: 2024-06-20}",
     "activities.yaml:6:5: activities[check].schedule.text: the text is missing"),
    ("{kind: months, start: 2024-13}",
     "activities.yaml:6:37: activities[check].schedule.start: expected a month written as YYYY-MM"),
])
def test_schedule_mistakes(schedule, message):
    text = ACTIVITY.replace("{kind: campaign}", schedule)
    assert problems_of(activities=text)[0].startswith(message)


def test_months_span_from_the_first_to_the_last_day():
    text = ACTIVITY.replace("{kind: campaign}", '{kind: months, start: "2024-02", end: "2024-06"}')
    schedule = validate(sources(activities=text)).site.activities[0].schedule
    assert (schedule.start, schedule.end) == (date(2024, 2, 1), date(2024, 6, 30))


def test_an_activity_a_year_away_from_the_campaign_is_a_warning():
    text = ACTIVITY.replace("{kind: campaign}", "{kind: days, start: 2042-06-12}")
    warnings = validate(sources(activities=text)).warnings
    assert [str(w) for w in warnings] == [
        "activities.yaml:6:35: activities[check].schedule.start: warning: the activity is dated more than a year "
        "away from the campaign (2024-06-10 to 2024-06-16) — check the year"]


@pytest.mark.parametrize("slug, suggestion", [
    ("../x", "x"), ("a/b", "a-b"), ("\\\\", "activitie-1"), ("/etc/passwd", "etc-passwd"),
    ("Quality Month", "quality-month"), ("质量月", "activitie-1"),
])
def test_unsafe_slugs_are_refused_with_a_safe_suggestion(slug, suggestion):
    text = ACTIVITY.replace("slug: check", f"slug: '{slug}'")
    found = problems_of(activities=text)
    assert len(found) == 1 and "is not safe in a web address" in found[0]
    assert found[0].endswith(f"such as '{suggestion}'")


def test_duplicate_slugs_name_the_first():
    text = ACTIVITY + ACTIVITY.split("\n", 1)[1]
    assert problems_of(activities=text) == [
        "activities.yaml:7:11: activities[check].slug: the slug 'check' is used by another activity too "
        "— give each activity its own slug (the other is on line 2)"]


def test_a_reference_to_a_body_or_slogan_that_does_not_exist():
    text = ACTIVITY.replace("    schedule:", "    organisers: [ofice]\n    schedule:")
    campaign = CAMPAIGN + "home:\n  featured_slogans: [missing]\n"
    found = problems_of(activities=text, campaign=campaign)
    assert found[1].startswith("campaign.yaml:20:22: home.featured_slogans[0]: there is no slogan with the slug 'missing'")
    assert found[0] == ("activities.yaml:6:18: activities[check].organisers[0]: there is no body with the slug "
                        "'ofice' — did you mean 'office'?")


def test_every_problem_is_reported_together_sorted_by_file_and_line():
    text = ACTIVITY.replace("title: {zh: 检查, en: Checks}", "title: {zh: 检查}").replace(
        "summary: {zh: 检查。, en: Checks.}", "summary: {en: Checks.}")
    campaign = CAMPAIGN.replace("year: 2024", "year: soon")
    found = problems_of(activities=text, campaign=campaign)
    assert [f.split(": ")[0] for f in found] == ["activities.yaml:3:5", "activities.yaml:4:5", "campaign.yaml:3:7"]


def test_an_empty_activities_file_is_an_error():
    parsed, _ = parse_yaml("", "activities.yaml")
    base = sources()
    with pytest.raises(SiteError) as caught:
        validate(Sources(base.campaign, parsed, None, (), base.strings))
    assert [str(p) for p in caught.value.problems] == [
        "activities.yaml:1:1: the file is empty — list the activities under a line 'activities:'"]


def test_suggest_slug_for_text_without_ascii_uses_the_position():
    assert suggest_slug("质量月", ("slogans", 2, "slug")) == "slogan-3"


def test_a_date_in_quotes_is_still_a_date():
    text = ACTIVITY.replace("{kind: campaign}", '{kind: days, start: "2024-06-12", end: "2024-06-13"}')
    schedule = validate(sources(activities=text)).site.activities[0].schedule
    assert (schedule.start, schedule.end) == (date(2024, 6, 12), date(2024, 6, 13))


def test_an_impossible_date_in_quotes_is_named():
    text = ACTIVITY.replace("{kind: campaign}", '{kind: days, start: "2024-02-30"}')
    assert problems_of(activities=text)[0].startswith(
        "activities.yaml:6:35: activities[check].schedule.start: 2024-02-30 is not a real date")
