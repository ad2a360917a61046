"""The README's layout is the package's: every module and folder is listed where it is, and
everything listed exists."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def listed_paths() -> set[str]:
    """The paths the layout block names, nested by its indentation (two spaces a level)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("## Layout of the repository\n", 1)[1].split("```\n", 2)[1]
    paths, parents = set(), []
    for line in block.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        name = line.split()[0]
        parents = parents[:depth]
        path = "".join(parents) + name
        paths.add(path.rstrip("/"))
        if name.endswith("/"):
            parents.append(name)
    return paths


def test_every_module_and_folder_of_the_package_is_in_the_readme():
    package = REPO / "campaignsite"
    actual = {p.relative_to(REPO).as_posix() for p in package.rglob("*.py") if p.name not in ("__init__.py",
                                                                                                "__main__.py")}
    actual |= {p.relative_to(REPO).as_posix() for p in package.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert actual - listed_paths() == set(), "describe them in the README's layout"


def test_everything_the_readme_lists_exists():
    assert sorted(path for path in listed_paths() if not (REPO / path).exists()) == []
