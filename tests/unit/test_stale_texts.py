"""Texts whose Chinese changed since their English was recorded (translations.lock), as validation gives them:
marked stale (`mark`), shown in Chinese meanwhile (`fallback`), or one problem each (`error`); none without a record;
and the notes the render stage puts beside them."""
from __future__ import annotations

import dataclasses

import pytest

from campaignsite.errors import SiteError
from campaignsite.load import THEME_DIR, load_sources
from campaignsite.load.lockfile import entry
from campaignsite.model import Text
from campaignsite.render.context import _localized, _shows_stale, _stale_note
from campaignsite.validate import validate
from campaignsite.validate.translated import StaleTexts, translated_fields
from tests.helpers import FIXTURES

FAIR = "activities.yaml:activities[book-fair].title"
VISIT = "content/visit.md"


def festival(mode: str | None = None, exact: bool = False, **stale: str):
    """The reading festival's sources, every field recorded as current but those in `stale` (id -> the Chinese the
    English was made from), and `site.stale_translations: MODE`."""
    sources = load_sources(FIXTURES / "reading-festival", THEME_DIR, exact=exact)
    record = {field.id: entry(stale.get(field.id, field.zh)) for field in translated_fields(sources)}
    if mode is not None:
        site = {**sources.campaign.data["site"], "stale_translations": mode}
        campaign = dataclasses.replace(sources.campaign, data={**sources.campaign.data, "site": site})
        sources = dataclasses.replace(sources, campaign=campaign)
    return dataclasses.replace(sources, record=record)


def stale_texts(site) -> list[Text]:
    found = []
    for activity in site.activities:
        found += [value for value in vars(activity).values() if isinstance(value, Text) and value.stale]
    for page in site.pages:
        found += [value for value in vars(page).values() if isinstance(value, Text) and value.stale]
    return found


def test_without_a_record_or_with_every_field_current_nothing_is_stale():
    bare = dataclasses.replace(festival(), record=None)
    assert stale_texts(validate(bare).site) == []
    assert stale_texts(validate(festival()).site) == []
    assert StaleTexts.of(bare, "error").problems() == []


@pytest.mark.parametrize("mode", [None, "mark"])
def test_mark_keeps_the_english_and_marks_only_the_changed_texts(mode):
    site = validate(festival(mode, **{FAIR: "旧书市", VISIT: "旧正文\n"})).site
    fair = next(a for a in site.activities if a.slug == "book-fair")
    assert fair.title == Text("春季书市", "Spring Book Fair", stale=True)
    assert not fair.summary.stale and not fair.body.stale
    visit = next(p for p in site.pages if p.slug == "visit")
    assert visit.body.stale and not visit.body.pending and visit.body.en.startswith("Every venue")
    assert not visit.title.stale and not visit.description.stale
    assert site.campaign.stale_translations == "mark"


def test_fallback_shows_the_chinese_as_a_pending_translation_that_is_stale():
    site = validate(festival("fallback", **{FAIR: "旧书市", "campaign.yaml:theme.text": "旧主题"})).site
    fair = next(a for a in site.activities if a.slug == "book-fair")
    assert fair.title == Text("春季书市", "春季书市", frozenset({"en"}), stale=True)
    assert site.campaign.theme.stale and site.campaign.theme.is_pending("en")
    assert site.campaign.stale_translations == "fallback"


def test_error_stops_with_a_located_line_for_every_stale_field():
    with pytest.raises(SiteError) as raised:
        validate(festival("error", exact=True, **{FAIR: "旧书市", VISIT: "旧正文\n"}))
    assert [str(problem) for problem in raised.value.problems] == [
        'activities.yaml:3:17: activities[book-fair].title: stale — the Chinese changed: "旧书市" → "春季书市"; '
        "update the English in activities.yaml, or, if it still says the same, run "
        "`translations accept activities.yaml:activities[book-fair].title`",
        'content/visit.zh.md:5:1: body: stale — the Chinese changed: "旧正文\\n" → "各场馆均可乘坐公共交通到达。\\n"; '
        "update the English in content/visit.en.md, or, if it still says the same, run "
        "`translations accept content/visit.md`",
    ]


def test_a_wrong_mode_is_reported_with_the_three_there_are():
    with pytest.raises(SiteError) as raised:
        validate(festival("marked", exact=True))
    assert [problem.message + " — " + problem.hint for problem in raised.value.problems] == [
        "'marked' is not a way to show stale translations — did you mean 'mark'? use one of: mark, fallback, error "
        "(or leave the line out to mark them)"]


def ui(key: str) -> str:
    return {"translation_stale_short": "(may be out of date)", "translation_stale": "Updated.",
            "translation_stale_link": "Chinese page", "translation_pending": "(pending)",
            "translation_updating": "(being updated)"}[key]


def test_the_english_of_a_stale_text_carries_a_note_and_the_chinese_shows_no_note():
    stale = Text("书市", "Fair & more", stale=True)
    assert _localized(stale, "en", ui) == 'Fair &amp; more <span class="stale-note">(may be out of date)</span>'
    assert _localized(stale, "zh", ui) == "书市"
    fallback = Text("书市", "书市", frozenset({"en"}), stale=True)
    assert _localized(fallback, "en", ui) == ('<span lang="zh-Hans" class="pending">书市</span> '
                                              '<span class="pending-note">(being updated)</span>')
    assert _stale_note(ui, "/activities/x/", "p") == ('<p class="stale-note">Updated. <a href="/activities/x/" '
                                                      'hreflang="zh-Hans">Chinese page</a></p>')


def test_a_page_notes_a_stale_text_of_its_own_or_of_what_it_is_about_not_a_fallback():
    site = validate(festival(**{FAIR: "旧书市"})).site
    fair = next(a for a in site.activities if a.slug == "book-fair")
    assert _shows_stale([fair]) and _shows_stale([fair.title])
    assert not _shows_stale([site.activities[1], site.activities, None]) and not _shows_stale(["text", 3])
    assert not _shows_stale([Text("书市", "书市", frozenset({"en"}), stale=True)])
