"""The checks the browser tests apply to every page: each returns a list of failures (empty = pass).

They take a Playwright page already loaded (or a folder of built files), so the same check runs
on the real site and on pages broken on purpose, proving that each gate can fail.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[2]
TOOLS = REPO / ".tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = TOOLS / "lighthouse" / "cli" / "index.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LOCAL_HOSTS = {"127.0.0.1"}


class PageWatch:
    """Console errors, failed requests, requests to other hosts and bytes transferred, for one page load."""

    def __init__(self, page) -> None:
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.responses = []
        page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("requestfailed", lambda request: self.failed.append(f"{request.url} ({request.failure})"))
        page.on("request", self._request)
        page.on("response", lambda response: self.responses.append(response))

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "about", "file") and parts.hostname not in LOCAL_HOSTS:
            self.foreign.append(request.url)

    def load_failures(self) -> list[str]:
        bad_status = [f"{r.url} answered {r.status}" for r in self.responses if r.status >= 400]
        return ([f"console: {text}" for text in self.console_errors] + [f"failed: {f}" for f in self.failed]
                + [f"other host: {url}" for url in self.foreign] + bad_status)

    def transferred(self) -> int:
        total = 0
        for response in self.responses:
            try:
                total += len(response.body())
            except Exception:  # a redirect has no body
                pass
        return total


def keep_on_this_machine(context) -> None:
    """Abort any request for another host before it leaves (PageWatch still records it as a failure)."""
    def route(route):
        parts = urlsplit(route.request.url)
        if parts.scheme == "file" or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            route.abort()
    context.route("**/*", route)


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]]


def horizontal_overflow(page) -> list[str]:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    return [f"the page is {widths[0]} px wide in a {widths[1]} px window"] if widths[0] > widths[1] else []


SMALL_TEXT_JS = """
() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const element = node.parentElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    if (style.visibility === 'hidden' || style.display === 'none' || box.width <= 1 || box.height <= 1) continue;
    const size = parseFloat(style.fontSize);
    if (size < 16) small.push(`${element.tagName.toLowerCase()}.${element.className}: ${size}px "${node.textContent.trim().slice(0, 30)}"`);
  }
  return small;
}
"""


def small_text(page) -> list[str]:
    return page.evaluate(SMALL_TEXT_JS)


TARGETS_JS = """
() => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea')) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || box.width <= 1 || box.height <= 1) continue;
    // WCAG 2.5.8 exempts targets in a sentence or block of text
    const parentText = (el.parentElement.innerText || '').trim();
    const ownText = (el.innerText || '').trim();
    const inline = style.display === 'inline' && parentText.length > ownText.length + 1;
    if (inline) continue;
    if (box.width < 24 || box.height < 24) small.push(`${el.outerHTML.slice(0, 60)} is ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  return small;
}
"""


def small_targets(page) -> list[str]:
    return page.evaluate(TARGETS_JS)


FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  return {html: el.outerHTML.slice(0, 80), href: el.getAttribute('href'), index: el.dataset.gateIndex, visible};
}
"""

# what Tab must reach: controls, and the boxes given tabindex="0" so that a keyboard can scroll them
MARK_FOCUSABLE_JS = """
() => {
  const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex="0"]')];
  all.forEach((el, i) => { el.dataset.gateIndex = String(i); });
  // what a closed <details> holds is not shown (Chromium still gives it a box): only its summary is reached
  const folded = el => { const d = el.closest('details:not([open])'); return d && el.parentElement !== d; };
  return all.filter(el => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0
                            && getComputedStyle(el).visibility !== 'hidden' && !folded(el); }).length;
}
"""


def keyboard_failures(page) -> list[str]:
    """Tab from the top: the skip link comes first and works; every control is reached, visibly focused."""
    failures = []
    visible_controls = page.evaluate(MARK_FOCUSABLE_JS)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_JS)
    if not first or first["href"] != "#main":
        failures.append(f"the first tab stop is {first and first['html']}, not the skip link")
    seen = set()
    current = first
    while current is not None and current["index"] not in seen and len(seen) < 500:
        seen.add(current["index"])
        if not current["visible"]:
            failures.append(f"no visible focus on {current['html']}")
        page.keyboard.press("Tab")
        current = page.evaluate(FOCUS_JS)
    if len(seen) < visible_controls:
        failures.append(f"only {len(seen)} of {visible_controls} controls were reached with Tab")
    if failures and failures[0].startswith("the first tab stop"):
        return failures  # Enter would follow whatever link came first
    page.reload()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    landed = page.evaluate("() => [location.hash, document.activeElement && document.activeElement.id]")
    if landed != ["#main", "main"]:
        failures.append(f"the skip link led to {landed}, not to the main content")
    return failures


def nu_errors(folder: Path) -> list[str]:
    """The Nu HTML checker over every page of a folder, in one run."""
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                             str(folder)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url', '').split('/')[-2:]}:{m.get('lastLine')}: {m['message']}" for m in messages]


def lighthouse_scores(url: str, report: Path) -> dict[str, float]:
    env = {"CHROME_PATH": "/usr/bin/chromium", "PATH": "/usr/bin:/bin", "HOME": str(report.parent)}
    subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                    "--only-categories=performance,accessibility,best-practices,seo",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                    "--disable-component-update --disable-sync --no-first-run"],
                   check=True, timeout=180, env=env, capture_output=True)
    data = json.loads(report.read_text(encoding="utf-8"))
    return {name: category["score"] for name, category in data["categories"].items()}
