"""Two translators' files imported at once into one campaign: the second waits for the first (the campaign's lock
covers the whole read, plan and write), both translators' English ends up in the files, each command's summary is
true, and no temporary file is left; an import killed between its renames leaves a temporary file that the next
command clears."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from translate.storage import po

from campaignsite.faults import VARIABLE
from campaignsite.translations.record import CURRENT
from campaignsite.translations.status import load_translations
from tests.helpers import REPO, copy_fixture, run_build

TRIALS = 20
FAIR, TALKS = "activities.yaml:activities[book-fair].title", "activities.yaml:activities[author-talks].title"
ENGLISH = {FAIR: "The Spring Book Fair", TALKS: "Meet the Authors"}
WRITTEN = (REPO / "activities.yaml").name, "translations.lock"


def campaign(tmp_path: Path) -> Path:
    """The festival with two titles' Chinese changed and their English missing, both in one file: the two
    translators' share (each import writes that file and the record)."""
    site = copy_fixture("reading-festival", tmp_path)
    assert run_build("translations", "accept", "--site", str(site)).returncode == 0
    text = (site / "activities.yaml").read_text(encoding="utf-8")
    for title, new in (("{zh: 春季书市, en: Spring Book Fair}", "{zh: 春季大书市}"),
                       ("{zh: 作家讲座, en: Author Talks}", "{zh: 作家见面会}")):
        assert title in text
        text = text.replace(title, new)
    (site / "activities.yaml").write_text(text, encoding="utf-8")
    return site


def translator_files(site: Path) -> dict[str, Path]:
    """One export of the missing English, translated by two translators: each fills in one unit of it."""
    exported = site.parent / "missing.po"
    assert run_build("translations", "export", "--format", "po", "--output", str(exported),
                     "--site", str(site)).returncode == 0
    files = {}
    for key, english in ENGLISH.items():
        store = po.pofile.parsestring(exported.read_bytes())
        assert sorted(unit.getcontext() for unit in store.units if not unit.isheader()) == sorted(ENGLISH)
        next(unit for unit in store.units if unit.getcontext() == key).target = english
        files[key] = site.parent / f"{key.split('[')[1].split(']')[0]}.po"
        files[key].write_bytes(bytes(store))
    return files


def importing(site: Path, sent: Path, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(REPO / "build.py"), "translations", "import", str(sent), "--site",
                             str(site)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def summary(sent: Path, other: str) -> str:
    return (f"{sent}: {other}: skipped — the English is empty\n"
            "import: 1 unit recorded as current, 1 English text written in 1 file, 1 skipped; translations.lock "
            "written\n")


def temporaries(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.name.endswith(".tmp"))


def test_two_imports_at_once_both_land_each_summary_true_and_no_temporary_left(tmp_path):
    site = campaign(tmp_path)
    files = translator_files(site)
    start = {name: (site / name).read_bytes() for name in WRITTEN}
    for trial in range(TRIALS):
        for name, data in start.items():
            (site / name).write_bytes(data)
        running = {key: importing(site, sent) for key, sent in files.items()}
        for key, process in running.items():
            out, err = process.communicate(timeout=60)
            assert process.returncode == 0 and "Traceback" not in err, (trial, err)
            other = next(name for name in ENGLISH if name != key)
            assert out == summary(files[key], other), trial
        made = load_translations(site)
        assert {key: (made.by_id[key].en, made.statuses[key]) for key in ENGLISH} == {
            key: (english, CURRENT) for key, english in ENGLISH.items()}, trial
        assert temporaries(site) == [], trial


def test_an_import_killed_between_its_renames_leaves_no_temporary_after_the_next_command(tmp_path):
    site = campaign(tmp_path)
    files = translator_files(site)
    killed = importing(site, files[FAIR], env={**os.environ, VARIABLE: "between-source-renames"})
    killed.communicate(timeout=60)
    assert killed.returncode == -9
    assert len(temporaries(site)) == 1  # the second file's, never renamed
    process = importing(site, files[TALKS])
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert out == summary(files[TALKS], FAIR)
    assert temporaries(site) == []
    made = load_translations(site)
    assert made.by_id[TALKS].en == ENGLISH[TALKS] and made.statuses[TALKS] == CURRENT
