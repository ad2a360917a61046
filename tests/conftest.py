"""Fixtures shared by every test: built sites, made once per session where they are only read."""
from __future__ import annotations

from pathlib import Path

import pytest

from campaignsite.pipeline import BuildOptions, build
from tests.helpers import FIXTURES, REPO


@pytest.fixture(scope="session")
def default_site(tmp_path_factory) -> Path:
    """The repository's own campaign, built once into a temporary folder."""
    output = tmp_path_factory.mktemp("default") / "output"
    build(BuildOptions(REPO, output))
    return output


@pytest.fixture(scope="session")
def festival_site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("festival") / "output"
    build(BuildOptions(FIXTURES / "reading-festival", output))
    return output
