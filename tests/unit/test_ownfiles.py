"""The tool's own files beside an output folder: sealed with this user's key, read back only when the seal proves
this user's tool wrote them for that purpose, never through a link; the lock's waiting message names its holder."""
from __future__ import annotations

import errno
import os
import pickle
import subprocess
import sys
from pathlib import Path

import jinja2.bccache
import pytest

from campaignsite import ownfiles
from campaignsite.errors import SiteError
from campaignsite.images import IMAGES_FILE, load_image_cache
from campaignsite.load import (
    ACTIVITIES_FILE,
    BYTECODE_DIR,
    CONVERSIONS_FILE,
    MANIFEST_FILE,
    READINGS_FILE,
    TEMPLATES_FILE,
    cache_dir,
    check_cache_folder,
    content_digest,
    load_previous,
    read_cache_file,
)
from campaignsite.options import Session
from campaignsite.render import make_environment
from campaignsite.write import clear_temporaries, confirm_manifest, save_cache, save_manifest
from campaignsite.write import records as records_module
from campaignsite.write.lock import output_lock
from tests.helpers import REPO

CACHE_FILES = [READINGS_FILE, CONVERSIONS_FILE, ACTIVITIES_FILE, TEMPLATES_FILE, IMAGES_FILE]


class Planted:
    """Unpickled, it makes the folder `marker`: proof that a planted file ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return os.mkdir, (str(self.marker),)


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch) -> Path:
    """A key of this test's own, outside the campaign."""
    key = tmp_path / "key" / "campaignsite.key"
    monkeypatch.setenv(ownfiles.KEY_FILE_VARIABLE, str(key))
    return key


@pytest.fixture
def output(tmp_path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    return site / "output"


def test_a_sealed_value_is_given_back_only_for_its_purpose_unaltered_and_under_the_same_key(tmp_path, monkeypatch):
    sealed = ownfiles.seal("readings.pickle", b"data")
    assert ownfiles.unseal("readings.pickle", sealed) == b"data"
    assert ownfiles.unseal("markdown.pickle", sealed) is None  # one cache file's bytes put in another's place
    assert ownfiles.unseal("readings.pickle", sealed[:-1] + b"x") is None
    assert ownfiles.unseal("readings.pickle", b"data") is None
    monkeypatch.setenv(ownfiles.KEY_FILE_VARIABLE, str(tmp_path / "another user's key"))
    assert ownfiles.unseal("readings.pickle", sealed) is None


@pytest.mark.parametrize("name", CACHE_FILES)
def test_a_cache_is_read_back_as_it_was_kept(output, name):
    assert save_cache(output, name, {"key": ["value", 1]}) is None
    assert read_cache_file(cache_dir(output) / name) == {"key": ["value", 1]}


@pytest.mark.parametrize("name", CACHE_FILES)
def test_a_planted_pickle_is_never_unpickled_and_reads_as_an_empty_cache(output, tmp_path, name):
    marker = tmp_path / "marker"
    cache_dir(output).mkdir()
    (cache_dir(output) / name).write_bytes(pickle.dumps({"key": Planted(marker)}))
    assert read_cache_file(cache_dir(output) / name) == {}
    session = Session.from_cache_folder(output)
    assert load_image_cache(output).known == {} and session.readings.entries == {}
    assert not marker.exists()


def test_a_cache_another_user_kept_reads_as_missing(output, tmp_path, monkeypatch):
    save_cache(output, READINGS_FILE, {"key": "value"})
    monkeypatch.setenv(ownfiles.KEY_FILE_VARIABLE, str(tmp_path / "another user's key"))
    assert read_cache_file(cache_dir(output) / READINGS_FILE) == {}


def test_a_cache_file_that_is_a_link_or_a_fifo_is_not_read_and_is_replaced_not_written_through(output, tmp_path):
    outside = tmp_path / "outside"
    save_cache(outside, READINGS_FILE, {"key": "the tool's own, elsewhere"})
    elsewhere = cache_dir(outside) / READINGS_FILE
    kept = elsewhere.read_bytes()
    cache_dir(output).mkdir()
    link, fifo = cache_dir(output) / READINGS_FILE, cache_dir(output) / CONVERSIONS_FILE
    link.symlink_to(elsewhere)
    os.mkfifo(fifo)
    assert read_cache_file(link) == {} and read_cache_file(fifo) == {}  # a FIFO read would block for ever
    assert save_cache(output, READINGS_FILE, {"key": 1}) is None and save_cache(output, CONVERSIONS_FILE, {}) is None
    assert elsewhere.read_bytes() == kept and not link.is_symlink() and fifo.is_file()
    assert read_cache_file(link) == {"key": 1}


def test_a_cache_folder_that_is_a_link_is_neither_read_nor_written_and_is_refused(output, tmp_path):
    outside = tmp_path / "outside"
    save_cache(outside, READINGS_FILE, {"key": "the tool's own, elsewhere"})
    kept = (cache_dir(outside) / READINGS_FILE).read_bytes()
    cache_dir(output).symlink_to(cache_dir(outside), target_is_directory=True)
    assert read_cache_file(cache_dir(output) / READINGS_FILE) == {}
    with pytest.raises(SiteError) as refused:
        check_cache_folder(output)
    assert str(refused.value) == (f"{cache_dir(output)}: a symbolic link lies where the tool keeps its cache folder — "
                                  "remove it ('.output.cache'), then run the command again: the tool makes its own")
    warning = save_cache(output, READINGS_FILE, {"key": 1})
    assert str(warning) == (f"{cache_dir(output)}: warning: a symbolic link lies where the tool keeps its cache folder "
                            "(the site is complete; the next build cannot reuse this one's work) — remove it "
                            "('.output.cache'): the tool makes its own")
    assert (cache_dir(outside) / READINGS_FILE).read_bytes() == kept
    assert sorted(p.name for p in cache_dir(outside).iterdir()) == [READINGS_FILE]


def test_a_record_of_the_last_build_is_one_only_when_this_users_tool_wrote_it(output, tmp_path):
    save_manifest(output, {"index.html": "f"}, {"index.html": (content_digest(b"x"), 1, 2)}, "inputs")
    assert load_previous(output).inputs == "inputs"
    manifest = cache_dir(output) / MANIFEST_FILE
    manifest.write_text('{"inputs": "inputs", "files": {}}', encoding="utf-8")  # planted: anyone can write JSON
    assert load_previous(output) is None


def test_a_record_that_is_a_link_is_no_record_and_confirming_it_touches_nothing(output, tmp_path):
    outside = tmp_path / "outside"
    save_manifest(outside, {}, {}, "inputs")
    elsewhere = cache_dir(outside) / MANIFEST_FILE
    os.utime(elsewhere, ns=(1_000_000_000, 1_000_000_000))
    cache_dir(output).mkdir()
    (cache_dir(output) / MANIFEST_FILE).symlink_to(elsewhere)
    assert load_previous(output) is None
    confirm_manifest(output)
    assert elsewhere.stat().st_mtime_ns == 1_000_000_000


def test_a_record_that_cannot_be_written_nor_removed_is_a_warning_not_a_traceback(output, monkeypatch):
    save_manifest(output, {}, {}, "inputs")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(records_module, "unique_temporary", denied)
    monkeypatch.setattr(Path, "unlink", denied)
    warning = save_manifest(output, {}, {}, "other inputs")
    assert str(warning) == (f"{cache_dir(output) / MANIFEST_FILE}: warning: permission denied (the site is complete; "
                            "the next build cannot reuse this one's work) — make it writable (and its folder), or "
                            "choose another --output")


def test_temporaries_a_killed_build_left_are_cleared_and_a_link_among_them_is_not_followed(output, tmp_path):
    save_cache(output, READINGS_FILE, {})
    folder = cache_dir(output)
    (folder / ".readings.pickle.0123456789ab.tmp").write_bytes(b"half")
    (tmp_path / "outside").write_text("kept", encoding="utf-8")
    (folder / ".manifest.json.ba9876543210.tmp").symlink_to(tmp_path / "outside")
    clear_temporaries(folder)
    assert sorted(p.name for p in folder.iterdir()) == [READINGS_FILE]
    assert (tmp_path / "outside").read_text(encoding="utf-8") == "kept"


def _templates(tmp_path: Path) -> Path:
    templates = tmp_path / "theme" / "templates"
    templates.mkdir(parents=True)
    (templates / "page.html").write_text("<p>{{ 6 * 7 }}</p>", encoding="utf-8")
    return templates


def test_compiled_templates_are_kept_sealed_and_used_again(output, tmp_path):
    templates, compiled = _templates(tmp_path), cache_dir(output) / BYTECODE_DIR
    assert make_environment([templates], compiled=compiled).get_template("page.html").render() == "<p>42</p>"
    kept = list(compiled.iterdir())
    assert len(kept) == 1 and kept[0].read_bytes().startswith(ownfiles.MAGIC)
    env = make_environment([templates], compiled=compiled)
    bucket = env.bytecode_cache.get_bucket(env, "page.html", str(templates / "page.html"),
                                           (templates / "page.html").read_text(encoding="utf-8"))
    assert bucket.code is not None  # read back from the cache


def test_planted_compiled_templates_never_run(output, tmp_path):
    templates, compiled = _templates(tmp_path), cache_dir(output) / BYTECODE_DIR
    make_environment([templates], compiled=compiled).get_template("page.html")
    marker = tmp_path / "marker"
    for path in compiled.iterdir():  # Jinja's own format: its magic, then the source's checksum (a pickle)
        path.write_bytes(jinja2.bccache.bc_magic + pickle.dumps(Planted(marker), 2))
    assert make_environment([templates], compiled=compiled).get_template("page.html").render() == "<p>42</p>"
    assert not marker.exists()


def test_a_link_in_place_of_the_compiled_templates_folder_is_replaced_never_followed(output, tmp_path):
    templates, compiled = _templates(tmp_path), cache_dir(output) / BYTECODE_DIR
    (tmp_path / "outside").mkdir()
    cache_dir(output).mkdir()
    compiled.symlink_to(tmp_path / "outside", target_is_directory=True)
    assert make_environment([templates], compiled=compiled).get_template("page.html").render() == "<p>42</p>"
    assert list((tmp_path / "outside").iterdir()) == []
    assert compiled.is_dir() and not compiled.is_symlink() and len(list(compiled.iterdir())) == 1


HOLDER = """
import sys
from pathlib import Path
from campaignsite.write.lock import output_lock
with output_lock(Path(sys.argv[1]), print):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_the_waiting_message_names_the_process_that_holds_the_lock(output):
    with output_lock(output, print):
        pass  # this process took the lock first and wrote its own number: the message must not name it
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(output)], cwd=REPO, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        said: list[str] = []
        with pytest.raises(SiteError) as waited, output_lock(output, said.append, wait_seconds=0.3):
            pass
        assert said == [f"waiting for the build of process {holder.pid} to finish… — let it finish, or stop it to "
                        "build at once"]
        assert str(waited.value) == (f"{output}: another build (process {holder.pid}) is still writing this folder "
                                     "after 0 s — wait for it to finish and build again, or stop it")
    finally:
        holder.communicate("", timeout=30)
    assert holder.returncode == 0 and os.getpid() != holder.pid
