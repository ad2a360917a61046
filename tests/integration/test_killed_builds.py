"""A build killed at any moment (SIGKILL) leaves the old site or the new one, never a mix; a kill
inside the last step (the swap, or the moves of a committed update) is finished by the next run."""
from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from campaignsite.write import JOURNAL, old_dir, staging_dir
from tests.helpers import REPO, copy_fixture, run_build

TRIALS = 16


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_builds_killed_at_random_points_leave_a_whole_site(tmp_path):
    site = copy_fixture("reading-festival", tmp_path)
    output = site / "output"
    slogans = site / "slogans.yaml"
    texts = {"a": slogans.read_text(encoding="utf-8")}
    texts["b"] = texts["a"].replace("Good books for everyone", "Good books for all")
    versions = {}
    for name, text in texts.items():
        slogans.write_text(text, encoding="utf-8")
        assert run_build("build", "--site", str(site), "--output", str(tmp_path / name)).returncode == 0
        versions[name] = snapshot(tmp_path / name)
    assert versions["a"] != versions["b"]
    assert run_build("build", "--site", str(site)).returncode == 0  # output/ now holds b

    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    outcomes = {"old": 0, "new": 0, "mid-swap": 0, "mid-update": 0}
    for trial in range(TRIALS):
        old, new = ("b", "a") if trial % 2 == 0 else ("a", "b")
        slogans.write_text(texts[new], encoding="utf-8")
        process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "build", "--site", str(site)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.5))
        process.kill()
        process.wait()
        where = f"(seed {seed}, trial {trial})"
        if (staging_dir(output) / JOURNAL).exists():
            outcomes["mid-update"] += 1  # killed while moving committed files in: the next run finishes
        elif output.exists():
            state = snapshot(output)
            assert state in (versions[old], versions[new]), f"mixed site after kill {where}"
            outcomes["old" if state == versions[old] else "new"] += 1
        else:
            assert snapshot(old_dir(output)) == versions[old], f"the previous site was lost {where}"
            outcomes["mid-swap"] += 1
        assert run_build("build", "--site", str(site)).returncode == 0  # the next run recovers and completes
        assert snapshot(output) == versions[new]
        assert [p.name for p in site.iterdir() if p.name.startswith(".")] == [".output.cache"]
    print(f"killed builds (seed {seed}): {outcomes}")
