"""The commands' own pieces, in memory: the progress line, the parser, the source-file writer."""
from __future__ import annotations

import io

import pytest

from campaignsite.commands.build import PROGRESS_AFTER, TerminalProgress
from campaignsite.commands.cli import make_parser
from campaignsite.commands.sourcefiles import write_source


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_shows_nothing_in_the_first_seconds_then_one_line_rewritten_and_erased():
    stream, clock = Terminal(), Clock()
    progress = TerminalProgress(stream, 0.0, clock)
    progress("rendering pages", 100, 1000)
    assert stream.getvalue() == ""  # a quick build shows no progress
    clock.now = PROGRESS_AFTER + 0.1
    progress("rendering pages", 200, 1000)
    clock.now += 1
    progress("rendering pages", 1000, 1000)
    progress.done()
    blank = " " * len("rendering pages: 1000/1000")
    assert stream.getvalue() == f"\rrendering pages: 200/1000\rrendering pages: 1000/1000\r{blank}\r"


def test_progress_updates_at_most_five_times_a_second_but_always_shows_the_end():
    stream, clock = Terminal(), Clock()
    progress = TerminalProgress(stream, 0.0, clock)
    clock.now = PROGRESS_AFTER
    for done in range(1, 11):
        progress("writing files", done, 10)
    assert stream.getvalue().count("\r") == 2  # the first update, then the last (done == total)


def test_progress_is_silent_when_the_output_is_not_a_terminal():
    stream, clock = io.StringIO(), Clock()
    progress = TerminalProgress(stream, 0.0, clock)
    clock.now = 100
    progress("rendering pages", 1, 2)
    progress.done()
    assert stream.getvalue() == ""


@pytest.mark.parametrize("command", ["build", "check", "serve", "init", "translations", "translations status",
                                     "translations export", "translations import", "translations accept"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as ended:
        make_parser("campaignsite").parse_args([*command.split(), "--help"])
    assert ended.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: campaignsite {command} ")
    assert "--site DIR" in out or command == "init"


def test_bare_translations_is_status_and_export_takes_the_statuses_it_names():
    parser = make_parser("campaignsite")
    assert parser.parse_args(["translations"]).run is parser.parse_args(["translations", "status"]).run
    assert parser.parse_args(["translations", "--strict"]).strict
    export = ["translations", "export", "--format", "po", "--output", "x.po"]
    assert parser.parse_args(export).only == ("stale", "missing")  # a default in words goes through --only's type too
    assert parser.parse_args([*export, "--only", "all"]).only == ("current", "stale", "missing", "untracked")
    assert parser.parse_args([*export, "--only", "missing, untracked"]).only == ("missing", "untracked")
    with pytest.raises(SystemExit):
        parser.parse_args([*export, "--only", "stale,old"])


def test_the_installed_command_builds_the_current_folder_and_build_py_its_own_campaign(tmp_path):
    assert str(make_parser("campaignsite").parse_args(["build"]).site) == "."
    assert make_parser("build.py", tmp_path).parse_args(["check"]).site == tmp_path


def test_a_source_file_is_replaced_whole_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "content" / "about.zh.md"
    write_source(target, "一")
    write_source(target, "二")
    assert target.read_text(encoding="utf-8") == "二"
    assert sorted(p.name for p in target.parent.iterdir()) == ["about.zh.md"]
