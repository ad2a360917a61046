"""The theme speaks for the campaign in hand: no words of the default campaign in templates, UI
strings or styles (they come from the data), so another campaign never shows the 2008 notice's."""
from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]

# words and names of the default campaign (the 2008 National Quality Month notice) and its bodies
CAMPAIGN_WORDS = ("质量月", "质量", "全国", "2008", "质检", "国家质量监督检验检疫总局", "名牌",
                  "Quality Month", "quality", "nationwide", "Nationwide", "AQSIQ", "top-brand", "State Council")


def theme_files() -> list[Path]:
    return sorted(p for folder in ("templates", "assets") for p in (REPO / folder).rglob("*")
                  if p.is_file() and p.suffix in (".html", ".yaml", ".css", ".svg"))


def test_no_word_of_the_default_campaign_is_in_the_theme():
    found = [f"{path.relative_to(REPO)}: {word}" for path in theme_files()
             for word in CAMPAIGN_WORDS if word in path.read_text(encoding="utf-8")]
    assert found == []


def test_the_ui_strings_hold_no_campaign_words_in_either_language():
    strings = yaml.safe_load((REPO / "templates" / "strings.yaml").read_text(encoding="utf-8"))
    assert len(strings) > 50
    for key, text in strings.items():
        for lang in ("zh", "en"):
            assert not any(word in text[lang] for word in CAMPAIGN_WORDS), f"{key}.{lang}"
