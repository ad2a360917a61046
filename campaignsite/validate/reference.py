"""The author's reference of every data file (docs/data-files.md), made from the schema.

Takes: the schema's declarations (`validate.schema`) and the limits of text (`validate.common`).
Gives: the reference as Markdown; `python -m campaignsite.validate.reference > docs/data-files.md`
writes it, and a test keeps the committed copy in step.
"""
from __future__ import annotations

from ..load.yamldoc import MAX_FILE_TEXT
from .common import (
    MAX_BRACKET_DEPTH,
    MAX_FAR_BRACKETS,
    MAX_FOOTNOTE_REFERENCES,
    MAX_LINES,
    MAX_LIST_DEPTH,
    MAX_MARKDOWN,
    MAX_PARAGRAPH,
    MAX_PARAGRAPH_LINES,
    MAX_QUOTE_DEPTH,
    MAX_TEXT,
)
from .schema import BLOCKS

_FILES = ("campaign.yaml", "activities.yaml", "slogans.yaml", "front matter")
_INTRO = {
    "campaign.yaml": "The campaign: who runs it, what it is about, when, and the website's settings.",
    "activities.yaml": "The activities, one entry each, in the order of the notice. A campaign with many "
                       "activities may also keep them one file each in a folder `activities/` (the file's first, "
                       "then the folder's): each file holds the keys of one entry (`slug:`, `title:`, …) at the top "
                       "level, and the files' names give the order (`activities/0010-opening.yaml`); "
                       "`import` writes there.",
    "slogans.yaml": "The slogans, in order. The file may be left out: the site then has no gallery.",
    "front matter": "The block between the two `---` lines at the top of `content/NAME.zh.md` and "
                    "`content/NAME.en.md` (each file holds one language).",
}


def reference_markdown() -> str:
    """The author's reference of every data file, made from the declarations above."""
    lines = ["# Data files: the reference", "",
             "Generated from `campaignsite/validate/schema.py` by `python -m campaignsite.validate.reference`; "
             "a test keeps it in step.",
             "Any key not listed here is an error (with a suggestion when it looks like a typo).", ""]
    order = list(_FILES) + [name for name in BLOCKS if name not in _FILES]
    for name in order:
        lines += [f"## {name}" if name in _FILES else f"### {name}", ""]
        if name in _INTRO:
            lines += [_INTRO[name], ""]
        lines += ["| key | required | kind | what it holds |", "|---|---|---|---|"]
        for spec in BLOCKS[name]:
            required = "yes" if spec.required else f"when {spec.required_when}" if spec.required_when else "no"
            lines.append(f"| `{spec.name}` | {required} | {spec.kind.describe()} | {spec.doc} |")
        lines.append("")
    return "\n".join(lines + _links() + _limits())


def _links() -> list[str]:
    """How Markdown links to the site's own pages (`sitepaths`)."""
    return [
        "## Links between pages", "",
        "In Markdown (an activity's `body`, a content page's text), a page of the site is named by its path, without "
        "the base URL: the build adds the base URL's path (`/zt/reading-2024/schedule/`), or makes the link relative "
        "with `--relative-urls`, so it works under any `--base-url` and in the preview.", "",
        "| path | leads to |", "|---|---|",
        "| `/` | the home page |",
        "| `/schedule/`, `/schedule/archive/`, `/schedule/YYYY-MM-DD/` | the schedule from the build date, what has "
        "ended, a day's activities (a later page such as `/schedule/page/2/` holds other days as the build date "
        "moves: a link to one the build no longer makes leads to `/schedule/`, with a warning) |",
        "| `/activities/SLUG/` | an activity's page |",
        "| `/slogans/`, `/slogans/#SLUG`, `/slogans/SLUG/` | the slogans, one slogan, its poster |",
        "| `/notice/`, `/notice/#activity-SLUG` | the notice, an activity in it |",
        "| `/requirements/`, `/requirements/#SLUG` | the requirements, one of them |",
        "| `/NAME/` | the page of `content/NAME.zh.md` and `content/NAME.en.md` |",
        "| `/images/FILE`, `/files/FILE` | the file `content/images/FILE`, `content/files/FILE` (published as it is) |",
        "",
        "Without a language a path leads to the page in the language of the text's page; `/en/…` leads to the "
        "English page and `/zh/…` to the Chinese one. An `#anchor` is one the data makes (above) or an id the "
        "target page's Markdown gives (`## Tickets {#tickets}`); `#tickets` alone is on the text's own page. A query "
        "(`?view=list`) is kept. External addresses (`https:`, `mailto:`) are left as they are.", "",
        "`check` and `build` refuse, at the line and column of the Markdown, a link to a page, file or anchor that "
        "does not exist, and a relative link (`../schedule/`), saying which path to write. Links in code are not "
        "links.", ""]


def _limits() -> list[str]:
    """The limits every text is held to, and those of Markdown (which Python-Markdown's speed sets)."""
    return [
        "## Limits of text", "",
        f"A text is at most {MAX_TEXT:,} characters long, Markdown at most {MAX_MARKDOWN:,}. No text holds a "
        "control character (a tab and line ends only), whether typed or written as an escape such as `\\0` or "
        f"`\\e`. A data file holds at most {MAX_FILE_TEXT // 2**20} MiB of text, counting each alias (`*name`) "
        "as the text it repeats.", "",
        "## Limits of Markdown", "",
        "Markdown (an activity's `body`, a content page's text below its front matter) is converted by "
        "Python-Markdown, whose time grows faster than the text in places. So that any text converts in about two "
        "seconds at most, the build refuses, at its line and column, Markdown that goes beyond these limits:", "",
        f"- at most {MAX_LINES:,} lines;",
        f"- a paragraph (lines without a blank line between them, a table too) of at most {MAX_PARAGRAPH_LINES} "
        f"lines and {MAX_PARAGRAPH:,} characters;",
        f"- quotes (`>`) nested at most {MAX_QUOTE_DEPTH} deep, lists at most {MAX_LIST_DEPTH} deep (four spaces "
        "of indent are a level);",
        f"- brackets `[` nested at most {MAX_BRACKET_DEPTH} deep on a line, and at most {MAX_FAR_BRACKETS} `[` or "
        "`](` in a paragraph that close on a later line, or never, or whose `[ … ]` holds a code span (write `\\[` "
        "for a bracket that is no link);",
        "- an HTML tag ends (`>`) on the line where it begins, before another `<` (write `&lt;` for a `<` that "
        "begins no tag); no `markdown=\"1\"` (Markdown inside HTML);",
        f"- at most {MAX_FOOTNOTE_REFERENCES} references to footnotes (`[^name]`).", ""]


if __name__ == "__main__":
    print(reference_markdown(), end="")
