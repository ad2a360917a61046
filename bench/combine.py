"""Several bench/run.py results files as one run, so that a long run split by --sizes or --steps is
checked against its targets as a whole.

Takes: the paths of results files (bench/run.py's JSON). Gives: their rows and skipped steps (a later
file's row of the same size and step replaces an earlier one's, a measured step replaces a skipped one),
their load averages by size, the median of their `build.py --help` times, and what each part was.
"""
from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path

from bench.steps import STEPS, Row, Skip

ORDER = {step: n for n, step in enumerate(STEPS)}


class CombineFailed(Exception):
    """A results file could not be read."""


@dataclass
class Combined:
    rows: list[Row]
    skips: list[Skip]
    loads: dict[int, dict]
    help_s: float
    parts: list[dict]


def read_part(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CombineFailed(f"{path}: cannot be read ({exc.__class__.__name__}: {exc})") from None
    if not isinstance(data, dict) or not {"rows", "help_wall_s"} <= data.keys():
        raise CombineFailed(f"{path}: not a results file of bench/run.py (no rows or help_wall_s)")
    return data


def combine(paths: list[Path]) -> Combined:
    rows: dict[tuple[int, str], Row] = {}
    skips: dict[tuple[int, str], Skip] = {}
    loads: dict[int, dict] = {}
    helps, parts = [], []
    for path in paths:
        data = read_part(path)
        try:
            for row in (Row(**found) for found in data["rows"]):
                rows[row.activities, row.step] = row
                skips.pop((row.activities, row.step), None)
            for skip in (Skip(**found) for found in data.get("skipped", [])):
                if (skip.activities, skip.step) not in rows:
                    skips[skip.activities, skip.step] = skip
        except TypeError as exc:
            raise CombineFailed(f"{path}: a row of another version of bench/run.py ({exc})") from None
        loads.update({int(size): load for size, load in data.get("load_average", {}).items()})
        helps.append(data["help_wall_s"])
        parts.append({"path": str(path), "date": data.get("date"), "sizes": data.get("sizes"),
                      "steps": data.get("steps"), "repeat": data.get("repeat"), "machine": data.get("machine")})
    return Combined(sorted(rows.values(), key=lambda row: (row.activities, ORDER.get(row.step, len(ORDER)))),
                    sorted(skips.values(), key=lambda skip: (skip.activities, ORDER.get(skip.step, len(ORDER)))),
                    dict(sorted(loads.items())), statistics.median(helps), parts)
