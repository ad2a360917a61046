"""The search benchmark (issue 14 §3): the synthetic campaign built with and without its index, and the
index's recall measured in Node through Pagefind's own JavaScript API (bench/search_recall.mjs).

    python -m bench.search_bench [--activities 5000] [--sample 400] [--out bench/search_results.json]

Queries: every word jieba's search mode cuts from the Chinese titles of a sample of activities (2 to 4
characters), every English title word (letters only), and one word of each summary; each must find its
activity among the results. Full builds (medians of --repeat, wall and CPU, Pagefind's CPU included) with and
without the index; in Chromium, the bytes of the first query and the time from the last keystroke to results.
jieba is a dependency of this benchmark only (pip install jieba).
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.measure import clear_output
from bench.synthetic import REPO, activity, make_campaign

STOP = {"no", "on", "for", "of", "the", "a"}


def build(site: Path, output: Path, search: bool) -> tuple[float, float]:
    """A full build into an empty folder: (wall seconds, CPU seconds of the build and of Pagefind)."""
    clear_output(output)
    command = [sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--output", str(output),
               "--today", "2008-09-15"] + ([] if search else ["--no-search"])
    before, started = _children_cpu(), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started, _children_cpu() - before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_build(site: Path, output: Path, search: bool, repeat: int) -> dict[str, float]:
    runs = [build(site, output, search) for _ in range(repeat)]
    return {"wall_s": round(statistics.median(r[0] for r in runs), 2),
            "cpu_s": round(statistics.median(r[1] for r in runs), 2)}


def _count(sizes: list[int], response) -> None:
    sizes.append(len(response.body()) if response.ok else 0)


def in_browser(output: Path) -> dict[str, object]:
    """The search page in Chromium, served on 127.0.0.1: bytes fetched until the first query's results are
    shown (the page and everything it loads), and the time from the last keystroke to the results, per query."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    found: dict[str, object] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            asked = (("search/", ["城东", "银发族", "讲座", "杭州"]), ("en/search/", ["workshop", "Shenzhen"]))
            for path, queries in asked:
                page = browser.new_page()
                sizes: list[int] = []
                page.on("response", functools.partial(_count, sizes))
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
                page.wait_for_selector("form[role=search]:not([hidden])")
                times = []
                for query in queries:
                    page.evaluate("() => { document.querySelector('.search-count').textContent = ''; }")
                    page.fill("#search-query", query)
                    started = time.perf_counter()
                    page.wait_for_function("() => document.querySelector('.search-count').textContent !== ''",
                                           polling="raf")
                    times.append(round((time.perf_counter() - started) * 1000))
                    page.wait_for_timeout(300)
                    if len(times) == 1:
                        found[f"{path}first_query_bytes"] = sum(sizes)
                found[f"{path}ms_after_typing_stops"] = times
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return found


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
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--browser-only", type=Path, metavar="OUTPUT",
                        help="only the browser's figures, on a site already built with its index")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "search_results.json")
    args = parser.parse_args()
    if args.browser_only:
        print(json.dumps(in_browser(args.browser_only), indent=1))
        return
    work = Path(tempfile.mkdtemp(prefix="search-bench-"))
    site = make_campaign(work / "site", args.activities, layout="folder")
    without = median_build(site, work / "plain", False, args.repeat)
    with_index = median_build(site, work / "out", True, args.repeat)
    asked = queries(args.activities, args.sample)
    (work / "queries.json").write_text(json.dumps(asked, ensure_ascii=False), encoding="utf-8")
    ran = subprocess.run(["node", str(REPO / "bench" / "search_recall.mjs"), str(work / "out"),
                          str(work / "queries.json")], check=True, capture_output=True, text=True)
    recall = json.loads(ran.stdout)
    pages = sum(1 for _ in (work / "out").rglob("index.html"))
    index_bytes = sum(p.stat().st_size for p in (work / "out" / "pagefind").rglob("*") if p.is_file())
    result = {"activities": args.activities, "pages": pages, "build_without_search": without,
              "build_with_search": with_index,
              "index_share_wall": round((with_index["wall_s"] - without["wall_s"]) / without["wall_s"], 3),
              "index_share_cpu": round((with_index["cpu_s"] - without["cpu_s"]) / without["cpu_s"], 3),
              "index_bytes": index_bytes, "browser": in_browser(work / "out"), **recall}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "misses"}, ensure_ascii=False, indent=1))
    print(f"built site kept in {work / 'out'} (for --browser-only)", file=sys.stderr)


if __name__ == "__main__":
    main()
