"""The search benchmark (issue 14 §3): the synthetic campaign built with and without its index, and the
index's recall measured in Node through Pagefind's own JavaScript API (bench/search_recall.mjs).

    python -m bench.search_bench [--activities 5000] [--sample 400] [--out bench/search_results.json]

Queries: every word jieba's search mode cuts from the Chinese titles of a sample of activities (2 to 4
characters), every English title word (letters only), and one word of each summary; each must find its
activity among the results. jieba is a dependency of this benchmark only (pip install jieba).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import REPO, activity, make_campaign

STOP = {"no", "on", "for", "of", "the", "a"}


def build(site: Path, output: Path, search: bool) -> float:
    shutil.rmtree(output, ignore_errors=True)
    command = [sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--output", str(output),
               "--today", "2008-09-15"] + ([] if search else ["--no-search"])
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def queries(count: int, sample: int) -> list[dict]:
    import jieba  # the benchmark's dependency, not the product's

    found = []
    for n in range(1, count + 1, max(1, count // sample)):
        item, slug = activity(n), f"activity-{n:05d}"
        zh_words = {w for w in jieba.cut_for_search(re.sub(r"（.*）", "", item["title"]["zh"])) if 2 <= len(w) <= 4}
        en_words = {w.lower() for w in re.findall(r"[A-Za-z]+", item["title"]["en"]) if w.lower() not in STOP}
        found += [{"lang": "zh-hans", "q": w, "want": f"/activities/{slug}/", "kind": "title"}
                  for w in sorted(zh_words)]
        found += [{"lang": "en", "q": w, "want": f"/en/activities/{slug}/", "kind": "title"}
                  for w in sorted(en_words)]
        found.append({"lang": "zh-hans", "q": "社区居民", "want": f"/activities/{slug}/", "kind": "summary"})
        found.append({"lang": "en", "q": "residents", "want": f"/en/activities/{slug}/", "kind": "summary"})
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "search_results.json")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="search-bench-"))
    site = make_campaign(work / "site", args.activities, layout="folder")
    without = build(site, work / "plain", search=False)
    with_index = build(site, work / "out", search=True)
    asked = queries(args.activities, args.sample)
    (work / "queries.json").write_text(json.dumps(asked, ensure_ascii=False), encoding="utf-8")
    ran = subprocess.run(["node", str(REPO / "bench" / "search_recall.mjs"), str(work / "out"),
                          str(work / "queries.json")], check=True, capture_output=True, text=True)
    recall = json.loads(ran.stdout)
    pages = sum(1 for _ in (work / "out").rglob("index.html"))
    index_bytes = sum(p.stat().st_size for p in (work / "out" / "pagefind").rglob("*") if p.is_file())
    result = {"activities": args.activities, "pages": pages, "build_without_search_s": round(without, 2),
              "build_with_search_s": round(with_index, 2),
              "index_share": round((with_index - without) / without, 3), "index_bytes": index_bytes, **recall}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "misses"}, ensure_ascii=False, indent=1))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
