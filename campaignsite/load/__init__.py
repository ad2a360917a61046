"""The load stage: the author's files read, no meaning yet; and what the last build left.

Takes: a campaign folder, the theme folder, the output folder.
Gives: `Sources` (every document, with positions when read exactly), the assets to publish, the
digest of every input, and `Previous` (the record of the last build) with the tool's caches; and
the rule every source file keeps (`check_file`, `read_text`, `list_files`: see `load.files`), for
the render stage's template loader.
"""
from .assets import collect_assets, fingerprint_assets, layered
from .files import Within, check_file, list_files, read_bytes, read_text, within
from .frontmatter import MarkdownDoc, load_markdown, parse_markdown
from .inputs import inputs_digest
from .previous import (
                       ACTIVITIES_FILE,
                       BYTECODE_DIR,
                       CONVERSIONS_FILE,
                       MANIFEST_FILE,
                       MARKER,
                       READINGS_FILE,
                       TEMPLATES_FILE,
                       Previous,
                       Record,
                       cache_dir,
                       check_cache_folder,
                       content_digest,
                       is_cache_folder,
                       load_previous,
                       read_cache_file,
)
from .sources import ACTIVITIES_DIR, ReadingCache, Sources, load_sources
from .theme import PACKAGE_DIR, STRINGS_FILE, THEME_DIR
from .yamldoc import Mark, YamlDoc, format_path, load_yaml, parse_yaml, quick_yaml

__all__ = [
    "ACTIVITIES_DIR", "ACTIVITIES_FILE", "BYTECODE_DIR", "CONVERSIONS_FILE", "MANIFEST_FILE", "MARKER", "PACKAGE_DIR",
    "READINGS_FILE", "STRINGS_FILE", "TEMPLATES_FILE",
    "THEME_DIR", "Mark", "MarkdownDoc", "Previous", "ReadingCache", "Record", "Sources", "Within", "YamlDoc",
    "cache_dir", "check_cache_folder", "check_file", "collect_assets", "content_digest",
    "fingerprint_assets", "format_path", "is_cache_folder",
    "inputs_digest", "layered", "list_files", "load_markdown", "load_previous", "load_sources", "load_yaml",
    "parse_markdown", "parse_yaml", "quick_yaml", "read_bytes", "read_cache_file", "read_text", "within",
]
