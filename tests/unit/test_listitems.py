"""A list file read again item by item (load.listitems): the same data as reading it whole, or the whole reading."""
from __future__ import annotations

from campaignsite.load.listitems import known_items, quick_list, split_items
from campaignsite.load.yamldoc import quick_yaml

TEXT = """# the campaign's activities
activities:
  - slug: one
    title: {zh: 一, en: One}
    body:
      en: |
        - not an item: deeper than the list

        # not a comment either
  # a comment between items
  - slug: two
    organisers:
      - a
    title: {zh: 二, en: Two}
"""


def test_a_list_file_splits_into_its_items_with_a_digest_each():
    items = split_items(TEXT)
    assert items is not None and items.key == "activities"
    assert [text.splitlines()[0] for text in items.texts] == ["  - slug: one", "  - slug: two"]
    assert len(set(items.digests)) == 2


def test_other_shapes_are_not_split():
    for text in ("activities: []\n", "name: x\nactivities:\n  - slug: a\n", "activities:\n  - a\nother: b\n",
                 "", "# nothing\n", "activities:\n"):
        assert split_items(text) is None, text


def test_items_at_the_margin_are_items_too():
    items = split_items("activities:\n- slug: a\n  tags:\n  - x\n- slug: b\n")
    assert items is not None and len(items.texts) == 2


def test_reading_again_parses_only_the_changed_item_and_gives_what_a_whole_reading_gives(monkeypatch):
    first = quick_list(TEXT, "activities.yaml", None)
    assert first is not None and first.data == quick_yaml(TEXT, "activities.yaml").data
    assert first.item_stamps is not None and len(first.item_stamps) == 2
    edited = TEXT.replace("{zh: 二, en: Two}", "{zh: 二, en: Second}")
    parsed = []
    from campaignsite.load import listitems

    original = listitems.quick_yaml
    monkeypatch.setattr(listitems, "quick_yaml", lambda text, display: parsed.append(text) or original(text, display))
    again = quick_list(edited, "activities.yaml", known_items(first.data, first.item_stamps))
    assert again is not None and again.data == original(edited, "activities.yaml").data
    assert parsed == [split_items(edited).texts[1]]
    assert again.item_stamps[0] == first.item_stamps[0] != None  # noqa: E711


def test_an_item_that_does_not_read_alone_sends_the_whole_file_to_the_ordinary_reading():
    first = quick_list(TEXT, "activities.yaml", None)
    anchored = TEXT.replace("slug: one", "slug: &name one").replace("slug: two", "slug: *name")
    whole = quick_list(anchored, "activities.yaml", known_items(first.data, first.item_stamps))
    assert whole is not None and whole.data == quick_yaml(anchored, "activities.yaml").data
    assert whole.data["activities"][1]["slug"] == "one"  # the alias, as the whole file's reading gives it
    broken = TEXT.replace("title: {zh: 二, en: Two}", 'title: "open')
    assert quick_list(broken, "activities.yaml", known_items(first.data, first.item_stamps)) is None
