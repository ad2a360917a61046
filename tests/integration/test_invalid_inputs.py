"""The corpus of author mistakes: every case in tests/fixtures/invalid/ gets its exact message.

Each case folder holds files that replace those of the reading-festival fixture, an optional
case.yaml (`exit:` status, files to `delete:`, `symlinks:` to make, `fifos:` (named pipes) to make
in place of files, a `fault:` to inject, see campaignsite/faults.py) and expected.txt, the exact
text the build prints on stderr. UPDATE_EXPECTED=1 rewrites expected.txt (review the diff!).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from tests.helpers import FIXTURES, run_build

CASES = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
CONTROL_FILES = {"case.yaml", "expected.txt"}


def prepare(case: Path, into: Path) -> tuple[Path, dict]:
    site = into / "site"
    shutil.copytree(FIXTURES / "reading-festival", site)
    for source in case.rglob("*"):
        relative = source.relative_to(case)
        if source.is_file() and relative.as_posix() not in CONTROL_FILES:
            (site / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, site / relative)
    meta = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8")) if (case / "case.yaml").exists() else {}
    for relative in meta.get("delete", []):
        (site / relative).unlink()
    for link, target in meta.get("symlinks", {}).items():
        (site / link).parent.mkdir(parents=True, exist_ok=True)
        (site / link).unlink(missing_ok=True)
        (site / link).symlink_to(target)
    for relative in meta.get("fifos", []):
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).unlink(missing_ok=True)
        os.mkfifo(site / relative)
    return site, meta


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_mistake_gets_its_exact_message(case, tmp_path):
    site, meta = prepare(case, tmp_path)
    output = tmp_path / "out"
    env = {**os.environ, "CAMPAIGNSITE_FAULT": meta["fault"]} if "fault" in meta else None
    result = run_build("build", "--site", str(site), "--output", str(output), env=env)
    expected_file = case / "expected.txt"
    if os.environ.get("UPDATE_EXPECTED"):
        expected_file.write_text(result.stderr, encoding="utf-8")
    assert result.stderr == expected_file.read_text(encoding="utf-8")
    assert result.returncode == meta.get("exit", 1)
    assert "Traceback" not in result.stderr
    if result.returncode:
        assert not output.exists()


def test_the_corpus_covers_the_cases_the_tool_promises():
    names = {c.name for c in CASES}
    assert len(names) >= 30
    assert all((c / "expected.txt").is_file() for c in CASES)


def test_a_python_tag_is_never_run(tmp_path):
    site, _ = prepare(FIXTURES / "invalid" / "python-tag", tmp_path)
    (site / "slogans.yaml").write_text(
        f"slogans: !!python/object/apply:os.system ['touch {tmp_path / 'pwned'}']\n", encoding="utf-8")
    assert run_build("build", "--site", str(site), "--output", str(tmp_path / "out")).returncode == 1
    assert not (tmp_path / "pwned").exists()


def test_debug_shows_the_traceback(tmp_path):
    site, _ = prepare(FIXTURES / "invalid" / "unknown-key", tmp_path)
    result = run_build("build", "--site", str(site), "--output", str(tmp_path / "out"), "--debug")
    assert result.returncode == 1 and "Traceback" in result.stderr and "SiteError" in result.stderr
