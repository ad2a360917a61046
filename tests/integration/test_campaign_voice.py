"""The site speaks for the campaign in hand: a section the campaign lacks needs no heading, and the pages'
descriptions (meta, Open Graph, Twitter cards) say nothing of the default campaign."""
from __future__ import annotations

from tests.helpers import copy_fixture, read_page, run_build
from tests.unit.test_theme import CAMPAIGN_WORDS

DESCRIPTIONS = (("meta", "name", "description"), ("meta", "property", "og:description"),
                ("meta", "name", "twitter:description"), ("meta", "property", "og:title"))


def test_a_campaign_without_slogans_requirements_or_ideology_needs_no_heading_for_them(tmp_path):
    site = copy_fixture("bare", tmp_path)
    campaign = site / "campaign.yaml"
    kept = [line for line in campaign.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith(("  guiding_ideology:", "  requirements:", "  slogans:"))]
    campaign.write_text("".join(kept), encoding="utf-8")
    checked = run_build("check", "--site", str(site), "--strict")
    assert checked.returncode == 0, checked.stderr
    assert run_build("build", "--site", str(site)).returncode == 0
    for page in ("notice/index.html", "en/notice/index.html", "index.html", "en/index.html"):
        headings = [e.attrs.get("id") for e in read_page(site / "output", page).find("h2")]
        assert not {"notice-slogans", "notice-requirements", "notice-ideology", "ideology-heading",
                    "requirements-heading"} & set(headings), page


def test_no_description_of_another_campaigns_page_holds_words_of_the_default_campaign(tmp_path):
    for fixture in ("reading-festival", "bare"):
        site = copy_fixture(fixture, tmp_path)
        assert run_build("build", "--site", str(site)).returncode == 0
        pages = sorted((site / "output").rglob("*.html"))
        assert len(pages) >= 10
        for path in pages:
            page = read_page(site / "output", path.relative_to(site / "output").as_posix())
            found = [(name, element.attrs["content"]) for tag, attribute, name in DESCRIPTIONS
                     for element in page.find(tag, **{attribute: name})]
            assert len(found) == len(DESCRIPTIONS), path
            for name, content in found:
                assert content and not [w for w in CAMPAIGN_WORDS if w in content], (path, name, content)
