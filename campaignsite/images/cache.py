"""Images processed once: a cache by the digest of each source's bytes, kept beside the output.

Takes: an image file (its path, its name for messages, the folders a source may lie in) or its
bytes; the images processed by earlier builds.
Gives: the file's bytes or the `Problem` (`read_image`, under load's rule for every source file:
a regular file inside the campaign folder, not a link elsewhere, not a pipe or a folder);
`ImageCache`, which gives an image's `Encoded` without processing it again when a build has seen
the same bytes with the same settings (`process`, or `cached` and `keep` when the processing runs
in a worker); `process_all`, a build's images through the cache, those it lacks on forked workers;
`load_image_cache` to start a build from the cache folder. The write stage keeps it
there with `save_cache(output, IMAGES_FILE, cache.to_save())` when `cache.changed`.

The cache holds the variants' bytes: a rebuild writes them without decoding anything. It keeps only
the images the last build used, so it does not grow with every photo ever replaced. Like
`render.Conversions` it is passed in, never kept in a module: a test or a worker sees only its own.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import Problem
from ..load import Within, cache_dir, check_file, read_bytes, read_cache_file
from ..load.files import missing
from ..parallel import Workers, can_fork
from .encode import DEFAULT_SETTINGS, Encoded, ImageSettings, encode_image

IMAGES_FILE = "images.pickle"  # in the tool's cache folder, beside markdown.pickle


def read_image(path: Path, display: str, roots: Within) -> bytes | Problem:
    """The image file's bytes under the rule every source file keeps, or the problem (missing,
    not a regular file, a link out of the campaign, unreadable)."""
    info, problem = check_file(path, display, roots)
    if problem is not None:
        return problem
    if info is None:
        return missing(display)
    return read_bytes(path, display)


class ImageCache:
    """Processed images by a digest of their bytes and the settings."""

    def __init__(self, known: dict[str, Encoded] | None = None, settings: ImageSettings = DEFAULT_SETTINGS) -> None:
        self.settings = settings
        self.known: dict[str, Encoded] = {key: value for key, value in (known or {}).items()
                                          if isinstance(value, Encoded)}
        self.used: set[str] = set()
        self.processed = 0  # images processed (not found in the cache) since this cache was made
        self._loaded = set(self.known)

    def key(self, data: bytes) -> str:
        return hashlib.sha256(self.settings.key() + b"\0" + data).hexdigest()

    def cached(self, data: bytes) -> Encoded | None:
        """The image processed before, or None: then process it (here or in a worker) and `keep` it."""
        key = self.key(data)
        found = self.known.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def keep(self, data: bytes, encoded: Encoded) -> None:
        """An image processed for this build (here or by a worker)."""
        key = self.key(data)
        self.known[key] = encoded
        self.used.add(key)
        self.processed += 1

    def process(self, data: bytes, display: str) -> Encoded | Problem:
        """The image's variants, processed only when these bytes were never processed before; a
        problem is never cached (the author will fix the file, and the build stops anyway)."""
        found = self.cached(data)
        if found is not None:
            return found
        encoded = encode_image(data, display, self.settings)
        if isinstance(encoded, Encoded):
            self.keep(data, encoded)
        return encoded

    @property
    def changed(self) -> bool:
        """The cache to keep differs from the one loaded: an image was processed, or one is no longer used."""
        return self.used != self._loaded

    def to_save(self) -> dict[str, Encoded]:
        """The images this build used, for the next build to start from."""
        return {key: self.known[key] for key in sorted(self.used)}


def load_image_cache(output: Path, settings: ImageSettings = DEFAULT_SETTINGS) -> ImageCache:
    """The images the last build into `output` processed; an empty cache when there is none or it cannot be read."""
    return ImageCache(read_cache_file(cache_dir(output) / IMAGES_FILE), settings)


def process_all(cache: ImageCache, sources: Sequence[tuple[bytes, str]], workers: int = 1) -> list[Encoded | Problem]:
    """Each image's variants or problem, in the order of `sources` ((bytes, name for messages) each):
    the ones the cache knows at once; the others processed once per distinct content, on `workers`
    forked processes when there are several (only the results travel back, pickled)."""
    keys = [cache.key(data) for data, _ in sources]
    jobs = list({key: number for number, key in reversed(list(enumerate(keys))) if key not in cache.known}.values())
    problems: dict[str, Problem] = {}
    for number, result in _run(jobs, sources, cache, workers):
        if isinstance(result, Problem):
            problems[keys[number]] = result
        else:
            cache.keep(sources[number][0], result)
    found: list[Encoded | Problem] = []
    for key, (_, display) in zip(keys, sources, strict=True):
        if key in problems:
            found.append(replace(problems[key], file=display))
        else:
            cache.used.add(key)
            found.append(cache.known[key])
    return found


def _run(jobs: list[int], sources: Sequence[tuple[bytes, str]], cache: ImageCache,
         workers: int) -> Iterable[tuple[int, Encoded | Problem]]:
    def task(job: int) -> tuple[int, Encoded | Problem]:
        data, display = sources[jobs[job]]
        return jobs[job], encode_image(data, display, cache.settings)

    if workers > 1 and len(jobs) > 1 and can_fork():
        return Workers(task, min(workers, len(jobs)), len(jobs)).results()
    return (task(job) for job in range(len(jobs)))
