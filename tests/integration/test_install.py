"""The package as a user installs it: a wheel carrying the theme and the starter, whose command
works from any folder. The wheel is built here and installed into a fresh virtual environment
without reaching any network: its dependencies are lent from the test environment by a .pth file
(that environment does not hold campaignsite itself, so the command can only run the wheel's copy)."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from campaignsite.write.search import find_pagefind
from tests.helpers import REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `campaignsite` command of a fresh environment holding only the wheel."""
    work = tmp_path_factory.mktemp("install")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-q", "-w", str(work / "dist"), str(REPO)], check=True, capture_output=True, timeout=300)
    wheel = next((work / "dist").glob("campaignsite-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True, timeout=300)
    python = work / "venv" / "bin" / "python"
    site_packages = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                   check=True, capture_output=True, text=True).stdout.strip()
    (Path(site_packages) / "lent-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    return work / "venv" / "bin" / "campaignsite"


def run(command: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The installed command, with the Pagefind this clone's setup installed (an installed tool finds it on
    the PATH or by CAMPAIGNSITE_PAGEFIND)."""
    env = {**os.environ, "CAMPAIGNSITE_PAGEFIND": str(find_pagefind())}
    return subprocess.run([str(command), *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env)


def test_the_wheel_carries_the_theme_and_the_starter_as_package_data(installed):
    wheel = next((installed.parents[2] / "dist").glob("campaignsite-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = {"campaignsite/_theme/" + p.relative_to(REPO).as_posix() for folder in ("templates", "assets")
             for p in (REPO / folder).rglob("*") if p.is_file()}
    starter = {"campaignsite/" + p.relative_to(REPO / "campaignsite").as_posix()
               for p in (REPO / "campaignsite" / "starter").rglob("*") if p.is_file()}
    assert "campaignsite/_theme/templates/strings.yaml" in theme and starter
    assert theme | starter <= names
    assert not (REPO / "campaignsite" / "_theme").exists()  # no second copy of the theme is committed


def test_the_installed_command_inits_builds_and_checks_a_campaign_from_another_folder(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    version = run(installed, "--version", cwd=elsewhere)
    assert version.returncode == 0 and version.stdout.startswith("campaignsite ")
    created = run(installed, "init", "my-campaign", cwd=elsewhere)
    assert created.returncode == 0, created.stderr
    assert "campaignsite serve --site my-campaign" in created.stdout
    built = run(installed, "build", "--site", "my-campaign", "--today", "2026-11-29", cwd=elsewhere)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Built 32 pages (16 zh, 16 en)")
    assert (elsewhere / "my-campaign" / "output" / "en" / "index.html").is_file()
    checked = run(installed, "check", "--site", "my-campaign", cwd=elsewhere)
    assert checked.returncode == 0 and checked.stdout.startswith("check: 0 errors, 0 warnings")


def test_the_installed_command_uses_the_wheels_theme_and_builds_the_current_folder_by_default(installed, tmp_path):
    assert run(installed, "init", "site", cwd=tmp_path).returncode == 0
    built = run(installed, "--today", "2026-11-29", cwd=tmp_path / "site")
    assert built.returncode == 0, built.stderr
    where = subprocess.run([str(installed.parent / "python"), "-c",
                            "from campaignsite.load import THEME_DIR; print(THEME_DIR)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    assert where.endswith("site-packages/campaignsite/_theme")
    clone = tmp_path / "from-clone"
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--site", str(tmp_path / "site"),
                             "--output", str(clone), "--today", "2026-11-29"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert _tree(tmp_path / "site" / "output") == _tree(clone)  # the wheel's theme is the repository's


@pytest.mark.parametrize("command", ["build", "check", "serve", "init", "translations"])
def test_every_installed_command_has_help(installed, tmp_path, command):
    result = run(installed, command, "--help", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith(f"usage: campaignsite {command}")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
