"""The targets of issue 14 §4, checked against the rows of a bench/run.py run.

Takes: the rows (bench/steps.py's Row) and the wall time of `build.py --help`.
Gives: one record per target: its name, its label, the sizes it needs, its limit, its figure and whether it
is "met", "missed" or "not measured" (a size or step it needs was not run: never met by default).
"""
from __future__ import annotations

import statistics
from collections.abc import Iterable

from bench.steps import Row

CHECKED_AT = (5000, 20000)  # the full-vs-floor and search targets hold at each of these sizes
GROWTH_SIZES = (1000, 5000, 20000)
Found = tuple[float, str] | None  # a target's figure and how it was made, or None: not measured
Rows = dict[tuple[int, str], Row]


def target(name: str, label: str, sizes: Iterable[int], limit: float, found: Found) -> dict:
    record = {"name": name, "label": label, "activities": list(sizes), "limit": limit}
    if found is None:
        return record | {"value": None, "status": "not measured", "text": ""}
    value, text = found
    return record | {"value": round(value, 4), "status": "met" if value <= limit else "missed", "text": text}


def ratio(at: Rows, size: int, step: str, base: str, field: str) -> Found:
    """`step`'s figure (wall_s or cpu_s) over `base`'s at `size`."""
    if (size, step) not in at or (size, base) not in at:
        return None
    over, under = getattr(at[size, step], field), getattr(at[size, base], field)
    return over / under, f"{step} {over:.2f} s vs {base} {under:.2f} s"


def added(at: Rows, size: int, field: str) -> Found:
    """What the search index adds to the full build: (search − full) / full."""
    found = ratio(at, size, "search", "full", field)
    return None if found is None else (found[0] - 1, found[1])


def seconds(at: Rows, size: int, step: str, layout: str | None = None) -> Found:
    """`step`'s wall time at `size`; not measured when it ran in another layout than `layout`."""
    if (size, step) not in at or (layout and at[size, step].layout != layout):
        return None
    return at[size, step].wall_s, f"{step} {at[size, step].wall_s:.3f} s ({at[size, step].layout} layout)"


def peak(at: Rows, size: int) -> Found:
    """The largest peak RSS of the tool's steps at `size` (neither the floor, which is not the tool, nor search)."""
    steps = {step: row.peak_mib for (activities, step), row in at.items()
             if activities == size and step not in ("floor", "search")}
    if not steps:
        return None
    largest = max(steps, key=lambda step: steps[step])
    return steps[largest], f"{largest} {steps[largest]:.0f} MiB, the largest of {', '.join(steps)}"


def growth(at: Rows) -> Found:
    """The largest distance of the full build's CPU seconds per page at each size from their median."""
    if any((size, "full") not in at or not at[size, "full"].pages for size in GROWTH_SIZES):
        return None
    per_page = {size: at[size, "full"].cpu_s / (at[size, "full"].pages or 1) for size in GROWTH_SIZES}
    middle = statistics.median(per_page.values())
    spread = max(abs(value / middle - 1) for value in per_page.values())
    return spread, "CPU ms per page " + ", ".join(f"{size}: {value * 1000:.3f}" for size, value in per_page.items()) \
        + f" (median {middle * 1000:.3f})"


def check_targets(rows: list[Row], help_s: float, help_runs: int) -> list[dict]:
    at = {(row.activities, row.step): row for row in rows}
    checks = []
    for size in CHECKED_AT:
        checks += [
            target("full_vs_floor_wall", f"full ≤ 1.3× floor, wall, at {size}", [size], 1.3,
                   ratio(at, size, "full", "floor", "wall_s")),
            target("full_vs_floor_cpu", f"full ≤ 2× floor, CPU, at {size}", [size], 2.0,
                   ratio(at, size, "full", "floor", "cpu_s")),
            target("search_added_wall", f"search adds ≤ 25% to full, wall, at {size}", [size], 0.25,
                   added(at, size, "wall_s")),
            target("search_added_cpu", f"search adds ≤ 25% to full, CPU, at {size}", [size], 0.25,
                   added(at, size, "cpu_s")),
        ]
    return checks + [
        target("one_edit_s", "one-edit ≤ 0.5 s at 5000, folder layout", [5000], 0.5,
               seconds(at, 5000, "one-edit", "folder")),
        target("one_edit_s", "one-edit ≤ 1.5 s at 20000, folder layout", [20000], 1.5,
               seconds(at, 20000, "one-edit", "folder")),
        target("one_edit_file_s", "one-edit-file ≤ 1.5 s at 5000", [5000], 1.5, seconds(at, 5000, "one-edit-file")),
        target("no_change_s", "no-change ≤ 0.3 s at 5000", [5000], 0.3, seconds(at, 5000, "no-change")),
        target("import_s", "import ≤ 10 s at 20000", [20000], 10.0, seconds(at, 20000, "import")),
        target("peak_mib", "peak ≤ 600 MiB at 20000", [20000], 600.0, peak(at, 20000)),
        target("growth", "CPU per page of full within ±25% of its median", GROWTH_SIZES, 0.25, growth(at)),
        target("help_s", "build.py --help ≤ 0.3 s", [], 0.3,
               (help_s, f"build.py --help {help_s:.3f} s (median of {help_runs})")),
    ]


def search_added(rows: list[Row]) -> list[dict]:
    """At every size with both builds: what the search index adds to the full build, (search − full) / full."""
    at = {(row.activities, row.step): row for row in rows}
    sizes = sorted({activities for activities, step in at if step == "search" and (activities, "full") in at})
    return [{"activities": size, "wall": round(at[size, "search"].wall_s / at[size, "full"].wall_s - 1, 4),
             "cpu": round(at[size, "search"].cpu_s / at[size, "full"].cpu_s - 1, 4)} for size in sizes]


def describe_search(added: list[dict]) -> str:
    return "\n".join(f"Search index at {item['activities']} activities: adds {item['wall']:+.0%} wall, "
                     f"{item['cpu']:+.0%} CPU to the full build" for item in added)


def describe_targets(targets: list[dict]) -> str:
    lines = ["Targets (issue 14 §4):"]
    for item in targets:
        figure = "" if item["value"] is None else f"{item['value']:g}  ({item['text']})"
        lines.append(f"  {item['label']:<50} {item['status']:<13} {figure}".rstrip())
    return "\n".join(lines)
