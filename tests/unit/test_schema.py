"""schema: the author's reference is generated from the declarations the validator uses; kinds read their values."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from campaignsite.errors import ProblemLog
from campaignsite.load import parse_yaml
from campaignsite.validate import Reader, kinds, reference, schema
from campaignsite.validate.kinds import BlockOf, ListOf

REPO = Path(__file__).resolve().parents[2]


def test_the_committed_reference_is_the_generated_one():
    committed = (REPO / "docs" / "data-files.md").read_text(encoding="utf-8")
    assert committed == reference.reference_markdown(), "run: python -m campaignsite.validate.reference > docs/data-files.md"


def test_every_key_of_the_default_campaign_is_declared():
    """The default data uses only declared keys, and every top-level key it may use is documented."""
    def walk(value, block):
        if not isinstance(value, dict):
            return
        declared = {f.name: f for f in schema.BLOCKS[block]}
        for key, item in value.items():
            assert key in declared, f"{block}.{key}"
            kind = declared[key].kind
            if isinstance(kind, BlockOf):
                walk(item, kind.block)
            elif isinstance(kind, ListOf):
                for entry in item:
                    walk(entry, kind.block)
    for name in ("campaign.yaml", "activities.yaml", "slogans.yaml"):
        doc, problems = parse_yaml((REPO / name).read_text(encoding="utf-8"), name)
        assert problems == []
        walk(doc.data, name)


def test_every_block_a_kind_names_is_declared():
    named = {spec.kind.block for fields in schema.BLOCKS.values() for spec in fields
             if isinstance(spec.kind, (BlockOf, ListOf))}
    assert named <= set(schema.BLOCKS)


def test_each_kind_has_its_words_in_the_reference():
    every_kind = (kinds.Bilingual(), kinds.BilingualMarkdown(), kinds.Plain(), kinds.Slug(), kinds.Day(), kinds.Year(),
                  kinds.Url(), kinds.Flag(default=True), kinds.Count(default=1, minimum=1), kinds.PlainList("terms"),
                  kinds.ListOf("body"), kinds.BlockOf("period"), kinds.Refs("bodies", "body"))
    assert [kind.describe() for kind in every_kind] == [
        "text in both languages (`zh:` and `en:`), at most 5,000 characters each",
        "Markdown in both languages (`zh: |` and `en: |`), at most 200,000 characters each, within the "
        "[limits of Markdown](#limits-of-markdown), linking by [paths of the site](#links-between-pages)",
        "text, at most 5,000 characters",
        "slug", "date (YYYY-MM-DD)", "year", "web address", "true or false", "whole number",
        "list of text, each at most 5,000 characters",
        "list of [body](#body) blocks", "[period](#period) block", "list of slugs of bodies"]


def test_a_block_reports_missing_only_the_kinds_no_reader_of_their_own_reports():
    reported = {f"{block}.{spec.name}" for block, fields in schema.BLOCKS.items() for spec in fields
                if spec.kind.reported_by_block}
    assert reported == {"campaign.yaml.year", "campaign.yaml.bodies", "campaign.yaml.organisers",
                        "campaign.yaml.requirements", "home.featured_slogans", "activities.yaml.activities",
                        "activity.organisers", "slogans.yaml.slogans", "news front matter.activities"}


def reader_of(text: str) -> tuple[Reader, ProblemLog]:
    doc, problems = parse_yaml(text, "campaign.yaml")
    assert problems == []
    log = ProblemLog()
    return Reader(doc, log), log


def test_a_field_reads_its_value_by_its_kind():
    reader, log = reader_of("site: {schedule_page_size: 20}\nperiod: {start: 2008-09-01, end: '2008-09-30'}\n")
    assert schema.field("site", "schedule_page_size").read(reader, ("site",)) == 20
    assert schema.field("site", "translation_fallback").read(reader, ("site",)) is False  # its default
    assert reader.fields(("period",), "period") == {"start": date(2008, 9, 1), "end": date(2008, 9, 30)}
    assert log.problems == []


def test_lists_and_blocks_read_as_their_items_and_mapping():
    reader, log = reader_of("slogans: [{slug: a}]\nrecord: {subject_terms: {zh: [甲], en: [A]}}\n")
    assert reader.fields((), "slogans.yaml") == {"slogans": [(("slogans", 0), {"slug": "a"})]}
    assert reader.fields(("record",), "record")["subject_terms"] == {"zh": ["甲"], "en": ["A"]}
    assert reader.fields(("record", "subject_terms"), "terms") == {"zh": ("甲",), "en": ("A",)}


def test_a_kind_reports_a_wrong_value_and_gives_its_default():
    reader, log = reader_of("site: {schedule_page_size: 3}\n")
    assert schema.field("site", "schedule_page_size").read(reader, ("site",)) == 25
    assert [str(p) for p in log.problems] == [
        "campaign.yaml:1:28: site.schedule_page_size: expected a whole number of at least 10, found the number 3 "
        "— write a number such as 25 (the default when the line is left out)"]


def test_references_are_read_with_what_they_may_name():
    reader, log = reader_of("organisers: [office, offce]\n")
    assert schema.BODY_REFS.read(reader, ("organisers",), {"office": "the office"}) == ["the office"]
    assert [p.message for p in log.problems] == ["there is no body with the slug 'offce'"]
