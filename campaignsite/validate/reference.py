"""The author's reference of every data file (docs/data-files.md), made from the schema.

Takes: the schema's declarations (`validate.schema`).
Gives: the reference as Markdown; `python -m campaignsite.validate.reference > docs/data-files.md`
writes it, and a test keeps the committed copy in step.
"""
from __future__ import annotations

from .schema import BLOCKS

_FILES = ("campaign.yaml", "activities.yaml", "slogans.yaml", "front matter")
_INTRO = {
    "campaign.yaml": "The campaign: who runs it, what it is about, when, and the website's settings.",
    "activities.yaml": "The activities, one entry each, in the order of the notice. A campaign with many "
                       "activities may instead keep them one file each in a folder `activities/` (not both): each "
                       "file holds the keys of one entry (`slug:`, `title:`, …) at the top level, and the files' "
                       "names give the order (`activities/0010-opening.yaml`).",
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
            required = "yes" if spec.required else "no"
            lines.append(f"| `{spec.name}` | {required} | {spec.kind.describe()} | {spec.doc} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(reference_markdown(), end="")
