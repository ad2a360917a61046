"""translations.roundtrip, in memory: the units exported, and what an import would change (each value in place, the
record), skip (empty, still marked for review) or refuse (and then nothing at all)."""
from __future__ import annotations

import re
from pathlib import Path

from campaignsite.load import Sources, parse_markdown, parse_yaml
from campaignsite.translations.exchange import Unit
from campaignsite.translations.fields import statuses, translated_fields
from campaignsite.translations.record import entry
from campaignsite.translations.roundtrip import Refusal, export_units, plan_import
from campaignsite.translations.status import Translations

CAMPAIGN = "# the campaign\nname: {zh: 质量月, en: Quality Month}   # kept\ntitle:\n  zh: 通知\n  en: 'Notice'\n"
ACTIVITIES = ("activities:\n  - slug: fair\n    title: {zh: 书市}\n    body:\n      zh: |\n        见[通知](n.html)。\n"
              "      en: |\n        See [the notice](n.html).\n")
ZH_PAGE = "---\ntitle: 参观\n# a comment\ndescription: 如何前往。\n---\n正文。\n"


def campaign(files: dict[str, str], record=None, terms=()) -> Translations:
    pages = tuple(parse_markdown(text, name)[0] for name, text in files.items() if name.endswith(".md"))
    data = Sources(parse_yaml(files["campaign.yaml"], "campaign.yaml")[0],
                   parse_yaml(files["activities.yaml"], "activities.yaml")[0], None, pages, ())
    fields = translated_fields(data)
    return Translations(Path("."), fields, record, statuses(fields, record), terms, "https://x.org/")


def files(**extra):
    return {"campaign.yaml": CAMPAIGN, "activities.yaml": ACTIVITIES, "content/visit.zh.md": ZH_PAGE, **extra}


def test_the_units_exported_with_the_previous_chinese_of_a_stale_one_the_glossary_and_the_page():
    made = campaign(files(), {"campaign.yaml:name": entry("质量"), "campaign.yaml:title": entry("通知")},
                    terms=(("质量月", "Quality Month"), ("通知", "notice")))
    units = export_units(made, ["stale", "missing"])
    assert units[0] == Unit("campaign.yaml:name", "质量月", "Quality Month", "质量", (("质量月", "Quality Month"),),
                            "https://x.org/en/")
    assert [(unit.id, unit.target, unit.previous) for unit in units[1:]] == [
        ("activities.yaml:activities[fair].title", "", None),
        ("content/visit.md:title", "", None), ("content/visit.md:description", "", None), ("content/visit.md", "", None)]
    assert [unit.id for unit in export_units(made, ["current"])] == ["campaign.yaml:title"]


def test_an_import_sets_each_changed_value_in_place_and_records_what_it_imported_and_what_was_untracked():
    made = campaign(files(), {"campaign.yaml:title": entry("旧通知"), "gone.yaml:x": entry("无")})
    units = [Unit("campaign.yaml:title", "通知", "Notice", review=False),  # stale, reviewed: the English holds
             Unit("activities.yaml:activities[fair].title", "书市", "Book fair"),
             Unit("campaign.yaml:name", "质量月", "", review=False)]
    plan = plan_import(made, units, files().get)
    assert plan.refused == [] and plan.empty == ["campaign.yaml:name"]
    assert plan.texts == {"activities.yaml": ACTIVITIES.replace("{zh: 书市}", "{zh: 书市, en: Book fair}")}
    assert plan.written == ["activities.yaml:activities[fair].title"]
    assert plan.imported == ["campaign.yaml:title", "activities.yaml:activities[fair].title"]
    assert plan.untracked == ["campaign.yaml:name", "activities.yaml:activities[fair].body"]
    assert plan.record == {key: entry(zh) for key, zh in (
        ("campaign.yaml:title", "通知"), ("activities.yaml:activities[fair].title", "书市"),
        ("campaign.yaml:name", "质量月"), ("activities.yaml:activities[fair].body", "见[通知](n.html)。\n"))}


def test_a_unit_still_marked_for_review_is_skipped_and_stays_stale():
    made = campaign(files(), {"campaign.yaml:title": entry("旧通知")})
    plan = plan_import(made, [Unit("campaign.yaml:title", "通知", "New notice", "旧通知", review=True)], files().get)
    assert plan.review == ["campaign.yaml:title"] and plan.texts == {}
    assert plan.record["campaign.yaml:title"] == entry("旧通知")


def test_every_refusal_is_given_with_its_unit_and_nothing_is_planned():
    made = campaign(files())
    units = [Unit("campaign.yaml:nope", "质量月", "x"), Unit("campaign.yaml:name", "质量", "Quality Month"),
             Unit("campaign.yaml:title", "通知", "Notice\x1b[31m"),
             Unit("activities.yaml:activities[fair].body", "见[通知](n.html)。\n", "See [the notice](other.html).\n"),
             Unit("activities.yaml:activities[fair].title", "书市", "Fair"), Unit("campaign.yaml:title", "通知", "x"),
             Unit("", "无", "x")]
    plan = plan_import(made, units, files().get)
    assert plan.refused == [
        Refusal("campaign.yaml:nope", "the campaign has no such field (it was renamed or removed after the export)"),
        Refusal("campaign.yaml:name", 'the Chinese changed after the export: "质量" → "质量月"; export it again and '
                                      "translate the new Chinese"),
        Refusal("campaign.yaml:title", "the English holds a control character, U+001B"),
        Refusal("activities.yaml:activities[fair].body",
                "the English's links differ from the Chinese's: missing n.html; added other.html"),
        Refusal("campaign.yaml:title", "the file holds this unit twice"),
        Refusal("", "the unit has no id"),
    ]
    assert plan.texts == {} and plan.record == {} and plan.imported == []


def test_a_missing_english_page_is_made_from_the_chinese_one_only_with_all_its_texts():
    made = campaign(files())
    units = [Unit("content/visit.md:title", "参观", "Visiting"), Unit("content/visit.md", "正文。\n", "Text.\n")]
    plan = plan_import(made, units, files().get)
    assert plan.refused == [Refusal(unit.id, "it cannot be written into content/visit.en.md: the English page does "
                                             "not exist yet: it is made from the page's title, description and text "
                                             "together; translate all of them in the same file") for unit in units]
    units.insert(1, Unit("content/visit.md:description", "如何前往。", "How to get there."))
    plan = plan_import(made, units, files().get)
    assert plan.texts == {"content/visit.en.md": "---\ntitle: Visiting\n# a comment\ndescription: How to get there."
                                                 "\n---\nText.\n"}


def test_the_same_english_sent_back_changes_no_file():
    made = campaign(files(**{"content/visit.en.md": "---\ntitle: Visiting\ndescription: Go.\n---\nText.\n"}))
    units = export_units(made, ["current", "stale", "missing", "untracked"])
    plan = plan_import(made, [unit for unit in units if unit.target], files().get)
    assert plan.refused == [] and plan.texts == {} and plan.written == []
    assert sorted(plan.record) == sorted(unit.id for unit in units if unit.target)


def test_an_export_gives_each_page_s_address_as_the_site_has_it_whatever_the_base_url_ends_with(tmp_path):
    from campaignsite.translations.status import load_translations
    from tests.helpers import copy_fixture

    site = copy_fixture("reading-festival", tmp_path)
    for written in ("https://host/zt", "https://host/zt/"):
        text = (site / "campaign.yaml").read_text(encoding="utf-8")
        (site / "campaign.yaml").write_text(re.sub(r"base_url: .*", f"base_url: {written}", text), encoding="utf-8")
        units = {unit.id: unit.context for unit in export_units(load_translations(site), ["untracked"])}
        assert units["campaign.yaml:name"] == "https://host/zt/en/"
        assert units["activities.yaml:activities[book-fair].title"] == "https://host/zt/en/activities/book-fair/"
