"""Incremental builds: only what an edit touches is rendered again, and the result equals a full build."""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from tests.helpers import REPO, run_build

DATA = ("campaign.yaml", "activities.yaml", "slogans.yaml", "glossary.yaml")


def default_copy(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    for name in DATA:
        shutil.copy(REPO / name, site / name)
    shutil.copytree(REPO / "content", site / "content")
    return site


def build(site: Path, output: Path | None = None) -> tuple[int, int]:
    """Build; gives (pages, pages unchanged) from the summary line."""
    args = ["build", "--site", str(site)] + (["--output", str(output)] if output else [])
    result = run_build(*args)
    assert result.returncode == 0, result.stderr
    nothing = re.match(r"Nothing changed since the last build: (\d+) pages \(\d+ zh, \d+ en\) already in ", result.stdout)
    if nothing:
        return int(nothing.group(1)), int(nothing.group(1))
    match = re.match(r"Built (\d+) pages \(\d+ zh, \d+ en(?:; (\d+) unchanged)?\)", result.stdout)
    return int(match.group(1)), int(match.group(2) or 0)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rebuild_with_no_change_renders_nothing_and_touches_no_file(tmp_path):
    site = default_copy(tmp_path)
    assert build(site) == (94, 0)
    before = mtimes(site / "output")
    result = run_build("build", "--site", str(site))
    assert result.returncode == 0 and result.stdout.startswith(
        f"Nothing changed since the last build: 94 pages (47 zh, 47 en) already in {site / 'output'} (")
    assert mtimes(site / "output") == before


def test_an_edit_that_changes_no_page_renders_nothing_but_is_noticed(tmp_path):
    site = default_copy(tmp_path)
    build(site)
    before = mtimes(site / "output")
    with (site / "activities.yaml").open("a", encoding="utf-8") as data:
        data.write("# a comment changes the file, not the site\n")
    result = run_build("build", "--site", str(site))
    assert result.stdout.startswith("Built 94 pages (47 zh, 47 en; 94 unchanged) in ")
    assert mtimes(site / "output") == before


def test_a_page_deleted_from_the_output_is_written_again(tmp_path):
    site = default_copy(tmp_path)
    build(site)
    expected = files(site / "output")
    (site / "output" / "en" / "schedule" / "index.html").unlink()
    assert build(site) == (94, 93)
    assert files(site / "output") == expected


def test_a_new_build_date_is_a_change(tmp_path):
    site = default_copy(tmp_path)
    assert run_build("build", "--site", str(site), "--today", "2008-09-01").returncode == 0
    result = run_build("build", "--site", str(site), "--today", "2008-09-30")
    assert result.stdout.startswith("Built 94 pages")


def test_editing_one_activity_renders_its_pages_its_neighbours_and_the_lists(tmp_path):
    site = default_copy(tmp_path)
    build(site)
    before = mtimes(site / "output")
    edit(site / "activities.yaml", "A standard “National Quality Month Flag”", "A single “National Quality Month Flag”")
    pages, unchanged = build(site)
    # publicity-materials (the last) and its neighbour, home, schedule and notice, and the news post that reports on
    # it (it names the activity), in both languages
    assert pages - unchanged == 12
    after = mtimes(site / "output")
    changed = sorted(path for path in after if after[path] != before.get(path) and not path.startswith("pagefind/"))
    # the English summary is shown in the page's description, in the English feed and in the open data (a listing
    # shows none): only those files change (and the search index, made again: a page changed)
    assert any(path.startswith("pagefind/") and path not in before for path in after)
    assert changed == ["data/activities.csv", "data/activities.json", "en/activities/publicity-materials/index.html",
                       "en/feed.xml"]


def test_editing_the_css_writes_the_new_stylesheet_and_updates_the_pages_that_link_it(tmp_path):
    site = default_copy(tmp_path)
    (site / "assets").mkdir()
    shutil.copy(REPO / "assets" / "site.css", site / "assets" / "site.css")
    build(site)
    before = mtimes(site / "output")
    with (site / "assets" / "site.css").open("a", encoding="utf-8") as css:
        css.write("\n.extra { color: #000; }\n")
    pages, unchanged = build(site)
    assert unchanged == 0  # every page links the stylesheet by its content hash
    after = mtimes(site / "output")
    changed_assets = sorted(p for p in after if p.startswith("assets/") and after[p] != before.get(p))
    hashed = [p for p in changed_assets if p != "assets/site.css"]
    assert len(changed_assets) == 2 and "assets/site.css" in changed_assets
    assert re.fullmatch(r"assets/site\.[0-9a-f]{10}\.css", hashed[0])
    assert f'href="/{hashed[0]}"' in (site / "output" / "index.html").read_text(encoding="utf-8")
    assert after["assets/emblem.svg"] == before["assets/emblem.svg"]


def test_editing_a_template_renders_the_pages_made_from_it(tmp_path):
    site = default_copy(tmp_path)
    build(site)
    (site / "templates").mkdir()
    text = (REPO / "templates" / "activity.html").read_text(encoding="utf-8")
    (site / "templates" / "activity.html").write_text(text.replace('<article class="activity">',
                                                                   '<article class="activity edited">'))
    pages, unchanged = build(site)
    assert pages - unchanged == 18


def test_random_sequences_of_edits_give_what_a_full_build_gives(tmp_path):
    site = default_copy(tmp_path)
    build(site)
    rng = random.Random(20080926)
    edits = [
        ("activities.yaml", "Quality education for all employees", "Quality education for every employee"),
        ("activities.yaml", "start: 2008-09-21\n      end: 2008-10-10", "start: 2008-09-22\n      end: 2008-10-10"),
        ("slogans.yaml", "Care about food safety", "Mind food safety"),
        ("campaign.yaml", "2008 National Quality Month}", "2008 National Quality Month (Sept.)}"),
        ("content/about.en.md", "About", "About the site"),
        ("activities.yaml", "  - slug: competitiveness-index", "  - slug: competitiveness-report"),
    ]
    for step in range(6):
        file, old, new = rng.choice(edits)
        text = (site / file).read_text(encoding="utf-8")
        if old not in text:  # made before: this step takes it back
            old, new = new, old
        assert old in text, old  # every step is a real edit
        (site / file).write_text(text.replace(old, new, 1), encoding="utf-8")
        build(site)
        full = tmp_path / f"full-{step}"
        build(site, full)
        assert files(site / "output") == files(full), f"step {step}: {file}"


def _fingerprints(planned):
    from campaignsite.render.fingerprints import fingerprints

    return fingerprints(planned.site, planned.pages, planned.env, planned.publication)


def test_fingerprints_are_the_same_whether_the_data_was_read_now_or_taken_from_the_cache(tmp_path):
    from campaignsite.load import ReadingCache
    from campaignsite.pipeline import BuildOptions, Session, plan_site

    site = default_copy(tmp_path)
    options = BuildOptions(site, site / "output")
    readings = ReadingCache()
    prints = []
    for _ in range(2):  # the first run reads the files and fills the cache; the second takes them from it
        planned, _, _ = plan_site(options, Session(readings=readings))
        prints.append(_fingerprints(planned))
        assert readings.entries and (readings.dirty is (len(prints) == 1))
        readings = ReadingCache(readings.entries)
    assert len(prints[0]) == 94
    assert prints[0] == prints[1]


def test_a_new_version_of_the_tool_renders_every_page_again(tmp_path, monkeypatch):
    from campaignsite.pipeline import BuildOptions, Session, plan_site
    from campaignsite.render import fingerprints

    site = default_copy(tmp_path)
    planned, _, _ = plan_site(BuildOptions(site, site / "output"), Session())
    before = _fingerprints(planned)
    monkeypatch.setattr(fingerprints, "tool_digest", lambda: "another version")
    after = _fingerprints(planned)
    assert before.keys() == after.keys() and all(before[page] != after[page] for page in before)


def test_a_page_changed_behind_the_tools_back_within_a_clock_tick_is_written_again(tmp_path):
    """Same size, same time (a coarse clock): the manifest is not trusted over the file's content."""
    import os

    site = default_copy(tmp_path)
    assert run_build("build", "--site", str(site), "--no-search").returncode == 0
    page = site / "output" / "en" / "index.html"
    text, info = page.read_bytes(), page.stat()
    # the page and the manifest in one tick, however long the build took (a loaded machine takes more than one)
    os.utime(site / ".output.cache" / "manifest.json", ns=(info.st_mtime_ns, info.st_mtime_ns))
    page.write_bytes(text.replace(b"<html", b"<HTML", 1))
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))
    result = run_build("build", "--site", str(site), "--no-search")
    pages, unchanged = [int(n) for n in re.match(r"Built (\d+) pages \(\d+ zh, \d+ en; (\d+) unchanged", result.stdout).groups()]
    assert page.read_bytes() == text and unchanged == pages - 1


def test_the_templates_facts_and_compiled_code_are_kept_for_the_next_build(tmp_path):
    from campaignsite.options import Session

    site = default_copy(tmp_path)
    build(site)
    cache = site / ".output.cache"
    assert (cache / "templates.pickle").is_file() and sorted((cache / "jinja").iterdir())
    session = Session.from_cache_folder(site / "output")
    assert session.environment([site / "templates"]).bytecode_cache is not None
    assert session.parsed and session.parsed_read == len(session.parsed)


def test_a_cache_of_compiled_templates_that_cannot_be_written_only_costs_time(tmp_path):
    site = default_copy(tmp_path)
    (site / ".output.cache").mkdir()
    (site / ".output.cache" / "jinja").write_text("a file where the folder would be", encoding="utf-8")
    result = run_build("build", "--site", str(site))
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.startswith("Built 94 pages (47 zh, 47 en) in ")
