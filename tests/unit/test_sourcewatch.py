"""The preview's watch of the sources: what the system's file notifications report (and what they must
not), the polling it falls back to, and the debounce that makes one rebuild of a burst."""
from __future__ import annotations

import asyncio
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

from campaignsite.commands.sourcewatch import Pending, SourceWatch

SEEN_WITHIN = 10.0  # seconds a change has to be reported in: generous for a loaded machine
QUIET = 0.5  # seconds without a report that count as "nothing was reported"


class Reports:
    """Counts the watcher's calls; waits for the next one."""

    def __init__(self) -> None:
        self.count = 0
        self.notices: list[str] = []
        self.condition = threading.Condition()

    def saw(self) -> None:
        with self.condition:
            self.count += 1
            self.condition.notify_all()

    def next(self, timeout: float = SEEN_WITHIN) -> bool:
        """Wait for a report after those already counted; consume them all."""
        with self.condition:
            start = self.count
            reported = self.condition.wait_for(lambda: self.count > start, timeout)
            return reported

    def after(self, change) -> bool:
        """Make a change and say whether it was reported."""
        with self.condition:
            start = self.count
        change()
        with self.condition:
            return self.condition.wait_for(lambda: self.count > start, SEEN_WITHIN)

    def none_after(self, change) -> bool:
        with self.condition:
            start = self.count
        change()
        with self.condition:
            return not self.condition.wait_for(lambda: self.count > start, QUIET)


@pytest.fixture
def site(tmp_path) -> Path:
    site = tmp_path / "campaign"
    (site / "content").mkdir(parents=True)
    (site / "content" / "guide.en.md").write_text("# Guide\n")
    (site / "templates").mkdir()
    (site / "templates" / "page.html").write_text("{{ page }}\n")
    (site / "campaign.yaml").write_text("site: {}\n")
    (site / "output").mkdir()
    return site


@pytest.fixture
def watching(site):
    reports = Reports()
    watch = SourceWatch([site], reports.saw, reports.notices.append)
    watch.start()
    yield reports, watch
    watch.stop()


def atomic_save(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text)
    os.replace(temporary, path)


def test_an_atomic_save_is_seen(site, watching):
    reports, _ = watching
    assert reports.after(lambda: atomic_save(site / "content" / "guide.en.md", "# Edited\n"))
    assert reports.after(lambda: atomic_save(site / "campaign.yaml", "site: {a: 1}\n"))
    assert reports.notices == []


def test_a_new_file_in_activities_is_seen_and_so_is_the_folder_created_for_it(site, watching):
    reports, _ = watching
    assert reports.after(lambda: (site / "activities").mkdir())
    assert reports.after(lambda: (site / "activities" / "00001-fair.yaml").write_text("slug: fair\n"))
    assert reports.after(lambda: (site / "activities" / "2026").mkdir())
    assert reports.after(lambda: (site / "activities" / "2026" / "00002-talk.yaml").write_text("slug: talk\n"))


def test_a_deleted_file_and_a_deleted_folder_are_seen(site, watching):
    reports, _ = watching
    assert reports.after(lambda: (site / "content" / "guide.en.md").unlink())
    assert reports.after(lambda: shutil.rmtree(site / "templates"))


def test_a_template_change_is_seen(site, watching):
    reports, _ = watching
    assert reports.after(lambda: (site / "templates" / "page.html").write_text("{{ page }}!\n"))


def test_what_the_tool_writes_in_the_folder_and_hidden_files_are_not_seen(site, watching):
    reports, _ = watching

    def tool_writes() -> None:
        (site / "output" / "en").mkdir()
        (site / "output" / "en" / "index.html").write_text("<p>built</p>")
        (site / ".output.cache").mkdir()
        (site / ".output.cache" / "record").write_text("{}")
        (site / ".output.lock").write_text("")
        (site / ".output.releases").mkdir()
        (site / ".campaign.yaml.x1y2.tmp").write_text("site: {}\n")
        (site / ".campaign.yaml.x1y2.tmp").unlink()
        (site / "content" / ".guide.en.md.swp").write_text("swap")
        (site / "notes.txt").write_text("not a source")
    assert reports.none_after(tool_writes)
    assert reports.after(lambda: (site / "content" / "guide.en.md").write_text("# Still watched\n"))


def test_without_notifications_it_says_so_in_one_line_and_polls(site, monkeypatch):
    monkeypatch.setenv("CAMPAIGNSITE_FAULT", "watch-start!ENOSPC")  # inotify's answer once its limit is reached
    reports = Reports()
    watch = SourceWatch([site], reports.saw, reports.notices.append)
    watch.start()
    try:
        assert reports.notices == ["serve: the system's file notifications are not available (No space left on "
                                   "device): looking at every source file every 25 ms instead"]
        assert watch.polling.is_set()
        assert reports.after(lambda: (site / "content" / "guide.en.md").write_text("# Polled\n"))
        assert reports.after(lambda: (site / "content" / "guide.en.md").unlink())
        assert reports.none_after(lambda: (site / "output" / "index.html").write_text("<p>built</p>"))
    finally:
        watch.stop()


def test_without_the_watchfiles_package_it_polls(site, monkeypatch):
    monkeypatch.setitem(sys.modules, "watchfiles._rust_notify", None)  # import fails as if not installed
    reports = Reports()
    watch = SourceWatch([site], reports.saw, reports.notices.append)
    watch.start()
    try:
        assert len(reports.notices) == 1 and "not available (import of watchfiles._rust_notify halted" in \
            reports.notices[0]
        assert reports.after(lambda: atomic_save(site / "campaign.yaml", "site: {b: 2}\n"))
    finally:
        watch.stop()


def test_a_stopped_watch_reports_nothing(site):
    reports = Reports()
    watch = SourceWatch([site], reports.saw, reports.notices.append)
    watch.start()
    watch.stop()
    assert wait_for_threads_to_end()
    assert reports.none_after(lambda: (site / "content" / "guide.en.md").write_text("# After\n"))


def wait_for_threads_to_end() -> bool:
    def ended() -> bool:
        return not any(t.name.startswith("watch-") for t in threading.enumerate())
    event = threading.Event()
    for _ in range(100):
        if ended():
            return True
        event.wait(0.05)
    return ended()


# --- Pending: one rebuild per burst -----------------------------------------------------------------------------

def test_a_burst_of_changes_is_consumed_once():
    async def scenario() -> list[str]:
        pending, events = Pending(), []
        pending.saw()  # before the loop runs: a save during the first build

        async def rebuilds() -> None:
            while True:
                await pending.settled(0.05)
                events.append("rebuild")
        task = asyncio.create_task(rebuilds())
        await until(lambda: events == ["rebuild"])
        for _ in range(5):
            pending.saw()
        await until(lambda: len(events) == 2)
        await asyncio.sleep(QUIET)  # no third
        task.cancel()
        return events
    assert asyncio.run(scenario()) == ["rebuild", "rebuild"]


async def until(condition, timeout: float = SEEN_WITHIN) -> None:
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)


def test_changes_seen_from_another_thread_wake_the_loop():
    async def scenario() -> bool:
        pending = Pending()
        waiting = asyncio.create_task(pending.settled(0.01))
        await asyncio.sleep(0.05)
        threading.Thread(target=pending.saw).start()
        await asyncio.wait_for(waiting, SEEN_WITHIN)
        return True
    assert asyncio.run(scenario())
