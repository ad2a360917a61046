"""An open page follows the author's edits by itself (no reload issued by the test)."""
from __future__ import annotations

from tests.helpers import copy_fixture
from tests.serving import serving


def test_an_open_page_shows_an_edited_slogan_without_being_reloaded_by_the_test(browser, tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    with serving(site) as (_, base):
        page = browser.new_page()
        page.goto(base + "en/slogans/")
        page.wait_for_function("() => window.LiveReload !== undefined")
        assert "Good books for everyone" in page.inner_text("main")
        slogans = site / "slogans.yaml"
        slogans.write_text(slogans.read_text(encoding="utf-8").replace("Good books for everyone", "Books for every reader"),
                           encoding="utf-8")
        page.wait_for_function("() => document.body.innerText.includes('Books for every reader')", timeout=10_000)
        page.close()
