"""schema: the author's reference is generated from the declarations the validator uses."""
from __future__ import annotations

from pathlib import Path

from campaignsite import schema
from campaignsite.load import parse_yaml

REPO = Path(__file__).resolve().parents[2]


def test_the_committed_reference_is_the_generated_one():
    committed = (REPO / "docs" / "data-files.md").read_text(encoding="utf-8")
    assert committed == schema.reference_markdown(), "run: python -m campaignsite.schema > docs/data-files.md"


def test_every_key_of_the_default_campaign_is_declared():
    """The default data uses only declared keys, and every top-level key it may use is documented."""
    def walk(value, block):
        if not isinstance(value, dict):
            return
        declared = {f.name: f for f in schema.BLOCKS[block]}
        for key, item in value.items():
            assert key in declared, f"{block}.{key}"
            kind = declared[key].kind
            if kind.startswith("block:"):
                walk(item, kind.split(":", 1)[1])
            elif kind.startswith("list:") and kind != "list:plain":
                for entry in item:
                    walk(entry, kind.split(":", 1)[1])
    for name in ("campaign.yaml", "activities.yaml", "slogans.yaml"):
        doc, problems = parse_yaml((REPO / name).read_text(encoding="utf-8"), name)
        assert problems == []
        walk(doc.data, name)
