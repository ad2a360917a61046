"""Each gate, run on pages broken on purpose (tests/fixtures/broken-pages), reports the breakage."""
from __future__ import annotations

import shutil

import pytest

from campaignsite.links import check_links
from tests.browser import gates
from tests.helpers import FIXTURES

BROKEN = FIXTURES / "broken-pages"


@pytest.fixture(scope="module")
def broken(static_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    shutil.copytree(BROKEN, folder, dirs_exist_ok=True)
    padding = "<!-- " + "x" * 110_000 + " -->"
    heavy = (folder / "index.html").read_text(encoding="utf-8").replace("<!-- padding: -->", padding)
    (folder / "heavy.html").write_text(heavy, encoding="utf-8")
    return folder, static_server(folder)


def open_page(browser, url, width=1280, **options):
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    gates.keep_on_this_machine(context)
    page = context.new_page()
    watch = gates.PageWatch(page)
    page.goto(url, wait_until="load")
    return context, page, watch


def test_the_load_gate_sees_console_errors_and_requests_for_other_hosts(browser, broken):
    context, page, watch = open_page(browser, broken[1])
    failures = watch.load_failures()
    context.close()
    assert "console: broken on purpose" in failures
    assert "other host: http://example.invalid/tracker.png" in failures


def test_the_axe_gate_sees_low_contrast_a_missing_alt_and_a_scroll_box_out_of_the_keyboards_reach(browser, broken):
    context, page, _ = open_page(browser, broken[1])
    violations = " ".join(gates.axe_violations(page))
    context.close()
    assert "color-contrast" in violations and "image-alt" in violations
    assert "scrollable-region-focusable" in violations


def test_the_keyboard_gate_sees_no_skip_link_and_an_invisible_focus(browser, broken):
    context, page, _ = open_page(browser, broken[1])
    failures = " ".join(gates.keyboard_failures(page))
    context.close()
    assert "not the skip link" in failures and "no visible focus" in failures


def test_the_target_gate_sees_a_tiny_link(browser, broken):
    context, page, _ = open_page(browser, broken[1])
    failures = gates.small_targets(page)
    context.close()
    assert any("is 10×10" in f for f in failures)


def test_the_phone_gate_sees_sideways_scrolling_and_small_text(browser, broken):
    context, page, _ = open_page(browser, broken[1], width=320)
    overflow, small = gates.horizontal_overflow(page), gates.small_text(page)
    context.close()
    assert overflow and overflow[0].endswith("in a 320 px window")
    assert any("10px" in s for s in small)


def test_the_weight_gate_counts_every_byte(browser, broken):
    context, page, watch = open_page(browser, broken[1] + "heavy.html")
    total = watch.transferred()
    context.close()
    assert total > 100 * 1024


def test_the_no_javascript_gate_sees_content_made_by_scripts(browser, broken):
    context, page, _ = open_page(browser, broken[1] + "script-only.html", java_script_enabled=False)
    assert page.locator("h1").count() == 0 and page.inner_text("main").strip() == ""
    context.close()


def test_the_nu_gate_sees_invalid_html(broken):
    errors = " ".join(gates.nu_errors(broken[0]))
    assert "Duplicate ID" in errors and "No “p” element in scope" in errors


def test_the_link_gate_sees_a_link_to_nothing(broken):
    html = (broken[0] / "index.html").read_text(encoding="utf-8")
    problems, _ = check_links({"index.html": html}, {"pixel.svg"}, "/")
    assert [p.message for p in problems] == ["the link /missing/ leads to missing/index.html, which is not built"]


def test_the_print_gate_sees_navigation_in_print(browser, broken, tmp_path):
    from pypdf import PdfReader
    context, page, _ = open_page(browser, broken[1])
    page.pdf(path=str(tmp_path / "p.pdf"))
    context.close()
    assert "Main navigation" in PdfReader(str(tmp_path / "p.pdf")).pages[0].extract_text()


def test_the_lighthouse_gate_scores_the_broken_page_below_095(broken, tmp_path):
    scores = gates.lighthouse_scores(broken[1], tmp_path / "report.json")
    assert scores["accessibility"] < 0.95
