"""Every translated field of a campaign (found in `validate.translated`, where the build finds the stale ones too),
where each stands in a quickly read file, and the address of the page that shows it.

Takes: the campaign's `Sources`; a YAML file's text and the key paths wanted.
Gives: everything `validate.translated` gives (`Field`, `translated_fields`, `statuses`, `stale_fields`);
`positions`, where values stand in a quickly read file, without reading it exactly; `address`, the full address of
the English page that shows a field.
"""
from __future__ import annotations

from typing import Any

import yaml

from ..load.yamldoc import Mark
from ..render.urls import Urls
from ..routes import route_of
from ..validate.translated import BODY, STRINGS, Field, stale_fields, statuses, translated_fields

__all__ = ["BODY", "STRINGS", "Field", "address", "positions", "stale_fields", "statuses", "translated_fields"]
_C_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def address(field: Field, base_url: str) -> str:
    """The full address of the English page that shows the field (`base_url` a site's address ending in '/', as the
    model has it: the site's addresses are made in one place, `render.urls`)."""
    key, _, anchor = field.page.partition("#")
    return Urls(base_url).absolute(route_of(key, "en")) + (f"#{anchor}" if anchor else "")


def positions(text: str, paths: list[tuple]) -> dict[tuple, Mark]:
    """Where the value at each key path stands in YAML `text`, for the paths that are there: from the parser's
    events, without composing the file (several times faster; a file with a key that is not a text gives what was
    found before it)."""
    wanted, found = set(paths), dict[tuple, Mark]()
    frames: list[list[Any]] = []  # each open block: [is a mapping, its key now or its last index, a key is next]
    for event in yaml.parse(text, Loader=_C_LOADER):
        if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            frames.pop()
            if frames and frames[-1][0]:
                frames[-1][2] = True
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        top = frames[-1] if frames else None
        if top is not None and top[0] and top[2]:  # a mapping's key
            if not isinstance(event, yaml.ScalarEvent):
                return found
            top[1], top[2] = event.value, False
            continue
        if top is not None and not top[0]:
            top[1] += 1
        if (here := tuple(frame[1] for frame in frames)) in wanted and (at := event.start_mark) is not None:
            found[here] = Mark(at.line + 1, at.column + 1)
        if isinstance(event, yaml.CollectionStartEvent):
            frames.append([isinstance(event, yaml.MappingStartEvent), -1, True])
        elif top is not None and top[0]:
            top[2] = True
    return found
