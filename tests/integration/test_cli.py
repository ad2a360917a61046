"""The command as an author meets it: exit codes, the summary line, messages, and the old site kept."""
from __future__ import annotations

import re
import shutil

import pytest

from tests.helpers import FIXTURES, REPO, run_build


def test_build_prints_one_summary_line_and_exits_0(tmp_path):
    result = run_build("build", "--site", str(FIXTURES / "bare"), "--output", str(tmp_path / "out"))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Built 14 pages (7 zh, 7 en) in ")
    assert lines[0].endswith(f" s into {tmp_path / 'out'}")
    assert result.stderr == ""


def test_no_command_means_build(tmp_path):
    result = run_build("--site", str(FIXTURES / "bare"), "--output", str(tmp_path / "out"))
    assert result.returncode == 0 and result.stdout.startswith("Built 14 pages")


def test_every_command_and_option_has_help():
    top = run_build("--help")
    assert top.returncode == 0 and "build" in top.stdout
    build = run_build("build", "--help")
    for option in ("--site", "--output", "--base-url", "--debug", "--allow-missing-translations"):
        assert option in build.stdout


@pytest.mark.parametrize("command", ["build", "check", "serve", "init", "translations"])
def test_each_command_says_how_it_is_used(command):
    result = run_build(command, "--help")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith(f"usage: build.py {command} ")


def test_the_version_is_one_line():
    result = run_build("--version")
    assert result.returncode == 0 and re.fullmatch(r"campaignsite \d+\.\d+\.\d+\n", result.stdout)


def test_a_user_error_is_one_line_per_problem_with_no_traceback_and_exit_1(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "bare", site)
    text = (site / "activities.yaml").read_text(encoding="utf-8")
    (site / "activities.yaml").write_text(text.replace("title: {zh: 安全检查, en: Safety Inspections}",
                                                       "tilte: {zh: 安全检查}"), encoding="utf-8")
    result = run_build("build", "--site", str(site), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "activities.yaml:2:5: activities[inspection].title: the title is missing "
        "— add 'title:' with 'zh:' and 'en:' under it",
        "activities.yaml:3:5: activities[inspection].tilte: unknown key 'tilte' — did you mean 'title'?",
        "2 errors; nothing was written.",
    ]
    assert not (tmp_path / "out").exists()


def test_a_failed_build_leaves_the_previous_output_byte_for_byte(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "bare", site)
    assert run_build("build", "--site", str(site)).returncode == 0
    before = {p: p.read_bytes() for p in sorted((site / "output").rglob("*")) if p.is_file()}
    (site / "campaign.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    result = run_build("build", "--site", str(site))
    assert result.returncode == 1 and "campaign.yaml:2:1: YAML syntax error" in result.stderr
    after = {p: p.read_bytes() for p in sorted((site / "output").rglob("*")) if p.is_file()}
    assert after == before
    assert sorted(p.name for p in site.iterdir()) == [".output.cache", ".output.lock", ".output.releases",
                                                      "activities.yaml", "campaign.yaml", "output"]


def test_the_build_refuses_to_replace_a_folder_it_did_not_create(tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("keep me", encoding="utf-8")
    result = run_build("build", "--site", str(FIXTURES / "bare"), "--output", str(precious))
    assert result.returncode == 1
    assert "holds files this tool did not write" in result.stderr
    assert [p.name for p in precious.iterdir()] == ["thesis.txt"]


def test_the_default_site_builds_into_output_beside_the_data(tmp_path):
    site = tmp_path / "repo"
    for name in ("campaign.yaml", "activities.yaml", "slogans.yaml"):
        shutil.copy(REPO / name, site / name) if site.exists() else (site.mkdir(), shutil.copy(REPO / name, site / name))
    shutil.copytree(REPO / "content", site / "content")
    result = run_build("build", "--site", str(site))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built 94 pages (47 zh, 47 en)")
    assert (site / "output" / "en" / "slogans" / "index.html").is_file()


import pytest  # noqa: E402


@pytest.mark.parametrize("where, reason", [
    (".", "is the campaign folder or contains it"),
    ("..", "is the campaign folder or contains it"),
    ("content/out", "is inside content/, which holds sources"),
    ("templates", "is inside templates/, which holds sources"),
    ("assets/x", "is inside assets/, which holds sources"),
    ("/", "is the root or home folder"),
    ("~", "is the root or home folder"),
])
def test_dangerous_output_folders_are_refused(tmp_path, where, reason):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "reading-festival", site)
    (site / "templates").mkdir()
    (site / "assets").mkdir()
    target = {"/": "/", "~": str(__import__("pathlib").Path.home())}.get(where, str(site / where))
    result = run_build("build", "--site", str(site), "--output", target)
    assert result.returncode == 1
    line = result.stderr.splitlines()[0]
    assert line.startswith("--output: ") and reason in line
    assert sorted(p.name for p in site.iterdir()) == ["activities.yaml", "assets", "campaign.yaml", "content",
                                                      "slogans.yaml", "templates"]
