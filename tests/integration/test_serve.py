"""`build.py serve`: the preview follows every save, shows errors in the browser, and never dies."""
from __future__ import annotations

import http.client
import signal
import socket
import tempfile
import time

from campaignsite.commands.preview import inject_script, resolve
from tests.helpers import copy_fixture, run_build
from tests.serving import ReloadChannel, fetch, preview_dirs, serving, wait_for


def test_an_edit_is_served_and_announced_an_error_is_shown_and_fixing_it_restores_the_site(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    before = preview_dirs()
    with serving(site) as (process, base):
        status, original = fetch(base + "en/slogans/")
        assert status == 200 and "Good books for everyone" in original
        assert '<script>(function(){var s=document.createElement("script");' in original
        channel = ReloadChannel(base)
        slogans = site / "slogans.yaml"
        text = slogans.read_text(encoding="utf-8")
        slogans.write_text(text.replace("Good books for everyone", "Good books for all"), encoding="utf-8")
        assert channel.next_message() == {"command": "reload", "path": "*", "liveCSS": None, "liveImg": True}
        assert "Good books for all" in fetch(base + "en/slogans/")[1]

        slogans.write_text(text.replace("en: Good books for everyone", "en: [broken"), encoding="utf-8")
        assert channel.next_message()["command"] == "reload"
        status, page = fetch(base + "en/slogans/")
        assert status == 500
        assert "slogans.yaml:5:34: YAML syntax error: while parsing a flow sequence" in page
        assert "livereload.js" in page  # the error page reloads by itself once fixed

        slogans.write_text(text, encoding="utf-8")
        assert channel.next_message()["command"] == "reload"
        assert fetch(base + "en/slogans/") == (200, original)
        channel.close()
        assert process.poll() is None
    assert process.returncode == 0
    assert preview_dirs() == before  # Ctrl-C removed the temporary build folders
    assert not (site / "output").exists()  # the preview writes nothing beside the sources


def test_a_burst_of_saves_gives_one_build_and_the_last_content(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    # a burst is saves closer together than the debounce time: 5 s, which no stall of a busy machine
    # between two writes of this loop comes near, so the burst is one burst on any machine
    with serving(site, "--debounce-ms", "5000") as (process, base):
        channel = ReloadChannel(base)
        slogans = site / "slogans.yaml"
        text = slogans.read_text(encoding="utf-8")
        for number in range(5):
            slogans.write_text(text.replace("Good books for everyone", f"Good books take {number}"), encoding="utf-8")
        assert channel.next_message(timeout=30)["command"] == "reload"
        assert channel.next_message(timeout=1.0) is None  # one rebuild for the burst
        assert "Good books take 4" in fetch(base + "en/slogans/")[1]
        channel.close()


def test_two_saves_half_a_second_apart_both_arrive(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    with serving(site) as (process, base):
        channel = ReloadChannel(base)
        slogans = site / "slogans.yaml"
        text = slogans.read_text(encoding="utf-8")
        slogans.write_text(text.replace("Good books for everyone", "First save"), encoding="utf-8")
        time.sleep(0.5)
        slogans.write_text(text.replace("Good books for everyone", "Second save"), encoding="utf-8")
        assert wait_for(lambda: "Second save" in fetch(base + "en/slogans/")[1], timeout=10)
        channel.close()


def test_the_preview_serves_what_build_publishes_and_nothing_else(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    assert run_build("build", "--site", str(site), "--output", str(tmp_path / "built")).returncode == 0
    with serving(site) as (_, base):
        assert fetch(base + "en/activities/book-fair/")[0] == 200
        status, page = fetch(base + "en/no-such-page/")
        assert status == 404 and "Page not found" in page
        assert fetch(base + "no-such-page/")[0] == 404
        for attack in ("../campaign.yaml", "%2e%2e%2fcampaign.yaml", "..%2fcampaign.yaml", "en/..%2f..%2fcampaign.yaml"):
            assert fetch(base + attack)[0] == 404, attack
    built = (tmp_path / "built" / "en" / "activities" / "book-fair" / "index.html").read_text(encoding="utf-8")
    assert "livereload" not in built  # files written by build never carry the reload script


def test_a_busy_port_is_a_one_line_error_naming_it(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_build("serve", "--site", str(tmp_path), "--port", str(port))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"port {port} on 127.0.0.1 is not available (Address already in use); "
        "choose another with --port, or --port 0 for a free one"]


def test_resolve_refuses_links_and_escapes(tmp_path):
    root = tmp_path / "site"
    (root / "en").mkdir(parents=True)
    (root / "en" / "index.html").write_text("x")
    (tmp_path / "secret.txt").write_text("secret")
    (root / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (root / "inner.html").symlink_to(root / "en" / "index.html")
    assert resolve(root, "en/") == root / "en" / "index.html"
    assert resolve(root, "leak.txt") is None
    assert resolve(root, "inner.html") is None
    assert resolve(root, "../secret.txt") is None
    assert resolve(root, "en/../leak.txt") is None


def test_the_script_goes_before_head_end_or_at_the_end():
    assert inject_script(b"<head></head><p>x</p>").startswith(b"<head><script>")
    assert inject_script(b"<p>no head</p>").endswith(b"</script>")


def test_sigterm_stops_the_preview_during_a_rebuild_that_does_not_end_and_removes_its_folder(tmp_path):
    import os
    import re
    import signal
    import subprocess
    import sys

    from tests.helpers import REPO
    site = copy_fixture("reading-festival", tmp_path)
    before = preview_dirs()
    # the first build writes a fresh folder; a rebuild after it is an update, held here for a minute
    env = {**os.environ, "CAMPAIGNSITE_FAULT": "move~60"}
    process = subprocess.Popen([sys.executable, "-u", str(REPO / "build.py"), "serve", "--site", str(site),
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        base = re.search(r" at (http://\S+/) ", process.stdout.readline() + process.stdout.readline()).group(1)
        assert fetch(base)[0] == 200  # the server, and so the watcher, is running
        slogans = site / "slogans.yaml"
        slogans.write_text(slogans.read_text(encoding="utf-8").replace("everyone", "all"), encoding="utf-8")
        time.sleep(2)  # the rebuild has started and is held
        assert process.poll() is None
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert time.monotonic() - started < 10  # the held build did not hold the stop
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
    assert preview_dirs() == before


def raw_get(base: str, path: str) -> tuple[int, str | None, str]:
    """GET a path exactly as given (urllib would follow a redirect and tidy the path): status, Location, body."""
    host, port = base.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Location"), response.read().decode("utf-8")
    finally:
        connection.close()


def stopped_log(process) -> str:
    """Everything the server printed, once Ctrl-C has stopped it."""
    process.send_signal(signal.SIGINT)
    log = process.stdout.read()
    process.wait(timeout=10)
    return log


def test_a_name_too_long_for_the_system_is_a_404_without_a_traceback(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    with serving(site) as (process, base):
        for path in ("/" + "a" * 256, "/en/" + "b" * 300, "/" + "c" * 300 + "/", "/" + "%C3%A9" * 200,
                     "/en/" + "/".join(["abcdefgh"] * 600)):
            status, location, page = raw_get(base, path)
            assert (status, location) == (404, None), path[:20]
            assert "Page not found" in page or "页面" in page
        assert raw_get(base, "/en/activities/book-fair/")[0] == 200  # and the server still serves
        log = stopped_log(process)
    assert "Traceback" not in log and "Uncaught exception" not in log and " 500 " not in log
    assert "warning" not in log  # 127.0.0.1 is reachable from this computer only


def test_redirects_never_leave_the_site(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    before = preview_dirs()
    with serving(site) as (process, base):
        (work,) = preview_dirs() - before
        built = f"{tempfile.gettempdir()}/{work}/site"
        assert raw_get(base, "/en")[:2] == (302, "/en/")
        assert raw_get(base, "/en/activities/book-fair")[:2] == (302, "/en/activities/book-fair/")
        for path in (f"/{built}/en", f"/{built}/en/", f"//{built}/en", "//tmp", "//tmp/", "/%2F%2Fexample.org",
                     "/%2Fexample.org/", "/%5Cexample.org", "/%5C%5Cexample.org/en", "///en", "//en"):
            status, location, _ = raw_get(base, path)
            assert (status, location) == (404, None), path
        log = stopped_log(process)
    assert "Traceback" not in log
