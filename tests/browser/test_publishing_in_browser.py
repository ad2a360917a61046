"""The site in a browser under a sub-path, straight from disk and from a ZIP; posters print on one page."""
from __future__ import annotations

import shutil
import zipfile

import pytest

from campaignsite.pipeline import BuildOptions, build
from tests.browser import gates
from tests.helpers import REPO, html_files

SUB_PATH = "zt/quality-month-2008/"


# every link's whole address; an SVG link's `href` is an object, not a string (the charts' bars link listings)
ADDRESSES_JS = "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)"


def crawl(browser, start: str, limit: int = 400) -> tuple[int, dict[str, list[str]]]:
    """Follow every same-site link from `start`; gives (pages seen, {page: failures})."""
    context = browser.new_context()
    gates.keep_on_this_machine(context)
    seen, queue, failures = set(), [start], {}
    while queue and len(seen) < limit:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        page = context.new_page()
        watch = gates.PageWatch(page)
        page.goto(url)
        problems = watch.load_failures()
        if problems:
            failures[url] = problems
        for href in page.eval_on_selector_all("a[href]", ADDRESSES_JS):
            target = href.split("#")[0]
            if target.startswith(start.rsplit("/", 1)[0].split("/en/")[0]) and target.endswith((".html", "/")):
                queue.append(target)
        page.close()
    context.close()
    return len(seen), failures


def test_a_sub_path_deploy_works_in_the_browser(browser, tmp_path, static_server):
    root = tmp_path / "portal"
    output = root / SUB_PATH
    build(BuildOptions(REPO, output, f"https://www.example.gov.cn/{SUB_PATH}"))
    base = static_server(root)
    seen, failures = crawl(browser, base + SUB_PATH)
    assert failures == {}
    assert seen == len(html_files(output)) - 2  # every page but the 404 pages is reached by links


@pytest.mark.parametrize("from_zip", [False, True])
def test_relative_urls_work_from_disk_and_from_a_zip(browser, tmp_path, from_zip):
    output = tmp_path / "output"
    build(BuildOptions(REPO, output, relative_urls=True))
    if from_zip:
        archive = shutil.make_archive(str(tmp_path / "site"), "zip", output)
        output = tmp_path / "unzipped"
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(output)
    seen, failures = crawl(browser, (output / "index.html").as_uri())
    assert failures == {}
    assert seen == len(html_files(output)) - 2


def test_a_slogan_poster_prints_on_one_a4_page(browser, tmp_path, static_server):
    from pypdf import PdfReader
    output = tmp_path / "output"
    build(BuildOptions(REPO, output))
    base = static_server(output)
    page = browser.new_page()
    for path in ("slogans/food-safety/", "en/slogans/quality-rule-of-law/"):
        assert page.goto(base + path).status == 200
        pdf = tmp_path / "poster.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        reader = PdfReader(str(pdf))
        assert len(reader.pages) == 1, path
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait, in points
        text = reader.pages[0].extract_text()
        assert "Print this page" not in text and "打印" not in text.split("\n")[0]
    page.close()
