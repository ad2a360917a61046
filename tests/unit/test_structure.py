"""The package's sizes stay readable: no module over 400 lines, no function over 40 lines unless
the line above it says why it must be longer (`# longer than 40 lines: …`)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "campaignsite"
MODULE_LINES, FUNCTION_LINES = 400, 40
WHY = "# longer than 40 lines:"


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_400_lines():
    long = {p.relative_to(PACKAGE).as_posix(): n for p in modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MODULE_LINES}
    assert long == {}


def test_no_function_is_over_40_lines_unless_it_says_why():
    long = []
    for path in modules():
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                if length > FUNCTION_LINES and not lines[first - 2].strip().startswith(WHY):
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


def test_every_module_says_what_it_takes_and_gives():
    silent = [p.relative_to(PACKAGE).as_posix() for p in modules()
              if p.name != "__main__.py" and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert silent == []
