"""`build.py serve` learns of saves from the system's file notifications: each kind of change gives one
rebuild (one reload message), what the tool writes in the campaign folder gives none, and without
notifications the preview says so and polls (issue 22 §6)."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys

import pytest

from bench.synthetic import make_campaign
from tests.helpers import REPO, copy_fixture
from tests.serving import ReloadChannel, fetch, serving, wait_for

# a save's events reach the server within milliseconds; a quiet time this long keeps them one burst on a
# loaded machine, and "no second rebuild" is waited for over twice as long
DEBOUNCE = ("--debounce-ms", "400")
NO_MORE = 1.5


@pytest.fixture
def campaign(tmp_path):
    """A small campaign in the folder layout, with a template of its own."""
    site = make_campaign(tmp_path / "campaign", 3, layout="folder")
    (site / "templates").mkdir()
    shutil.copy(REPO / "templates" / "page.html", site / "templates" / "page.html")
    return site


def one_rebuild(channel: ReloadChannel) -> bool:
    first = channel.next_message(timeout=60)
    return first is not None and first["command"] == "reload" and channel.next_message(timeout=NO_MORE) is None


def test_an_atomic_save_a_new_activity_a_deleted_file_and_a_template_change_each_give_one_rebuild(campaign):
    activities = campaign / "activities"
    first = sorted(activities.iterdir())[0]
    with serving(campaign, *DEBOUNCE, start_seconds=120) as (process, base):
        channel = ReloadChannel(base)

        temporary = activities / f".{first.name}.tmp"  # an editor's atomic save: a hidden file renamed over
        temporary.write_text(first.read_text(encoding="utf-8").replace("quality talk", "Saved atomically"),
                             encoding="utf-8")
        os.replace(temporary, first)
        assert one_rebuild(channel)
        assert "Saved atomically" in fetch(base + "en/activities/activity-00001/")[1]

        new = activities / "00009-activity-00009.yaml"
        new.write_text(first.read_text(encoding="utf-8").replace("activity-00001", "activity-00009"),
                       encoding="utf-8")
        assert one_rebuild(channel)
        assert fetch(base + "en/activities/activity-00009/")[0] == 200

        new.unlink()
        assert one_rebuild(channel)
        assert fetch(base + "en/activities/activity-00009/")[0] == 404

        page = campaign / "templates" / "page.html"
        page.write_text(page.read_text(encoding="utf-8") + "{# edited #}\n", encoding="utf-8")
        assert one_rebuild(channel)
        channel.close()
        assert process.poll() is None


def test_what_the_tool_writes_beside_the_sources_gives_no_rebuild(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    with serving(site, *DEBOUNCE) as (process, base):
        channel = ReloadChannel(base)
        (site / "output" / "en").mkdir(parents=True)
        (site / "output" / "en" / "index.html").write_text("<p>built</p>", encoding="utf-8")
        (site / ".output.cache").mkdir()
        (site / ".output.cache" / "record").write_text("{}", encoding="utf-8")
        (site / ".output.lock").write_text("", encoding="utf-8")
        (site / ".output.releases" / "r1").mkdir(parents=True)
        (site / ".slogans.yaml.k3j2.tmp").write_text("x", encoding="utf-8")
        (site / ".slogans.yaml.k3j2.tmp").unlink()
        assert channel.next_message(timeout=NO_MORE) is None
        slogans = site / "slogans.yaml"
        slogans.write_text(slogans.read_text(encoding="utf-8").replace("everyone", "all"), encoding="utf-8")
        assert one_rebuild(channel)  # and the watch is still alive
        channel.close()


def test_without_file_notifications_the_preview_says_so_and_polls(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    env = {**os.environ, "CAMPAIGNSITE_FAULT": "watch-start!ENOSPC"}  # inotify's answer once its limit is reached
    process = subprocess.Popen([sys.executable, "-u", str(REPO / "build.py"), "serve", "--site", str(site),
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        base = None
        while base is None:
            line = process.stdout.readline()
            assert line, "the server did not say where it listens"
            match = re.search(r" at (http://127\.0\.0\.1:\d+/) ", line)
            base = match.group(1) if match else None
        channel = ReloadChannel(base)
        slogans = site / "slogans.yaml"
        slogans.write_text(slogans.read_text(encoding="utf-8").replace("Good books for everyone", "Polled"),
                           encoding="utf-8")
        assert channel.next_message(timeout=60)["command"] == "reload"
        assert wait_for(lambda: "Polled" in fetch(base + "en/slogans/")[1], timeout=10)
        channel.close()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert process.stderr.read().splitlines() == [
            "serve: the system's file notifications are not available (No space left on device): "
            "looking at every source file every 25 ms instead"]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
