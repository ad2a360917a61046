"""Every document of a campaign, read: its data files, its content pages and the UI strings.

Takes: the campaign folder, the theme folder, whether to read exactly (with every position) or
quickly, and the quick readings kept from earlier builds (`ReadingCache`).
Gives: `Sources` (the `YamlDoc`s and `MarkdownDoc`s, those of content/news/ apart, no meaning yet; the record
translations.lock), or
`SiteError` naming every file that cannot be read, and every file the rule of `load.files` refuses: the templates (read
later, by Jinja) are checked here too, so that a wrong one is reported with the rest.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem, ProblemLog
from .files import Within, check_file, list_files, missing, read_text, within
from .frontmatter import MarkdownDoc, load_markdown
from .listitems import known_items, quick_list
from .lockfile import LOCK_FILE, Entry, read_record
from .theme import STRINGS_FILE
from .yamldoc import YamlDoc, load_yaml, parse_yaml

ACTIVITIES_DIR = "activities"
NEWS_DIR = "content/news/"  # the news posts' folder: its Markdown files are posts, not pages


@dataclass(frozen=True)
class Sources:
    """Every document of a campaign, as loaded."""

    campaign: YamlDoc
    activities: YamlDoc | None  # activities.yaml, or None when there is none (the activities are in the folder)
    slogans: YamlDoc | None
    pages: tuple[MarkdownDoc, ...]
    strings: tuple[YamlDoc, ...]  # the theme's table first, then the site's overrides
    activity_files: tuple[YamlDoc, ...] = ()  # activities/*.yaml, one each, in file-name order (after the file's)
    content_files: tuple[str, ...] = ()  # the other files under content/ (images/x.jpg), for links to them
    record: dict[str, Entry] | None = None  # translations.lock; None when the campaign has none
    news: tuple[MarkdownDoc, ...] = ()  # content/news/*.md, the news posts (not pages)


class ReadingCache:
    """Quick readings of data files kept from one build to the next (in the tool's cache folder),
    each under its file's size, modification time and inode: a campaign keeping thousands of
    activities one file each re-reads only the files that changed. `dirty` says there are new ones
    for the write stage to keep."""

    def __init__(self, entries: dict[str, tuple[Any, ...]] | None = None) -> None:
        self.entries = entries if entries is not None else {}  # file -> (stamp, data, item stamps)
        self.dirty = False

    def load_yaml(self, path: Path, display: str) -> tuple[YamlDoc | None, list[Problem]]:
        try:
            info = path.stat()
        except OSError:
            return load_yaml(path, display, exact=False)
        key = (info.st_size, info.st_mtime_ns, info.st_ino)
        known = self.entries.get(display)
        if known is not None and len(known) == 3 and known[0] == key:
            return YamlDoc(display, known[1], exact=False, stamp=key, item_stamps=known[2]), []
        text, problems = read_text(path, display)
        if text is None:
            return None, problems
        doc = quick_list(text, display, known_items(known[1], known[2]) if known and len(known) == 3 else None)
        if doc is None:
            return parse_yaml(text, display)
        doc.stamp = key
        self.entries[display] = (key, doc.data, doc.item_stamps)
        self.dirty = True
        return doc, []


class _Reader:
    """Reads one campaign's files, collecting every problem."""

    def __init__(self, site_dir: Path, roots: Within, exact: bool, cache: ReadingCache | None) -> None:
        self.site_dir = site_dir
        self.roots = roots
        self.exact = exact
        self.cache = cache
        self.log = ProblemLog()

    def yaml(self, path: Path, display: str, required: bool = True, listed: bool = False) -> YamlDoc | None:
        """The data file at `path`; one a folder's listing gave has been checked there."""
        if not listed:
            info, problem = check_file(path, display, self.roots)
            if problem is not None or (info is None and required):
                self.log.add(problem or missing(display))
            if info is None:
                return None
        if self.cache is not None and not self.exact:
            doc, problems = self.cache.load_yaml(path, display)
        else:
            doc, problems = load_yaml(path, display, self.exact)
        self.log.extend(problems)
        return doc

    def activity_files(self) -> list[YamlDoc | None]:
        files, problems = list_files(self.site_dir / ACTIVITIES_DIR, ACTIVITIES_DIR, self.roots)
        self.log.extend(problems)
        return [self.yaml(path, self._display(path), listed=True) for path in files if path.suffix in (".yaml", ".yml")]

    def _display(self, path: Path) -> str:
        """`path` from the campaign folder, written with /; by its text when it starts with the folder's (as the
        listing makes them: thousands of Path.relative_to calls cost a tenth of a second)."""
        text, prefix = str(path), os.path.join(self.site_dir, "")
        if text.startswith(prefix) and os.sep == "/":
            return text[len(prefix):]
        return path.relative_to(self.site_dir).as_posix()

    def pages(self) -> tuple[list[MarkdownDoc], list[str]]:
        """The Markdown pages of content/, and the names of its other files (below content/)."""
        content_files, problems = list_files(self.site_dir / "content", "content", self.roots)
        self.log.extend(problems)
        pages, others = [], []
        for path in content_files:
            if path.suffix == ".md":
                doc, problems = load_markdown(path, path.relative_to(self.site_dir).as_posix())
                self.log.extend(problems)
                if doc:
                    pages.append(doc)  # the news posts among them are told apart by `load_sources`
            else:
                others.append(path.relative_to(self.site_dir / "content").as_posix())
        return pages, others

    def templates(self, folders: list[Path]) -> None:
        """Only checked: Jinja reads them, when a page needs one (and its loader keeps the rule too)."""
        for folder in folders:
            self.log.extend(list_files(folder, "templates", self.roots)[1])


def load_sources(site_dir: Path, theme_dir: Path, exact: bool = True, cache: ReadingCache | None = None) -> Sources:
    """Read every input file; raise `SiteError` with every file that cannot be read."""
    read = _Reader(site_dir, within(site_dir, theme_dir), exact, cache)
    campaign = read.yaml(site_dir / "campaign.yaml", "campaign.yaml")
    folder = site_dir / ACTIVITIES_DIR
    in_folder = folder.is_dir() or folder.is_symlink()  # a link that breaks the rule is reported by the listing
    activity_files = read.activity_files() if in_folder else []
    # the notice's activities in the file and the imported ones in the folder may go together
    has_file = not in_folder or (site_dir / "activities.yaml").exists() or (site_dir / "activities.yaml").is_symlink()
    activities = read.yaml(site_dir / "activities.yaml", "activities.yaml") if has_file else None
    slogans = read.yaml(site_dir / "slogans.yaml", "slogans.yaml", required=False)
    strings = [read.yaml(theme_dir / STRINGS_FILE, STRINGS_FILE)]
    template_folders = [theme_dir / "templates"]
    if site_dir.resolve() != theme_dir.resolve():
        strings.append(read.yaml(site_dir / STRINGS_FILE, STRINGS_FILE, required=False))
        template_folders.insert(0, site_dir / "templates")
    docs, content_files = read.pages()
    read.templates(template_folders)
    record, problems = read_record(site_dir / LOCK_FILE)
    read.log.extend(problems)
    read.log.raise_if_errors()
    assert campaign is not None  # a missing campaign.yaml is an error raised just above
    pages = tuple(doc for doc in docs if not doc.file.startswith(NEWS_DIR))
    return Sources(campaign, activities, slogans, pages, tuple(s for s in strings if s is not None),
                   tuple(doc for doc in activity_files if doc is not None), tuple(content_files), record=record,
                   news=tuple(doc for doc in docs if doc.file.startswith(NEWS_DIR)))
