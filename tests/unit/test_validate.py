"""validate: raw documents -> model, with every problem at its file, line, column and key path."""
from __future__ import annotations

from datetime import date

import pytest

from campaignsite.errors import SiteError
from campaignsite.load import MarkdownDoc, parse_markdown, parse_yaml
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
     "activities.yaml:6:5: activities[check].schedule.text: the text of the schedule is missing — add 'text:' under "
     "'schedule:', with 'zh:' and 'en:' under it"),
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


# --- texts bounded and clean: lengths, control characters, Markdown within its limits ---

BODY_BLOCK = ACTIVITY.replace("    body: {zh: 检查。, en: Checks.}\n", "    body:\n      zh: 检查。\n      en: |\n{}")


def with_body(markdown: str) -> str:
    """ACTIVITY with an English body written as a `|` block (line 8 of the file is its line 1, column 9 its 1)."""
    return BODY_BLOCK.replace("{}", "".join(f"        {line}\n" if line else "\n" for line in markdown.split("\n")))


def test_a_text_of_5000_characters_is_accepted_and_one_more_is_refused_where_it_is():
    fits = ACTIVITY.replace("en: Checks}", "en: " + "x" * 5_000 + "}", 1)
    assert validate(sources(activities=fits)).site.activities[0].title.en == "x" * 5_000
    too_long = ACTIVITY.replace("en: Checks}", "en: " + "x" * 6_012 + "}", 1)
    assert problems_of(activities=too_long) == [
        "activities.yaml:3:25: activities[check].title.en: the text is 6,012 characters long; at most 5,000 "
        "— shorten it"]


@pytest.mark.parametrize("where", ["name", "short", "slogan"])
def test_every_plain_text_field_has_the_limit(where):
    long = "y" * 5_001
    campaign, slogans = CAMPAIGN, None
    if where == "name":
        campaign = CAMPAIGN.replace("name: {zh: 办公室, en: Office}", f"name: {{zh: 办公室, en: {long}}}")
    elif where == "short":
        campaign = CAMPAIGN.replace("name: {zh: 办公室, en: Office}", f"name: {{zh: 办, en: O}}\n    short: {{zh: 办, en: {long}}}")
    else:
        slogans = f"slogans:\n  - slug: s\n    text: {{zh: 好, en: {long}}}\n"
    found = problems_of(campaign=campaign, slogans=slogans)  # a body without its name is no body: it is named too
    assert found[0].endswith(": the text is 5,001 characters long; at most 5,000 — shorten it")


def test_markdown_may_be_200000_characters_long_but_no_longer():
    paragraph = ("word " * 3_999 + "end.\n\n")  # 20,000 characters, the most a paragraph may hold
    body = (paragraph * 10)[:200_000].strip()
    assert len(body) <= 200_000 and validate(sources(activities=with_body(body))).site.activities[0].body.en == body
    found = problems_of(activities=with_body(body + "\n\n" + "more " * 2_000))
    assert found == [f"activities.yaml:7:11: activities[check].body.en: the text is {len(body) + 10_001:,} characters "
                     "long; at most 200,000 — shorten it"]


@pytest.mark.parametrize(("escape", "code"), [
    ("\\0", "U+0000"), ("\\e", "U+001B"), ("\\a", "U+0007"), ("\\r", "U+000D"), ("\\x7f", "U+007F"),
    ("\\N", "U+0085"), ("\\x9b", "U+009B"), ("\\u0008", "U+0008"),
])
def test_a_control_character_written_as_an_escape_is_refused_where_it_is(escape, code):
    text = ACTIVITY.replace("en: Checks}", f'en: "Che{escape}cks"}}', 1)
    assert problems_of(activities=text) == [
        f"activities.yaml:3:25: activities[check].title.en: the text holds a control character, {code} — remove it"]


def test_a_tab_in_a_text_is_no_control_character():
    text = ACTIVITY.replace("en: Checks}", 'en: "Che\\tcks"}', 1)
    assert validate(sources(activities=text)).site.activities[0].title.en == "Che\tcks"


def test_a_control_character_in_a_slug_names_the_slug_shown_with_escapes():
    text = ACTIVITY.replace("slug: check", 'slug: "che\\eck"')
    assert problems_of(activities=text) == [
        "activities.yaml:2:11: activities[0].slug: the slug 'che\\x1bck' is not safe in a web address — use "
        "lowercase ASCII letters, digits and hyphens, such as 'che-ck'"]


def test_a_key_holding_a_control_character_is_refused_and_shown_with_escapes():
    text = ACTIVITY.replace("    schedule:", '    "\\e[31mplace": {zh: 京, en: Beijing}\n    schedule:')
    assert problems_of(activities=text) == [
        "activities.yaml:6:5: activities[check].\\x1b[31mplace: unknown key '\\x1b[31mplace' — did you mean 'place'?"]
    strings, _ = parse_yaml('x: {zh: 甲, en: A}\n"\\e]0;title\\a": {zh: 乙, en: B}\n', "strings.yaml")
    base = sources()
    with pytest.raises(SiteError) as caught:
        validate(Sources(base.campaign, base.activities, None, (), (strings,)))
    assert [str(p) for p in caught.value.problems] == [
        "strings.yaml:2:1: \\x1b]0;title\\x07: the key '\\x1b]0;title\\x07' holds a control character, U+001B "
        "— remove it from the key"]


@pytest.mark.parametrize(("markdown", "message"), [
    ("- a\n" + "\n".join("    " * depth + "- b" for depth in range(1, 8)),
     "activities.yaml:14:33: activities[check].body.en: lists nest more than 6 deep — nest lists less deeply (four "
     "spaces of indent are a level)"),
    ("Text.\n\n" + ">" * 11 + " deep",
     "activities.yaml:10:19: activities[check].body.en: quotes (>) nest more than 10 deep — nest quotes less deeply"),
    ("See <a href='x'\nhere>.",
     "activities.yaml:8:13: activities[check].body.en: the HTML tag does not end (>) on its line — end the tag on "
     "the line it begins; write &lt; for a < that begins no tag"),
])
def test_markdown_beyond_its_limits_is_refused_at_its_line_in_the_file(markdown, message):
    assert problems_of(activities=with_body(markdown)) == [message]


def test_markdown_problems_in_a_text_not_written_as_a_block_name_the_line_of_the_text():
    text = ACTIVITY.replace("en: Checks.}", 'en: "a\\n\\n[[[[[b]]]]]"}')
    assert problems_of(activities=text) == [
        "activities.yaml:5:25: activities[check].body.en: brackets [ nest more than 4 deep (line 3 of the text) "
        "— nest links less deeply; write \\[ for a bracket that is no link"]


def test_the_markdown_of_both_languages_is_checked():
    text = ACTIVITY.replace("body: {zh: 检查。, en: Checks.}", "body: {zh: '<b x', en: '<i y'}")
    assert [p.split(": ")[1] for p in problems_of(activities=text)] == [
        "activities[check].body.zh", "activities[check].body.en"]


def page(body: str, lang: str = "en") -> MarkdownDoc:
    doc, problems = parse_markdown(f"---\ntitle: About\n---\n{body}", f"content/about.{lang}.md")
    assert problems == [] and doc is not None
    return doc


def page_problems(body: str) -> list[str]:
    base = sources()
    with pytest.raises(SiteError) as caught:
        validate(Sources(base.campaign, base.activities, None, (page(body), page("Text.", "zh")), base.strings))
    return [str(p) for p in caught.value.problems]


def test_a_page_text_is_markdown_with_its_limits_located_in_the_page():
    assert page_problems("Intro.\n\n" + "[a\n" * 11) == [
        "content/about.en.md:16:1: 11 of the paragraph's [ and ]( close on a later line or never (or hold a `code "
        "span`); at most 10 — close each [ with ] and each ]( with ) on the line where it opens; write \\[ for a "
        "bracket that is no link"]
    assert page_problems("x" * 200_001) == [
        "content/about.en.md:4:1: the text is 200,001 characters long; at most 200,000 — shorten it, or split it "
        "into pages"]


def test_a_control_character_in_a_page_text_is_refused_where_it_is():
    assert page_problems("Intro.\n\nSome \x1b[2Jtext.") == [
        "content/about.en.md:6:6: the text holds a control character, U+001B — remove it"]


def test_a_page_title_is_plain_text_with_its_limit():
    doc, _ = parse_markdown(f"---\ntitle: {'t' * 5_001}\n---\nText.", "content/about.en.md")
    base = sources()
    with pytest.raises(SiteError) as caught:
        validate(Sources(base.campaign, base.activities, None, (doc, page("Text.", "zh")), base.strings))
    assert [str(p) for p in caught.value.problems] == [
        "content/about.en.md:2:8: title: the text is 5,001 characters long; at most 5,000 — shorten it"]


def test_a_key_that_does_not_print_is_shown_with_escapes_wherever_a_message_names_it():
    strings, _ = parse_yaml('x: {zh: 甲, en: A}\n"b\\u202eA": {zh: 乙}\n', "strings.yaml")
    base = sources()
    with pytest.raises(SiteError) as caught:
        validate(Sources(base.campaign, base.activities, None, (), (strings,)))
    assert [str(p) for p in caught.value.problems] == [
        "strings.yaml:2:1: b\\u202eA.en: the English UI string 'b\\u202eA' is missing — add 'en: …' under 'b\\u202eA'"]


def test_a_control_character_written_as_an_escape_in_front_matter_is_refused():
    doc, _ = parse_markdown('---\ntitle: "About\\e[8m"\n---\nText.', "content/about.en.md")
    base = sources()
    with pytest.raises(SiteError) as caught:
        validate(Sources(base.campaign, base.activities, None, (doc, page("Text.", "zh")), base.strings))
    assert [str(p) for p in caught.value.problems] == [
        "content/about.en.md:2:8: title: the text holds a control character, U+001B — remove it"]


@pytest.mark.parametrize(("markdown", "first"), [
    ("a\n" * 99_999 + "a", "activities.yaml:8:9: activities[check].body.en: the paragraph is 199,999 characters long; "
                           "at most 20,000 — split it with a blank line"),
    ("[](" * 30_000, "activities.yaml:8:9: activities[check].body.en: the paragraph is 90,000 characters long; at most "
                     "20,000 — split it with a blank line"),
    ("\n".join(">" * depth + " a" for depth in range(1, 600)),
     "activities.yaml:8:9: activities[check].body.en: the paragraph is 181,496 characters long; at most 20,000 — "
     "split it with a blank line"),
    ("\n\n".join("    " * depth + "- a" for depth in range(250)),
     "activities.yaml:20:33: activities[check].body.en: lists nest more than 6 deep — nest lists less deeply (four "
     "spaces of indent are a level)"),
])
def test_the_markdown_of_the_attack_is_refused_by_validation_before_it_is_converted(markdown, first):
    found = problems_of(activities=with_body(markdown))
    assert found[0] == first
