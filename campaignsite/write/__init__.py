"""The write stage, the only one that writes: the site, its manifest and the tool's caches.

Takes: the output folder, the rendered files, the assets and the record of the previous build.
Gives: the new site at the output path (or the old one untouched) and the record of every file
written; see `write.site` for how a reader, and a build killed at any moment, sees the old site or the new
one, never a mix.
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from ..errors import SiteError
from ..load import Previous, Record
from ..render import Progress, RenderedSite
from .journal import JOURNAL, Journal, old_dir, recover, staging_dir, write_problem
from .lock import output_lock
from .records import clear_temporaries, confirm_manifest, save_cache, save_manifest
from .releases import RELEASES, releases_dir
from .search import SearchIndex, find_pagefind
from .site import MARKER_TEXT, Staging, Update, check_location, open_writer

__all__ = ["JOURNAL", "MARKER_TEXT", "RELEASES", "Journal", "SearchIndex", "Staging", "Update", "check_location",
           "clear_temporaries", "confirm_manifest", "find_pagefind", "old_dir", "open_writer", "output_lock", "publish",
           "recover", "releases_dir", "save_cache", "save_manifest", "staging_dir"]


def publish(output: Path, display: str, rendered: RenderedSite, assets: dict[str, Path], previous: Previous | None,
            swap_lock: Callable[[], AbstractContextManager[object]] = nullcontext,
            progress: Progress | None = None, search: SearchIndex | None = None) -> dict[str, Record]:
    """Write the site: staged beside the output, then swapped in (or, over the site written last time,
    an update of the files that changed) while `swap_lock` is held. Gives the record of every file.
    With `search`, the search index of the new pages is its last step before the swap: an index that
    fails leaves the old site."""
    try:
        with open_writer(output, display, previous) as staging:
            written = staging.write(rendered.files, progress)
            written.update(staging.link(rendered.reused))
            written.update(staging.copy(assets))
            if search is not None:
                made, kept = search.files(rendered, previous)
                written.update(staging.write(made))
                written.update(staging.link(kept))
            with swap_lock():
                staging.swap_in()
    except OSError as exc:
        committed = (staging_dir(output) / JOURNAL).exists()
        hint = "fix it, then build again: the update is then completed" if committed else ""
        raise SiteError([write_problem(exc, output, display, hint)]) from None
    return written
