"""load: every file the tool reads is a regular file inside the campaign or the theme folder.

The classes of input that broke the rule: named pipes, devices, sockets and folders where a file
should be (a build waited for ever); links leading outside, into hidden files, round in a loop or to
nothing (a file published or shown, memory filled, a crash); folders and files that exist but cannot
be read (passed over in silence). Each is tried on every kind of source file.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
from pathlib import Path

import jinja2
import pytest

from campaignsite.errors import SiteError
from campaignsite.load import (
    check_file,
    collect_assets,
    fingerprint_assets,
    list_files,
    load_sources,
    read_text,
    within,
)
from campaignsite.load import files as files_module
from campaignsite.render import make_environment
from tests.helpers import FIXTURES, REPO

ROOT = os.geteuid() == 0

# every kind of file the load stage reads, where it lies in a campaign
SOURCES = ["campaign.yaml", "activities.yaml", "slogans.yaml", "templates/strings.yaml", "content/x.en.md",
           "templates/404.html", "assets/site.css"]


@pytest.fixture
def site(tmp_path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(FIXTURES / "reading-festival", target)
    return target


@pytest.fixture(autouse=True)
def never_waits():
    """A test that would wait for ever on a named pipe fails after ten seconds instead."""
    def stop(signum, frame):
        raise TimeoutError("the test waited on a file")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def replace(path: Path, kind: str, target: str = "") -> None:
    """Put a `kind` of file at `path`, in place of whatever is there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "socket":
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(path))
    elif kind == "device":
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    elif kind == "link":
        path.symlink_to(target)


def problems_of_build_stages(site: Path) -> list[str]:
    """The problems of the load stage (the documents, the templates, then the assets), as printed."""
    try:
        load_sources(site, REPO)
        fingerprint_assets(collect_assets(site, REPO))
    except SiteError as exc:
        return [str(p) for p in exc.problems]
    return []


KINDS = {"fifo": "a named pipe", "folder": "a folder", "socket": "a socket", "device": "a character device"}
LISTED = ("content/", "templates/4", "assets/")  # in a listed folder, a folder is a folder of it, listed in turn


@pytest.mark.parametrize(("source", "kind"), [(source, kind) for source in SOURCES for kind in KINDS
                                              if not (kind == "folder" and source.startswith(LISTED))])
def test_a_source_that_is_not_a_regular_file_is_refused_with_its_path(site, source, kind):
    if kind == "device" and not ROOT:
        pytest.skip("making a device needs root")
    replace(site / source, kind)
    assert problems_of_build_stages(site) == [
        f"{source}: is not a regular file ({KINDS[kind]}) — replace it with the file itself"]


@pytest.mark.parametrize("source", SOURCES + ["activities/1.yaml"])
def test_a_source_is_refused_before_it_is_opened(site, source, monkeypatch):
    if source.startswith("activities/"):
        (site / "activities.yaml").unlink()
    replace(site / source, "fifo")
    opened = []
    real_open = os.open
    monkeypatch.setattr(files_module.os, "open", lambda path, *args: opened.append(str(path)) or real_open(path, *args))
    assert problems_of_build_stages(site)[0].startswith(f"{source}: is not a regular file (a named pipe)")
    assert str(site / source) not in opened


def test_a_link_to_a_named_pipe_inside_is_named_as_such(site):
    os.mkfifo(site / "pipe")
    replace(site / "campaign.yaml", "link", "pipe")
    assert problems_of_build_stages(site) == [
        "campaign.yaml: is not a regular file (a link to a named pipe) — replace it with the file itself"]


def test_a_pipe_put_in_place_after_the_check_is_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "late.yaml")
    text, problems = read_text(tmp_path / "late.yaml", "late.yaml")
    assert text is None and [str(p) for p in problems] == [
        "late.yaml: is not a regular file (a named pipe) — replace it with the file itself"]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero"])
def test_a_link_leading_outside_is_refused_for_every_source(site, source, target):
    replace(site / source, "link", target)
    assert problems_of_build_stages(site) == [
        f"{source}: is a link to {target}, outside the campaign folder — "
        "copy the file into the campaign folder instead of linking to it"]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(("target", "where"), [(".env", "a hidden file"),
                                               (".git/config", "inside the hidden folder .git"),
                                               (".output.cache/manifest.json", "inside the hidden folder .output.cache")])
def test_a_link_to_a_hidden_file_of_the_campaign_is_refused_unread(site, source, target, where):
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("url = https://token@example.org/\n", encoding="utf-8")
    (site / ".env").write_text("SECRET=1\n", encoding="utf-8")
    replace(site / source, "link", str(site / target))
    assert problems_of_build_stages(site) == [
        f"{source}: is a link to {target}, {where} — link only to the campaign's own files: hidden ones "
        "(.git, .env) are never read"]


@pytest.mark.parametrize("source", SOURCES)
def test_a_link_in_a_loop_or_to_nothing_is_named(site, source):
    replace(site / source, "link", (site / source).name)
    assert problems_of_build_stages(site) == [
        f"{source}: is a link that leads round in a loop — correct the link, or replace it with the file itself"]
    replace(site / source, "link", str(site / "nothing-here"))
    assert problems_of_build_stages(site) == [
        f"{source}: is a link to nothing-here, which does not exist — correct the link, or replace it with the file itself"]


@pytest.mark.parametrize("folder", ["content", "activities", "templates", "assets"])
def test_a_source_folder_that_is_a_wrong_link_is_named(site, folder):
    if folder == "activities":
        (site / "activities.yaml").unlink()
    replace(site / folder, "link", "/etc")
    assert problems_of_build_stages(site) == [
        f"{folder}: is a link to /etc, outside the campaign folder — copy the folder into the campaign folder "
        "instead of linking to it"]
    replace(site / folder, "link", folder)
    assert problems_of_build_stages(site) == [
        f"{folder}: is a link that leads round in a loop — correct the link, or replace it with the folder itself"]


def test_links_that_stay_inside_the_campaign_or_the_theme_are_read(site):
    (site / "shared").mkdir()
    (site / "content" / "visit.en.md").rename(site / "shared" / "visit.en.md")
    replace(site / "content" / "visit.en.md", "link", "../shared/visit.en.md")
    replace(site / "templates" / "strings.yaml", "link", str(REPO / "templates" / "strings.yaml"))
    replace(site / "content" / "more", "link", "../shared")  # a folder: its files are listed where they live
    sources = load_sources(site, REPO)
    assert [page.file for page in sources.pages] == ["content/guide.en.md", "content/guide.zh.md",
                                                     "content/visit.en.md", "content/visit.zh.md"]


def test_a_dangling_optional_file_is_an_error_not_an_absent_file(site):
    replace(site / "slogans.yaml", "link", "slogans-old.yaml")
    assert problems_of_build_stages(site) == [
        "slogans.yaml: is a link to slogans-old.yaml, which does not exist — correct the link, "
        "or replace it with the file itself"]


def test_listing_keeps_its_order_and_leaves_hidden_files_out(tmp_path):
    root = tmp_path / "content"
    for name in ("b.md", "a.md", ".hidden.md", "sub/z.md", "sub/.x.md", ".well-known/security.txt", "c/d.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    (root / "inner").symlink_to("sub")
    files, problems = list_files(root, "content", within(tmp_path))
    assert problems == []
    assert [f.relative_to(root).as_posix() for f in files] == [
        "a.md", "b.md", ".well-known/security.txt", "c/d.md", "sub/z.md"]


def test_an_unreadable_folder_is_an_error_not_a_folder_without_pages(site, monkeypatch):
    monkeypatch.setenv("CAMPAIGNSITE_FAULT", "list!EACCES")
    assert problems_of_build_stages(site) == [
        "content: cannot read the folder (Permission denied) — make the folder readable, or remove it",
        "templates: cannot read the folder (Permission denied) — make the folder readable, or remove it"]


@pytest.mark.parametrize("errno_name", ["EACCES", "EIO"])
def test_an_unreadable_file_is_an_error(site, monkeypatch, errno_name):
    monkeypatch.setenv("CAMPAIGNSITE_FAULT", f"read!{errno_name}")
    reason = os.strerror(getattr(__import__("errno"), errno_name))
    assert f"campaign.yaml: cannot read the file ({reason})" in problems_of_build_stages(site)
    assert f"content/visit.en.md: cannot read the file ({reason})" in problems_of_build_stages(site)


def without_permission(path: Path) -> None:
    path.chmod(0)
    if os.access(path, os.R_OK):  # root, unless it has given up the right to ignore permissions
        path.chmod(0o755)
        pytest.skip("permissions deny nothing here")


def test_a_folder_without_read_permission_is_an_error(site):
    without_permission(site / "content")
    try:
        assert problems_of_build_stages(site) == [
            "content: cannot read the folder (Permission denied) — make the folder readable, or remove it"]
    finally:
        (site / "content").chmod(0o755)


def test_a_file_without_read_permission_is_an_error(site):
    without_permission(site / "slogans.yaml")
    assert problems_of_build_stages(site) == ["slogans.yaml: cannot read the file (Permission denied)"]


def test_check_file_tells_nothing_there_from_a_problem(tmp_path):
    assert check_file(tmp_path / "absent.yaml", "absent.yaml", within(tmp_path)) == (None, None)
    (tmp_path / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    info, problem = check_file(tmp_path / "a.yaml", "a.yaml", within(tmp_path))
    assert problem is None and info is not None and stat.S_ISREG(info.st_mode)


def test_the_template_loader_keeps_the_rule_by_itself(tmp_path):
    site = tmp_path / "site"
    (site / "templates").mkdir(parents=True)
    theme = REPO / "templates"
    env = make_environment([site / "templates", theme])
    (site / "templates" / "404.html").symlink_to("/etc/passwd")
    with pytest.raises(SiteError) as refused:
        env.get_template("404.html")
    assert [p.message for p in refused.value.problems] == ["is a link to /etc/passwd, outside the campaign folder"]
    os.mkfifo(site / "templates" / "page.html")  # not passed over for the theme's page.html
    with pytest.raises(SiteError) as refused:
        env.get_template("page.html")
    assert [str(p) for p in refused.value.problems] == [
        "templates/page.html: is not a regular file (a named pipe) — replace it with the file itself"]
    with pytest.raises(jinja2.TemplateNotFound):
        env.get_template("no-such.html")
    (site / "templates" / "partials").symlink_to("/etc")  # a folder on the way keeps the rule too
    with pytest.raises(SiteError) as refused:
        env.get_template("partials/passwd")
    assert [(p.file, p.message) for p in refused.value.problems] == [
        ("templates/partials", "is a link to /etc, outside the campaign folder")]


def test_a_file_in_a_linked_folder_is_judged_by_the_folder(site):
    replace(site / "templates", "link", "/etc")
    (site / "templates.d").mkdir()
    assert problems_of_build_stages(site) == [
        "templates: is a link to /etc, outside the campaign folder — copy the folder into the campaign folder "
        "instead of linking to it"]
    (site / "templates.d" / "strings.yaml").write_text("{}\n", encoding="utf-8")
    replace(site / "templates", "link", "templates.d")  # inside: read
    assert [doc.file for doc in load_sources(site, REPO).strings] == ["templates/strings.yaml"] * 2


def test_the_template_loader_gives_what_jinja_would(tmp_path):
    ours = make_environment([REPO / "templates"]).loader
    theirs = jinja2.FileSystemLoader([str(REPO / "templates")])
    for name in theirs.list_templates():
        if name.endswith(".html"):
            mine, jinjas = ours.get_source(None, name), theirs.get_source(None, name)
            assert mine[:2] == jinjas[:2] and mine[2]() and jinjas[2]()
