"""The search index in a build: made by Pagefind as the write stage's last step, kept while no page changes,
and a build without Pagefind refused with one message (or, with --no-search, a site that says so)."""
from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

from campaignsite.pipeline import BuildOptions, build
from campaignsite.write.search import find_pagefind
from tests.helpers import FIXTURES, REPO, copy_fixture, read_page, run_build

MISSING = ("search: Pagefind, which builds the search index, is not installed — run 'bash scripts/setup.sh' "
           "(it installs Pagefind 1.6.0 into .tools/pagefind), or build with --no-search for a site without "
           "search\n1 error; nothing was written.\n")


def without_pagefind() -> dict[str, str]:
    return {**os.environ, "CAMPAIGNSITE_PAGEFIND": "/nonexistent/pagefind_extended"}


def index_files(output: Path) -> dict[str, int]:
    return {p.relative_to(output).as_posix(): p.stat().st_ino for p in (output / "pagefind").rglob("*") if p.is_file()}


def test_a_build_without_pagefind_says_how_to_install_it_and_writes_nothing(tmp_path):
    result = run_build("build", "--output", str(tmp_path / "out"), env=without_pagefind())
    assert (result.returncode, result.stdout, result.stderr) == (1, "", MISSING)
    assert not (tmp_path / "out").exists()


def test_no_search_builds_a_site_whose_search_page_says_so_and_links_the_listings(tmp_path):
    result = run_build("build", "--output", str(tmp_path / "out"), "--no-search", env=without_pagefind())
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "out" / "pagefind").exists()
    for prefix, words in (("", "本网站此版本未建立搜索索引"), ("en/", "built without a search index")):
        page = read_page(tmp_path / "out", f"{prefix}search/index.html")
        assert words in page.text()
        assert [a.attrs["href"] for a in page.find("a") if a.attrs.get("href") == f"/{prefix}schedule/"]
        assert "data-search" not in (tmp_path / "out" / f"{prefix}search/index.html").read_text(encoding="utf-8")


def test_every_page_links_the_search_page_in_its_language(tmp_path):
    build(BuildOptions(REPO, tmp_path / "out"))
    for relative, href in (("index.html", "/search/"), ("en/notice/index.html", "/en/search/")):
        assert href in [a.attrs.get("href") for a in read_page(tmp_path / "out", relative).find("a")]


def test_the_build_indexes_both_languages_with_the_filters_of_activity_pages(tmp_path):
    output = tmp_path / "out"
    build(BuildOptions(REPO, output, search=True, today=_day("2008-09-15")))
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"en", "zh-hans"}
    assert (output / "pagefind" / "pagefind.js").is_file()
    page = (output / "activities" / "disaster-relief" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="when:today"' in page and "data-pagefind-body" in page
    assert 'data-pagefind-sort="order:b"' in page  # during the campaign: after the dated ones on now
    assert "data-pagefind-body" not in (output / "schedule" / "index.html").read_text(encoding="utf-8")


def test_the_index_is_kept_while_no_page_changes_and_made_again_when_one_does(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    output = tmp_path / "out"
    options = BuildOptions(site, output, search=True, today=_day("2008-09-15"))
    build(options)
    first = index_files(output)
    (site / "assets").mkdir(exist_ok=True)
    (site / "assets" / "extra.txt").write_text("a file that is not a page\n", encoding="utf-8")
    build(options)
    assert index_files(output) == first  # the same files (the same inodes): not made again
    activities = site / "activities.yaml"
    activities.write_text(activities.read_text(encoding="utf-8").replace("en: ", "en: Renamed ", 1), encoding="utf-8")
    build(options)
    assert index_files(output) != first
    assert not set(index_files(output)) - {p.relative_to(output).as_posix() for p in output.rglob("*")}


def test_an_index_that_fails_leaves_the_old_site(tmp_path):
    output = tmp_path / "out"
    assert run_build("build", "--output", str(output)).returncode == 0
    before = {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    failing = tmp_path / "pagefind_extended"
    failing.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    result = run_build("build", "--output", str(output), "--today", "2009-01-01",
                       env={**os.environ, "CAMPAIGNSITE_PAGEFIND": str(failing)})
    assert result.returncode == 1
    assert result.stderr.startswith("search: Pagefind stopped before the index was made — ")
    after = {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before


def test_pagefind_is_found_where_the_setup_script_installs_it():
    assert find_pagefind().name == "pagefind_extended"


def _day(text: str) -> date:
    return date.fromisoformat(text)


def test_an_activity_page_gives_the_index_its_place_in_both_languages(tmp_path):
    output = tmp_path / "out"
    build(BuildOptions(FIXTURES / "reading-festival", output, today=_day("2024-04-20")))
    terms = [re.search(r'<div class="search-terms" hidden>(.*?)<span', p.read_text(encoding="utf-8"), re.DOTALL)
             for p in (output / "en" / "activities").glob("*/index.html")]
    assert [found.group(1) for found in terms if found and re.search(r"[\u4e00-\u9fff]", found.group(1))
            and re.search("[A-Z][a-z]+", found.group(1))]

